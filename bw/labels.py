"""Words and icons for every judgement class, so no verdict is carried by colour alone."""

from __future__ import annotations

from typing import NamedTuple

#: The languages of the labels, Dutch first.
LANGUAGES = ("nl", "en")


class Label(NamedTuple):
    """An icon and a word for one judgement class: ``Label('✖', 'onder minimum')``."""

    icon: str
    word: str

    def __str__(self) -> str:
        return f"{self.icon} {self.word}"


def _labels(pairs: dict[str, tuple[str, str, str]]) -> dict[str, dict[str, Label]]:
    """``{class: (icon, nl, en)}`` → ``{lang: {class: Label}}``."""
    return {
        lang: {cls: Label(icon, words[index]) for cls, (icon, *words) in pairs.items()}
        for index, lang in enumerate(LANGUAGES)
    }


#: Status against targets (methods.md §1).
STATUS_LABELS = _labels(
    {
        "below_minimum": ("✖", "onder minimum", "below minimum"),
        "above_minimum": ("◐", "boven minimum", "above minimum"),
        "ambition_reached": ("★", "ambitie bereikt", "ambition reached"),
        "above_ceiling": ("⚠", "boven plafond", "above ceiling"),
        "no_target": ("○", "geen streefwaarde", "no target"),
        "no_data": ("∅", "geen gegevens", "no data"),
    }
)
#: Trend over the window (methods.md §2); ⊕/⊖ say good/bad, the arrows only say up/down.
TREND_LABELS = _labels(
    {
        "improving": ("⊕", "verbetert", "improving"),
        "worsening": ("⊖", "verslechtert", "worsening"),
        "stable": ("=", "stabiel", "stable"),
        "rising": ("↗", "stijgt", "rising"),
        "falling": ("↘", "daalt", "falling"),
        "insufficient_data": ("…", "te weinig gegevens", "too little data"),
    }
)
#: Progress towards the target year (methods.md §4).
PROGRESS_LABELS = _labels(
    {
        "on_track": ("✓", "op koers", "on track"),
        "acceleration_needed": ("»", "versnelling nodig", "acceleration needed"),
        "limited_progress": ("›", "beperkte voortgang", "limited progress"),
        "moving_away": ("↩", "beweegt weg van doel", "moving away from target"),
        "target_reached": ("⚑", "doel bereikt", "target reached"),
        "insufficient_data": ("…", "te weinig gegevens", "too little data"),
    }
)
#: Difference with a reference (methods.md §3).
COMPARISON_LABELS = _labels(
    {
        "better": ("⊕", "beter", "better"),
        "comparable": ("≈", "vergelijkbaar", "comparable"),
        "worse": ("⊖", "slechter", "worse"),
        "higher": ("↑", "hoger", "higher"),
        "lower": ("↓", "lager", "lower"),
    }
)
#: Position among regions of the same level (methods.md §3). Neutral indicators have no good
#: direction: their quarters are the highest and lowest, with hollow (not judging) triangles.
QUARTILE_LABELS = _labels(
    {
        "best_quartile": ("▲", "beste kwart", "best quartile"),
        "middle": ("◆", "middengroep", "middle group"),
        "worst_quartile": ("▼", "slechtste kwart", "worst quartile"),
        "highest_quartile": ("△", "hoogste kwart", "highest quartile"),
        "lowest_quartile": ("▽", "laagste kwart", "lowest quartile"),
    }
)

#: Every judgement kind :func:`label` knows.
LABELS: dict[str, dict[str, dict[str, Label]]] = {
    "status": STATUS_LABELS,
    "trend": TREND_LABELS,
    "progress": PROGRESS_LABELS,
    "comparison": COMPARISON_LABELS,
    "quartile": QUARTILE_LABELS,
}


def label(kind: str, cls: str, *, lang: str = "nl") -> str:
    """A judgement class as ``"icon word"``, readable without colour.

    >>> label("status", "below_minimum")
    '✖ onder minimum'
    >>> label("trend", "improving", lang="en")
    '⊕ improving'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    try:
        classes = LABELS[kind][lang]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}; use one of {sorted(LABELS)}") from None
    try:
        return str(classes[str(cls)])
    except KeyError:
        raise ValueError(f"unknown {kind} class {cls!r}; use one of {sorted(classes)}") from None
