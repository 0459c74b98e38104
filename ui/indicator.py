"""The dimension pages (Hier en nu, Later, Elders): indicators by theme, one indicator in detail.

For the chosen indicator: its chart with references and target lines (and, on Later, the
projection), a table alternative with a CSV download, the three judgements in words, progress
towards the target year on Later, and the method and source one click away.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from bw import assess
from bw.auth import Permission
from bw.formatting import format_number
from bw.model import Dimension, Level
from bw.monitor import IndicatorAssessment, RegionAssessment
from ui import judgements as j
from ui.auth import may
from ui.format import direction_label, unit_label
from ui.i18n import DEFAULT_LANGUAGE, LANG_PARAM, STRINGS, current_language, t
from ui.page_cache import series_parts, theme_table
from ui.params import INDICATOR_PARAM, link_changed, seed_choice, write_choice
from ui.render import lazy_tabs, render_demo_caption
from ui.sidebar import REGION_PARAM, RegionChoice
from ui.store import (
    read_assessment,
    read_catalogue,
    read_load_source,
    read_themes,
    store_source,
)
from ui.tables import WRAP_ROW_HEIGHT, judgement_column_config, table_height

LOG = logging.getLogger(__name__)

#: The page that holds the Streefwaarden form (linked from "geen streefwaarde").
STREEFWAARDEN_PAGE = "app_pages/streefwaarden.py"
#: Plotly toolbar with only the PNG download (which keeps the chart's own name): zoom, pan and
#: select add nothing to these small charts, and every button is DOM the browser must draw.
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtons": [["toImage"]]}


def render_plotly(figure, *, key: str) -> None:
    """A Plotly figure with its own accessible colours (not Streamlit's theme)."""
    st.plotly_chart(figure, config=PLOTLY_CONFIG, theme=None, key=key)


def render_no_region() -> None:
    """Say that the store holds no regions yet."""
    st.info(t("sidebar.no_regions"), icon=":material/info:")


def load_assessment(region: RegionChoice | None) -> RegionAssessment | None:
    """The region's cached assessment, or None after saying why there is none."""
    if region is None:
        render_no_region()
        return None
    try:
        assessment = read_assessment(region.code)
    except Exception as error:  # noqa: BLE001 - a page says what failed rather than crash
        LOG.exception("assessing %s failed", region.code)
        st.error(
            t("monitor.assessment_failed", region=j.md(region.label), error=j.md(error)),
            icon=":material/error:",
        )
        return None
    if assessment is None:
        st.info(t("monitor.no_assessment", region=j.md(region.label)), icon=":material/info:")
        return None
    if not assessment.items:
        st.info(t("overzicht.no_indicators"), icon=":material/info:")
        return None
    return assessment


def level_plural(level: str) -> str:
    """``gemeenten`` for ``GM``: the regions of a level, in the UI language."""
    key = f"levels.{level}"
    return t(key) if key in STRINGS[current_language()] else level


# ---------------------------------------------------------------------------------------------
# The page


def render_dimension_page(dimension: str, region: RegionChoice | None) -> None:
    """A dimension page: title, explanation, theme and indicator choice, the indicator's detail."""
    st.title(t(f"{dimension}.title"))
    render_demo_caption()
    st.write(t(f"{dimension}.body", region=j.md(region.label) if region else "—"))
    assessment = load_assessment(region)
    if assessment is None:
        return
    coverage = j.coverage_sentence(assessment)
    if coverage:
        st.caption(j.md(coverage))
    themes = read_themes()
    items = j.items_of(assessment, dimension)
    if not items:
        st.info(t("monitor.no_indicators_dimension"), icon=":material/info:")
        return
    if not any(item.value is not None for item in items):
        st.warning(
            t("overzicht.no_values", region=j.md(assessment.region.name)), icon=":material/warning:"
        )
    by_theme: dict[str, list[IndicatorAssessment]] = {}
    for theme in themes.loc[themes["dimension"] == dimension, "theme_id"]:
        members = [item for item in items if theme in item.theme_ids]
        if members:
            by_theme[str(theme)] = sorted(members, key=lambda item: j.name_of(item).casefold())
    names = j.theme_names(themes)
    item = _choose_indicator(dimension, by_theme, names, {i.indicator for i in assessment.items})
    theme_key = f"{dimension}_theme"
    with st.expander(
        t("monitor.theme_table", theme=names[st.session_state[theme_key]]), expanded=False
    ):
        theme = st.session_state[theme_key]
        _render_theme_table(
            theme_table(assessment, dimension, theme, by_theme[theme]),
            key=f"{dimension}_theme_table",
        )
    render_indicator_detail(item, assessment, region=region, later=dimension == Dimension.LATER)


def _choose_indicator(
    dimension: str,
    by_theme: dict[str, list[IndicatorAssessment]],
    names: dict[str, str],
    known: set[str],
) -> IndicatorAssessment:
    """The theme and indicator select boxes, seeded from and written to ``?indicator=``."""
    theme_key, indicator_key = f"{dimension}_theme", f"{dimension}_indicator"
    first_theme = next(iter(by_theme))
    options = list(dict.fromkeys(i.indicator for members in by_theme.values() for i in members))
    # The link decides the theme only when it decides the indicator: a theme the user picks
    # must not snap back to the theme of the indicator chosen before.
    from_link = indicator_key not in st.session_state or link_changed(
        INDICATOR_PARAM, indicator_key
    )
    seed_choice(
        INDICATOR_PARAM,
        indicator_key,
        list(options),
        default=_first_indicator(dimension, by_theme),
        invalid_message=lambda value: t("monitor.indicator_invalid", value=value),
        quiet=known,
    )
    chosen = st.session_state[indicator_key]
    if from_link or st.session_state.get(theme_key) not in by_theme:
        st.session_state[theme_key] = _theme_of(chosen, by_theme) or first_theme
    label_key = "monitor.capital" if dimension == Dimension.LATER else "monitor.theme"
    left, right = st.columns(2)
    theme = left.selectbox(
        t(label_key),
        list(by_theme),
        key=theme_key,
        format_func=names.__getitem__,
        placeholder=t("select.one"),
    )
    members = by_theme[theme]
    if st.session_state.get(indicator_key) not in [item.indicator for item in members]:
        st.session_state[indicator_key] = members[0].indicator
    labels = {item.indicator: j.name_of(item) for item in members}
    chosen = right.selectbox(
        t("monitor.indicator"),
        list(labels),
        key=indicator_key,
        format_func=labels.__getitem__,
        placeholder=t("select.one"),
    )
    write_choice(INDICATOR_PARAM, indicator_key, chosen)
    return next(item for item in members if item.indicator == chosen)


def _first_indicator(dimension: str, by_theme: dict[str, list[IndicatorAssessment]]) -> str:
    """The indicator a page opens on: the first of the first theme, but on Later the first
    with a target (with a target year first, as that shows progress and projection), because
    Later is about getting there (issue 13: it opened on an indicator without a target)."""
    items = [item for members in by_theme.values() for item in members]
    if dimension == Dimension.LATER:
        targeted = [i for i in items if i.minimum is not None or i.ambition is not None]
        dated = [i for i in targeted if i.target_year is not None and i.value is not None]
        if dated or targeted:
            return (dated or targeted)[0].indicator
    return items[0].indicator


def _theme_of(indicator: str, by_theme: dict[str, list[IndicatorAssessment]]) -> str | None:
    return next(
        (
            theme
            for theme, members in by_theme.items()
            if indicator in [item.indicator for item in members]
        ),
        None,
    )


def _render_theme_table(table: pd.DataFrame, *, key: str) -> None:
    # The same laptop-first layout as the Overzicht table (ui/tables.py).
    st.dataframe(
        table,
        column_config=judgement_column_config(),
        height=table_height(len(table)),
        row_height=WRAP_ROW_HEIGHT,
        hide_index=True,
        key=key,
        alt=t("monitor.theme_table_alt"),
    )


# ---------------------------------------------------------------------------------------------
# One indicator


def _catalogue_row(indicator: str) -> pd.Series | None:
    catalogue = read_catalogue()
    rows = catalogue[catalogue["indicator_id"] == indicator]
    return rows.iloc[0] if not rows.empty else None


def render_indicator_detail(
    item: IndicatorAssessment,
    assessment: RegionAssessment,
    *,
    region: RegionChoice,
    later: bool = False,
    key: str = "detail",
) -> None:
    """Chart and table, the three judgements in words, (Later) progress, method and source."""
    meta = _catalogue_row(item.indicator)
    lang = current_language()
    name = j.name_of(item)
    st.header(j.md(name))
    description = None
    if meta is not None:
        description = meta["description_en"] if lang == "en" else meta["description_nl"]
    facts = [t("monitor.unit", unit=unit_label(item.unit) or "–"), direction_label(item.direction)]
    st.caption(j.md(" · ".join([str(description), *facts] if description else facts)))
    _render_headline(item)
    _render_judgements(item, assessment, region=region, later=later)
    comparable = item.aggregation != "sum"
    references = j.references_of(item, assessment, comparable=comparable)
    _render_chart_and_table(item, assessment, references, later=later, key=key)
    if not comparable and assessment.region.level != Level.NL:
        st.caption(t("monitor.sum_no_references"))
    _render_method(item, meta)


def _render_headline(item: IndicatorAssessment) -> None:
    """Four numbers: the value (with the latest change), the minimum, the ambition, the rank."""
    columns = st.columns(4)
    delta = None
    arrow, colour = "off", "off"
    if item.recent_change is not None and item.previous_period is not None:
        delta = j.difference_text(item.recent_change, item, signed=True, unit=False)
        if not j.rounds_to_zero(item.recent_change, item.decimals):
            # Explicit colours: the delta text starts with a true minus sign (U+2212), which
            # Streamlit's "normal"/"inverse" do not read as negative. The arrow and the sign
            # say the direction; the colour only adds whether that is good.
            rising = item.recent_change > 0
            arrow = "up" if rising else "down"
            # Overlapping survey intervals: no demonstrable change, so no good/bad colour.
            if item.direction in ("up", "down") and item.recent_change_is_change is not False:
                colour = "green" if rising == (item.direction == "up") else "red"
    columns[0].metric(
        j.md(t("monitor.value_in", period=j.period_text(item))),
        j.value_text(item.value, item, unit=False)
        if item.value is not None
        else t("overzicht.no_data"),
        delta=delta,
        delta_color=colour,
        delta_arrow=arrow,
        delta_description=t("monitor.since", year=item.previous_period) if delta else None,
        help=t("monitor.value_help"),
    )
    columns[1].metric(
        t("target.minimum"),
        j.value_text(item.minimum, item, unit=False),
        help=t("monitor.minimum_help"),
    )
    columns[2].metric(
        t("target.ambition"),
        j.value_text(item.ambition, item, unit=False),
        help=t("monitor.ambition_help"),
    )
    # The comparison period in the label (like the value's year), so the number stays short.
    rank_label = (
        t("monitor.rank_in", year=item.comparison_period)
        if j.position_shifted(item)
        else t("col.rank")
    )
    columns[3].metric(rank_label, j.rank_text(item, with_year=False), help=t("col.rank_help"))


def _render_chart_and_table(
    item: IndicatorAssessment,
    assessment: RegionAssessment,
    references: dict[str, pd.DataFrame],
    *,
    later: bool,
    key: str,
) -> None:
    parts = series_parts(item, assessment, references, later=later)  # shared once built
    chart_tab, table_tab = lazy_tabs([t("tab.chart"), t("tab.table")], key=f"{key}_tabs")
    if chart_tab.open:
        with chart_tab:
            render_plotly(parts.figure, key=f"{key}_chart")
            notes = [t("monitor.chart_note")]
            if parts.projection_table is not None:
                notes.append(t("monitor.projection_note"))
            st.caption(" ".join(notes))
    if not table_tab.open:
        return
    with table_tab:
        st.caption(t("monitor.unit", unit=j.md(unit_label(item.unit) or "–")))
        config = {
            "year": st.column_config.TextColumn(t("col.period"), help=t("col.period_help")),
            "value": st.column_config.TextColumn(assessment.region.name, alignment="right"),
            "interval": st.column_config.TextColumn(
                t("col.interval"), alignment="right", help=t("col.interval_help")
            ),
            "status": st.column_config.TextColumn(t("col.publication")),
        }
        for name in parts.reference_names:
            config[name] = st.column_config.TextColumn(name, alignment="right")
        st.dataframe(
            parts.table,
            column_config=config,
            hide_index=True,
            key=f"{key}_table",
            alt=t("monitor.series_alt", indicator=j.name_of(item)),
        )
        if parts.projection_table is not None:
            st.markdown(f"**{j.md(t('monitor.projection_heading'))}**")
            st.dataframe(
                parts.projection_table,
                column_config={
                    "year": st.column_config.TextColumn(t("csv.year")),
                    "value": st.column_config.TextColumn(t("csv.projection"), alignment="right"),
                    "band": st.column_config.TextColumn(t("col.band"), alignment="right"),
                },
                hide_index=True,
                key=f"{key}_projection_table",
            )
        st.download_button(
            t("download.csv"),
            data=parts.csv,
            file_name=f"{item.indicator}-{assessment.region.code}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}_csv",
        )


def _render_judgements(
    item: IndicatorAssessment, assessment: RegionAssessment, *, region: RegionChoice, later: bool
) -> None:
    """Status, trend and position (and on Later progress) as cards: icon + word, then why.

    Under "geen streefwaarde" a user who may set targets gets a link to that indicator's form.
    """
    cards = [
        (
            t("judgement.status"),
            j.status_text(item),
            [j.status_sentence(item, region.label), j.example_target_sentence(item)],
        ),
        (
            t("judgement.trend"),
            j.trend_text(item) if item.value is not None else "–",
            [j.trend_sentence(item), j.recent_change_sentence(item)],
        ),
        (
            t("judgement.position"),
            j.judgement("quartile", item.quartile) if item.quartile else j.rank_text(item),
            j.position_sentences(
                item, assessment, level_plural=level_plural(assessment.region.level)
            ),
        ),
    ]
    if later:
        cards.append(
            (
                t("judgement.progress"),
                j.progress_text(item) if item.progress else "–",
                [
                    j.progress_sentence(item),
                    j.minimum_reached_sentence(item),
                    j.projection_sentence(item),
                ],
            )
        )
    for index, (column, (heading, verdict, sentences)) in enumerate(
        zip(st.columns(len(cards), border=True), cards, strict=True)
    ):
        with column:
            st.caption(j.md(heading))
            st.markdown(f"**{j.md(verdict)}**")
            for sentence in sentences:
                if sentence:
                    st.markdown(j.md(sentence))
            if index == 0 and item.status == "no_target":
                render_set_target_link(item.indicator, region)


def render_set_target_link(indicator: str, region: RegionChoice) -> None:
    """One click from "geen streefwaarde" to the indicator's Streefwaarden form, for those who
    may set targets; others see no link (the verdict stays as it is)."""
    if not may(Permission.EDIT_TARGETS):
        return
    query = {INDICATOR_PARAM: indicator, REGION_PARAM: region.code}
    if current_language() != DEFAULT_LANGUAGE:
        query[LANG_PARAM] = current_language()
    st.page_link(
        STREEFWAARDEN_PAGE,
        label=t("target.set_link"),
        icon=":material/flag:",
        help=t("target.set_link_help"),
        query_params=query,
    )


def _render_method(item: IndicatorAssessment, meta: pd.Series | None) -> None:
    """The method with its thresholds and the source, one click away."""
    lang = current_language()
    limits = assess.DEFAULT_THRESHOLDS
    with st.expander(t("method.heading"), icon=":material/menu_book:"):
        st.markdown(
            t(
                "method.body",
                window=limits.trend_window_years,
                points=limits.min_trend_points,
                p=format_number(limits.p_value, 2, lang=lang),
                materiality=j.percent_text(limits.materiality, decimals=0),
                band=j.percent_text(limits.comparable_band, decimals=0),
                comparison=j.percent_text(limits.comparison_coverage, decimals=0),
                on_track=format_number(limits.on_track, 2, lang=lang),
                acceleration=format_number(limits.acceleration, 1, lang=lang),
                coverage=j.percent_text(limits.group_coverage, decimals=0),
                horizon=limits.projection_horizon,
            )
        )
        source = item.source or (str(meta["source"]) if meta is not None else "–")
        st.markdown(j.md(t("method.source", source=source)))
        if item.cbs_code:
            st.markdown(j.md(t("method.cbs_code", code=item.cbs_code)))
        if item.origin == "aggregated" and item.coverage is not None:
            st.markdown(
                j.md(t("method.aggregated", coverage=j.percent_text(item.coverage, decimals=0)))
            )
        elif store_source() == "cbs" and item.origin == "source":
            st.markdown(t("method.attribution"))
        if item.load_id is not None:
            st.markdown(
                j.md(
                    t(
                        "method.load",
                        load=item.load_id,
                        period=j.period_text(item),
                        source=read_load_source(item.load_id),
                    )
                )
            )
        st.caption(t("method.more"))
