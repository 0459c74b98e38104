"""The judgements of an indicator in words, and the tables the monitor pages show.

Everything here turns a :class:`bw.monitor.IndicatorAssessment` into text in the UI language:
icon + word labels from :func:`bw.figures.label` (never colour alone), Dutch-formatted numbers
from :mod:`bw.formatting`, and the sentences that say what status, trend, position and
progress mean for this region. No widgets: the ``render_*`` modules draw the results.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from bw import assess
from bw.figures import label
from bw.formatting import format_interval, format_number, format_period
from bw.model import Dimension, Level, is_missing
from bw.monitor import IndicatorAssessment, RegionAssessment
from bw.targets import is_example_target
from ui.format import unit_label
from ui.i18n import STRINGS, current_language, t
from ui.markdown import md

#: Dimensions in the order the monitor presents them.
DIMENSIONS = tuple(Dimension)
#: Status classes counted per dimension on the overview, in this order.
STATUS_COUNTED = ("below_minimum", "above_minimum", "ambition_reached", "no_target")
#: Trend classes tallied per dimension; rising/falling (neutral indicators) are tallied apart.
TREND_COUNTED = ("improving", "stable", "worsening", "insufficient_data")


def judgement(kind: str, cls: object) -> str:
    """A judgement class as "icon word" in the UI language; the en dash when there is none."""
    if is_missing(cls) or not str(cls):
        return format_number(None)
    try:
        return label(kind, str(cls), lang=current_language())
    except ValueError:  # a class this UI does not know: show it rather than fail
        return str(cls)


#: Status classes that judge the value against a target (no_target and no_data do not).
TARGET_STATUSES = frozenset({"below_minimum", "above_minimum", "ambition_reached", "above_ceiling"})


def uses_example_target(item: IndicatorAssessment) -> bool:
    """Whether the item's status verdict rests on one of bw's example streefwaarden."""
    return item.status in TARGET_STATUSES and is_example_target(item.target_source)


def status_text(item: IndicatorAssessment) -> str:
    """The status as "icon word", marked ``(voorbeeld-streefwaarde)`` when it uses an example."""
    text = judgement("status", item.status)
    return f"{text} {t('target.example_mark')}" if uses_example_target(item) else text


def status_cell(item: IndicatorAssessment) -> str:
    """The status for a narrow table cell: marked ``(voorbeeld)`` when it uses an example
    (the caption above the table says what that means)."""
    text = judgement("status", item.status)
    return f"{text} {t('target.example_mark_short')}" if uses_example_target(item) else text


def progress_text(item: IndicatorAssessment) -> str:
    """Progress to the target year as "icon word", marked likewise when it uses an example."""
    text = judgement("progress", item.progress)
    if item.progress and is_example_target(item.target_source):
        return f"{text} {t('target.example_mark')}"
    return text


def example_target_sentence(item: IndicatorAssessment) -> str | None:
    """Says that the item's target is an example and not the council's (its rationale)."""
    return t("target.example_note") if is_example_target(item.target_source) else None


def unit_text(item: IndicatorAssessment) -> str:
    return unit_label(item.unit)


def value_text(
    value: object, item: IndicatorAssessment, *, decimals: int | None = None, unit: bool = True
) -> str:
    """A value with its unit: ``50,8%``, ``12,3 km``; the en dash when missing.

    ``unit=False`` leaves long units out (where a heading or caption names them once); a
    percentage keeps its ``%``.
    """
    number = format_number(
        value, item.decimals if decimals is None else decimals, lang=current_language()
    )
    if is_missing(value) or not item.unit or (not unit and item.unit != "%"):
        return number
    unit = unit_text(item)
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


#: Reasons for a missing value that the UI words itself (bw.cbs_store); others are quoted.
KNOWN_MISSING_REASONS = (
    "te_weinig_respondenten",
    "niet_van_toepassing",
    "niet_gepubliceerd",
    "verdachte_reeks",
)


def value_cell(item: IndicatorAssessment) -> str:
    """The value for a table cell: marked when computed, or why there is none."""
    if item.value is None:
        if item.missing_reason in KNOWN_MISSING_REASONS:
            return t(f"missing.short.{item.missing_reason}")
        return t("overzicht.no_data")
    text = value_text(item.value, item)
    return f"{text} ({t('source.aggregated_mark')})" if item.origin == "aggregated" else text


def latest_cell(item: IndicatorAssessment) -> str:
    """The value with its year for a table cell: ``80,2% (2024*)``, ``0,4 km (2022, berekend)``;
    without a value, why there is none."""
    if item.value is None:
        return value_cell(item)
    year = period_text(item)
    if item.origin == "aggregated":
        year = f"{year}, {t('source.aggregated_mark')}"
    return f"{value_text(item.value, item)} ({year})"


def missing_sentence(item: IndicatorAssessment) -> str | None:
    """Why a newer value is absent, in the source's words where bw knows them; else None."""
    if item.missing_reason is None:
        return None
    if item.missing_reason in KNOWN_MISSING_REASONS:
        return t(f"missing.{item.missing_reason}", year=item.missing_period)
    return t("missing.other", year=item.missing_period, reason=md(item.missing_reason))


