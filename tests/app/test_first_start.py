"""A fresh clone's first start: the app builds the store of real CBS figures and draws a map."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from bw import store
from tests.app.helpers import APP, open_page, plotly_figures, texts

HEERLEN = "GM0917"


def test_first_start_builds_the_cbs_store_and_vergelijken_draws_a_map(tmp_path, monkeypatch):
    path = tmp_path / "fresh" / "bw.duckdb"
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path / "data"))  # no installed boundaries
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert path.exists()
    con = store.connect(path)  # as the app opens it: one process, one mode
    try:
        assert store.read_source(con) == "cbs"
    finally:
        con.close()
    page = texts(at)
    assert "Bron: CBS (CC BY 4.0)" in page and "demodata" not in page

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"regio": HEERLEN})
    at = open_page(at, "vergelijken")
    maps = [f for f in plotly_figures(at) if f["data"][0]["type"] == "choroplethmap"]
    assert maps, "Vergelijken draws a choropleth on a fresh clone"
    mapped = {code for trace in maps[0]["data"] for code in trace.get("locations", [])}
    assert HEERLEN in mapped and len(mapped) >= 300


def test_a_computed_value_is_marked_and_a_missing_one_says_why(tmp_path, monkeypatch):
    from bw import bootstrap

    path = tmp_path / "bw.duckdb"
    bootstrap.init_store(path, kind="cbs")
    monkeypatch.setenv("BW_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"regio": "PV31"})
    at.run()
    assert not at.exception, at.exception
    table = next(df.value for df in at.dataframe if "value" in getattr(df.value, "columns", []))
    assert table["value"].str.contains("(berekend)", regex=False).any()

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"regio": "GM0363"})  # Amsterdam: suspect labour series not loaded
    at.run()
    assert not at.exception, at.exception
    table = next(df.value for df in at.dataframe if "value" in getattr(df.value, "columns", []))
    assert table["value"].str.contains("verdachte reeks", regex=False).any()


def test_overzicht_on_cbs_data_explains_the_empty_elders_dimension(tmp_path, monkeypatch):
    from bw import bootstrap

    path = tmp_path / "bw.duckdb"
    bootstrap.init_store(path, kind="cbs")
    monkeypatch.setenv("BW_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"regio": HEERLEN})
    at.run()
    assert not at.exception, at.exception
    assert "geen indicatoren voor" in texts(at)
    assert any("elders" in link.proto.page for link in at.get("page_link"))
