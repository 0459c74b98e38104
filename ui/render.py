"""Render helpers shared by the pages: the dimensions' order, the source caption and tabs
that run only the open one."""

from __future__ import annotations

from collections.abc import Sequence

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


def lazy_tabs(labels: Sequence[str], *, key: str, default: str | None = None) -> list:
    """Tabs of which only the open one is worth drawing: each container's ``.open`` says so.

    Streamlit sends every tab's content to the browser unless the tabs track their state; with
    ``on_change="rerun"`` a switch reruns the page and the hidden tabs can be skipped, so the
    browser draws one chart or table instead of all of them (issue 16: drawing, not the script,
    is where a page's time goes).
    """
    return list(st.tabs(list(labels), key=key, default=default, on_change="rerun"))
