"""A one-page printable factsheet of a region: self-contained HTML, every text escaped."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from html import escape
from typing import TypeVar

from bw.formatting import format_number
from bw.labels import label
from bw.model import Dimension
from bw.monitor import IndicatorAssessment, RegionAssessment
from bw.reports import kit
from bw.reports.texts import FACTSHEET as _TEXT
from bw.targets import is_example_target

DIMENSIONS = tuple(Dimension)

#: How many indicators the "biggest changes" lists show.
TOP_CHANGES = 3


#: Rows a list shows at most, so the factsheet fits one A4 page for every region; the rest is
#: counted in a line under the list (and every indicator is in the app's Overzicht and CSV).
MAX_BELOW_ROWS = 8
MAX_POSITION_ROWS = 6

#: One A4 page, portrait: 210 mm minus 2 × 13 mm margin leaves 184 mm (695 px at 96 dpi, where
#: A4 is 794 px), at a smaller type than the other reports so a region fits on one sheet. Tables
#: have a fixed layout with set column widths and wrap long names and numbers, so no header or
#: number can push the page wider (the old layout was 1020 px wide in print).
STYLE = """
@page { size: A4 portrait; margin: 12mm 13mm; }
body { font-size: 9pt; line-height: 1.28; max-width: 184mm; }
h1 { font-size: 16pt; margin: 0 0 1.5mm; }
h2 { font-size: 11pt; margin: 3mm 0 0.8mm; break-after: avoid; }
p { margin: 0.6mm 0; } .small { font-size: 7.5pt; }
.demo { padding: 1.2mm 2.5mm; }
table { margin: 0.8mm 0; table-layout: fixed; }
th, td { padding: 0.5mm 1.2mm; hyphens: auto; }
th { font-size: 7.5pt; line-height: 1.15; overflow-wrap: normal; }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 5mm; }
"""


def build_factsheet(
    assessment: RegionAssessment,
    *,
    lang: str = "nl",
    demo: bool,
    cbs: bool = False,
    generated_at: datetime | None = None,
) -> str:
    """The factsheet of a region as one self-contained HTML document."""
    text = _TEXT[lang]
    region = assessment.region
    items = [item for item in assessment.items if item.value is not None]
    date = (generated_at or datetime.now()).strftime(kit.date_format(lang))
    parts = []
    if demo:
        parts.append(kit.demo_note(text["demo"]))
    elif cbs:
        parts.append(f'<p class="small" role="note">{escape(text["cbs"])}</p>')
    parts.append(kit.small(f"{text['made'].format(date=date)} {text['period']}"))
    if assessment.members:
        parts.append(kit.small(text["coverage"].format(n=len(assessment.members))))
    parts += _headline(items, text, lang)
    parts += _below_minimum(items, text, lang)
    parts += _changes(items, text, lang)
    parts += _position(assessment, items, text, lang)
    parts += _sources(items, text)
    return kit.document(f"{text['title']}: {region.name}", parts, lang=lang, style=STYLE)


def _name(item: IndicatorAssessment, lang: str) -> str:
    return item.name_en if lang == "en" else item.name_nl


#: Status classes that judge the value against a target.
_TARGET_STATUSES = ("below_minimum", "above_minimum", "ambition_reached", "above_ceiling")


def _uses_example(item: IndicatorAssessment) -> bool:
    """Whether the item's status rests on one of bw's example streefwaarden."""
    return item.status in _TARGET_STATUSES and is_example_target(item.target_source)


def _value(item: IndicatorAssessment, value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    # a no-break space: a narrow column wraps before the number, never between it and its unit
    text = f"{format_number(value, item.decimals, lang=lang)}\u00a0{item.unit}"
    if item.origin == "aggregated" and value == item.value:
        text += " (berekend)" if lang == "nl" else " (computed)"
    return text


_T = TypeVar("_T")


def _period(item: IndicatorAssessment) -> str:
    marks = {"voorlopig": "*", "nader_voorlopig": "**"}
    return f"{item.period}{marks.get(item.value_status or '', '')}"


def _shortened(items: list[_T], limit: int) -> list[_T]:
    """The first ``limit`` items, or all when only one more would be left (its line costs as
    much room as the row itself)."""
    return items if len(items) <= limit + 1 else items[:limit]


def _more(hidden: int, text: dict[str, str]) -> list[str]:
    """The line under a shortened list: how many rows it left out and where they all are."""
    if hidden <= 0:
        return []
    return [kit.small(text["more"].format(n=hidden))]


def _headline(items: list[IndicatorAssessment], text: dict[str, str], lang: str) -> list[str]:
    statuses = ("below_minimum", "above_minimum", "ambition_reached", "no_target")
    trends = ("improving", "stable", "worsening")
    headers = [(text["dimension"], False), (text["indicators"], True)]
    headers += [(label("status", s, lang=lang), True) for s in statuses]
    headers += [(label("trend", t, lang=lang), True) for t in trends]
    rows = []
    for dimension in DIMENSIONS:
        members = [item for item in items if dimension in item.dimensions]
        status_count = Counter(item.status for item in members)
        trend_count = Counter(item.trend for item in members)
        rows.append(
            [text[dimension], str(len(members))]
            + [str(status_count[s]) for s in statuses]
            + [str(trend_count[t]) for t in trends]
        )
    # the dimension name, then eight narrow count columns whose headers wrap
    widths = [13, 10] + [round(77 / (len(headers) - 2), 2)] * (len(headers) - 2)
    parts = [kit.heading(text["headline"]), *kit.table(headers, rows, widths=widths)]
    examples = sum(1 for item in items if _uses_example(item))
    if examples:
        parts.append(kit.small(text["example_note"].format(n=examples)))
    return parts


def _below_minimum(items: list[IndicatorAssessment], text: dict[str, str], lang: str) -> list[str]:
    below = [item for item in items if item.status == "below_minimum"]
    parts = [kit.heading(text["below"])]
    if not below:
        return [*parts, f"<p>{escape(text['below_none'])}</p>"]
    headers = [
        (text["indicator"], False),
        (text["value"], True),
        (text["minimum"], True),
        (text["ambition"], True),
        (text["trend"], False),
    ]
    # furthest below the minimum first (relative to the minimum, so units compare)
    below.sort(key=lambda i: -_shortfall(i))
    rows = [
        [
            f"{_name(i, lang)} ({_period(i)})"
            + (f" {text['example_mark']}" if _uses_example(i) else ""),
            _value(i, i.value, lang),
            _value(i, i.minimum, lang),
            _value(i, i.ambition, lang),
            label("trend", i.trend, lang=lang),
        ]
        for i in _shortened(below, MAX_BELOW_ROWS)
    ]
    return [
        *parts,
        *kit.table(headers, rows, widths=[43, 14, 14, 14, 15]),
        *_more(len(below) - len(rows), text),
    ]


def _shortfall(item: IndicatorAssessment) -> float:
    """How far below its minimum an item is, as a share of the minimum (0 when unknown)."""
    if item.distance_to_minimum is None or not item.minimum:
        return 0.0
    return -item.distance_to_minimum / abs(item.minimum)


def relative_slope(item: IndicatorAssessment) -> float | None:
    """The trend's change per year as a share of the latest value (None without a trend)."""
    if item.slope_per_year is None or not item.value:
        return None
    return item.slope_per_year / abs(item.value)


