"""The options of a set side by side as a grid: options × indicators, symbols and words in every
cell (never colour alone), grouped by dimension. A figure only; the table behind it is
:func:`bw.reports.effect.side_by_side`. Never rendered here.
"""

from __future__ import annotations

import textwrap
from html import escape
from typing import cast

import pandas as pd
import plotly.graph_objects as go

from bw.policy_options import DIMENSION_NAMES, DIMENSIONS, OptionSet, word
from bw.reports.effect import cell_text, when_where

#: Score per effect word and size: the sign says better/worse, the size how much.
_SIZE_SCORE = {"klein": 1, "middel": 2, "groot": 3}

#: Diverging scale: darkened vermillion (worse) through white to Okabe–Ito blue (better),
#: light enough in the middle that the black cell text keeps a contrast of at least 4.5:1.
GRID_SCALE: list[list[float | str]] = [
    [0.0, "#E8A27C"],
    [0.45, "#FBE3D6"],
    [0.5, "#FFFFFF"],
    [0.55, "#D6E9F5"],
    [1.0, "#8DBEE0"],
]

_SEPARATORS = {"nl": ",.", "en": ".,"}
#: Characters per line of a grid cell's 12 px text: an option column is about 170 px wide at
#: 1366×768 with three options, and Plotly cuts text at the cell's edge instead of wrapping.
CELL_CHARS = 26


def wrap_cell(text: str, *, width: int = CELL_CHARS) -> str:
    """Text broken onto lines of at most ``width`` characters for a grid cell (Plotly does not
    wrap): ``⚠ al onder minimum,<br>verslechtert verder``.

    >>> wrap_cell("⚠ al onder minimum, verslechtert verder")
    '⚠ al onder minimum,<br>verslechtert verder'
    """
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def _row_height(cells: list[str]) -> int:
    """Pixels for a grid row: 46, or more when a cell has more than two lines."""
    lines = max((cell.count("<br>") + 1 for cell in cells), default=1)
    return max(46, 17 * lines + 14)


def effect_score(effect: str, size: str) -> int:
    """−3…3: positive for better, negative for worse, 0 for no effect.

    >>> effect_score("slechter", "groot"), effect_score("beter", "klein")
    (-3, 1)
    """
    sign = {"beter": 1, "slechter": -1}.get(effect, 0)
    return sign * _SIZE_SCORE.get(size, 1)


def _plain(text: object) -> str:
    """User text shown literally in a Plotly figure (which reads ``<a href>`` and ``<b>``).

    >>> _plain('Optie <a href="x">b</a> & c')
    'Optie &lt;a href="x"&gt;b&lt;/a&gt; &amp; c'
    """
    return escape(str(text), quote=False)


def figure_option_grid(
    table: pd.DataFrame, option_set: OptionSet, *, lang: str = "nl"
) -> go.Figure:
    """A grid of options (columns) × indicator, time and place (rows), grouped by dimension."""
    names = [o.name for o in option_set.options]
    rows: list[tuple[str, str, str, str]] = []  # (dimension, indicator_id, timing, place)
    labels: list[str] = []
    if not table.empty:
        for dim in DIMENSIONS:
            part = table[table["dimension"] == dim]
            for key, group in part.groupby(["indicator_id", "timing", "place"], sort=False):
                # the keys of a groupby on three text columns (no NaN: dropna is on)
                indicator_id, timing, place = cast(tuple[str, str, str], key)
                rows.append((dim, indicator_id, timing, place))
                first = group.iloc[0]
                # Plotly renders axis labels and hover texts as a little HTML (<a href> too):
                # names and units typed by users are escaped.
                labels.append(
                    f"{DIMENSION_NAMES[lang][dim]} · {_plain(first['indicator'])} "
                    f"({when_where(first, lang=lang)})"
                )
    z: list[list[int | None]] = []
    text: list[list[str]] = []
    hover: list[list[str]] = []
    for dim, indicator_id, timing, place in rows:
        cells = table[
            (table["dimension"] == dim)
            & (table["indicator_id"] == indicator_id)
            & (table["timing"] == timing)
            & (table["place"] == place)
        ]
        by_option = {r["option"]: r for _, r in cells.iterrows()}
        z_row: list[int | None] = []
        text_row: list[str] = []
        hover_row: list[str] = []
        for name in names:
            r = by_option.get(name)
            if r is None:
                z_row.append(None)
                text_row.append("–")
                hover_row.append("–")
                continue
            z_row.append(effect_score(r["effect"], r["size"]))
            short = f"{word(r['effect'], lang=lang)} ({word(r['size'], lang=lang)})"
            if isinstance(r["flag"], str):
                short += "<br>" + wrap_cell(word(r["flag"], lang=lang))
            text_row.append(short)
            hover_row.append(_plain(cell_text(r, lang=lang)))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    # rows top to bottom in presentation order: plotly draws the first y value at the bottom
    fig = go.Figure(
        go.Heatmap(
            z=z[::-1],
            x=[_plain(name) for name in names],
            y=labels[::-1],
            text=text[::-1],
            customdata=hover[::-1],
            texttemplate="%{text}",
            textfont=dict(color="#1A1A1A", size=12),
            hovertemplate="%{x}<br>%{y}<br>%{customdata}<extra></extra>",
            colorscale=GRID_SCALE,
            zmin=-3,
            zmax=3,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    title = "Verwachte effecten per optie" if lang == "nl" else "Expected effects per option"
    fig.update_layout(
        title=dict(text=title),
        separators=_SEPARATORS[lang],
        font=dict(color="#1A1A1A", size=13),
        plot_bgcolor="#FFFFFF",
        # Plotly gives every row the same height: enough for the row with the most lines.
        height=max(260, 90 + len(text) * max((_row_height(row) for row in text), default=46)),
        margin=dict(l=10, r=10, t=50, b=10),
        xaxis=dict(side="top"),
        yaxis=dict(automargin=True),
    )
    return fig
