"""The Workshop page: a facilitator and two participants (separate sessions on one store) run a
workshop; the facilitator merges, hides, chooses an indicator and finalises; a later
contribution is refused; the report download holds the arguments; proposals become targets."""

import shutil
from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest, local_script_runner

from bw import store, targets, workshops
from bw.auth import LOCAL_ACTOR
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
        workshops.add_argument(
            con,
            code,
            theme_id="gezondheid",
            text="te laat",
            sentiment="positief",
            scale="wijk",
            time_frame="nu",
        )

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
    assert "1 streefwaarde vastgelegd." in " ".join(s.value for s in facilitator.success)
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
    from ui.workshop_facilitator import _qr_svg

    svg = _qr_svg("http://192.168.1.20:8501/workshop?workshop=K7PX3M")
    assert svg is not None and svg.lstrip().startswith("<svg")


def _open_workshop(make, path) -> str:
    con = store.connect(path)
    try:
        session = workshops.create_session(
            con,
            title="Groen",
            region_code="GM0917",
            phase="beleidsvorming",
            themes=["gezondheid"],
            actor=LOCAL_ACTOR,
        )
    finally:
        con.close()
    return session.code


def test_a_participant_is_slowed_down_and_cannot_pose_as_the_facilitator(writable, monkeypatch):
    """Issue 14 item 8: posts per participant are limited; 'begeleider' is no pseudonym."""
    make, path = writable
    monkeypatch.setenv("BW_WORKSHOP_POSTS_PER_MINUTE", "2")
    code = _open_workshop(make, path)
    one = _ok(open_page(make(workshop=code), "workshop"))
    _add(one, "Eerste")
    _add(one, "Tweede")
    one.text_area(key="workshop_text").input("Derde")
    one.button(key="workshop_submit").click().run()
    assert any("kort na elkaar" in e.value for e in one.error)
    other = _ok(open_page(make(workshop=code), "workshop"))  # another phone may still post
    other.text_input(key="workshop_name").input("Begeleider")
    other.text_area(key="workshop_text").input("Ik ben de baas")
    other.button(key="workshop_submit").click().run()
    assert any("schuilnaam is van de begeleider" in e.value for e in other.error)
    other.text_input(key="workshop_name").input("Vos")
    _add(other, "Vierde")


def test_wrong_join_codes_are_limited(writable, monkeypatch):
    make, path = writable
    monkeypatch.setenv("BW_WORKSHOP_JOIN_TRIES", "2")
    code = _open_workshop(make, path)
    at = _ok(open_page(make(), "workshop"))
    at.segmented_control(key="workshop_view").set_value("participant").run()
    for guess in ("AAAAAA", "BBBBBB"):
        at.text_input(key="workshop_code").input(guess).run()
        assert any("geen workshop met de code" in e.value for e in at.error)
    at.text_input(key="workshop_code").input(code).run()
    assert any("Te veel onbekende codes" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == "workshop_submit"]


def _start_session(facilitator: AppTest, title: str = "Gezond ouder worden") -> str:
    """Create a session in the facilitator's form; return its join code."""
    facilitator.text_input(key="workshop_new_title").input(title)
    facilitator.selectbox(key="workshop_new_region").set_value("GM0917")
    facilitator.multiselect(key="workshop_new_themes").set_value(["gezondheid", "wonen"])
    facilitator.button(key="workshop_new_submit").click().run()
    _ok(facilitator)
    return [s.value for s in facilitator.success][0].rsplit(" ", 1)[-1].rstrip(".")


def rerun_fragments(at: AppTest) -> AppTest:
    """Run only the page's fragments, as their ``run_every`` timer does in a browser.

    The tree then holds just what those fragments drew: what a refresh brings up to date.
    """
    fragment_ids = list(at._fragment_storage._fragments)
    assert fragment_ids, "the page has no fragment to refresh"
    plain = local_script_runner.RerunData

    def fragment_rerun(**kwargs):
        return plain(**kwargs, fragment_id_queue=list(fragment_ids), is_auto_rerun=True)

    with mock.patch.object(local_script_runner, "RerunData", fragment_rerun):
        at.run()
    return at


