"""The Streefwaarden page: renders for every kind of region, saves a valid target through the
form (and the status follows), refuses an invalid one, and restores and retracts versions."""

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import store, targets
from bw.auth import Actor, Role
from bw.model import Target
from tests.app.helpers import APP, TIMEOUT, open_page, table_with, texts

#: A gemeente with targets in the demo, and one of its 'up' indicators.
REGION = "GM0917"
UP_INDICATOR = "arbeid.nettoarbeidsparticipatie"


@pytest.fixture
def writable(demo_store, tmp_path, monkeypatch):
    """An AppTest factory on a private copy of the demo store, so writes stay in tmp_path."""
    path = tmp_path / "bw.duckdb"
    shutil.copy(demo_store, path)
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        return at

    yield make, path
    st.cache_resource.clear()  # closes the connection to the copy


def _versions(path, region, indicator) -> int:
    st.cache_resource.clear()  # the app's connection holds the file; release it first
    con = store.connect(path, read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM targets WHERE region_code = ? AND indicator_id = ?",
            [region, indicator],
        ).fetchone()[0]
    finally:
        con.close()


def _status_of(at: AppTest, indicator: str) -> str:
    table = table_with(at, "indicator_id")
    return table.loc[table["indicator_id"] == indicator, "status"].iloc[0]


@pytest.mark.parametrize("region", ["GM0917", "PV31", "NL01", "RD_ZUID_LIMBURG"])
def test_page_renders_for_every_kind_of_region(app, region):
    at = open_page(app(regio=region), "streefwaarden")
    assert "Streefwaarden" in at.title[0].value
    assert "demodata (fictief)" in texts(at)
    table = table_with(at, "status")
    assert len(table) > 10
    assert at.selectbox(key="target_indicator").value
    assert at.text_input(key="target_minimum") is not None


def test_indicator_in_the_url_is_chosen_and_shows_its_targets(app):
    at = open_page(app(regio=REGION, indicator="arbeid.werkloosheid"), "streefwaarden")
    assert at.selectbox(key="target_indicator").value == "arbeid.werkloosheid"
    assert at.text_input(key="target_minimum").value == "3,4"  # the Dutch way
    assert "Huidige waarde" in texts(at)


def test_saving_through_the_form_changes_the_status(writable):
    make, path = writable
    before = _versions(path, REGION, UP_INDICATOR)
    at = open_page(make(regio=REGION, indicator=UP_INDICATOR), "streefwaarden")
    at.text_input(key="target_minimum").set_value("99")
    at.text_input(key="target_ambition").set_value("99,5")
    at.text_input(key="target_by").set_value("griffie")
    at.button(key="target_submit").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.success
    assert _status_of(at, UP_INDICATOR).endswith("onder minimum")
    assert _versions(path, REGION, UP_INDICATOR) == before + 1


def test_an_invalid_form_shows_the_error_and_saves_nothing(writable):
    make, path = writable
    before = _versions(path, REGION, UP_INDICATOR)
    at = open_page(make(regio=REGION, indicator=UP_INDICATOR), "streefwaarden")
    at.text_input(key="target_minimum").set_value("70")
    at.text_input(key="target_ambition").set_value("60")
    at.text_input(key="target_by").set_value("griffie")
    at.button(key="target_submit").click().run()
    assert not at.exception, at.exception
    assert any("Hoger is beter, dus de ambitie (60)" in e.value for e in at.error)
    assert not at.success
    assert _versions(path, REGION, UP_INDICATOR) == before


def test_restore_and_retract_from_the_history(writable):
    make, path = writable
    indicator = "arbeid.werkloosheid"  # a demo target (minimum 3.4, ambition 2.8; lower is better)
    at = open_page(make(regio=REGION, indicator=indicator), "streefwaarden")
    at.text_input(key="target_minimum").set_value("3,3")
    at.text_input(key="target_by").set_value("griffie")
    at.button(key="target_submit").click().run()
    assert at.success
    assert len(table_with(at, "version")) == 2
    assert at.text_input(key="target_minimum").value == "3,3"
    oldest = at.selectbox(key="target_restore_version").options[-1]
    at.selectbox(key="target_restore_version").select(oldest)
    at.button(key="target_restore").click().run()
    assert not at.exception, at.exception
    assert len(table_with(at, "version")) == 3
    assert at.text_input(key="target_minimum").value == "3,4"
    at.button(key="target_retract").click().run()
    assert not at.exception, at.exception
    assert _status_of(at, indicator).endswith("geen streefwaarde")
    assert _versions(path, REGION, indicator) == 4


def test_read_only_instance_shows_values_and_history_but_no_form(app, monkeypatch):
    monkeypatch.setenv("BW_READ_ONLY", "1")
    st.cache_resource.clear()
    at = open_page(app(regio=REGION, indicator="arbeid.werkloosheid"), "streefwaarden")
    assert "alleen-lezen" in texts(at)
    assert not [n for n in at.text_input if n.key == "target_minimum"]
    assert len(table_with(at, "version")) >= 1
    st.cache_resource.clear()