def rounds_to_zero(value: float, decimals: int) -> bool:
    """Whether a number is written as zero with these decimals (so it shows no direction)."""
    return format_number(abs(value), decimals).strip("0,.") == ""


def difference_text(
    value: float | None,
    item: IndicatorAssessment,
    *,
    signed: bool = False,
    extra_decimals: int = 0,
    unit: bool = True,
) -> str:
    """A difference in the indicator's unit; percentages differ in percentage points."""
    if is_missing(value):
        return format_number(None)
    decimals = item.decimals + extra_decimals
    number = format_number(abs(value) if not signed else value, decimals, lang=current_language())
    if signed and value is not None and value > 0 and not rounds_to_zero(value, decimals):
        number = f"+{number}"
    if item.unit == "%":
        return f"{number} {t('unit.percentage_points')}"
    return f"{number} {unit_text(item)}" if item.unit and unit else number


def percent_text(share: float | None, *, decimals: int = 1, signed: bool = False) -> str:
    """A share as a percentage: 0.123 → ``12,3%`` (``+12,3%`` when signed)."""
    if is_missing(share):
        return format_number(None)
    number = format_number(share * 100, decimals, lang=current_language())
    if signed and share > 0 and number.strip("0,.") != "":
        number = f"+{number}"
    return f"{number}%"


def publication_text(status: object) -> str:
    """CBS's publication status in words (``voorlopig``); an unknown status is shown as it is."""
    if not isinstance(status, str) or not status:
        return format_number(None)
    key = f"publication.{status}"
    return t(key) if key in STRINGS[current_language()] else status


def period_text(item: IndicatorAssessment) -> str:
    """The year of the latest value with CBS's mark: ``2024*`` is provisional."""
    return format_period(item.period, item.value_status)


def name_of(item: IndicatorAssessment) -> str:
    return item.name_en if current_language() == "en" else item.name_nl


def slope_arrow(item: IndicatorAssessment) -> str:
    """↑ or ↓ for a significant change (the sign of the slope), → for none or too few values.

    The arrow says whether the number rises; the trend word says whether that is good.
    """
    if item.trend in ("stable", "insufficient_data") or is_missing(item.slope_per_year):
        return "→"
    return "↑" if item.slope_per_year > 0 else "↓" if item.slope_per_year < 0 else "→"


def trend_text(item: IndicatorAssessment) -> str:
    """``↑ ⊕ verbetert``: the arrow for the number, the icon and word for the judgement."""
    return f"{slope_arrow(item)} {judgement('trend', item.trend)}"


def position_shifted(item: IndicatorAssessment) -> bool:
    """Whether the item's own value is newer than the comparison period of its position (§3)."""
    return (
        item.comparison_period is not None
        and item.period is not None
        and item.period > item.comparison_period
    )


def rank_text(item: IndicatorAssessment, *, with_year: bool = True) -> str:
    """``12 van 84``, or ``41 van 340 (over 2024)`` when the value is newer than the comparison
    period; the en dash when not ranked (NL, region groups, no value in the comparison period)."""
    if is_missing(item.rank) or is_missing(item.n):
        return format_number(None)
    lang = current_language()
    rank, n = format_number(item.rank, lang=lang), format_number(item.n, lang=lang)
    if with_year and position_shifted(item):
        return t("rank.of_in", rank=rank, n=n, year=item.comparison_period)
    return t("rank.of", rank=rank, n=n)


