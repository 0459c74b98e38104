"""CBS codes the CBS loaders share: region codes and their levels, periods and their status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bw.model import Level

# --------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------

#: CBS region codes bw stores (stripped of the padding v3 and untyped CSVs add).
REGION_CODE = re.compile(r"(NL\d{2}|LD0[1-4]|PV(2\d|3[01])|CR\d{2}|GM\d{4}|WK\d{6}|BU\d{8})")


def level_of(code: str) -> Level:
    """The level of a CBS region code from its prefix.

    >>> str(level_of("GM0363"))
    'GM'
    """
    return Level(code[:2])


def is_region_code(code: str) -> bool:
    """Whether a stripped text is a CBS region code bw can store.

    >>> is_region_code("GM0363"), is_region_code("AM01")
    (True, False)
    """
    return REGION_CODE.fullmatch(code) is not None


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """A region as the table's own region list describes it."""

    code: str  # 'GM0738'
    name: str  # 'Aalburg'
    description: str = ""  # 'Opgeheven per 01-01-2019\nOntstaan per 01-01-1973'
    province_code: str | None = None  # 'PV30'

    @property
    def first_year(self) -> int | None:
        """The year the code came into use, from 'Ontstaan per' or 'Begindatum'."""
        found = re.search(
            r"(?:Ontstaan per|Begindatum)\s+\d{1,2}-\d{1,2}-(\d{4})", self.description
        )
        return int(found.group(1)) if found else None

    @property
    def last_year(self) -> int | None:
        """The last calendar year of a dissolved code ('Opgeheven per 01-01-2019' → 2018)."""
        found = re.search(r"Opgeheven per\s+(\d{1,2})-(\d{1,2})-(\d{4})", self.description)
        if not found:
            return None
        day, month, year = (int(g) for g in found.groups())
        return year - 1 if (day, month) == (1, 1) else year


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------

_PERIOD_CODE = re.compile(r"(\d{4})(JJ00|KW0[1-4]|MM(?:0[1-9]|1[0-2]))")
_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_PERIOD_LABEL = re.compile(
    r"(\d{4})(?:\s+(?:([1-4])e\s+kwartaal|(" + "|".join(_MONTHS) + r")))?\s*(\*{0,2})",
    re.IGNORECASE,
)
_STATUS_WORDS = {
    "definitief": "definitief",
    "voorlopig": "voorlopig",
    "nader voorlopig": "nader_voorlopig",
}


def parse_period(
    raw: str | None, statuses: dict[str, str] | None = None
) -> tuple[str, int, str] | None:
    """(period, year, status) of a CBS period code or StatLine label, or None.

    >>> parse_period("2023JJ00"), parse_period("2024*"), parse_period("2018 2e kwartaal")
    (('2023', 2023, 'definitief'), ('2024', 2024, 'voorlopig'), ('2018KW02', 2018, 'definitief'))
    """
    text = " ".join(str(raw or "").split())
    status = (statuses or {}).get(text)
    found = _PERIOD_CODE.fullmatch(text)
    if found:
        year, part = found.groups()
        period = year if part == "JJ00" else year + part
        return period, int(year), status or "definitief"
    found = _PERIOD_LABEL.fullmatch(text)
    if not found:
        return None
    year, quarter, month, stars = found.groups()
    period = year
    if quarter:
        period = f"{year}KW0{quarter}"
    elif month:
        period = f"{year}MM{_MONTHS.index(month.lower()) + 1:02d}"
    starred = {"*": "voorlopig", "**": "nader_voorlopig"}.get(stars, "definitief")
    return period, int(year), status or starred


def status_of(word: str | None) -> str | None:
    """A CBS period status word ('Nader voorlopig') as bw's status, or None."""
    return _STATUS_WORDS.get(" ".join(str(word or "").casefold().split()))
