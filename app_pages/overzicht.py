"""Overzicht: the latest value of every indicator for the chosen region, by dimension and theme."""

import streamlit as st

from ui.i18n import t
from ui.render import render_demo_caption, render_latest_by_theme
from ui.sidebar import current_region

region = current_region()
if region is None:
    st.title(t("app.title"))
    st.info(t("sidebar.no_regions"), icon=":material/info:")
else:
    st.title(t("overzicht.title", region=region.label))
    render_demo_caption()
    st.write(t("overzicht.intro", region=region.label))
    st.info(t("overzicht.coming"), icon=":material/construction:")
    render_latest_by_theme(region)
