"""The bw dashboard: page setup, the shared sidebar and the navigation. Run: streamlit run app.py

The page scripts live in ``app_pages/``, not ``pages/``: Streamlit treats a ``pages/`` folder
as a legacy multipage app and then runs a deep-linked page (and every AppTest page switch)
without this script, so without the sidebar and the store check.
"""

from pathlib import Path

import streamlit as st

from ui.auth import render_auth_sidebar, show_beheer
from ui.i18n import t
from ui.sidebar import render_sidebar, run_page
from ui.store import maintenance_when_unreachable, render_store_bootstrap

# A local PNG: a :material/…: or emoji icon is fetched from an outside font server, and the
# app must load offline and tell no third party who is looking (issue 13).
FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"
st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")
render_store_bootstrap()
# A lake that goes away while the app runs: the maintenance message, not a traceback.
with maintenance_when_unreachable():
    render_sidebar()
    render_auth_sidebar()  # lokale modus banner, login form or who is logged in
    navigation = st.navigation(
        [
            st.Page(
                "app_pages/overzicht.py",
                title=t("nav.overzicht"),
                icon=":material/dashboard:",
                default=True,
            ),
            st.Page("app_pages/hier_en_nu.py", title=t("nav.hier_en_nu"), icon=":material/today:"),
            st.Page("app_pages/later.py", title=t("nav.later"), icon=":material/hourglass_top:"),
            st.Page("app_pages/elders.py", title=t("nav.elders"), icon=":material/public:"),
            st.Page(
                "app_pages/vergelijken.py", title=t("nav.vergelijken"), icon=":material/compare:"
            ),
            st.Page(
                "app_pages/streefwaarden.py", title=t("nav.streefwaarden"), icon=":material/flag:"
            ),
            st.Page("app_pages/data.py", title=t("nav.data"), icon=":material/database:"),
            st.Page(
                "app_pages/beleidsopties.py", title=t("options.nav"), icon=":material/alt_route:"
            ),
            st.Page(
                "app_pages/beleidscyclus.py", title=t("nav.beleidscyclus"), icon=":material/sync:"
            ),
            st.Page("app_pages/workshop.py", title=t("workshop.nav"), icon=":material/groups:"),
            *(
                [
                    st.Page(
                        "app_pages/beheer.py",
                        title=t("beheer.nav"),
                        icon=":material/manage_accounts:",
                    )
                ]
                if show_beheer()
                else []
            ),
        ]
    )
    run_page(navigation)  # a page about a region first asks which one
