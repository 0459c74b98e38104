"""Charts as data: pure functions from frames to Plotly figures (never rendered in ``bw/``).

Accessibility rules every figure follows (WCAG 2.1 AA, product.md "never colour alone"):

* every trace has a legend name, and traces differ by line dash and marker symbol as well as
  by colour; judgements are written as icon + word (:func:`label`), never only coloured;
* colours are the Okabe–Ito colour-blind-safe hues, darkened where needed so that every line,
  marker and label colour has a contrast of at least 4.5:1 against white (see ``PALETTE``);
* numbers in hover texts and labels are formatted by :mod:`bw.formatting` (1.234,5 in Dutch)
  and carry the unit; the axes use the language's separators through ``layout.separators``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import pandas as pd
import plotly.graph_objects as go

from bw.formatting import format_interval, format_number, format_period
from bw.geo import Boundaries, GeoJSON, geojson_bounds
from bw.labels import (
    LANGUAGES,
    QUARTILE_LABELS,
    STATUS_LABELS,
    label,
)
from bw.model import is_missing

#: Colours with their contrast ratio against white (WCAG 2.1 relative luminance). Okabe–Ito
#: hues; orange, green and pink are darkened to reach 4.5:1 so they also work as text colour.
PALETTE: dict[str, str] = {
    "region": "#0072B2",  # Okabe–Ito blue, 5.2:1
    "minimum": "#B34700",  # darkened vermillion, 5.5:1
    "ambition": "#00704F",  # darkened bluish green, 6.1:1
    "ceiling": "#6A3D9A",  # purple, 7.6:1
    "reference_1": "#4D4D4D",  # dark grey, 8.5:1 (usually Nederland)
    "reference_2": "#8E3A78",  # darkened reddish purple, 6.9:1
    "reference_3": "#806600",  # darkened yellow (ochre), 5.5:1
    "bar": "#4A6F96",  # muted blue, 5.2:1
    "highlight": "#B34700",  # darkened vermillion, 5.5:1 (plus pattern, outline and ▶)
    "outline": "#1A1A1A",  # near black, 17.4:1
    "text": "#1A1A1A",
    "guide": "#595959",  # grey for target-year and quartile guides, 7.0:1
}

#: A row of ``DataFrame.itertuples()``: its fields are the frame's columns (``row.value``,
#: ``row.year``), which no type checker can know, so it stays untyped.
PandasRow: TypeAlias = Any

#: Sequential map scale, light to dark (ColorBrewer Blues without its near-white end, so the
#: lightest class stays distinct from "no data", which is drawn white).
MAP_SCALE: list[list[float | str]] = [
    [0.0, "#C6DBEF"],
    [0.25, "#9ECAE1"],
    [0.5, "#6BAED6"],
    [0.75, "#2171B5"],
    [1.0, "#08306B"],
]

#: Status-matrix cell colour per status class (a cell with no indicators stays white). The
#: colour says what the class means, not how many indicators it holds: "onder minimum" is the
#: darkest and most alarming, "geen streefwaarde" a neutral light grey (issue 13: counting made
#: the many indicators without a target the darkest cells). The header names each class with an
#: icon and a word; black count text keeps at least 6.5:1 on every colour.
MATRIX_COLOURS: dict[str, str] = {
    "below_minimum": "#E8846B",  # salmon red, 6.6:1 with the text colour
    "above_ceiling": "#C2A5CF",  # light purple, 7.9:1
    "above_minimum": "#FBD9A0",  # light amber, 12.9:1
    "ambition_reached": "#A6DBA0",  # light green, 11.0:1
    "no_target": "#EEEEEE",  # neutral light grey, 15.0:1
    "no_data": "#F6F6F6",  # lighter grey, 16.1:1
}
MATRIX_EMPTY = "#FFFFFF"

#: Line dashes; every role has its own so that lines differ without colour.
DASHES: dict[str, str] = {
    "region": "solid",
    "projection": "dash",
    "minimum": "longdash",
    "ambition": "longdashdot",
    "ceiling": "dashdot",
}
#: Dashes and marker symbols of reference lines, used in turn.
REFERENCE_STYLES: tuple[tuple[str, str, str], ...] = (
    ("reference_1", "dot", "square"),
    ("reference_2", "6px,3px,2px,3px,2px,3px", "diamond"),
    ("reference_3", "2px,3px,10px,3px", "triangle-up"),
    ("reference_1", "longdash", "x"),
    ("reference_2", "1px,4px", "star"),
    ("reference_3", "dash", "cross"),
)

_SEPARATORS = {"nl": ",.", "en": ".,"}  # plotly: decimal mark first, then thousands
_PROVISIONAL = frozenset({"voorlopig", "nader_voorlopig"})
_BAND_ALPHA = {"ci": 0.18, "projection": 0.10}
_FONT = dict(color=PALETTE["text"], size=13)

_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "region": "gekozen regio",
        "provisional": "voorlopig",
        "provisional_note": "* voorlopig cijfer",
        "revised_note": "** nader voorlopig cijfer",
        "ci": "95%-betrouwbaarheidsinterval",
        "interval": "95%-interval",
        "projection": "projectie (geen data)",
        "projection_band": "bandbreedte projectie",
        "projection_note": "projectie, geen waarneming",
        "minimum": "minimum",
        "ambition": "ambitie",
        "ceiling": "plafond",
        "target_year": "streefjaar",
        "no_data": "geen gegevens",
        "rank": "rang {rank} van {n}",
        "regions": "regio's",
        "selected": "geselecteerd",
        "halo": "witte rand",
        "up": "hoger is beter",
        "down": "lager is beter",
        "neutral": "geen oordeel; van hoog naar laag",
        "map_up": "donkerder = beter",
        "map_down": "donkerder = beter (lager)",
        "map_neutral": "donkerder = hoger",
        "best_line": "↑ beste kwart",
        "worst_line": "↓ slechtste kwart",
        "highest_line": "↑ hoogste kwart",
        "lowest_line": "↓ laagste kwart",
        "not_on_map": "Niet op de kaart (geen grens in het kaartbestand): {names}",
        "matrix_title": "Status per thema",
        "indicators": "{n} indicatoren",
        "indicator": "1 indicator",
    },
    "en": {
        "region": "selected region",
        "provisional": "provisional",
        "provisional_note": "* provisional figure",
        "revised_note": "** revised provisional figure",
        "ci": "95% confidence interval",
        "interval": "95% interval",
        "projection": "projection (not data)",
        "projection_band": "projection range",
        "projection_note": "projection, not an observation",
        "minimum": "minimum",
        "ambition": "ambition",
        "ceiling": "ceiling",
        "target_year": "target year",
        "no_data": "no data",
        "rank": "rank {rank} of {n}",
        "regions": "regions",
        "selected": "selected",
        "halo": "white edge",
        "up": "higher is better",
        "down": "lower is better",
        "neutral": "no judgement; high to low",
        "map_up": "darker = better",
        "map_down": "darker = better (lower)",
        "map_neutral": "darker = higher",
        "best_line": "↑ best quartile",
        "worst_line": "↓ worst quartile",
        "highest_line": "↑ highest quartile",
        "lowest_line": "↓ lowest quartile",
        "not_on_map": "Not on the map (no boundary in the map file): {names}",
        "matrix_title": "Status per theme",
        "indicators": "{n} indicators",
        "indicator": "1 indicator",
    },
}


#: Column order of the status matrix.
STATUS_ORDER = tuple(STATUS_LABELS["nl"])

#: Units on a fixed scale (stored units, in Dutch): their value axis is the whole scale, so a
#: 7,4 out of 10 is never drawn on an axis that runs to 14 (issue 13).
SCALE_RANGES: dict[str, tuple[float, float]] = {
    "rapportcijfer": (0.0, 10.0),
    "score (0–10)": (0.0, 10.0),
    "score (0-10)": (0.0, 10.0),
    "score (1–4)": (1.0, 4.0),
    "score (1-4)": (1.0, 4.0),
}
#: Room above and below the data on a value axis, as a share of the data's span.
AXIS_PAD = 0.08


def scale_of(unit: str | None) -> tuple[float, float] | None:
    """The fixed scale of a stored unit, or None for an open-ended unit.

    >>> scale_of("rapportcijfer"), scale_of("score (1–4)"), scale_of("%")
    ((0.0, 10.0), (1.0, 4.0), None)
    """
    return SCALE_RANGES.get((unit or "").strip())


def value_axis_range(
    values: list[float], *, scale: tuple[float, float] | None = None
) -> list[float] | None:
    """A value axis that shows every value with room to spare: bands, lines and labels.

    Plotly pads the range for markers but not for a filled band without markers, so a 95%
    band was cut off at the top edge (issue 13). The range is padded by :data:`AXIS_PAD` of the
    span, never crosses zero for data that does not, and stays within a fixed ``scale``.

    >>> value_axis_range([40.0, 50.0])
    [39.2, 50.8]
    >>> value_axis_range([0.05, 2.0])
    [0.0, 2.156]
    >>> value_axis_range([6.8, 7.9], scale=(0.0, 10.0))
    [6.712, 7.988]
    >>> value_axis_range([6.8, 9.97], scale=(0.0, 10.0))
    [6.5464, 10.0]
    >>> value_axis_range([]) is None
    True
    """
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return list(scale) if scale else None
    low, high = min(finite), max(finite)
    span = high - low
    pad = AXIS_PAD * span if span else max(abs(high) * AXIS_PAD, 0.5)
    bottom, top = low - pad, high + pad
    if low >= 0 > bottom:
        bottom = 0.0  # a share or a count never suggests a value below zero
    if high <= 0 < top:
        top = 0.0
    if scale is not None:
        bottom, top = max(bottom, scale[0]), min(top, scale[1])
    return [round(bottom, 10), round(top, 10)]


# ---------------------------------------------------------------------------------------------
# Time series


def figure_series(
    series: pd.DataFrame,
    *,
    title: str,
    unit: str,
    decimals: int,
    lang: str = "nl",
    references: Mapping[str, pd.DataFrame] | None = None,
    target: Mapping[str, object] | None = None,
    projection: pd.DataFrame | None = None,
    region_label: str = "",
    value_range: tuple[float, float] | None = None,
) -> go.Figure:
    """One indicator over time for a region, with references, targets and a projection.

    ``series`` has columns ``year, value, ci_low, ci_high, status``; missing years are gaps,
    never interpolated. Provisional values get an open marker, an asterisk and a legend entry;
    a 95% interval is a translucent band where intervals exist. ``references`` maps a name
    (``"Nederland"``) to a frame ``year, value``; ``target`` holds ``minimum, ambition,
    ceiling, target_year, baseline_year``; ``projection`` has ``year, value, band_low,
    band_high`` and is drawn dashed, named as a projection, never as data. ``value_range`` is
    the unit's fixed scale (:func:`scale_of`); the value axis always shows every band and line.
    """
    _check_lang(lang)
    words = _WORDS[lang]
    name = region_label or words["region"]
    data = _with_year_gaps(series, ("value", "ci_low", "ci_high", "status"))
    target = dict(target or {})
    years = [int(year) for year in data["year"]]
    fig = go.Figure()

    has_ci = bool((data["ci_low"].notna() & data["ci_high"].notna()).any())
    if has_ci:
        x, y = _band_polygon(data["year"], data["ci_low"], data["ci_high"])
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                name=words["ci"],
                mode="lines",
                fill="toself",
                fillcolor=_rgba(PALETTE["region"], _BAND_ALPHA["ci"]),
                line=dict(width=0),
                hoverinfo="skip",
                legendgroup="ci",
                legendrank=20,
            )
        )
    if projection is not None and not projection.empty:
        _add_projection(fig, projection, unit=unit, decimals=decimals, lang=lang)

    for index, (ref_name, frame) in enumerate((references or {}).items()):
        colour, dash, symbol = REFERENCE_STYLES[index % len(REFERENCE_STYLES)]
        ref = _with_year_gaps(frame, ("value", "status"))
        years += [int(year) for year in ref["year"]]
        fig.add_trace(
            go.Scatter(
                x=_years(ref["year"]),
                y=_floats(ref["value"]),
                name=html.escape(str(ref_name), quote=False),  # legend: Plotly reads HTML
                mode="lines+markers",
                line=dict(color=PALETTE[colour], width=1.5, dash=dash),
                marker=dict(symbol=symbol, size=6, color=PALETTE[colour]),
                connectgaps=False,
                hovertext=[
                    _point_text(ref_name, row, unit=unit, decimals=decimals, lang=lang)
                    for row in ref.itertuples(index=False)
                ],
                hoverinfo="text",
                legendrank=30 + index,
            )
        )

    provisional = data["status"].isin(_PROVISIONAL) & data["value"].notna()
    hover = [
        _point_text(name, row, unit=unit, decimals=decimals, lang=lang)
        for row in data.itertuples(index=False)
    ]
    fig.add_trace(
        go.Scatter(
            x=_years(data["year"]),
            y=_floats(data["value"]),
            name=html.escape(name, quote=False),
            mode="lines+markers",
            line=dict(color=PALETTE["region"], width=3, dash=DASHES["region"]),
            marker=dict(
                color=PALETTE["region"],
                size=8,
                symbol=["circle-open" if flag else "circle" for flag in provisional],
                line=dict(width=2, color=PALETTE["region"]),
            ),
            connectgaps=False,
            hovertext=hover,
            hoverinfo="text",
            legendrank=1,
        )
    )
    if provisional.any():
        fig.add_trace(
            go.Scatter(
                x=_years(data.loc[provisional, "year"]),
                y=_floats(data.loc[provisional, "value"]),
                name=words["provisional"],
                mode="markers",
                marker=dict(
                    symbol="circle-open",
                    size=13,
                    color=PALETTE["region"],
                    line=dict(width=2, color=PALETTE["region"]),
                ),
                hoverinfo="skip",  # the region's own trace already says "*"
                legendrank=2,
            )
        )

    if projection is not None and not projection.empty:
        years += [int(year) for year in projection["year"].dropna()]
    target_year = _int_or_none(target.get("target_year"))
    baseline_year = _int_or_none(target.get("baseline_year"))
    years += [year for year in (target_year, baseline_year) if year is not None]
    _add_targets(fig, target, years, unit=unit, decimals=decimals, lang=lang)

    if not data["value"].notna().any():
        fig.add_annotation(
            text=words["no_data"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5
        )
    _layout_series(fig, title=title, unit=unit, lang=lang, years=years, target_year=target_year)
    shown = [*_floats(data["value"]), *_floats(data["ci_low"]), *_floats(data["ci_high"])]
    for frame in (references or {}).values():
        shown += _floats(frame["value"]) if "value" in frame else []
    if projection is not None and not projection.empty:
        for column in ("value", "band_low", "band_high"):
            shown += _floats(projection[column]) if column in projection else []
    shown += [
        v
        for v in (_float_or_none(target.get(k)) for k in ("minimum", "ambition", "ceiling"))
        if v is not None
    ]
    axis_range = value_axis_range(shown, scale=value_range)
    if axis_range is not None:
        fig.update_yaxes(range=axis_range, autorange=False)
    return fig


def _add_projection(
    fig: go.Figure, projection: pd.DataFrame, *, unit: str, decimals: int, lang: str
) -> None:
    """A dashed projection line with a translucent band, both named as a projection."""
    words = _WORDS[lang]
    frame = projection.sort_values("year")
    has_band = {"band_low", "band_high"} <= set(frame.columns)
    if has_band and (frame["band_low"].notna() & frame["band_high"].notna()).any():
        x, y = _band_polygon(frame["year"], frame["band_low"], frame["band_high"])
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                name=words["projection_band"],
                mode="lines",
                fill="toself",
                fillcolor=_rgba(PALETTE["region"], _BAND_ALPHA["projection"]),
                line=dict(width=0),
                hoverinfo="skip",
                legendgroup="projection",
                legendrank=41,
            )
        )
    texts = []
    projection_rows: Iterable[PandasRow] = frame.itertuples(index=False)
    for row in projection_rows:
        text = (
            f"{html.escape(words['projection'])} {int(row.year)}: "
            f"{_value_text(row.value, unit, decimals, lang)}"
        )
        if has_band:
            band = format_interval(row.band_low, row.band_high, decimals, lang=lang)
            if band != format_interval(None, None):
                text += f" ({band})"
        texts.append(f"{text}<br><i>{html.escape(words['projection_note'])}</i>")
    fig.add_trace(
        go.Scatter(
            x=_years(frame["year"]),
            y=_floats(frame["value"]),
            name=words["projection"],
            mode="lines",
            line=dict(color=PALETTE["region"], width=2, dash=DASHES["projection"]),
            connectgaps=False,
            hovertext=texts,
            hoverinfo="text",
            legendgroup="projection",
            legendrank=40,
        )
    )


def _add_targets(
    fig: go.Figure,
    target: Mapping[str, object],
    years: list[int],
    *,
    unit: str,
    decimals: int,
    lang: str,
) -> None:
    """Horizontal minimum, ambition and ceiling lines, each a named trace with a text label."""
    words = _WORDS[lang]
    values = {key: _float_or_none(target.get(key)) for key in ("minimum", "ambition", "ceiling")}
    if not years or all(value is None for value in values.values()):
        return
    start, end = min(years), max(years)
    xs = list(range(start, end + 1))
    target_year = _int_or_none(target.get("target_year"))
    minimum, ambition = values["minimum"], values["ambition"]
    # Put each text label on the side of its line away from the other line, so they never
    # overlap: for a "lower is better" indicator the ambition lies below the minimum.
    ambition_above = minimum is None or ambition is None or ambition >= minimum
    anchors = {
        "minimum": "top" if ambition_above else "bottom",
        "ambition": "bottom" if ambition_above else "top",
        "ceiling": "bottom",
    }
    for rank, (key, value) in enumerate(values.items()):
        if value is None:
            continue
        word = words[key]
        shown = _value_text(value, unit, decimals, lang)
        hover = f"{html.escape(word)}: {shown}"
        if target_year is not None:
            hover += f" ({html.escape(words['target_year'])} {target_year})"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[value] * len(xs),
                name=word,
                mode="lines",
                line=dict(color=PALETTE[key], width=2, dash=DASHES[key]),
                hovertext=[hover] * len(xs),
                hoverinfo="text",
                legendrank=10 + rank,
            )
        )
        fig.add_annotation(
            x=end,
            y=value,
            text=f"{html.escape(word)} {shown}",
            showarrow=False,
            xanchor="right",
            yanchor=anchors[key],
            font=dict(color=PALETTE[key], size=12),
            bgcolor="rgba(255,255,255,0.85)",
        )


def _layout_series(
    fig: go.Figure,
    *,
    title: str,
    unit: str,
    lang: str,
    years: list[int],
    target_year: int | None,
) -> None:
    """Shared layout: integer years, unit on the y-axis, legend below, compact margins."""
    xaxis: dict[str, Any] = dict(tickformat="d", hoverformat="d", showgrid=False)
    if years:
        first, last = min(years), max(years)
        span = last - first
        dtick = 1 if span <= 15 else 2 if span <= 30 else 5
        xaxis.update(range=[first - 0.5, last + 0.5], tick0=first, dtick=dtick)
    if target_year is not None:
        fig.add_vline(x=target_year, line=dict(color=PALETTE["guide"], width=1, dash="dot"))
        fig.add_annotation(
            x=target_year,
            y=1,
            yref="paper",
            text=f"{html.escape(_WORDS[lang]['target_year'])} {target_year}",
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
            font=dict(color=PALETTE["guide"], size=11),
        )
    fig.update_layout(
        _base_layout(title, lang),
        height=380,
        margin=dict(l=56, r=16, t=56, b=24),
        hovermode="x unified",
        xaxis=xaxis,
        yaxis=dict(
            title=dict(text=html.escape(unit)), exponentformat="none", separatethousands=True
        ),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.12, yanchor="top"),
    )


# ---------------------------------------------------------------------------------------------
# Ranking


def figure_ranking(
    frame: pd.DataFrame,
    *,
    title: str,
    unit: str,
    decimals: int,
    lang: str = "nl",
    highlight: str | None = None,
    direction: str = "up",
    value_range: tuple[float, float] | None = None,
) -> go.Figure:
    """Horizontal bars of regions by rank (rank 1 on top); the highlighted region stands out.

    ``frame`` has columns ``code, name, value, rank`` and optionally ``quartile`` and ``n``.
    The highlighted region differs by colour, a hatch pattern, a dark outline and a ``▶``
    before its bold name; quartiles are written in the bar text and hover and marked by
    labelled guide lines. Regions without a value are listed last as "geen gegevens".
    A unit on a fixed scale (``value_range``, :func:`scale_of`) gets exactly that axis; the bar
    texts then run into a wider right margin instead of stretching the axis.
    """
    _check_lang(lang)
    words = _WORDS[lang]
    rows = _ranking_rows(frame)
    ranked = rows[rows["value"].notna()]
    n_ranked = _n_ranked(rows)
    total = len(rows)
    px_per_bar, label_every = _bar_size(total)
    highlight = highlight.strip() if isinstance(highlight, str) else None

    tick_text = []
    for position, row in enumerate(rows.itertuples(index=False)):
        name = html.escape(str(row.name))
        if row.code == highlight:
            tick_text.append(f"<b>▶ {name}</b>")
        elif position % label_every == 0:
            tick_text.append(name)
        else:
            tick_text.append("")

    def hover(row: PandasRow) -> str:
        lines = [f"<b>{html.escape(str(row.name))}</b>"]
        if is_missing(row.value):
            lines.append(html.escape(words["no_data"]))
            return "<br>".join(lines)
        lines.append(_value_text(row.value, unit, decimals, lang))
        if not is_missing(row.rank):
            lines.append(words["rank"].format(rank=int(row.rank), n=n_ranked))
        if isinstance(row.quartile, str) and row.quartile:
            lines.append(label("quartile", row.quartile, lang=lang))
        return "<br>".join(lines)

    def bar_text(row: PandasRow) -> str:
        text = _value_text(row.value, unit, decimals, lang)
        if isinstance(row.quartile, str) and row.quartile:
            quartile = QUARTILE_LABELS[lang][row.quartile]
            text += f" {quartile.icon}" if total > 60 else f" · {quartile}"
        return text

    is_highlight = ranked["code"] == highlight
    groups = [
        (ranked[~is_highlight], words["regions"], False),
        (ranked[is_highlight], None, True),
    ]
    fig = go.Figure()
    for part, trace_name, highlighted in groups:
        if part.empty:
            continue
        if highlighted:
            trace_name = (
                f"▶ {html.escape(str(part['name'].iloc[0]), quote=False)} ({words['selected']})"
            )
        fig.add_trace(
            go.Bar(
                x=_floats(part["value"]),
                y=list(part["code"]),
                orientation="h",
                name=trace_name,
                marker=dict(
                    color=PALETTE["highlight"] if highlighted else PALETTE["bar"],
                    pattern=dict(shape="/" if highlighted else "", fgcolor="#FFFFFF", solidity=0.3),
                    line=dict(
                        color=PALETTE["outline"] if highlighted else PALETTE["bar"],
                        width=2.5 if highlighted else 0,
                    ),
                ),
                text=[bar_text(row) for row in part.itertuples(index=False)],
                textposition="outside",
                textfont=dict(
                    color=PALETTE["text"],
                    size=9 if total > 60 else 12,
                    weight=700 if highlighted else 400,
                ),
                cliponaxis=False,
                hovertext=[hover(row) for row in part.itertuples(index=False)],
                hoverinfo="text",
            )
        )
    missing = rows[rows["value"].isna()]
    if not missing.empty:
        fig.add_trace(
            go.Bar(
                x=[0] * len(missing),
                y=list(missing["code"]),
                orientation="h",
                name=words["no_data"],
                marker=dict(color="#FFFFFF", line=dict(color=PALETTE["guide"], width=1)),
                text=[words["no_data"]] * len(missing),
                textposition="outside",
                textfont=dict(color=PALETTE["text"], size=9 if total > 60 else 12),
                cliponaxis=False,
                hovertext=[hover(row) for row in missing.itertuples(index=False)],
                hoverinfo="text",
            )
        )
    font_size = 9 if total > 60 else 12
    texts = [bar_text(row) for row in ranked.itertuples(index=False)] or [words["no_data"]]
    overflow = 0
    if value_range is not None:
        x_range = [float(value_range[0]), float(value_range[1])]
        overflow = _text_overflow(_floats(ranked["value"]), texts, font_size, x_range)
    else:
        x_range = _text_room(_floats(ranked["value"]), texts, font_size)
    # the guide labels go right of the bar texts that run past a fixed axis
    has_guides = _quartile_guides(fig, rows, lang, past=overflow / 560)

    axis_title = unit
    if direction in ("up", "down", "neutral"):
        axis_title = f"{unit} ({words[direction]})" if unit else words[direction]
    right = (130 if has_guides else 24) + overflow
    fig.update_layout(
        _base_layout(title, lang),
        height=min(140 + px_per_bar * total, 4500),
        margin=dict(l=8, r=right, t=72, b=48),
        barmode="overlay",
        bargap=0.2 if total <= 60 else 0.1,
        hovermode="closest",
        xaxis=dict(
            title=dict(text=html.escape(axis_title)),
            range=x_range,
            exponentformat="none",
            separatethousands=True,
            automargin=True,
        ),
        yaxis=dict(
            categoryorder="array",
            categoryarray=list(rows["code"]),
            tickmode="array",
            tickvals=list(rows["code"]),
            ticktext=tick_text,
            autorange="reversed",
            automargin=True,
            tickfont=dict(size=9 if total > 60 else 12),
        ),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom"),
    )
    return fig


def _ranking_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in display order: ranked by rank then name, regions without a value last."""
    rows = frame.copy()
    rows["code"] = rows["code"].astype(str).str.strip()
    if "quartile" not in rows.columns:
        rows["quartile"] = None
    rows["rank"] = pd.to_numeric(rows["rank"], errors="coerce")
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    rows["_missing"] = rows["value"].isna()
    rows = rows.sort_values(["_missing", "rank", "name"], na_position="last", kind="stable")
    return rows.drop(columns="_missing").reset_index(drop=True)