# --- the form shows the current target and saves only a change (issue 13, item 3) -----------


def _current(path, region, indicator) -> dict:
    st.cache_resource.clear()
    con = store.connect(path, read_only=True)
    try:
        row = con.execute(
            "SELECT minimum, ambition, ceiling, target_year, baseline_year, rationale, source "
            "FROM current_targets WHERE region_code = ? AND indicator_id = ?",
            [region, indicator],
        ).fetchone()
    finally:
        con.close()
    names = (
        "minimum",
        "ambition",
        "ceiling",
        "target_year",
        "baseline_year",
        "rationale",
        "source",
    )
    return dict(zip(names, row, strict=True))


def _set_own_target(path) -> dict:
    """A target with every field set to something other than a default, for the form tests."""
    st.cache_resource.clear()
    con = store.connect(path)
    try:
        targets.set_target(
            con,
            Target(
                REGION,
                "arbeid.werkloosheid",
                minimum=3.45,
                ambition=2.8,
                ceiling=9.5,
                target_year=2031,
                baseline_year=2021,
                rationale="Coalitieakkoord p. 12",
                source="raadsbesluit 2024-17",
            ),
            actor=Actor("griffie", Role.ADMIN),
        )
    finally:
        con.close()

    return _current(path, REGION, "arbeid.werkloosheid")


def test_the_target_form_opens_with_the_current_values(writable):
    make, path = writable
    _set_own_target(path)
    at = open_page(make(regio=REGION, indicator="arbeid.werkloosheid"), "streefwaarden")
    shown = {
        key: at.text_input(key=key).value
        for key in (
            "target_minimum",
            "target_ambition",
            "target_ceiling",
            "target_target_year",
            "target_baseline_year",
            "target_source_detail",
        )
    }
    assert shown == {
        "target_minimum": "3,45",
        "target_ambition": "2,8",
        "target_ceiling": "9,5",
        "target_target_year": "2031",
        "target_baseline_year": "2021",
        "target_source_detail": "2024-17",
    }
    assert at.selectbox(key="target_source").value == "raadsbesluit"
    assert at.text_area(key="target_rationale").value == "Coalitieakkoord p. 12"


def test_saving_the_target_form_unchanged_writes_no_version(writable):
    make, path = writable
    before = _set_own_target(path)
    versions = _versions(path, REGION, "arbeid.werkloosheid")
    at = open_page(make(regio=REGION, indicator="arbeid.werkloosheid"), "streefwaarden")
    at.text_input(key="target_by").set_value("griffie")
    at.button(key="target_submit").click().run()
    assert not at.exception, at.exception
    assert any("Niets gewijzigd" in info.value for info in at.info)
    assert not at.success
    assert _versions(path, REGION, "arbeid.werkloosheid") == versions
    assert _current(path, REGION, "arbeid.werkloosheid") == before


def test_changing_one_field_of_the_target_changes_only_that_field(writable):
    make, path = writable
    before = _set_own_target(path)
    at = open_page(make(regio=REGION, indicator="arbeid.werkloosheid"), "streefwaarden")
    at.text_input(key="target_ambition").set_value("2,5")
    at.text_input(key="target_by").set_value("griffie")
    at.button(key="target_submit").click().run()
    assert not at.exception, at.exception
    assert at.success
    assert _current(path, REGION, "arbeid.werkloosheid") == {**before, "ambition": 2.5}


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("drie", "'drie' is geen getal"),
        ("1.234,5", "zonder punt of spatie voor duizendtallen"),
        ("3.400", "kan 3400 of 3,4 betekenen"),
    ],
)
def test_a_number_the_form_cannot_read_is_refused_in_dutch(writable, typed, says):
    make, path = writable
    versions = _versions(path, REGION, UP_INDICATOR)
    at = open_page(make(regio=REGION, indicator=UP_INDICATOR), "streefwaarden")
    at.text_input(key="target_minimum").set_value(typed)
    at.text_input(key="target_by").set_value("griffie")
    at.button(key="target_submit").click().run()
    assert not at.exception, at.exception
    assert any(says in error.value and error.value.startswith("Minimum:") for error in at.error)
    assert _versions(path, REGION, UP_INDICATOR) == versions


def test_the_decimal_point_is_accepted_too(writable):
    make, path = writable
    at = open_page(make(regio=REGION, indicator=UP_INDICATOR), "streefwaarden")
    at.text_input(key="target_minimum").set_value("71.5")
    at.text_input(key="target_ambition").set_value("75,25")
    at.text_input(key="target_by").set_value("griffie")
    at.button(key="target_submit").click().run()
    assert not at.exception, at.exception
    current = _current(path, REGION, UP_INDICATOR)
    assert (current["minimum"], current["ambition"]) == (71.5, 75.25)