def test_a_new_argument_reaches_list_counts_and_moderation_in_one_refresh(writable):
    make, _ = writable
    facilitator = _ok(open_page(make(regio="GM0917"), "workshop"))
    code = _start_session(facilitator)
    assert "Nog geen argumenten om te modereren." in texts(facilitator)

    # a participant on another phone writes through the same app process
    workshops.add_argument(
        facilitator_connection(),
        code,
        theme_id="gezondheid",
        text="Meer bankjes in het park",
        sentiment="positief",
        scale="wijk",
        time_frame="nu",
        author="Merel",
    )
    refreshed = _ok(rerun_fragments(facilitator))
    shown = texts(refreshed)
    assert f"# {code}" not in shown  # only the refreshing part ran, not the whole page
    assert "Meer bankjes in het park" in shown  # the list
    assert "Laatste stand: 1 argument." in shown  # the count, in the singular
    assert "#### Gezondheid (1)" in shown
    options = refreshed.selectbox(key="workshop_mod_argument").options
    assert [label.split(" ", 1)[1] for label in options] == ["Meer bankjes in het park"]
    assert "Nog geen argumenten om te modereren." not in shown


def test_in_lokale_modus_the_page_says_how_to_open_it_for_a_room(writable):
    make, _ = writable
    facilitator = _ok(open_page(make(regio="GM0917"), "workshop"))
    code = _start_session(facilitator)
    warnings = [w.value for w in facilitator.warning]
    assert warnings == [
        "Telefoons kunnen deze app nu niet bereiken: hij draait alleen op deze computer. Start "
        "hem voor een zaal met: `streamlit run app.py --server.address 0.0.0.0` (en een "
        "begeleidersaccount, zie README)."
    ]
    assert f"?workshop={code}" in facilitator.code[0].value
    assert not facilitator.get("image")  # no QR code that phones could not follow
    assert "Network URL" not in texts(facilitator)


@pytest.fixture
def on_the_network(writable, monkeypatch):
    """The app listening on every interface, a facilitator account, the laptop at 192.168.1.20."""
    from bw import users
    from bw.auth import cli_actor

    make, path = writable
    con = store.connect(path)
    try:
        with store.transaction(con):
            users.add_user(
                con,
                "begeleider",
                role="facilitator",
                password="correct horse battery",
                actor=cli_actor("test"),
            )
    finally:
        con.close()
    before = st.get_option("server.address")
    st.config.set_option("server.address", "0.0.0.0")
    monkeypatch.setattr(workshops, "network_address", lambda: "192.168.1.20")
    st.cache_data.clear()
    yield make
    st.config.set_option("server.address", before)


def test_on_the_network_the_join_link_and_qr_code_use_the_laptops_address(on_the_network):
    from tests.app.test_auth import log_in

    at = on_the_network(regio="GM0917")
    at.context["url"] = "http://localhost:8501/workshop"  # the facilitator's own address bar
    _ok(log_in(open_page(at, "workshop"), "begeleider", "correct horse battery"))
    code = _start_session(at)
    assert at.code[0].value == f"http://192.168.1.20:8501/workshop?workshop={code}"
    assert not at.warning
    assert at.get("image")  # the QR code of that link


def test_a_join_link_always_opens_the_participant_view(writable):
    make, _ = writable
    at = _ok(open_page(make(regio="GM0917"), "workshop"))  # lokale modus: the facilitator
    assert at.segmented_control(key="workshop_view").value == "facilitator"
    code = _start_session(at)
    at.query_params["workshop"] = code  # the same browser session follows its own join link
    _ok(at.run())
    assert at.segmented_control(key="workshop_view").value == "participant"
    assert at.text_input(key="workshop_code").value == code
    # the facilitator view stays one click away, and does not snap back
    at.segmented_control(key="workshop_view").set_value("facilitator").run()
    _ok(at.run())
    assert at.segmented_control(key="workshop_view").value == "facilitator"