def _n_ranked(rows: pd.DataFrame) -> int:
    """The number of ranked regions: the frame's ``n`` when given, else the ranked rows."""
    if "n" in rows.columns and rows["n"].notna().any():
        return int(rows["n"].dropna().max())
    return int((rows["value"].notna() & rows["rank"].notna()).sum())


def _bar_size(count: int) -> tuple[int, int]:
    """Pixels per bar and every how many bars a name is written, by the number of bars.

    >>> _bar_size(12), _bar_size(50), _bar_size(342), _bar_size(1500)
    ((28, 1), (20, 1), (12, 1), (2, 6))
    """
    if count <= 20:
        return 28, 1
    if count <= 60:
        return 20, 1
    if 140 + 12 * count <= 4500:
        return 12, 1
    px = max(1, (4500 - 140) // count)
    return px, math.ceil(11 / px)


def _text_room(values: list[float], texts: list[str], font_size: int) -> list[float]:
    """An x-range with room for the bar texts written outside the bars (assumes ~560 px).

    >>> [round(bound, 1) for bound in _text_room([10.0, 50.0], ["50,0%"], 12)]
    [0.0, 53.4]
    """
    low = min([0.0, *[value for value in values if not math.isnan(value)]])
    high = max([0.0, *[value for value in values if not math.isnan(value)]])
    span = (high - low) or 1.0
    share = min(max(len(text) for text in texts) * font_size * 0.6 / 560, 0.5)
    room = span * share / (1 - share)
    return [round(low - room if low < 0 else low, 10), round(high + room if high > 0 else high, 10)]


def _text_overflow(
    values: list[float], texts: list[str], font_size: int, x_range: list[float]
) -> int:
    """Pixels the bar texts reach past a fixed axis's end (assumes ~560 px, as above).

    >>> _text_overflow([7.5], ["7,5 rapportcijfer"], 12, [0.0, 10.0])
    0
    >>> _text_overflow([9.8], ["9,8 rapportcijfer · beste kwart"], 12, [0.0, 10.0])
    216
    """
    low, high = x_range
    width = 560
    reach = 0.0
    for value, text in zip(values, texts, strict=False):
        if math.isnan(value):
            continue
        end = width * (min(max(value, low), high) - low) / ((high - low) or 1.0)
        reach = max(reach, end + 4 + len(text) * font_size * 0.6)
    return max(0, math.ceil(reach - width))


def _quartile_guides(fig: go.Figure, rows: pd.DataFrame, lang: str, *, past: float = 0.0) -> bool:
    """Dotted lines between the best quartile, the middle and the worst, named in the margin
    (``past`` the plot's right edge by that share of its width, clear of the bar texts).

    A neutral indicator's quarters are the highest and the lowest (methods.md §3).
    """
    quartiles = list(rows["quartile"])
    words = _WORDS[lang]
    neutral = any(q in ("highest_quartile", "lowest_quartile") for q in quartiles)
    top, bottom = ("highest", "lowest") if neutral else ("best", "worst")
    best = [i for i, q in enumerate(quartiles) if q == f"{top}_quartile"]
    worst = [i for i, q in enumerate(quartiles) if q == f"{bottom}_quartile"]
    guides = []
    if best and best[-1] + 1 < len(quartiles):
        guides.append((best[-1] + 0.5, words[f"{top}_line"], "bottom"))
    if worst and worst[0] > 0:
        guides.append((worst[0] - 0.5, words[f"{bottom}_line"], "top"))
    for y, text, anchor in guides:
        fig.add_shape(
            type="line",
            xref="paper",
            x0=0,
            x1=1.01 + past,
            yref="y",
            y0=y,
            y1=y,
            line=dict(color=PALETTE["guide"], width=1, dash="dot"),
        )
        fig.add_annotation(
            xref="paper",
            x=1.01 + past,
            yref="y",
            y=y,
            text=html.escape(text),
            showarrow=False,
            xanchor="left",
            yanchor=anchor,
            font=dict(color=PALETTE["guide"], size=11),
        )
    return bool(guides)


# ---------------------------------------------------------------------------------------------
# Map


def figure_map(
    frame: pd.DataFrame,
    geojson: GeoJSON | Boundaries,
    *,
    title: str,
    unit: str,
    decimals: int,
    lang: str = "nl",
    highlight: str | None = None,
    direction: str = "up",
) -> go.Figure:
    """A choropleth on a tile-less map (no network): darker is better, or higher if neutral.

    ``frame`` has ``code, name, value`` and optionally ``rank``, ``quartile`` and ``n``;
    ``geojson`` is a FeatureCollection keyed by ``properties.statcode`` (or
    :class:`bw.geo.Boundaries`). Areas without a value are white and say "geen gegevens" on
    hover; the highlighted region gets a dark outline on a white halo, its own legend entry.
    Regions that have a value but no boundary are named above the map, not dropped silently.
    """
    _check_lang(lang)
    words = _WORDS[lang]
    if isinstance(geojson, Boundaries):
        geojson = geojson.geojson
    features = list(geojson.get("features", []))
    by_code = {
        str(feature["properties"]["statcode"]).strip(): feature
        for feature in features
        if (feature.get("properties") or {}).get("statcode")
    }
    rows = frame.copy()
    rows["code"] = rows["code"].astype(str).str.strip()
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    for column in ("rank", "quartile"):
        if column not in rows.columns:
            rows[column] = None
    n_ranked = (
        int(rows["n"].dropna().max())
        if "n" in rows.columns and rows["n"].notna().any()
        else int(pd.to_numeric(rows["rank"], errors="coerce").notna().sum())
    )
    valued = rows[rows["value"].notna() & rows["code"].isin(by_code)]
    valued_rows: Iterable[PandasRow] = valued.itertuples(index=False)
    names = {**_feature_names(features), **dict(zip(rows["code"], rows["name"], strict=False))}
    highlight = highlight.strip() if isinstance(highlight, str) else None

    def hover(code: str, row: PandasRow | None = None) -> str:
        lines = [f"<b>{html.escape(str(names.get(code, code)))}</b>"]
        if row is None or is_missing(row.value):
            lines.append(html.escape(words["no_data"]))
            return "<br>".join(lines)
        lines.append(_value_text(row.value, unit, decimals, lang))
        if not is_missing(row.rank):
            lines.append(words["rank"].format(rank=int(row.rank), n=n_ranked))
        if isinstance(row.quartile, str) and row.quartile:
            lines.append(label("quartile", row.quartile, lang=lang))
        return "<br>".join(lines)

    fig = go.Figure()
    drawn = set(valued["code"])
    empty_codes = [code for code in by_code if code not in drawn]
    if empty_codes:
        fig.add_trace(
            go.Choroplethmap(
                geojson=_subset(geojson, by_code, empty_codes),
                featureidkey="properties.statcode",
                locations=empty_codes,
                z=[0] * len(empty_codes),
                colorscale=[[0, "#FFFFFF"], [1, "#FFFFFF"]],
                showscale=False,
                marker=dict(line=dict(color=PALETTE["guide"], width=0.5)),
                name=words["no_data"],
                showlegend=True,
                hovertext=[hover(code) for code in empty_codes],
                hoverinfo="text",
            )
        )
    if not valued.empty:
        scale_title = {
            "up": words["map_up"],
            "down": words["map_down"],
        }.get(direction, words["map_neutral"])
        fig.add_trace(
            go.Choroplethmap(
                geojson=_subset(geojson, by_code, list(valued["code"])),
                featureidkey="properties.statcode",
                locations=list(valued["code"]),
                z=_floats(valued["value"]),
                colorscale=MAP_SCALE,
                reversescale=direction == "down",
                marker=dict(line=dict(color="#FFFFFF", width=0.5), opacity=1),
                colorbar=dict(
                    title=dict(text=f"{html.escape(unit)}<br>{html.escape(scale_title)}"),
                    exponentformat="none",
                    separatethousands=True,
                    thickness=14,
                ),
                name=html.escape(title, quote=False),
                showlegend=False,
                hovertext=[hover(row.code, row) for row in valued_rows],
                hoverinfo="text",
            )
        )
    if highlight and highlight in by_code:
        matches = rows[rows["code"] == highlight]
        row = next(matches.itertuples(index=False), None)
        outline = _subset(geojson, by_code, [highlight])
        transparent = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]
        name = (
            f"▶ {html.escape(str(names.get(highlight, highlight)), quote=False)} "
            f"({words['selected']})"
        )
        for width, colour, legend in ((7, "#FFFFFF", False), (3, PALETTE["outline"], True)):
            fig.add_trace(
                go.Choroplethmap(
                    geojson=outline,
                    featureidkey="properties.statcode",
                    locations=[highlight],
                    z=[1],
                    colorscale=transparent,
                    showscale=False,
                    marker=dict(line=dict(color=colour, width=width)),
                    name=name if legend else f"{name}, {words['halo']}",
                    legendgroup="highlight",
                    showlegend=legend,
                    hovertext=[hover(highlight, row)],
                    hoverinfo="text" if legend else "skip",
                )
            )

    center, zoom = _center_zoom(geojson) if features else ({"lat": 52.2, "lon": 5.3}, 6.0)
    fig.update_layout(
        _base_layout(title, lang),
        height=520,
        margin=dict(l=0, r=0, t=48, b=8),
        map=dict(style="white-bg", center=center, zoom=zoom),
        legend=dict(orientation="h", x=0, xanchor="left", y=0, yanchor="top"),
    )
    unmapped = rows[rows["value"].notna() & ~rows["code"].isin(by_code)]
    if not unmapped.empty:
        shown = [str(name) for name in unmapped["name"].head(5)]
        if len(unmapped) > 5:
            shown.append(f"+{len(unmapped) - 5}")
        fig.add_annotation(
            text=html.escape(words["not_on_map"].format(names=", ".join(shown))),
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font=dict(color=PALETTE["text"], size=11),
        )
    return fig