def position_note(item: IndicatorAssessment, *, level_plural: str) -> str | None:
    """Why the position is over another period than the value, or why there is none (§3).

    ``Positie over 2024: voor 2025 hebben 2 van 340 gemeenten een waarde.``; None when the
    position is simply that of the value's own year (or the region is not ranked at all).
    """
    if item.value is None or item.comparison_n_reporting is None:
        return None  # no value, or NL / a region group: compared in its own period
    lang = current_language()
    if item.comparison_period is None:
        limits = assess.DEFAULT_THRESHOLDS
        return t(
            "position.no_period",
            years=limits.trend_window_years,
            share=percent_text(limits.comparison_coverage, decimals=0),
            regions=level_plural,
        )
    if is_missing(item.rank):
        return t("position.no_value_in_period", year=item.comparison_period, regions=level_plural)
    if not position_shifted(item):
        return None
    return t(
        "position.over",
        year=item.comparison_period,
        latest=item.comparison_latest_year,
        n_latest=format_number(item.comparison_n_latest, lang=lang),
        n=format_number(item.comparison_n_reporting, lang=lang),
        regions=level_plural,
    )


def comparison_notes(items: Iterable[IndicatorAssessment], *, level_plural: str) -> list[str]:
    """One sentence per comparison period that differs from the values' own years, naming the
    indicators it applies to (the overview's note under its table)."""
    groups: dict[tuple, list[str]] = {}
    for item in items:
        if position_shifted(item) and item.comparison_latest_year is not None:
            key = (
                item.comparison_period,
                item.comparison_latest_year,
                item.comparison_n_latest,
                item.comparison_n_reporting,
            )
            groups.setdefault(key, []).append(name_of(item))
    lang = current_language()
    return [
        t(
            "overzicht.comparison_note",
            year=year,
            latest=latest,
            n_latest=format_number(n_latest, lang=lang),
            n=format_number(n, lang=lang),
            regions=level_plural,
            indicators=", ".join(names),
        )
        for (year, latest, n_latest, n), names in sorted(groups.items())
    ]


def comparison_text(cls: str | None, relative: float | None) -> str:
    """``⊕ beter (+12,3%)``: the judgement and the relative difference with the reference."""
    if is_missing(cls):
        return format_number(None)
    return f"{judgement('comparison', cls)} ({percent_text(relative, signed=True)})"


def dimension_names(item: IndicatorAssessment) -> str:
    return " · ".join(t(f"dimension.{dimension}") for dimension in item.dimensions)


def theme_names(themes: pd.DataFrame) -> dict[str, str]:
    """Theme id → name in the UI language."""
    column = "name_en" if current_language() == "en" else "name_nl"
    return dict(zip(themes["theme_id"], themes[column], strict=True))


def themes_of(item: IndicatorAssessment, dimension: str, themes: pd.DataFrame) -> list[str]:
    """The item's theme ids that belong to ``dimension``, in presentation order."""
    of_dimension = themes.loc[themes["dimension"] == dimension, "theme_id"].tolist()
    return [theme for theme in of_dimension if theme in item.theme_ids]


def items_of(assessment: RegionAssessment, dimension: str) -> list[IndicatorAssessment]:
    return [item for item in assessment.items if dimension in item.dimensions]


def ordered_items(assessment: RegionAssessment, themes: pd.DataFrame) -> list[IndicatorAssessment]:
    """Items by dimension, theme order and name (the order of the monitor)."""
    order = {theme: index for index, theme in enumerate(themes["theme_id"])}
    dims = {dimension: index for index, dimension in enumerate(DIMENSIONS)}

    def key(item: IndicatorAssessment) -> tuple:
        first = item.dimensions[0] if item.dimensions else ""
        return (dims.get(first, 99), order.get(item.theme, 999), name_of(item).casefold())

    return sorted(assessment.items, key=key)


# ---------------------------------------------------------------------------------------------
# Counts for the overview


def status_counts(items: Iterable[IndicatorAssessment]) -> dict[str, int]:
    """How many items have each status; ``above_ceiling`` and ``no_data`` only when present."""
    counts = dict.fromkeys(STATUS_COUNTED, 0)
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return {cls: n for cls, n in counts.items() if cls in STATUS_COUNTED or n}


def trend_counts(items: Iterable[IndicatorAssessment]) -> dict[str, int]:
    """Improving / stable / worsening / too little data, plus ``neutral`` (rising, falling)."""
    counts = dict.fromkeys((*TREND_COUNTED, "neutral"), 0)
    for item in items:
        if item.value is None:
            continue
        key = "neutral" if item.trend in ("rising", "falling") else item.trend
        counts[key] = counts.get(key, 0) + 1
    if not counts["neutral"]:
        del counts["neutral"]
    return counts


