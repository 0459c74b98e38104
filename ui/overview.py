"""Overzicht: per dimension the counts of status and trend, the status matrix per theme, and
one sortable table of every indicator; selecting a row opens its detail below the table."""

from __future__ import annotations

import streamlit as st

from bw.model import Dimension, Level
from bw.monitor import RegionAssessment
from ui import judgements as j
from ui.i18n import t
from ui.indicator import (
    level_plural,
    load_assessment,
    render_indicator_detail,
    render_plotly,
)
from ui.page_cache import OverviewParts, overview_parts
from ui.params import INDICATOR_PARAM, requested, write_choice
from ui.render import lazy_tabs, render_demo_caption
from ui.sidebar import RegionChoice
from ui.tables import WRAP_ROW_HEIGHT, judgement_column_config, table_height

#: Widget key of the overview table (its row selection opens the detail).
TABLE_KEY = "overzicht_table"
#: Widget key of the status matrix's chart/table tabs (the open one is the only one drawn).
MATRIX_TABS_KEY = "overzicht_matrix_tabs"
#: The page of each dimension, for the link from a selected row to its page.
DIMENSION_PAGES = {
    Dimension.HIER_EN_NU: "app_pages/hier_en_nu.py",
    Dimension.LATER: "app_pages/later.py",
    Dimension.ELDERS: "app_pages/elders.py",
}


def render_overview_page(region: RegionChoice | None) -> None:
    """The whole Overzicht page for the chosen region."""
    if region is None:
        st.title(t("app.title"))
        st.info(t("sidebar.no_regions"), icon=":material/info:")
        return
    st.title(t("overzicht.title", region=j.md(region.label)))
    render_demo_caption()
    st.write(t("overzicht.intro", region=j.md(region.label)))
    assessment = load_assessment(region)
    if assessment is None:
        return
    coverage = j.coverage_sentence(assessment)
    if coverage:
        st.caption(j.md(coverage))
    with_value = sum(1 for item in assessment.items if item.value is not None)
    if with_value == 0:
        st.warning(t("overzicht.no_values", region=j.md(region.label)), icon=":material/warning:")
    else:
        st.caption(t("overzicht.count", with_value=with_value, total=len(assessment.items)))
    parts = overview_parts(assessment)  # built once per region and language, then shared
    _render_downloads(assessment, parts)
    _render_dimension_counts(assessment)
    examples = sum(1 for item in assessment.items if j.uses_example_target(item))
    if examples:  # the counts and the matrix below include them; the table marks each one
        st.caption(t("overzicht.example_targets", n=examples))
    _render_status_matrix(parts)
    _render_table(assessment, parts, region)


def _render_downloads(assessment: RegionAssessment, parts: OverviewParts) -> None:
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(
        t("download.factsheet"),
        data=parts.factsheet,
        file_name=f"factsheet-{assessment.region.code}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/description:",
        key="overzicht_factsheet",
        help=t("download.factsheet_help"),
    )
    right.download_button(
        t("download.csv_overview"),
        data=parts.csv,
        file_name=f"brede-welvaart-{assessment.region.code}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="overzicht_csv",
    )


def _render_dimension_counts(assessment: RegionAssessment) -> None:
    """Per dimension: how many indicators per status (metrics) and the trend tally (words)."""
    columns = st.columns(len(j.DIMENSIONS), border=True)
    for column, dimension in zip(columns, j.DIMENSIONS, strict=True):
        items = j.items_of(assessment, dimension)
        with column:
            st.header(t(f"dimension.{dimension}"))
            st.caption(t("overzicht.n_indicators", n=len(items)))
            if not items:
                # An empty dimension (elders on CBS data) says why instead of a row of zeros.
                st.markdown(t("overzicht.dimension_empty"))
                st.page_link(
                    f"app_pages/{dimension}.py",
                    label=t(f"dimension.{dimension}"),
                    icon=":material/arrow_forward:",
                )
                continue
            statuses = j.status_counts(items)
            cells = st.columns(2)
            for index, (cls, count) in enumerate(statuses.items()):
                cells[index % 2].metric(j.count_label("status", cls), count)
            trends = j.trend_counts(items)
            lines = [
                f"{j.md(j.count_label('trend', cls))}: **{count}**" for cls, count in trends.items()
            ]
            st.markdown(f"**{j.md(t('overzicht.trend_heading'))}**  \n" + "  \n".join(lines))


