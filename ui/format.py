"""Display helpers: region labels, unit names and direction words, in the UI language.

Numbers themselves are formatted by :mod:`bw.formatting`; this module only adds the words.
"""

from __future__ import annotations

from bw.model import is_missing
from ui.i18n import current_language, t

#: English names of the catalogue's (Dutch) units; a unit not listed is shown as it is.
_UNITS_EN: dict[str, str] = {
    "aantal": "number",
    "euro": "euro",
    "euro per inwoner": "euro per inhabitant",
    "euro per arbeidsjaar": "euro per labour year",
    "jaar": "years",
    "km": "km",
    "per 1.000 inwoners": "per 1,000 inhabitants",
    "rapportcijfer": "score",
    "score (0–10)": "score (0–10)",
    "GJ per inwoner": "GJ per inhabitant",
    "kg per inwoner": "kg per inhabitant",
    "kg N per inwoner": "kg N per inhabitant",
    "ton per inwoner": "tonnes per inhabitant",
    "ton CO2-eq per inwoner": "tonnes CO2-eq per inhabitant",
    "mol N per ha per jaar": "mol N per ha per year",
}


def region_label(name: str, level: str, last_year: object = None) -> str:
    """``Amsterdam (gemeente)``; a code that no longer exists adds its last year."""
    kind = t(f"level.{level}")
    if not is_missing(last_year):
        kind = f"{kind}, {t('region.until', year=int(last_year))}"  # type: ignore[call-overload]
    return f"{name} ({kind})"


def unit_label(unit: str) -> str:
    """The unit in the UI language (units are stored in Dutch)."""
    if current_language() == "en":
        return _UNITS_EN.get(unit, unit)
    return unit


def direction_label(direction: str) -> str:
    """The good direction as an arrow with words (never colour alone)."""
    return t(f"direction.{direction}")