def count_label(kind: str, cls: str) -> str:
    """The label above a count: the judgement label, or the words for neutral changes."""
    if kind == "trend" and cls == "neutral":
        return t("overzicht.trend_neutral")
    return judgement(kind, cls)


def status_matrix_frame(assessment: RegionAssessment, themes: pd.DataFrame) -> pd.DataFrame:
    """A row per indicator and theme it counts for: ``dimension``, ``theme`` (names), ``status``."""
    names = theme_names(themes)
    rows = []
    for theme in themes.itertuples(index=False):
        for item in assessment.items:
            if theme.theme_id in item.theme_ids:
                rows.append(
                    {
                        "dimension": t(f"dimension.{theme.dimension}"),
                        "theme": names[theme.theme_id],
                        "status": item.status,
                    }
                )
    return pd.DataFrame(rows, columns=["dimension", "theme", "status"])


def status_matrix_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The status matrix as a table: theme, dimension and a count column per status label."""
    # The same columns as the figure: every class, "boven plafond" only when it occurs.
    classes = [
        cls
        for cls in assess.StatusClass
        if cls != "above_ceiling" or (frame["status"] == cls).any()
    ]
    rows = []
    for (dimension, theme), part in frame.groupby(["dimension", "theme"], sort=False):
        row = {t("col.theme"): theme, t("col.dimension"): dimension}
        for cls in classes:
            row[judgement("status", cls)] = int((part["status"] == cls).sum())
        rows.append(row)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# The overview table


#: The overview's columns in the order they show: the indicator and its three judgements first
#: (they fit a laptop without scrolling, ui/tables.py), then the value with its year, the
#: sparkline and the theme (which implies the dimension). ``value`` and ``period`` stay in the
#: frame for sorting and checks but are not shown: ``latest`` says both.
OVERVIEW_COLUMNS = (
    "indicator",
    "status",
    "trend",
    "rank",
    "vs_nl",
    "latest",
    "series",
    "theme",
    "value",
    "period",
)
#: The columns the overview shows (``column_order``).
OVERVIEW_SHOWN = OVERVIEW_COLUMNS[:-2]


def overview_table(
    assessment: RegionAssessment, themes: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """The overview's display table (texts in the UI language) and the indicator id per row."""
    names = theme_names(themes)
    rows, ids = [], []
    for item in ordered_items(assessment, themes):
        has_value = item.value is not None
        rows.append(
            {
                "indicator": name_of(item),
                "status": status_cell(item),
                "trend": trend_text(item) if has_value else format_number(None),
                "rank": rank_text(item),
                "vs_nl": comparison_text(item.vs_nl_class, item.vs_nl),
                "latest": latest_cell(item),
                "series": [float(value) for value in item.series.values],
                "theme": names.get(item.theme, item.theme),
                "value": value_cell(item),
                "period": period_text(item),
            }
        )
        ids.append(item.indicator)
    return pd.DataFrame(rows, columns=list(OVERVIEW_COLUMNS)), ids


def overview_export(assessment: RegionAssessment, themes: pd.DataFrame) -> pd.DataFrame:
    """The overview as numbers for a CSV download (labels in words next to the raw values)."""
    names = theme_names(themes)
    rows = []
    # numbers as precise as they are known: bw.export.ROUNDING, as in `bw assess --json`
    for item in (i.rounded() for i in ordered_items(assessment, themes)):
        rows.append(
            {
                t("csv.region_code"): assessment.region.code,
                t("csv.region"): assessment.region.name,
                t("csv.indicator_id"): item.indicator,
                t("col.indicator"): name_of(item),
                t("col.dimension"): dimension_names(item),
                t("col.theme"): names.get(item.theme, item.theme),
                t("col.unit"): unit_text(item),
                t("csv.year"): item.period,
                t("csv.publication_status"): item.value_status,
                t("col.value"): item.value,
                t("csv.ci_low"): item.ci_low,
                t("csv.ci_high"): item.ci_high,
                t("target.minimum"): item.minimum,
                t("target.ambition"): item.ambition,
                t("target.target_year"): item.target_year,
                t("col.status"): status_text(item),
                t("col.trend"): trend_text(item),
                t("csv.slope"): item.slope_per_year,
                t("csv.p_value"): item.p_value,
                t("csv.rank"): item.rank,
                t("csv.n"): item.n,
                t("col.quartile"): judgement("quartile", item.quartile),
                t("csv.comparison_period"): item.comparison_period,
                t("csv.vs_nl"): item.vs_nl,
                t("col.vs_nl"): judgement("comparison", item.vs_nl_class),
                t("csv.coverage"): item.coverage,
                t("csv.origin"): t(f"csv.origin_{item.origin}") if item.origin else None,
                t("csv.missing_reason"): item.missing_reason,
                t("csv.cbs_code"): item.cbs_code,
                t("csv.source"): item.source,
                t("csv.load"): item.load_id,
            }
        )
    frame = pd.DataFrame(rows)
    for column in (
        t("csv.year"),
        t("target.target_year"),
        t("csv.rank"),
        t("csv.n"),
        t("csv.comparison_period"),
        t("csv.load"),
    ):
        frame[column] = frame[column].astype("Int64")
    return frame