def _feature_names(features: list[GeoJSON]) -> dict[str, str]:
    """Area names from the GeoJSON (``statnaam``), for areas the frame does not name."""
    names = {}
    for feature in features:
        properties = feature.get("properties") or {}
        code = str(properties.get("statcode", "")).strip()
        if code:
            names[code] = str(properties.get("statnaam") or code)
    return names


def _subset(geojson: GeoJSON, by_code: dict[str, GeoJSON], codes: list[str]) -> GeoJSON:
    """A FeatureCollection of only ``codes`` (keeps the figure small: no geometry twice)."""
    if len(codes) == len(by_code):
        return geojson
    return {"type": "FeatureCollection", "features": [by_code[code] for code in codes]}


def _center_zoom(
    geojson: GeoJSON, *, width: int = 600, height: int = 500
) -> tuple[dict[str, float], float]:
    """Map centre and zoom that fit the GeoJSON's bounds in a ``width`` × ``height`` map.

    MapLibre's zoom 0 shows the world (360°) in 512 px; latitude is stretched by Mercator.

    >>> nl = {"features": [{"geometry": {"type": "Polygon",
    ...     "coordinates": [[[3.36, 50.75], [7.23, 50.75], [7.23, 53.56], [3.36, 50.75]]]}}]}
    >>> center, zoom = _center_zoom(nl)
    >>> round(center["lat"], 1), round(center["lon"], 1), round(zoom, 1)
    (52.2, 5.3, 6.1)
    """
    min_lon, min_lat, max_lon, max_lat = geojson_bounds(geojson)

    def mercator(lat: float) -> float:
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    lon_span = max(max_lon - min_lon, 1e-6)
    lat_span = max(mercator(max_lat) - mercator(min_lat), 1e-6)
    zoom = min(
        math.log2(width * 360 / (512 * lon_span)), math.log2(height * 360 / (512 * lat_span))
    )
    center_lat = math.degrees(
        2 * math.atan(math.exp(math.radians((mercator(max_lat) + mercator(min_lat)) / 2)))
        - math.pi / 2
    )
    return {"lat": center_lat, "lon": (min_lon + max_lon) / 2}, max(zoom - 0.2, 0.0)


