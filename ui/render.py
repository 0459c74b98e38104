"""Render helpers shared by the pages: the dimensions' order and the source caption."""

from __future__ import annotations

import streamlit as st

from bw.model import Dimension, Level
from ui.i18n import t
from ui.store import is_demo, store_source

#: Dimensions in the order the monitor presents them.
DIMENSIONS = tuple(Dimension)
#: Region levels from large to small, then groups.
LEVEL_ORDER = tuple(Level)


def render_demo_caption() -> None:
    """Say under the title where the figures come from: fictional demo, or CBS with credit."""
    if is_demo():
        st.caption(f":material/science: {t('demo.badge')}: {t('demo.caption')}")
    elif store_source() == "cbs":
        st.caption(f":material/verified: {t('source.cbs_caption')}")