def _changes(items: list[IndicatorAssessment], text: dict[str, str], lang: str) -> list[str]:
    parts = [kit.heading(text["changes"]), kit.small(text["changes_note"]), '<div class="cols">']
    for trend in ("improving", "worsening"):
        chosen = sorted(
            (
                (i, slope)
                for i in items
                if i.trend == trend and (slope := relative_slope(i)) is not None
            ),
            key=lambda pair: abs(pair[1]),
            reverse=True,
        )[:TOP_CHANGES]
        parts.append(f"<div><p><strong>{escape(text[trend])}</strong></p>")
        if not chosen:
            parts.append(f"<p>{escape(text['none'])}</p></div>")
            continue
        rows = [
            [_name(i, lang), f"{format_number(100 * slope, 1, lang=lang)}%"] for i, slope in chosen
        ]
        parts += [
            *kit.table([(text["indicator"], False), (text["trend"], True)], rows, widths=[75, 25]),
            "</div>",
        ]
    return [*parts, "</div>"]


def _position(
    assessment: RegionAssessment, items: list[IndicatorAssessment], text: dict[str, str], lang: str
) -> list[str]:
    use_peer = assessment.peer_key is not None
    classes = Counter(
        c for i in items if (c := i.vs_peer_class if use_peer else i.vs_nl_class) is not None
    )
    peer = text["peer_gm"] if use_peer else text["peer_nl"]
    parts = [
        kit.heading(text["position"]),
        f"<p>{escape(text['position_note'].format(peer=peer))} "
        + escape(
            ", ".join(
                f"{label('comparison', c, lang=lang)}: {n}" for c, n in sorted(classes.items())
            )
        )
        + "</p>",
    ]
    # Neutral indicators are ranked high-to-low, but their top quarter is not "best".
    ranked = [i for i in items if i.rank is not None and i.direction != "neutral"]
    parts.append('<div class="cols">')
    for quartile, key in (("best_quartile", "best"), ("worst_quartile", "worst")):
        # the most extreme ranks first: rank 1 of 342 before rank 60 of 342, and the reverse
        chosen = sorted(
            (i for i in ranked if i.quartile == quartile),
            key=lambda i: i.rank / i.n if i.rank is not None and i.n else 0.0,
            reverse=quartile == "worst_quartile",
        )
        parts.append(f"<div><p><strong>{escape(text[key])}</strong></p>")
        if chosen:
            shown = _shortened(chosen, MAX_POSITION_ROWS)
            rows = [[_name(i, lang), _rank_of(i, text)] for i in shown]
            parts += kit.table(
                [(text["indicator"], False), (text["rank"], True)], rows, widths=[64, 36]
            )
            parts += _more(len(chosen) - len(shown), text)
        else:
            parts.append(f"<p>{escape(text['none'])}</p>")
        parts.append("</div>")
    return [*parts, "</div>"]


def _rank_of(item: IndicatorAssessment, text: dict[str, str]) -> str:
    """``12 van 84``, with the comparison period when the value itself is newer (§3)."""
    if (
        item.comparison_period is not None
        and item.period is not None
        and item.period > item.comparison_period
    ):
        return text["rank_of_in"].format(rank=item.rank, n=item.n, year=item.comparison_period)
    return text["rank_of"].format(rank=item.rank, n=item.n)


def _sources(items: list[IndicatorAssessment], text: dict[str, str]) -> list[str]:
    # "CBS, Bevolking; Regionale Monitor Brede Welvaart" and its like: each part once
    sources = sorted(
        {part.strip() for item in items for part in item.source.split(";") if part.strip()},
        key=str.casefold,
    )
    loads = sorted({item.load_id for item in items if item.load_id is not None})
    return [
        kit.heading(text["sources"]),
        kit.small(text["method"]),
        kit.small("; ".join(sources)),
        kit.small(text["loads"].format(loads=", ".join(map(str, loads)))),
        '<p class="small">Sturen op Impact (Nationaal Netwerk Brede Welvaart); '
        "CBS, Regionale Monitor Brede Welvaart.</p>",
    ]