# ---------------------------------------------------------------------------------------------
# Sentences: the three judgements, progress and projection


def status_sentence(item: IndicatorAssessment, region_label: str) -> str:
    """What the status means, with the distance to the minimum and the way to the ambition."""
    # The unit once, with the value; the other numbers are in the same unit.
    value = value_text(item.value, item)
    minimum = value_text(item.minimum, item, unit=False)
    ambition = value_text(item.ambition, item, unit=False)
    if item.status == "no_data":
        why = missing_sentence(item)
        return t("status.no_data", region=region_label) + (f" {why}" if why else "")
    if item.status == "no_target":
        return t("status.no_target", region=region_label)
    if item.status == "above_ceiling":
        return t(
            "status.above_ceiling", value=value, ceiling=value_text(item.ceiling, item, unit=False)
        )
    parts = []
    if item.minimum is not None and item.distance_to_minimum is not None:
        distance = difference_text(item.distance_to_minimum, item, unit=False)
        if item.distance_to_minimum > 0:
            parts.append(
                t("status.better_than_minimum", value=value, distance=distance, minimum=minimum)
            )
        elif item.distance_to_minimum < 0:
            parts.append(
                t("status.worse_than_minimum", value=value, distance=distance, minimum=minimum)
            )
        else:
            parts.append(t("status.at_minimum", value=value, minimum=minimum))
    if item.ambition is not None:
        if item.status == "ambition_reached":
            parts.append(t("status.ambition_reached", ambition=ambition))
        elif item.gap_share is not None and item.status == "above_minimum":
            parts.append(
                t(
                    "status.gap_share",
                    share=percent_text(item.gap_share, decimals=0),
                    ambition=ambition,
                )
            )
        else:
            parts.append(t("status.ambition_not_reached", ambition=ambition))
    if item.target_year is not None:
        parts.append(t("status.target_year", year=item.target_year))
    return " ".join(parts)


def trend_sentence(item: IndicatorAssessment) -> str:
    """The slope per year, its p-value and the window, or why there is no trend."""
    lang = current_language()
    if item.value is None:
        return t("trend.no_data")
    if item.trend == "insufficient_data" or item.slope_per_year is None:
        return t(
            "trend.insufficient",
            points=assess.DEFAULT_THRESHOLDS.min_trend_points,
            years=assess.DEFAULT_THRESHOLDS.trend_window_years,
        )
    # One decimal more than the values: a slope is a small number per year.
    slope = difference_text(item.slope_per_year, item, signed=True, extra_decimals=1)
    p_value = format_number(item.p_value, 3, lang=lang)
    if item.p_value is not None and item.p_value < 0.001:
        p_value = "< " + format_number(0.001, 3, lang=lang)
    text = t(
        "trend.slope",
        slope=slope,
        first=item.trend_first_year,
        last=item.trend_last_year,
        p=p_value,
    )
    if item.trend == "stable":
        text += " " + t("trend.stable_note")
    return text


def recent_change_sentence(item: IndicatorAssessment) -> str | None:
    """The latest value against the previous period; says when intervals overlap."""
    if item.recent_change is None or item.previous_period is None:
        return None
    text = t(
        "trend.recent",
        change=difference_text(item.recent_change, item, signed=True, unit=False),
        relative=percent_text(item.recent_change_relative, signed=True),
        previous=item.previous_period,
    )
    if item.recent_change_is_change is False:
        text += " " + t("trend.recent_overlap")
    return text


