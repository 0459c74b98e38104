"""The Beleidsopties page: the demo set renders with its comparison, grid, flags and downloads;
a new set with two options and effects is saved, compared and flagged; a fifth option is
refused with a message; a viewer sees no forms."""

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import policy_options, store
from bw.auth import ANONYMOUS
from tests.app.helpers import APP, TIMEOUT, open_page, plotly_figures, texts

PAGE = "beleidsopties"


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


def _downloads(at: AppTest) -> dict[str, str]:
    return {element.proto.label: element.proto.url for element in at.get("download_button")}


def test_demo_set_renders_with_comparison_flags_and_downloads(app):
    at = open_page(app(regio="GM0917"), PAGE)
    shown = texts(at)
    assert "Aanpak armoede en schulden 2026–2030 (fictief)" in shown
    assert "demodata" in shown.lower()  # the demo caption says fictief
    assert "⚠ verwacht onder minimum" in shown
    assert "⚠ al onder minimum, verslechtert verder" in shown
    figures = plotly_figures(at)
    assert figures and figures[0]["data"][0]["type"] == "heatmap"
    cells = [c for row in figures[0]["data"][0]["text"] for c in row]
    assert any("⊖ slechter" in c and "⚠" in c for c in cells)  # symbol + word, not colour
    labels = list(_downloads(at))
    assert "Effectrapport (HTML, afdrukbaar)" in labels and "Effecten als CSV" in labels
    # The options side by side wrap their long cells: static tables, not grids.
    tables = [element.value for element in at.table]
    assert any("C. Bedrijventerrein uitbreiden (fictief)" in table.columns for table in tables)


def test_page_renders_in_english(app):
    at = open_page(app(regio="GM0917", lang="en"), PAGE)
    shown = texts(at)
    assert "Policy options" in shown
    assert "⚠ expected below minimum" in shown


def test_region_without_sets_offers_the_new_set_form(app):
    at = open_page(app(regio="GM0363"), PAGE)
    assert "Nog geen beleidsopties" in texts(at)
    assert at.text_input(key="options_new_title") is not None


def test_create_a_set_add_effects_see_the_flag_and_refuse_a_fifth_option(writable):
    at, path = writable
    at.query_params.update({"regio": "GM0917"})
    open_page(at, PAGE)
    at.text_input(key="options_new_title").set_value("Parkeerbeleid centrum (test)")
    at.text_input(key="options_new_name_1").set_value("Betaald parkeren")
    at.button(key="options_new_submit").click().run()  # one option only: refused, nothing saved
    assert any("minstens 2 opties" in e.value for e in at.error)
    at.text_input(key="options_new_name_2").set_value("Blauwe zone")
    at.button(key="options_new_submit").click().run()
    assert not at.exception, at.exception
    assert any("is opgeslagen" in s.value for s in at.success)
    assert at.selectbox(key="options_set").value == 2  # the new set is chosen

    # an effect that worsens werkloosheid (down: higher is worse) past its minimum
    at.selectbox(key="options_effect_indicator").set_value("arbeid.werkloosheid").run()
    assert "Verwachte verandering in % (optioneel)" in [w.label for w in at.text_input]
    at.radio(key="options_effect_effect").set_value("slechter")
    at.radio(key="options_effect_size").set_value("groot")
    at.text_input(key="options_effect_change").set_value("veel")
    at.button(key="options_effect_submit").click().run()
    assert any("is geen getal" in e.value for e in at.error)  # refused, nothing saved
    at.text_input(key="options_effect_change").set_value("+1,5")
    at.button(key="options_effect_submit").click().run()
    assert not at.exception, at.exception
    assert "⚠ verwacht onder minimum" in texts(at)

    # second option: better on the same indicator; no flag for it
    choice = at.selectbox(key="options_effect_option")
    choice.select_index(choice.options.index("Blauwe zone"))
    at.selectbox(key="options_effect_indicator").set_value("arbeid.werkloosheid")
    at.radio(key="options_effect_effect").set_value("beter")
    at.button(key="options_effect_submit").click().run()
    assert not at.exception, at.exception
    grid = plotly_figures(at)[0]["data"][0]
    assert grid["x"] == ["Betaald parkeren", "Blauwe zone"]
    assert "HTML" in " ".join(_downloads(at))

    for name in ("Derde", "Vierde"):
        at.text_input(key="options_add_name").set_value(name)
        at.button(key="options_add_submit").click().run()
        assert not at.exception, at.exception
    at.text_input(key="options_add_name").set_value("Vijfde")
    at.button(key="options_add_submit").click().run()
    assert any("hoogstens 4 opties" in e.value for e in at.error)
    assert "Deze set heeft 4 opties" in texts(at)
    st.cache_resource.clear()  # release the app's connection before reading the file
    con = store.connect(path, read_only=True)
    try:
        saved = policy_options.read_option_set(con, 2)
    finally:
        con.close()
    assert [o.name for o in saved.options] == ["Betaald parkeren", "Blauwe zone", "Derde", "Vierde"]
    effects = {o.name: [(e.effect, e.expected_change) for e in o.effects] for o in saved.options}
    assert effects["Betaald parkeren"] == [("slechter", 1.5)]
    assert effects["Blauwe zone"] == [("beter", None)]


