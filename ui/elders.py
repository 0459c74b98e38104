"""The Elders page: the dimension page when the store has elders figures for the region, else
a plain explanation and what the store holds instead (issue 12, item 9).

CBS's Regionale Monitor Brede Welvaart does not regionalise *elders*, so a store of real CBS
data has no elders indicators: the page says so, points to the indicators of hier en nu and
later that also speak of effects elsewhere, and tells analysts how to load their own, rather
than drawing an empty grid and an empty chart.
"""

from __future__ import annotations

import streamlit as st

from bw import store
from bw.auth import Permission
from bw.model import Dimension, Level
from bw.monitor import IndicatorAssessment, RegionAssessment
from ui import judgements as j
from ui.auth import may
from ui.i18n import t
from ui.indicator import render_dimension_page
from ui.overview import DIMENSION_PAGES
from ui.params import INDICATOR_PARAM
from ui.render import render_demo_caption
from ui.sidebar import REGION_PARAM, RegionChoice
from ui.store import is_demo, new_cursor, read_assessment, read_themes

#: Themes of hier en nu and later whose indicators also speak of effects elsewhere: emissions,
#: air, water and nature do not stop at the municipal border.
RELATED_THEMES = ("milieu", "natuurlijk_kapitaal")
#: The dimensions a store without elders figures is shown to hold, with their pages.
OTHER_DIMENSIONS = (Dimension.HIER_EN_NU, Dimension.LATER)
DATA_PAGE = "app_pages/data.py"


def has_elders_values(assessment: RegionAssessment) -> bool:
    """Whether any elders indicator has a value for the assessed region."""
    return any(item.value is not None for item in j.items_of(assessment, Dimension.ELDERS))


def store_source() -> str:
    """What the store was built from: 'cbs', 'demo' or 'empty' (meta key ``source``).

    A store made before that key existed says only whether it is the demo.
    """
    cursor = new_cursor()
    try:
        source = store.read_meta(cursor, "source")
    finally:
        cursor.close()
    return source or ("demo" if is_demo() else "empty")


def render_elders_page(region: RegionChoice | None) -> None:
    """The Elders page for the region chosen in the sidebar."""
    assessment = None
    if region is not None:
        try:
            assessment = read_assessment(region.code)
        except Exception:  # noqa: BLE001 - the dimension page below says what failed
            assessment = None
    if assessment is None or has_elders_values(assessment):
        render_dimension_page(Dimension.ELDERS, region)
        return
    render_without_elders(assessment, region)


def render_without_elders(assessment: RegionAssessment, region: RegionChoice) -> None:
    """What elders means, why there are no figures, and what the store holds instead."""
    st.title(t("elders.title"))
    render_demo_caption()
    st.write(t("elders.meaning", region=j.md(region.label)))
    st.info(t(_reason_key(store_source(), region.level)), icon=":material/info:")
    st.subheader(t("elders.instead_heading", region=j.md(region.label)))
    _render_dimension_links(assessment, region)
    _render_related(assessment, region)
    if may(Permission.LOAD_DATA):
        st.caption(t("elders.load_own"))
        st.page_link(DATA_PAGE, label=t("elders.load_own_link"), icon=":material/upload:")


def _reason_key(source: str, level: str) -> str:
    """Why there are no elders figures: CBS's regional monitor has none, or none loaded yet.

    >>> _reason_key("cbs", "GM"), _reason_key("cbs", "NL"), _reason_key("empty", "GM")
    ('elders.none_cbs', 'elders.none_cbs_nl', 'elders.none_other')
    """
    if source != "cbs":
        return "elders.none_other"
    return "elders.none_cbs_nl" if level == Level.NL else "elders.none_cbs"


def _render_dimension_links(assessment: RegionAssessment, region: RegionChoice) -> None:
    """Per other dimension: how many indicators have figures for the region, with its page."""
    for dimension in OTHER_DIMENSIONS:
        items = j.items_of(assessment, dimension)
        name = t(f"dimension.{dimension}")
        if not items:
            st.markdown(f"- {j.md(t('elders.dimension_empty', dimension=name))}")
            continue
        with_value = sum(1 for item in items if item.value is not None)
        st.page_link(
            DIMENSION_PAGES[dimension],
            label=t(
                "elders.dimension_count", dimension=name, with_value=with_value, total=len(items)
            ),
            icon=":material/arrow_forward:",
            query_params={REGION_PARAM: region.code},
        )


def _related_items(assessment: RegionAssessment) -> list[tuple[str, IndicatorAssessment]]:
    """(dimension, item) for every indicator with a value in a related theme, in theme order."""
    themes = read_themes()
    related = themes[themes["theme_id"].isin(RELATED_THEMES)]
    found: dict[str, tuple[str, IndicatorAssessment]] = {}
    for theme in related.itertuples(index=False):
        members = [
            item
            for item in assessment.items
            if theme.theme_id in item.theme_ids and item.value is not None
        ]
        for item in sorted(members, key=lambda item: j.name_of(item).casefold()):
            found.setdefault(item.indicator, (str(theme.dimension), item))
    return list(found.values())


def _render_related(assessment: RegionAssessment, region: RegionChoice) -> None:
    """The indicators of milieu and natuurlijk kapitaal, each linked to its page."""
    related = _related_items(assessment)
    if not related:
        return
    st.markdown(f"**{j.md(t('elders.related_heading'))}**")
    st.write(t("elders.related_intro", region=j.md(region.label)))
    for dimension, item in related:
        st.page_link(
            DIMENSION_PAGES.get(dimension, DIMENSION_PAGES[Dimension.HIER_EN_NU]),
            label=j.md(
                t(
                    "elders.related_item",
                    indicator=j.name_of(item),
                    value=j.value_text(item.value, item),
                    period=j.period_text(item),
                )
            ),
            icon=":material/arrow_forward:",
            query_params={INDICATOR_PARAM: item.indicator, REGION_PARAM: region.code},
        )
