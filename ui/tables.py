"""How the tables read on a laptop and on a phone: column order, widths and wrapped text.

``st.dataframe`` draws its cells on a canvas (glide-data-grid). A cell wraps its text only when
rows are taller than 64 px (Streamlit 1.67 turns wrapping on above 4rem), and a column that does
not fit hides behind a sideways scroll. So the widths here are chosen, not left to the content:
at 1366×768 with the sidebar open the main column is about 900 px wide, and the indicator with
its three judgements (status, trend, position) must fit in it without scrolling, in Dutch and in
English. On a 390 px phone the first columns are the indicator and its status; the rest is a
sideways scroll away. (Not pinned: the grid draws a pinned column's text faded, too light for
the contrast WCAG AA asks of body text.) Text that is longer than its column wraps onto a
second or third line instead of being cut.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui import judgements as j
from ui.i18n import t

#: Row height (px) at which the grid wraps text: up to three lines of 14 px text. Streamlit
#: wraps only above 64 px; shorter rows cut long text with "…".
WRAP_ROW_HEIGHT = 68
#: Height of the grid's header row (px), for the height of a table that shows every row.
HEADER_HEIGHT = 36
#: The tallest a table grows before it scrolls inside (px): one laptop screen.
MAX_TABLE_HEIGHT = 700

#: Column widths (px) of the judgement tables. Together with the row's selection box they fit
#: the ~900 px main column at 1366×768; a phone shows the indicator and the status.
WIDTH = {
    "indicator": 175,
    "status": 125,
    "trend": 105,
    "rank": 85,
    "vs_nl": 110,
    "latest": 110,
    "series": 60,
    "theme": 100,
}
#: Column widths (px) of the Streefwaarden table: the same indicator and status as above, then
#: the value and the targets; the code (for ``bw targets import``) takes what is left.
TARGETS_WIDTH = {
    "indicator": 170,
    "status": 125,
    "latest": 105,
    "minimum": 70,
    "ambition": 70,
    "target_year": 85,
    "ceiling": 65,
    "baseline_year": 95,
    "indicator_id": 115,
}


def table_height(rows: int, *, row_height: int = WRAP_ROW_HEIGHT) -> int:
    """The height that shows ``rows`` rows, at most one laptop screen (then it scrolls)."""
    return min(HEADER_HEIGHT + 2 + row_height * max(rows, 1), MAX_TABLE_HEIGHT)


def judgement_column_config() -> dict:
    """Headers, help texts and widths of the indicator tables (Overzicht and the theme tables)."""
    text = st.column_config.TextColumn
    return {
        "indicator": text(t("col.indicator"), width=WIDTH["indicator"]),
        "status": text(t("col.status"), help=t("col.status_help"), width=WIDTH["status"]),
        "trend": text(t("col.trend"), help=t("col.trend_help"), width=WIDTH["trend"]),
        "rank": text(t("col.rank"), help=t("col.rank_help"), width=WIDTH["rank"]),
        "vs_nl": text(t("col.vs_nl_short"), help=t("col.vs_nl_help"), width=WIDTH["vs_nl"]),
        "latest": text(t("col.latest"), help=t("col.latest_help"), width=WIDTH["latest"]),
        "series": st.column_config.LineChartColumn(
            t("col.series_short"), help=t("col.series_help"), width=WIDTH["series"]
        ),
        "theme": text(t("col.theme"), width=WIDTH["theme"]),
        # Kept in the frame for sorting and tests, not shown: "latest" says both.
        "value": text(t("col.value"), help=t("col.value_help"), alignment="right"),
        "period": text(t("col.period"), help=t("col.period_help")),
    }


# ---------------------------------------------------------------------------------------------
# Static tables: few rows, long text


_LIST_MARKER = re.compile(r"^(\s*)(\d+)([.)])")


def md_cell(value: object) -> str:
    r"""A cell of ``st.table`` (which reads every cell as Markdown) shown exactly as written.

    >>> print(md_cell("⊕ beter · ~ middel vertrouwen · ~ 5%"))
    ⊕ beter · \~ middel vertrouwen · \~ 5%
    >>> print(md_cell("1. Blauwe zone"), md_cell(3))
    1\. Blauwe zone 3
    """
    text = j.md(value)
    return _LIST_MARKER.sub(r"\1\2\\\3", text)  # "1. …" would start a numbered list


def render_wrapped_table(frame: pd.DataFrame, *, alt: str) -> None:
    """A small table whose long texts and headers wrap instead of being cut: ``st.table``.

    For tables of a few rows with sentences in their cells (the stakeholder matrix, the
    options side by side), a real HTML table reads better than the grid: every row is as tall
    as its text, headers wrap, and screen readers get table semantics. On a phone it scrolls
    sideways with the first column (the row's name) first.
    """
    shown = frame.rename(columns=md_cell).map(lambda cell: breakable(md_cell(cell)))
    st.table(shown, hide_index=True, alt=alt)


def breakable(text: str) -> str:
    r"""Text that may wrap after a slash: ``beleidsmedewerkers/onderzoekers`` is one long word
    to the browser, and a few of those make a table wider than a laptop's main column.

    >>> breakable("Beleidsmedewerkers/onderzoekers") == "Beleidsmedewerkers/\u200bonderzoekers"
    True
    """
    return text.replace("/", "/\u200b")  # a zero-width space: invisible, but a break point
