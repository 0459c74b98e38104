"""The Workshop page: a facilitator and two participants (separate sessions on one store) run a
workshop; the facilitator merges, hides, chooses an indicator and finalises; a later
contribution is refused; the report download holds the arguments; proposals become targets."""

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import store, targets, workshops
from tests.app.helpers import APP, TIMEOUT, open_page, texts


@pytest.fixture
def writable(demo_store, tmp_path, monkeypatch):
    """AppTests on a private copy of the demo store, so writes stay in tmp_path."""
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


def _ok(at):
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def _add(at, text, *, theme="gezondheid", sentiment="positief", scale="wijk", when="nu"):
    at.selectbox(key="workshop_theme").set_value(theme)
    at.text_area(key="workshop_text").input(text)
    at.radio(key="workshop_sentiment").set_value(sentiment)
    at.selectbox(key="workshop_scale").set_value(scale)
    at.radio(key="workshop_time").set_value(when)
    at.button(key="workshop_submit").click().run()
    _ok(at)
    assert "Je argument is toegevoegd." in [s.value for s in at.success]
    assert at.text_area(key="workshop_text").value == ""  # the form is cleared


@pytest.fixture
def downloads(monkeypatch):
    """The bytes of every file the app offers for download, by file name.

    AppTest swaps in a fresh in-memory media store for every run, so the test keeps a copy.
    """
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    offered: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            offered[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return offered


def test_the_page_renders_for_the_facilitator(writable):
    make, _ = writable
    at = _ok(open_page(make(), "workshop"))
    assert at.segmented_control(key="workshop_view").value == "facilitator"
    assert "Nog geen workshops" in texts(at)


def test_a_workshop_with_two_participants_and_a_facilitator(writable, downloads):
    make, path = writable
    facilitator = _ok(open_page(make(regio="GM0917"), "workshop"))
    facilitator.text_input(key="workshop_new_title").input("Gezond ouder worden")
    facilitator.selectbox(key="workshop_new_region").set_value("GM0917")
    facilitator.multiselect(key="workshop_new_themes").set_value(["gezondheid", "wonen"])
    facilitator.button(key="workshop_new_submit").click().run()
    _ok(facilitator)
    created = [s.value for s in facilitator.success][0]
    code = created.rsplit(" ", 1)[-1].rstrip(".")
    assert len(code) == 6 and f"# {code}" in [m.value for m in facilitator.markdown]
    assert f"?workshop={code}" in facilitator.code[0].value

    one = _ok(open_page(make(workshop=code.lower()), "workshop"))
    assert one.segmented_control(key="workshop_view").value == "participant"
    assert one.text_input(key="workshop_code").value == code
    one.text_input(key="workshop_name").input("Vos")
    _add(one, "Meer groen in de wijk <script>x</script>")
    two = _ok(open_page(make(workshop=code), "workshop"))
    _add(two, "Meer bomen langs de straat", when="later")
    _add(two, "Ongepaste opmerking", theme="wonen", sentiment="negatief", scale="nederland")
    one.run()  # everyone sees the others' contributions
    seen = texts(_ok(one))
    assert "Meer bomen langs de straat" in seen and "Ongepaste opmerking" in seen
    assert "− negatief · elders en nu · Nederland" in seen  # icon + word, hier/elders

    facilitator.run()
    options = facilitator.selectbox(key="workshop_mod_argument").options
    ids = {label.split(" ", 1)[1]: int(label.split(" ", 1)[0].lstrip("#")) for label in options}
    green = ids["Meer groen in de wijk <script>x</script>"]
    trees, rude = ids["Meer bomen langs de straat"], ids["Ongepaste opmerking"]
    facilitator.selectbox(key="workshop_mod_argument").set_value(trees).run()
    facilitator.selectbox(key="workshop_merge_into").set_value(green).run()
    facilitator.button(key="workshop_merge").click().run()
    _ok(facilitator)
    facilitator.selectbox(key="workshop_mod_argument").set_value(rude).run()
    facilitator.button(key="workshop_hide").click().run()
    _ok(facilitator)
    facilitator.selectbox(key="workshop_indicator").set_value("gezondheid.ervaren_gezondheid")
    facilitator.run()  # the fields fill with the indicator's proposal, if it has one
    facilitator.text_input(key="workshop_minimum").set_value("70")
    facilitator.text_input(key="workshop_ambition").set_value("80,5")
    facilitator.text_input(key="workshop_target_year").set_value("2030")
    facilitator.button(key="workshop_choose").click().run()
    _ok(facilitator)
    assert "Indicator vastgelegd." in [s.value for s in facilitator.success]
    shown = texts(facilitator)
    assert "Ongepaste opmerking" not in shown.split("Bijdragen", 1)[1]
    assert "samengevoegd: Meer bomen langs de straat" in shown
    facilitator.button(key="workshop_finalise").click().run()
    assert "Vink eerst de bevestiging aan." in [w.value for w in facilitator.warning]
    facilitator.checkbox(key="workshop_finalise_confirm").check()
    facilitator.button(key="workshop_finalise").click().run()
    _ok(facilitator)
    assert "De workshop is afgerond." in [s.value for s in facilitator.success]

    # a participant's later contribution is refused: the form is gone and the page says why
    one.run()
    assert "Deze workshop is afgerond" in texts(one)
    assert not [b for b in one.button if b.key == "workshop_submit"]
    with pytest.raises(workshops.WorkshopError):
        con = facilitator_connection()
        workshops.add_argument(con, code, theme_id="gezondheid", text="te laat",
                               sentiment="positief", scale="wijk", time_frame="nu")

    button = facilitator.download_button(key="workshop_report_download")
    assert button.proto.label == "Verslag downloaden (HTML, printbaar)"
    report = downloads[f"workshop-{code}.html"].decode("utf-8")
    assert "Meer groen in de wijk &lt;script&gt;x&lt;/script&gt;" in report
    assert "samengevoegd" in report and "Ongepaste opmerking" not in report
    assert "80,50" in report or "80,5" in report

    # adopting the proposals asks for confirmation first
    facilitator.button(key="workshop_adopt").click().run()
    assert "Vink eerst de bevestiging aan." in [w.value for w in facilitator.warning]
    facilitator.checkbox(key="workshop_adopt_confirm").check()
    facilitator.button(key="workshop_adopt").click().run()
    _ok(facilitator)
    assert "1 streefwaarden vastgelegd." in " ".join(s.value for s in facilitator.success)
    st.cache_resource.clear()  # release the app's connection before reading the file
    con = store.connect(path, read_only=True)
    try:
        target = targets.read_current_target(con, "GM0917", "gezondheid.ervaren_gezondheid")
        history = targets.read_target_history(con, "GM0917", "gezondheid.ervaren_gezondheid")
    finally:
        con.close()
    assert (target.minimum, target.ambition, target.target_year) == (70.0, 80.5, 2030)
    assert code in target.rationale and history["set_by"].iloc[0] == "lokaal"


def facilitator_connection():
    """The app's own cached connection (the process's one writer)."""
    from ui import store as ui_store

    return ui_store._connection(ui_store.store_path())


def test_the_join_link_is_drawn_as_a_qr_code_offline():
    from ui.workshop_page import _qr_svg

    svg = _qr_svg("http://192.168.1.20:8501/workshop?workshop=K7PX3M")
    assert svg is not None and svg.lstrip().startswith("<svg")