def _render_status_matrix(parts: OverviewParts) -> None:
    if parts.matrix_figure is None:
        return
    st.header(t("overzicht.matrix_heading"))
    # The table says what the heatmap shows and opens first: the chart (and Plotly with it) is
    # drawn only when its tab is opened, which is most of what a navigation here cost.
    chart_tab, table_tab = lazy_tabs(
        [t("tab.chart"), t("tab.table")], key=MATRIX_TABS_KEY, default=t("tab.table")
    )
    if chart_tab.open:
        with chart_tab:
            render_plotly(parts.matrix_figure, key="overzicht_matrix")
            st.caption(t("overzicht.matrix_note"))
    if table_tab.open:
        with table_tab:
            st.dataframe(
                parts.matrix_table,
                hide_index=True,
                key="overzicht_matrix_table",
                alt=t("overzicht.matrix_title"),
            )


def _render_table(assessment: RegionAssessment, parts: OverviewParts, region: RegionChoice) -> None:
    """All indicators, sortable; one selected row (or ``?indicator=``) shows its detail."""
    table, ids = parts.table, list(parts.indicator_ids)
    st.header(t("overzicht.table_heading"))
    st.caption(t("overzicht.table_hint"))
    wanted = requested(INDICATOR_PARAM)
    default = None
    if wanted is not None and wanted not in ids:
        st.warning(t("monitor.indicator_invalid", value=j.md(wanted)), icon=":material/warning:")
        write_choice(INDICATOR_PARAM, TABLE_KEY, None)
    elif wanted is not None:
        default = {"selection": {"rows": [ids.index(wanted)], "columns": []}}
    columns = list(j.OVERVIEW_SHOWN)
    if region.level in (Level.NL, Level.GROUP):
        columns.remove("rank")  # NL and groups are not ranked
        if region.level == Level.NL:
            columns.remove("vs_nl")
    # Laptop first (ui/tables.py): the judgements next to the name, fixed widths, text wrapped.
    event = st.dataframe(
        table,
        column_config=judgement_column_config(),
        height=table_height(table.num_rows),
        row_height=WRAP_ROW_HEIGHT,
        column_order=columns,
        hide_index=True,
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="single-row",
        selection_default=default,
        alt=t("overzicht.table_alt", region=region.label),
    )
    st.caption(t("overzicht.legend"))
    # methods.md §3: a value newer than the comparison period is ranked in that period; say so.
    for note in j.comparison_notes(assessment.items, level_plural=level_plural(region.level)):
        st.caption(j.md(note))
    if region.level in (Level.NL, Level.GROUP):
        st.caption(t(f"overzicht.not_ranked_{region.level}"))
    rows = list(event.selection.rows) if event is not None else []
    if not rows:
        write_choice(INDICATOR_PARAM, TABLE_KEY, None)  # nothing selected: the link opens none
        return
    indicator = ids[rows[0]]
    write_choice(INDICATOR_PARAM, TABLE_KEY, indicator)
    item = assessment.item(indicator)
    if item is None:
        return
    st.divider()
    dimension = item.dimensions[0] if item.dimensions else Dimension.HIER_EN_NU
    st.page_link(
        DIMENSION_PAGES.get(dimension, DIMENSION_PAGES[Dimension.HIER_EN_NU]),
        label=t("overzicht.open_page", page=t(f"nav.{dimension}")),
        icon=":material/open_in_new:",
        query_params={INDICATOR_PARAM: indicator, "regio": region.code},
    )
    render_indicator_detail(
        item, assessment, region=region, later=dimension == Dimension.LATER, key="overzicht_detail"
    )