def position_sentences(
    item: IndicatorAssessment, assessment: RegionAssessment, *, level_plural: str
) -> list[str]:
    """Rank and quartile among regions of the same level, then the differences with references."""
    region = assessment.region
    sentences: list[str] = []
    if item.value is None:
        return [t("position.no_data")]
    if region.level == Level.NL:
        sentences.append(t("position.is_nl"))
    elif region.level == Level.GROUP:
        sentences.append(t("position.group"))
    else:
        note = position_note(item, level_plural=level_plural)
        if note:
            sentences.append(note)
        if item.rank is not None and item.n is not None:
            sentences.append(
                t(
                    "position.rank_neutral" if item.direction == "neutral" else "position.rank",
                    rank=rank_text(item, with_year=False),
                    regions=level_plural,
                    quartile=judgement("quartile", item.quartile),
                )
            )
        elif not note:
            sentences.append(t("position.not_ranked"))
    comparisons = [
        (t("reference.nl"), item.vs_nl_class, item.vs_nl),
        (
            assessment.province.name if assessment.province else None,
            item.vs_province_class,
            item.vs_province,
        ),
        (t("reference.peer"), item.vs_peer_class, item.vs_peer),
    ]
    shown = [
        f"{name}: {comparison_text(cls, rel)}"
        for name, cls, rel in comparisons
        if name and cls is not None
    ]
    if shown and position_shifted(item):
        sentences.append(
            t("position.compared_in", year=item.comparison_period, comparisons="; ".join(shown))
        )
    elif shown:
        sentences.append(t("position.compared", comparisons="; ".join(shown)))
    elif region.level != Level.NL:
        sentences.append(t("position.no_comparison"))
    return sentences


def progress_sentence(item: IndicatorAssessment) -> str:
    """Progress towards the target year in words, with the ratio R."""
    if item.target_year is None:
        return t("progress.no_target_year")
    if item.progress is None:
        return t("progress.none")
    text = t("progress.class", year=item.target_year)
    if item.progress_ratio is not None and item.progress not in ("target_reached",):
        text += " " + t(
            "progress.ratio", ratio=format_number(item.progress_ratio, 2, lang=current_language())
        )
    return text


def minimum_reached_sentence(item: IndicatorAssessment) -> str | None:
    """``minimum al gehaald`` / ``minimum bereikt in 2031`` / ``niet vóór 2050``; None without."""
    if item.minimum is None or item.value is None:
        return None
    if item.year_minimum_reached is not None and item.year_minimum_reached == item.period:
        return t("projection.minimum_met")
    if item.year_minimum_reached is not None:
        return t("projection.minimum_in", year=item.year_minimum_reached)
    if item.minimum_not_before_horizon:
        return t("projection.minimum_not_before", year=assess.DEFAULT_THRESHOLDS.projection_horizon)
    return t("projection.minimum_unknown")


def projection_sentence(item: IndicatorAssessment) -> str | None:
    """The projected value in the target year, with its band, named as a projection."""
    projection = item.projection
    if projection is None or item.target_year is None or item.projected_value is None:
        return None
    band = format_interval(
        projection.band_low[-1], projection.band_high[-1], item.decimals, lang=current_language()
    )
    return t(
        "projection.value",
        year=item.target_year,
        value=value_text(item.projected_value, item),
        band=band,
    )


def coverage_sentence(assessment: RegionAssessment) -> str | None:
    """For a region group: members, weighting and the population coverage of its values."""
    if not assessment.members:
        return None
    coverages = [item.coverage for item in assessment.items if item.coverage is not None]
    text = t("group.members", n=len(assessment.members))
    if coverages:
        low, high = min(coverages), max(coverages)
        if math.isclose(low, high):
            text += " " + t("group.coverage", share=percent_text(low, decimals=0))
        else:
            text += " " + t(
                "group.coverage_range",
                low=percent_text(low, decimals=0),
                high=percent_text(high, decimals=0),
            )
    missing = sum(1 for item in assessment.items if item.value is None)
    if missing:
        text += " " + t("group.missing", n=missing)
    return text


# ---------------------------------------------------------------------------------------------
# The series table (the chart's table alternative)


