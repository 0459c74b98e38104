"""The Indicatorenplan and Voortgang tabs of the Streefwaarden page: they render for the demo,
show the SMART check and the signal, offer downloads, and save an activity update."""

import shutil
from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import programmes, store
from bw.auth import Actor, Role
from tests.app.helpers import APP, ROOT, TIMEOUT, open_page, texts

ADMIN = Actor("beheerder", Role.ADMIN)


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
    at.selectbox(key="activity_update_choice").set_value(4).run()  # Leerwerkloket, lopend 60%
    at.selectbox(key="activity_update_status_4").set_value("afgerond")
    at.text_input(key="activity_update_share_4").set_value("100")
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
    at.text_input(key="activity_new_budget").set_value("50000")
    at.button(key="activity_new_submit").click().run()
    assert not at.exception, at.exception
    assert any("is toegevoegd" in element.value for element in at.success)
    assert "Valpreventie voor ouderen" in texts(at)


def _read_plan(path, programme_id):
    st.cache_resource.clear()  # release the app's connection before reading the file
    con = store.connect(path, read_only=True)
    try:
        return programmes.read_programme(con, programme_id)
    finally:
        con.close()


def _successes(at) -> str:
    return "\n".join(element.value for element in at.success)


def test_a_plan_is_built_through_the_forms(writable):
    at, path = writable
    at.query_params.update({"regio": "GM0917"})
    open_page(at, "streefwaarden")
    # 1. a programme
    at.text_input(key="programme_new_name").input("Programma Gezond Heerlen")
    at.selectbox(key="programme_new_kind").set_value("beleidsprogramma")
    at.text_input(key="programme_new_owner").input("wethouder Zorg")
    at.text_input(key="programme_new_start").set_value("2024")
    at.text_input(key="programme_new_end").set_value("2028")
    at.multiselect(key="programme_new_regions").set_value(["GM0917"])
    at.button(key="programme_new_submit").click().run()
    assert not at.exception, at.exception
    assert "Programma 'Programma Gezond Heerlen' is aangemaakt." in _successes(at)
    new_id = at.selectbox(key="plan_programme").value
    assert new_id != 1
    assert "**Programma Gezond Heerlen**" in texts(at) and "Nog geen opgaven." in texts(at)
    assert at.text_input(key="programme_new_name").value == ""  # the form is cleared
    # 2. an opgave with an impact indicator
    at.text_input(key="opgave_new_title").input("Gezonder ouder worden")
    at.multiselect(key="opgave_new_indicators").set_value(["gezondheid.ervaren_gezondheid"])
    at.button(key="opgave_new_submit").click().run()
    assert not at.exception, at.exception
    assert "Opgave 'Gezonder ouder worden' is toegevoegd." in _successes(at)
    assert "Opgave: Gezonder ouder worden" in texts(at)
    # 3. a doel: check first (nothing saved), then save incomplete, flagged
    at.text_area(key="doel_new_text").input("Meer bewegen")
    at.button(key="doel_new_check").click().run()
    assert not at.exception, at.exception
    assert any(w.value.startswith("⚠ niet SMART") for w in at.warning)
    assert "Doel:** Meer bewegen" not in texts(at)
    at.button(key="doel_new_submit").click().run()
    assert not at.exception, at.exception
    assert "Doel 'Meer bewegen' is toegevoegd." in _successes(at)
    assert any("nog niet SMART" in w.value and "geen eigenaar" in w.value for w in at.warning)
    assert "**Doel:** Meer bewegen" in texts(at)
    # a complete doel shows as SMART in the check and in the tree
    at.text_area(key="doel_new_text").input(
        "In 2028 ervaart 80% van de 65-plussers een goede gezondheid"
    )
    at.selectbox(key="doel_new_indicator").set_value("gezondheid.ervaren_gezondheid")
    at.text_input(key="doel_new_target_value").set_value("80")
    at.text_input(key="doel_new_target_year").set_value("2028")
    at.text_input(key="doel_new_owner").input("wethouder Zorg")
    at.text_area(key="doel_new_feasibility").input("landelijke trend plus beweegaanbod")
    at.button(key="doel_new_check").click().run()
    assert "✓ SMART compleet" in _successes(at)
    at.button(key="doel_new_submit").click().run()
    assert not at.exception, at.exception
    assert "✓ SMART compleet" in texts(at)
    # 4. a measurement moment
    at.date_input(key="moment_new_date").set_value(date(2025, 10, 15))
    at.text_input(key="moment_new_label").input("Najaarsrapportage 2025")
    at.button(key="moment_new_submit").click().run()
    assert not at.exception, at.exception
    assert "2025-10-15: Najaarsrapportage 2025" in texts(at)
    plan = _read_plan(path, new_id)
    assert (plan.name, plan.kind, plan.region_codes) == (
        "Programma Gezond Heerlen",
        "beleidsprogramma",
        ("GM0917",),
    )
    assert plan.opgaven[0].indicators == ("gezondheid.ervaren_gezondheid",)
    assert [bool(programmes.smart_codes(d)) for d in plan.doelen()] == [True, False]
    assert [m.label for m in plan.moments] == ["Najaarsrapportage 2025"]


