"""Render helpers shared by the pages: page headers and the demo caption.

The store counts moved to :mod:`ui.data_page` with the rest of the Data page.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.markdown import md
from ui.sidebar import RegionChoice
from ui.store import is_demo, store_source

#: Dimensions in the order the monitor presents them.
DIMENSIONS = ("hier_en_nu", "later", "elders")
#: Region levels from large to small, then groups.
LEVEL_ORDER = ("NL", "LD", "PV", "CR", "GM", "WK", "BU", "group")


def render_demo_caption() -> None:
    """Say under the title where the figures come from: fictional demo, or CBS with credit."""
    if is_demo():
        st.caption(f":material/science: {t('demo.badge')}: {t('demo.caption')}")
    elif store_source() == "cbs":
        st.caption(f":material/verified: {t('source.cbs_caption')}")


def render_building_page(key: str, region: RegionChoice | None) -> None:
    """A page that is not built yet: its title, what it will show, and a plain notice."""
    st.title(t(f"{key}.title"))
    render_demo_caption()
    st.write(t(f"{key}.body", region=md(region.label) if region else "—"))
    st.info(t("page.building"), icon=":material/construction:")