def references_of(
    item: IndicatorAssessment, assessment: RegionAssessment, *, comparable: bool
) -> dict[str, pd.DataFrame]:
    """The reference series to draw: Nederland, the province, the peer group (when they apply)."""
    if not comparable:
        return {}
    region = assessment.region
    refs: dict[str, pd.DataFrame] = {}
    if region.level != Level.NL:
        refs[t("reference.nl")] = assessment.reference_series(item.indicator, Level.NL)
    if assessment.province is not None:
        refs[assessment.province.name] = assessment.reference_series(item.indicator, Level.PV)
    if assessment.peer_key is not None:
        refs[t("reference.peer")] = assessment.reference_series(item.indicator, "peer")
    return {name: frame for name, frame in refs.items() if not frame.empty}


def series_tables(
    item: IndicatorAssessment, references: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The series with its references per year: (display texts, raw numbers for CSV)."""
    lang = current_language()
    frame = item.series.frame()
    raw = pd.DataFrame(
        {
            t("csv.year"): frame["year"],
            t("col.value"): frame["value"],
            t("csv.ci_low"): frame["ci_low"],
            t("csv.ci_high"): frame["ci_high"],
            t("csv.publication_status"): frame["status"],
            t("col.unit"): unit_text(item),
        }
    )
    display = pd.DataFrame(
        {
            "year": [
                format_period(year, status)
                for year, status in zip(frame["year"], frame["status"], strict=True)
            ],
            "value": [value_text(value, item, unit=False) for value in frame["value"]],
            "interval": [
                format_interval(low, high, item.decimals, lang=lang)
                for low, high in zip(frame["ci_low"], frame["ci_high"], strict=True)
            ],
            "status": [publication_text(status) for status in frame["status"]],
        }
    )
    for name, ref in references.items():
        by_year = dict(zip(ref["year"].astype(int), ref["value"], strict=True))
        values = [by_year.get(int(year)) for year in frame["year"]]
        raw[name] = pd.Series(values, dtype="float64")
        display[name] = [value_text(value, item, unit=False) for value in values]
    if not frame["ci_low"].notna().any():
        display = display.drop(columns="interval")
        raw = raw.drop(columns=[t("csv.ci_low"), t("csv.ci_high")])
    return display, raw


def projection_tables(item: IndicatorAssessment) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The projection per year (display, raw), or None without one worth showing."""
    projection = item.projection
    if projection is None or item.target_year is None or len(projection.years) < 2:
        return None
    lang = current_language()
    years = list(projection.years[1:])  # the first year is the latest observation
    values = list(projection.values[1:])
    low, high = list(projection.band_low[1:]), list(projection.band_high[1:])
    display = pd.DataFrame(
        {
            "year": [str(year) for year in years],
            "value": [value_text(value, item, unit=False) for value in values],
            "band": [
                format_interval(lo, hi, item.decimals, lang=lang)
                for lo, hi in zip(low, high, strict=True)
            ],
        }
    )
    raw = pd.DataFrame(
        {
            t("csv.year"): years,
            t("csv.projection"): values,
            t("csv.band_low"): low,
            t("csv.band_high"): high,
        }
    )
    return display, raw


def projection_frame(item: IndicatorAssessment) -> pd.DataFrame | None:
    """The projection as the frame :func:`bw.figures.figure_series` draws, or None."""
    projection = item.projection
    if projection is None or item.target_year is None or len(projection.years) < 2:
        return None
    return pd.DataFrame(
        {
            "year": list(projection.years),
            "value": list(projection.values),
            "band_low": list(projection.band_low),
            "band_high": list(projection.band_high),
        }
    )


def target_of(item: IndicatorAssessment) -> dict[str, object]:
    """The target lines for the chart."""
    return {
        "minimum": item.minimum,
        "ambition": item.ambition,
        "ceiling": item.ceiling,
        "target_year": item.target_year,
        "baseline_year": item.baseline_year,
    }


def theme_table(items: list[IndicatorAssessment]) -> pd.DataFrame:
    """A short table of a theme's indicators: the three judgements first, then the value."""
    return pd.DataFrame(
        [
            {
                "indicator": name_of(item),
                "status": status_cell(item),
                "trend": trend_text(item) if item.value is not None else format_number(None),
                "rank": rank_text(item),
                "vs_nl": comparison_text(item.vs_nl_class, item.vs_nl),
                "latest": latest_cell(item),
            }
            for item in items
        ],
        columns=["indicator", "status", "trend", "rank", "vs_nl", "latest"],
    )
