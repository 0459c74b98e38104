"""The Indicatorenplan and Voortgang tabs of the Streefwaarden page: they render for the demo,
show the SMART check and the signal, offer downloads, and save an activity update."""

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import programmes, store
from tests.app.helpers import APP, TIMEOUT, open_page, texts


@pytest.fixture
def writable(demo_store, tmp_path, monkeypatch):
    """An AppTest on a private copy of the demo store, so writes stay in tmp_path."""
    path = tmp_path / "bw.duckdb"
    shutil.copy(demo_store, path)
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield AppTest.from_file(APP, default_timeout=TIMEOUT), path
    st.cache_resource.clear()  # closes the connection to the copy


def test_plan_and_progress_tabs_render_for_the_demo(app):
    at = open_page(app(regio="GM0917"), "streefwaarden")
    assert [tab.label for tab in at.tabs][:3] == ["Streefwaarden", "Indicatorenplan", "Voortgang"]
    shown = texts(at)
    assert "Regio Deal Zuid-Limburg (fictief)" in shown
    assert "Opgave: Gezondheidsachterstand" in shown
    assert "⚠ niet SMART" in shown  # the deliberately incomplete doel
    assert "Beweegcoaches in elke wijk" in shown
    assert "de opgave beweegt niet" in shown  # the Voortgang tab's signal
    assert at.selectbox(key="plan_programme").value == 1
    assert at.selectbox(key="progress_programme").value == 1
    assert at.button(key="activity_update_submit") is not None


def test_tabs_render_in_english(app):
    at = open_page(app(regio="GM0917", lang="en"), "streefwaarden")
    assert [tab.label for tab in at.tabs][:3] == ["Targets", "Indicator plan", "Progress"]
    assert "the challenge does not move" in texts(at)


def test_activity_update_is_saved(writable):
    at, path = writable
    at.query_params.update({"regio": "GM0917"})
    open_page(at, "streefwaarden")
    at.selectbox(key="activity_update_choice").set_value(4)  # Leerwerkloket, lopend 60%
    at.selectbox(key="activity_update_status").set_value("afgerond")
    at.number_input(key="activity_update_share").set_value(100.0)
    at.button(key="activity_update_submit").click().run()
    assert not at.exception, at.exception
    assert any("is opgeslagen" in element.value for element in at.success)
    st.cache_resource.clear()  # release the app's connection before reading the file
    con = store.connect(path, read_only=True)
    try:
        updated = {a.id: a for a in programmes.read_programme(con, 1).activiteiten()}[4]
    finally:
        con.close()
    assert (updated.status, updated.share_done) == ("afgerond", 100.0)


def test_activity_is_added(writable):
    at, path = writable
    at.query_params.update({"regio": "GM0917"})
    open_page(at, "streefwaarden")
    at.text_input(key="activity_new_title").input("Valpreventie voor ouderen")
    at.number_input(key="activity_new_budget").set_value(50000.0)
    at.button(key="activity_new_submit").click().run()
    assert not at.exception, at.exception
    assert any("is toegevoegd" in element.value for element in at.success)
    assert "Valpreventie voor ouderen" in texts(at)
