"""The facilitator's edit forms on the Workshop page open on what is stored and save only a
change (issue 13, item 3): the proposal form for an indicator that already has a proposal, and
the text of an argument."""

import pytest
import streamlit as st

from bw import policy_cycle, store, workshops
from bw.auth import Actor, Role
from tests.app.helpers import make_app, open_page, use_store

FACILITATOR = Actor("facilitator", Role.ADMIN)
INDICATOR = "gezondheid.ervaren_gezondheid"


@pytest.fixture
def session_store(demo_store, tmp_path, monkeypatch):
    """A copy of the demo store with an open workshop, one argument and one proposal."""
    import shutil

    path = tmp_path / "bw.duckdb"
    shutil.copy(demo_store, path)
    con = store.connect(path)
    try:
        session = workshops.create_session(
            con,
            title="Gezond ouder worden",
            region_code="GM0917",
            phase=policy_cycle.PHASE_IDS[0],
            themes=["gezondheid"],
            actor=FACILITATOR,
        )
        argument = workshops.add_argument(
            con,
            session.code,
            theme_id="gezondheid",
            text="Meer beweegaanbod voor 65-plussers",
            sentiment="positief",
            scale="wijk",
            time_frame="nu",
            author="Vos",
        )
        workshops.choose_indicator(
            con,
            session.id,
            INDICATOR,
            minimum=70.5,
            ambition=80.25,
            target_year=2030,
            actor=FACILITATOR,
        )
    finally:
        con.close()
    use_store(path, monkeypatch)
    yield path, session, argument
    st.cache_resource.clear()


def _state(path, session):
    st.cache_resource.clear()  # release the app's connection before reading the file
    con = store.connect(path, read_only=True)
    try:
        return workshops.read_state(con, session.id), workshops.latest_event_id(con, session.id)
    finally:
        con.close()


def _facilitator():
    at = open_page(make_app(regio="GM0917"), "workshop")
    assert at.segmented_control(key="workshop_view").value == "facilitator"
    at.selectbox(key="workshop_indicator").set_value(INDICATOR).run()
    assert not at.exception, at.exception
    return at


def test_the_proposal_form_opens_with_the_stored_proposal(session_store):
    at = _facilitator()
    assert [
        at.text_input(key=key).value
        for key in ("workshop_minimum", "workshop_ambition", "workshop_target_year")
    ] == ["70,5", "80,25", "2030"]


def test_saving_the_proposal_unchanged_writes_no_event(session_store):
    path, session, _ = session_store
    _, before = _state(path, session)
    at = _facilitator()
    at.button(key="workshop_choose").click().run()
    assert not at.exception, at.exception
    assert any("Niets gewijzigd" in info.value for info in at.info)
    assert _state(path, session)[1] == before


def test_changing_the_ambition_keeps_the_minimum_and_year(session_store):
    path, session, _ = session_store
    at = _facilitator()
    at.text_input(key="workshop_ambition").set_value("82")
    at.button(key="workshop_choose").click().run()
    assert not at.exception, at.exception
    proposal = _state(path, session)[0].proposals[0]
    assert (proposal.minimum, proposal.ambition, proposal.target_year) == (70.5, 82.0, 2030)


def test_the_argument_edit_opens_with_its_text_and_saves_only_a_change(session_store):
    path, session, argument = session_store
    at = open_page(make_app(regio="GM0917"), "workshop")
    at.selectbox(key="workshop_mod_argument").set_value(argument).run()
    area = next(a for a in at.text_area if a.key.startswith("workshop_edit_text_"))
    assert area.value == "Meer beweegaanbod voor 65-plussers"
    _, before = _state(path, session)
    at.button(key="workshop_edit").click().run()
    assert any("Niets gewijzigd" in info.value for info in at.info)
    assert _state(path, session)[1] == before
    area = next(a for a in at.text_area if a.key.startswith("workshop_edit_text_"))
    area.set_value("Meer beweegaanbod voor 65-plussers in elke wijk")
    at.button(key="workshop_edit").click().run()
    assert not at.exception, at.exception
    edited = _state(path, session)[0].arguments[argument]
    assert edited.text == "Meer beweegaanbod voor 65-plussers in elke wijk"
    assert (edited.sentiment, edited.scale, edited.time_frame) == ("positief", "wijk", "nu")