def test_viewer_sees_no_forms(app, monkeypatch):
    monkeypatch.setattr("ui.options_page.current_actor", lambda: ANONYMOUS)
    at = open_page(app(regio="GM0917"), PAGE)
    assert "bewerken vraagt de rol" in texts(at)
    with pytest.raises(KeyError):
        at.text_input(key="options_new_title")
    with pytest.raises(KeyError):
        at.button(key="options_effect_submit")


# --- the effect form opens on a stored effect and saves only a change (issue 13, item 3) ----

OPTION_C = 3  # C. Bedrijventerrein uitbreiden (fictief)


def _effects(path) -> dict[tuple, tuple]:
    st.cache_resource.clear()
    con = store.connect(path, read_only=True)
    try:
        rows = con.execute(
            "SELECT option_id, indicator_id, timing, place, effect, size, "
            "confidence, expected_change, note FROM policy_effects"
        ).fetchall()
        history = con.execute("SELECT count(*) FROM policy_effect_history").fetchone()[0]
    finally:
        con.close()
    return {tuple(row[:4]): tuple(row[4:]) for row in rows}, history


def _choose_effect(at, indicator, timing="nu", place="hier"):
    at.query_params.update({"regio": "GM0917"})
    open_page(at, PAGE)
    at.selectbox(key="options_effect_option").set_value(OPTION_C)
    at.selectbox(key="options_effect_indicator").set_value(indicator)
    at.radio(key="options_effect_timing").set_value(timing)
    at.radio(key="options_effect_place").set_value(place).run()
    assert not at.exception, at.exception
    return at


def test_the_effect_form_opens_with_the_stored_effect(writable):
    at, _ = writable
    _choose_effect(at, "grondstoffen.restafval")
    assert [
        at.radio(key=f"options_effect_{k}").value for k in ("effect", "size", "confidence")
    ] == ["slechter", "middel", "middel"]
    assert at.text_input(key="options_effect_change").value == "19"
    assert at.text_input(key="options_effect_note").value.startswith("fictief: bedrijfsafval")
    # another stored effect of the same option, later and elders: its own values
    at.selectbox(key="options_effect_indicator").set_value("grondstoffen.co2_uitstoot")
    at.radio(key="options_effect_timing").set_value("later")
    at.radio(key="options_effect_place").set_value("elders").run()
    assert [
        at.radio(key=f"options_effect_{k}").value for k in ("effect", "size", "confidence")
    ] == ["slechter", "groot", "hoog"]
    assert at.text_input(key="options_effect_change").value == ""
    assert at.text_input(key="options_effect_note").value == "fictief: meer vrachtverkeer"


def test_saving_a_stored_effect_unchanged_writes_nothing(writable):
    at, path = writable
    before = _effects(path)
    _choose_effect(at, "grondstoffen.restafval")
    at.button(key="options_effect_submit").click().run()
    assert not at.exception, at.exception
    assert any("Niets gewijzigd" in info.value for info in at.info)
    assert _effects(path) == before


def test_changing_the_expected_change_changes_only_that(writable):
    at, path = writable
    (effects, history) = _effects(path)
    key = (OPTION_C, "grondstoffen.restafval", "nu", "hier")
    _choose_effect(at, "grondstoffen.restafval")
    at.text_input(key="options_effect_change").set_value("19,5")
    at.button(key="options_effect_submit").click().run()
    assert not at.exception, at.exception
    assert at.success or "is opgeslagen" in texts(at)
    after, history_after = _effects(path)
    assert after[key] == (*effects[key][:3], 19.5, effects[key][4])
    assert {k: v for k, v in after.items() if k != key} == {
        k: v for k, v in effects.items() if k != key
    }
    assert history_after == history + 1  # the old version is kept


def test_the_effect_history_has_dutch_columns_and_words(writable):
    at, path = writable
    _choose_effect(at, "grondstoffen.restafval")
    at.text_input(key="options_effect_change").set_value("20")
    at.button(key="options_effect_submit").click().run()
    table = next(t for t in at.dataframe if "replaced_at" in t.value.columns)
    labels = {
        name: spec.get("label")
        for name, spec in __import__("json").loads(table.proto.columns).items()
    }
    assert labels["replaced_at"] == "Vervangen op" and labels["change"] == "Wijziging"
    row = table.value.iloc[0]
    assert (row["change"], row["effect"], row["expected_change"]) == (
        "gewijzigd",
        "⊖ slechter",
        "19",
    )
