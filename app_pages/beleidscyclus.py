"""Beleidscyclus: the phases of the policy cycle and the indicator plan (being built)."""

import streamlit as st

from ui.i18n import t
from ui.render import render_building_page
from ui.sidebar import current_region

render_building_page("beleidscyclus", current_region())
st.caption(t("beleidscyclus.source"))
