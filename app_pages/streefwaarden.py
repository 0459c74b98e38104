"""Streefwaarden: the council's minimum targets and ambitions per indicator, with history;
the indicatorenplan of a programme and its progress report."""

import streamlit as st

from ui.i18n import t
from ui.programme_page import render_plan_tab, render_progress_tab
from ui.sidebar import current_region
from ui.targets_page import render_targets_page

targets_tab, plan_tab, progress_tab = st.tabs(
    [t("streefwaarden.tab_targets"), t("streefwaarden.tab_plan"), t("streefwaarden.tab_progress")]
)
with targets_tab:
    render_targets_page(current_region())
with plan_tab:
    render_plan_tab()
with progress_tab:
    render_progress_tab()