def test_plan_form_errors_save_nothing(writable):
    at, path = writable
    at.query_params.update({"regio": "GM0917"})
    open_page(at, "streefwaarden")
    at.button(key="programme_new_submit").click().run()
    assert any("Geef het programma een naam" in e.value for e in at.error)
    at.text_input(key="programme_new_name").input("P")
    at.text_input(key="programme_new_start").set_value("2030")
    at.text_input(key="programme_new_end").set_value("2025")
    at.button(key="programme_new_submit").click().run()
    assert any("Het eindjaar (2025) ligt vóór het beginjaar (2030)" in e.value for e in at.error)
    at.button(key="opgave_new_submit").click().run()
    assert any("Geef de opgave een titel" in e.value for e in at.error)
    at.button(key="opgave_link_submit").click().run()
    assert any("Kies ten minste één indicator" in e.value for e in at.error)
    at.button(key="doel_new_submit").click().run()
    assert any("Geef het doel een tekst" in e.value for e in at.error)
    at.text_input(key="moment_new_label").input("Voorjaar")
    at.button(key="moment_new_submit").click().run()
    assert any("Kies een datum" in e.value for e in at.error)
    at.date_input(key="moment_new_date").set_value(date(2025, 4, 15))  # the demo has this date
    at.button(key="moment_new_submit").click().run()
    assert any("heeft al een meetmoment op 2025-04-15" in e.value for e in at.error)
    assert not at.exception, at.exception
    assert not at.success
    st.cache_resource.clear()
    con = store.connect(path, read_only=True)
    try:
        listed = programmes.read_programmes(con)
        plan = programmes.read_programme(con, 1)
    finally:
        con.close()
    assert len(listed) == 1
    assert len(plan.opgaven) == 2 and len(plan.moments) == 2 * (plan.end_year - plan.start_year + 1)


def test_read_only_hides_the_plan_forms(app, monkeypatch):
    monkeypatch.setenv("BW_READ_ONLY", "1")
    st.cache_resource.clear()
    at = open_page(app(regio="GM0917"), "streefwaarden")
    assert "indicatorenplan opbouwen" in texts(at)
    keys = {b.key for b in at.button}
    hidden = {
        "programme_new_submit",
        "opgave_new_submit",
        "opgave_link_submit",
        "doel_new_check",
        "doel_new_submit",
        "moment_new_submit",
        "activity_new_submit",
    }
    assert not keys & hidden
    assert "Opgave: Gezondheidsachterstand" in texts(at)  # the plan itself is still shown
    st.cache_resource.clear()


# --- 'Activiteit bijwerken' opens on the activity's own values and saves only a change -------


def _activity(path, activity_id):
    return {a.id: a for a in _read_plan(path, 1).activiteiten()}[activity_id]


def _finish_activity(path, activity_id) -> None:
    """Mark an activity 'afgerond, 100%' (what the issue saw erased by a blank form)."""
    st.cache_resource.clear()
    con = store.connect(path)
    try:
        programmes.update_activiteit(
            con, activity_id, status="afgerond", share_done=100.0, actor=ADMIN
        )
    finally:
        con.close()


def _open_update(at, activity_id):
    at.query_params.update({"regio": "GM0917"})
    open_page(at, "streefwaarden")
    at.selectbox(key="activity_update_choice").set_value(activity_id).run()
    assert not at.exception, at.exception
    return at


def test_the_update_form_opens_with_the_activitys_status_and_share(writable):
    at, path = writable
    _finish_activity(path, 4)
    _open_update(at, 4)
    assert at.selectbox(key="activity_update_status_4").value == "afgerond"
    assert at.text_input(key="activity_update_share_4").value == "100"
    # another activity shows its own values, not the ones of the first
    at.selectbox(key="activity_update_choice").set_value(1).run()
    first = _activity(path, 1)
    assert at.selectbox(key="activity_update_status_1").value == str(first.status)
    assert at.text_input(key="activity_update_share_1").value == (
        f"{first.share_done:g}".replace(".", ",")
    )


def test_saving_the_update_form_unchanged_changes_nothing(writable):
    at, path = writable
    _finish_activity(path, 4)
    before = _activity(path, 4)
    _open_update(at, 4)
    at.button(key="activity_update_submit").click().run()
    assert not at.exception, at.exception
    assert any("Niets gewijzigd" in info.value for info in at.info)
    assert not at.success
    assert _activity(path, 4) == before


def test_changing_only_the_share_keeps_the_status(writable):
    at, path = writable
    before = _activity(path, 4)  # lopend, 60%
    _open_update(at, 4)
    at.text_input(key="activity_update_share_4").set_value("62,5")
    at.button(key="activity_update_submit").click().run()
    assert not at.exception, at.exception
    assert at.success
    after = _activity(path, 4)
    assert (after.status, after.share_done) == (before.status, 62.5)
    assert after.title == before.title and after.budget == before.budget


def test_a_share_outside_0_to_100_is_refused_in_dutch(writable):
    at, path = writable
    before = _activity(path, 4)
    _open_update(at, 4)
    at.text_input(key="activity_update_share_4").set_value("120")
    at.button(key="activity_update_submit").click().run()
    assert any("Gereed (%): 120 ligt niet tussen 0 en 100" in e.value for e in at.error)
    assert _activity(path, 4) == before


def test_every_programme_error_code_has_a_dutch_message():
    import ast

    from ui.i18n import STRINGS

    source = (ROOT / "bw" / "programmes.py").read_text(encoding="utf-8")
    codes = {
        keyword.value.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ProgrammeError"
        for keyword in node.keywords
        if keyword.arg == "code"
    }
    assert len(codes) > 10
    assert (
        sorted(code for code in codes | {"invalid"} if f"programme.err_{code}" not in STRINGS["nl"])
        == []
    )