# ---------------------------------------------------------------------------------------------
# Status matrix


def figure_status_matrix(
    frame: pd.DataFrame, *, lang: str = "nl", title: str | None = None
) -> go.Figure:
    """A grid of themes × status classes with the number of indicators written in each cell.

    ``frame`` has one row per indicator with columns ``theme`` (display name) and ``status``
    (a class of :data:`STATUS_LABELS`). Rows keep the themes' order of appearance; the
    "boven plafond" column only appears when an indicator has that status.
    """
    _check_lang(lang)
    words = _WORDS[lang]
    unknown = sorted(set(frame["status"].dropna().astype(str)) - set(STATUS_ORDER))
    if unknown:
        raise ValueError(f"unknown status classes {unknown}; use one of {list(STATUS_ORDER)}")
    statuses = frame["status"].fillna("no_data").astype(str)
    columns = [cls for cls in STATUS_ORDER if cls != "above_ceiling" or (statuses == cls).any()]
    themes = list(dict.fromkeys(frame["theme"].astype(str)))
    counts = (
        pd.crosstab(frame["theme"].astype(str), statuses)
        .reindex(index=themes, columns=columns, fill_value=0)
        .fillna(0)
        .astype(int)
    )
    headers = [label("status", cls, lang=lang) for cls in columns]

    def count_words(count: int) -> str:
        return words["indicator"] if count == 1 else words["indicators"].format(n=count)

    hover = [
        [
            f"<b>{html.escape(theme)}</b><br>{html.escape(header)}: {count_words(int(count))}"
            for header, count in zip(headers, counts.loc[theme], strict=True)
        ]
        for theme in themes
    ]
    # z is a class number (0 = no indicators), drawn by a stepped scale of the class colours
    palette = [MATRIX_EMPTY, *(MATRIX_COLOURS[cls] for cls in columns)]
    steps = len(palette)
    scale = [
        [edge / steps, colour]
        for index, colour in enumerate(palette)
        for edge in (index, index + 1)
    ]
    z = [
        [(index + 1) if count else 0 for index, count in enumerate(counts.loc[theme])]
        for theme in themes
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=headers,
            y=[html.escape(theme) for theme in themes],
            text=[
                [format_number(int(count), 0, lang=lang) for count in counts.loc[theme].to_numpy()]
                for theme in themes
            ],
            texttemplate="%{text}",
            textfont=dict(color=PALETTE["text"], size=14),
            colorscale=scale,
            zmin=-0.5,
            zmax=steps - 0.5,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertext=hover,
            hoverinfo="text",
            name=title or words["matrix_title"],
        )
    )
    fig.update_layout(
        _base_layout(title or words["matrix_title"], lang),
        height=110 + 34 * max(len(themes), 1),
        margin=dict(l=8, r=8, t=96, b=8),
        xaxis=dict(side="top", showgrid=False, tickfont=dict(size=12), automargin=True),
        yaxis=dict(autorange="reversed", showgrid=False, automargin=True),
        plot_bgcolor="#FFFFFF",
    )
    return fig


