"""The Elders page (issue 12 item 9): on a store without elders figures it explains why and
shows what the store holds instead, with no empty grid and no empty chart; the demo store's
Elders page is unchanged."""

from __future__ import annotations

from urllib.parse import parse_qs

import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import bootstrap, store
from tests.app.helpers import links_to, make_app, open_page, page_links, texts, use_store

HEERLEN = "GM0917"
CBS_SENTENCE = "De Regionale Monitor Brede Welvaart van CBS meet"
NOT_YET_SENTENCE = "Deze database bevat nog geen cijfers voor elders voor deze regio."


def _drop_elders_values(con, *, source: str | None = "cbs") -> None:
    """Make the copy look like a store of real CBS data: no elders figures anywhere."""
    con.execute(
        "DELETE FROM observations WHERE indicator_id IN (SELECT it.indicator_id FROM "
        "indicator_themes it JOIN themes t ON t.id = it.theme_id WHERE t.dimension = 'elders')"
    )
    store.refresh_derived(con)
    if source is not None:
        store.set_meta(con, "source", source)


def _assert_no_grid_or_chart(at: AppTest) -> None:
    assert not at.get("plotly_chart"), "no empty chart"
    assert not at.dataframe, "no empty grid"
    assert not [s for s in at.selectbox if s.key in ("elders_theme", "elders_indicator")]


def test_elders_on_cbs_data_explains_why_and_shows_what_the_store_holds(copy_of_demo):
    copy_of_demo(_drop_elders_values)
    at = open_page(make_app(regio=HEERLEN), "elders")
    words = texts(at)
    assert "buiten de regio" in words and "lage-inkomenslanden" in words  # what elders means
    assert "Deze pagina laat die indicatoren zien" not in words
    assert CBS_SENTENCE in words and "alleen voor Nederland als geheel" in words
    assert "Wat deze database wel bevat voor Heerlen" in words
    _assert_no_grid_or_chart(at)
    labels = [link.label for link in page_links(at)]
    assert any(
        label.startswith("Hier en nu:") and "indicatoren met cijfers" in label for label in labels
    )
    assert any(label.startswith("Later:") for label in labels)
    assert "fijnstof" in " ".join(labels), "milieu indicators are linked as related"
    related = [
        parse_qs(link.query_string) for link in page_links(at) if "indicator=" in link.query_string
    ]
    assert {"milieu.fijnstof"} <= {q["indicator"][0] for q in related}
    assert all(q["regio"] == [HEERLEN] for q in related)
    assert "Klimaatmonitor" in words, "lokale modus may load data: the analyst's hint"
    assert not at.warning and not at.error


def test_elders_in_english_on_cbs_data(copy_of_demo):
    copy_of_demo(_drop_elders_values)
    at = open_page(make_app(regio=HEERLEN, lang="en"), "elders")
    assert "does not measure *elsewhere* per municipality" in texts(at)
    _assert_no_grid_or_chart(at)


def test_elders_for_the_netherlands_on_cbs_data_points_to_the_national_monitor(copy_of_demo):
    copy_of_demo(_drop_elders_values)
    at = open_page(make_app(regio="NL01"), "elders")
    assert "landelijke Monitor Brede Welvaart" in texts(at)
    assert CBS_SENTENCE not in texts(at)
    _assert_no_grid_or_chart(at)


def test_elders_on_an_empty_store_says_there_are_no_figures_yet(tmp_path, monkeypatch):
    path = tmp_path / "bw.duckdb"
    bootstrap.init_store(path, kind="empty")
    use_store(path, monkeypatch)
    at = open_page(make_app(regio="NL01"), "elders")
    words = texts(at)
    assert NOT_YET_SENTENCE in words
    assert CBS_SENTENCE not in words
    assert "0 van" in words or any("0 van" in link.label for link in page_links(at))
    _assert_no_grid_or_chart(at)
    st.cache_resource.clear()


def test_elders_without_the_source_key_and_without_values_does_not_blame_cbs(copy_of_demo):
    copy_of_demo(lambda con: _drop_elders_values(con, source=None))
    at = open_page(make_app(regio=HEERLEN), "elders")
    assert NOT_YET_SENTENCE in texts(at)
    _assert_no_grid_or_chart(at)


def test_elders_hides_the_data_hint_from_a_viewer(copy_of_demo, server_address):
    copy_of_demo(_drop_elders_values)
    server_address("0.0.0.0")
    at = open_page(make_app(regio=HEERLEN), "elders")
    assert CBS_SENTENCE in texts(at)
    assert "Klimaatmonitor" not in texts(at)
    assert not links_to(at, "data")


def test_the_demo_elders_page_is_unchanged(app):
    at = open_page(app(regio=HEERLEN), "elders")
    words = texts(at)
    assert "Deze pagina laat die indicatoren zien" in words
    assert CBS_SENTENCE not in words and NOT_YET_SENTENCE not in words
    assert at.get("plotly_chart")
    assert at.selectbox(key="elders_indicator").value