# ---------------------------------------------------------------------------------------------
# Helpers


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {list(LANGUAGES)}")


def _base_layout(title: str, lang: str) -> dict[str, Any]:
    """Layout shared by every figure: template, title, font and the language's separators."""
    return dict(
        template="plotly_white",
        title=dict(text=html.escape(title), x=0, xanchor="left", font=dict(size=16)),
        separators=_SEPARATORS[lang],
        font=_FONT,
        hoverlabel=dict(font=dict(color=PALETTE["text"]), bgcolor="#FFFFFF"),
    )


def _value_text(value: object, unit: str, decimals: int, lang: str) -> str:
    """A formatted number with its unit: ``40,0%``, ``1.234 euro``; missing is ``–``.

    >>> _value_text(40, "%", 1, "nl"), _value_text(1234.5, "euro", 0, "en")
    ('40,0%', '1,235 euro')
    """
    number = format_number(value, decimals, lang=lang)
    if not unit or number == format_number(None):
        return number
    return f"{number}{html.escape(unit)}" if unit == "%" else f"{number} {html.escape(unit)}"


def _point_text(name: object, row: PandasRow, *, unit: str, decimals: int, lang: str) -> str:
    """Hover text of one observation: name, period with its status mark, value, interval."""
    words = _WORDS[lang]
    status = getattr(row, "status", None)
    status = status if isinstance(status, str) else None
    value = _value_text(row.value, unit, decimals, lang)
    text = f"{html.escape(str(name))} {format_period(row.year, status)}: {value}"
    interval = format_interval(
        getattr(row, "ci_low", None), getattr(row, "ci_high", None), decimals, lang=lang
    )
    if interval != format_interval(None, None):
        text += f"<br>{html.escape(words['interval'])}: {interval}"
    if status == "voorlopig":
        text += f"<br><i>{html.escape(words['provisional_note'])}</i>"
    elif status == "nader_voorlopig":
        text += f"<br><i>{html.escape(words['revised_note'])}</i>"
    return text


def _with_year_gaps(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows for every year from the first to the last, missing years as NaN (drawn as gaps).

    >>> frame = pd.DataFrame({"year": [2020, 2022], "value": [1.0, 3.0]})
    >>> _with_year_gaps(frame, ("value",))["value"].tolist()
    [1.0, nan, 3.0]
    """
    data = frame.copy() if frame is not None else pd.DataFrame()
    for column in ("year", *columns):
        if column not in data.columns:
            data[column] = None
    data = data[list(("year", *columns))]
    data = data[pd.to_numeric(data["year"], errors="coerce").notna()].copy()
    for column in ("value", "ci_low", "ci_high"):
        if column in data.columns:
            data[column] = pd.to_numeric(data[column], errors="coerce").astype(float)
    if data.empty:
        return data.reset_index(drop=True)
    data["year"] = data["year"].astype(int)
    data = data.drop_duplicates("year", keep="last").set_index("year").sort_index()
    years = range(int(data.index.min()), int(data.index.max()) + 1)
    return data.reindex(years).rename_axis("year").reset_index()


def _band_polygon(
    years: Iterable[float], low: Iterable[float | None], high: Iterable[float | None]
) -> tuple[list[float | None], list[float | None]]:
    """Closed polygons around each run of years with both bounds, separated by ``None``.

    A run of one year becomes a narrow box (±0,15 year) so a lone interval stays visible.

    >>> _band_polygon([2020, 2021, 2022], [1, None, 2], [3, None, 4])[0]
    [2019.85, 2020.15, 2020.15, 2019.85, 2019.85, None, 2021.85, 2022.15, 2022.15, 2021.85, 2021.85]
    """
    runs: list[list[tuple[float, float, float]]] = [[]]
    for year, lo, hi in zip(years, low, high, strict=True):
        if lo is None or hi is None or is_missing(lo) or is_missing(hi):
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((float(year), float(lo), float(hi)))
    xs: list[float | None] = []
    ys: list[float | None] = []
    for run in (run for run in runs if run):
        if len(run) == 1:
            year, lo, hi = run[0]
            run = [(round(year - 0.15, 2), lo, hi), (round(year + 0.15, 2), lo, hi)]
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [point[0] for point in run] + [point[0] for point in reversed(run)] + [run[0][0]]
        ys += [point[2] for point in run] + [point[1] for point in reversed(run)] + [run[0][2]]
    return xs, ys


def _rgba(colour: str, alpha: float) -> str:
    """``#0072B2`` → ``rgba(0,114,178,0.18)`` (integer channels: Plotly.js 4 reads CSS colours).

    >>> _rgba("#0072B2", 0.18)
    'rgba(0,114,178,0.18)'
    """
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _years(values: Iterable[float]) -> list[int]:
    """Years as plain ints (lists keep ``fig.to_dict()`` readable, not base64 arrays)."""
    return [int(value) for value in values]


def _floats(values: Iterable[float | None]) -> list[float]:
    """Values as plain floats; a missing value stays NaN, which Plotly draws as a gap."""
    return [
        float("nan") if value is None or is_missing(value) else float(value) for value in values
    ]


def _float_or_none(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _int_or_none(value: object) -> int | None:
    number = _float_or_none(value)
    return None if number is None else int(number)
