"""Every page renders through the real app (st.navigation) on a temporary store, plus one
behaviour per page, driven by widget keys and query parameters as a user or a link would."""

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import bootstrap, store
from bw.formatting import format_number

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = (
    "overzicht",
    "hier_en_nu",
    "later",
    "elders",
    "vergelijken",
    "streefwaarden",
    "data",
    "beleidscyclus",
)
BUILDING_NL = "Deze pagina wordt gebouwd."
#: A generous per-run limit: the first run opens the store, later runs hit the caches.
TIMEOUT = 60


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """The demo store, created once for the whole session (creating it takes a moment)."""
    path = tmp_path_factory.mktemp("demo") / "bw.duckdb"
    assert bootstrap.ensure_store(path)
    return path


@pytest.fixture(scope="session")
def demo_regions(demo_store):
    con = store.connect(demo_store, read_only=True)  # as the app opens it: one process, one mode
    try:
        return store.read_regions(con)
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo_info(demo_store):
    con = store.connect(demo_store, read_only=True)  # as the app opens it: one process, one mode
    try:
        return store.read_info(con)
    finally:
        con.close()


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Connections and reads are cached per store path; clearing keeps each test independent.
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def app(demo_store, monkeypatch):
    """Build an AppTest of app.py on the demo store, with optional URL query parameters."""
    monkeypatch.setenv("BW_DB", str(demo_store))

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        return at

    return make


def _open(at: AppTest, page: str) -> AppTest:
    """Run the app, then switch to a page (switch_page needs the pages of a first run)."""
    at.run()
    assert not at.exception, at.exception
    if page != "overzicht":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    """All visible text of the run, to look for words regardless of the element that shows them."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
    parts = [element.value for kind in kinds for element in getattr(at, kind)]
    return "\n".join(str(part) for part in parts)


def _first_gemeente(regions):
    gemeenten = regions[(regions["level"] == "GM") & regions["last_year"].isna()]
    key = gemeenten["name"].map(lambda name: name.casefold().lstrip("'’").removeprefix("s-"))
    return gemeenten.assign(_key=key).sort_values("_key").iloc[0]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_a_title_and_the_sidebar(app, page):
    at = _open(app(), page)
    assert at.title and at.title[0].value.strip()
    assert at.selectbox(key="region").value
    assert at.radio(key="lang").value == "nl"
    if page != "overzicht":
        assert BUILDING_NL in [info.value for info in at.info]


def test_overzicht_shows_the_default_gemeente_with_its_values(app, demo_regions):
    at = _open(app(), "overzicht")
    first = _first_gemeente(demo_regions)
    assert at.selectbox(key="region").value == first["code"]
    assert f"{first['name']} (gemeente)" in at.title[0].value
    assert "demodata (fictief)" in _texts(at)
    assert [header.value for header in at.header] == ["Hier en nu", "Later", "Elders"]
    assert at.query_params["regio"] == first["code"]
    tables = [element.value for element in at.dataframe]
    assert tables
    for table in tables:
        assert list(table.columns[:4]) == ["indicator", "value", "unit", "period"]
        assert all(re.fullmatch(r"\d{4}\*{0,2}|–", period) for period in table["period"])
    periods = "".join("".join(table["period"]) for table in tables)
    assert "*" in periods, "the demo's latest year is provisional and must be marked"
    assert "voorlopig" in _texts(at)


def test_regio_in_the_url_selects_that_region(app, demo_regions):
    province = demo_regions[demo_regions["level"] == "PV"].iloc[-1]
    at = _open(app(regio=province["code"]), "overzicht")
    assert at.selectbox(key="region").value == province["code"]
    assert f"{province['name']} (provincie)" in at.title[0].value
    assert not at.warning


def test_unknown_regio_in_the_url_warns_and_falls_back(app, demo_regions):
    at = _open(app(regio="GM9999"), "overzicht")
    assert any("GM9999" in warning.value for warning in at.warning)
    first = _first_gemeente(demo_regions)
    assert at.selectbox(key="region").value == first["code"]
    assert at.query_params["regio"] == first["code"]


def test_choosing_a_region_updates_the_link(app, demo_regions):
    group = demo_regions[demo_regions["level"] == "group"]
    target = group.iloc[0] if not group.empty else demo_regions.iloc[0]
    at = _open(app(), "overzicht")
    at.selectbox(key="region").set_value(target["code"]).run()
    assert not at.exception
    assert at.query_params["regio"] == target["code"]
    assert target["name"] in at.title[0].value


def test_switching_to_english_translates_titles_and_link(app):
    at = _open(app(), "overzicht")
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Broad well-being in ")
    assert [header.value for header in at.header] == ["Here and now", "Later", "Elsewhere"]
    assert "demo data (fictional)" in _texts(at)
    assert at.query_params["lang"] == "en"
    at.radio(key="lang").set_value("nl").run()
    assert "lang" not in at.query_params


def test_lang_in_the_url_opens_in_english(app):
    at = _open(app(lang="en"), "streefwaarden")
    assert at.title[0].value == "Targets"
    assert "This page is being built." in [info.value for info in at.info]


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("hier_en_nu", "gezondheid"),
        ("later", "kapitaal"),
        ("elders", "uitstoot"),
        ("vergelijken", "kwartiel"),
        ("streefwaarden", "indicatorenplan"),
        ("beleidscyclus", "Sturen op impact"),
    ],
)
def test_building_pages_say_what_they_will_show(app, page, words):
    at = _open(app(), page)
    assert words in _texts(at)


def test_data_page_shows_the_real_counts(app, demo_info):
    at = _open(app(), "data")
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Waarnemingen"] == format_number(demo_info["observations"])
    assert metrics["Indicatoren"] == format_number(demo_info["indicators"]["total"])
    assert metrics["Streefwaarden"] == format_number(demo_info["targets"])
    assert "Uploaden van bestanden komt later." in [info.value for info in at.info]


def test_a_store_without_values_says_geen_gegevens_and_no_demo_badge(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    bootstrap.init_store(path, with_demo=False)
    monkeypatch.setenv("BW_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="region").value == "NL01"
    assert "demodata" not in _texts(at)
    values = [value for table in at.dataframe for value in table.value["value"]]
    assert values and set(values) == {"geen gegevens"}


def test_first_start_creates_the_demo_store(tmp_path, monkeypatch):
    path = tmp_path / "new" / "bw.duckdb"
    monkeypatch.setenv("BW_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert path.exists()
    assert [status.label for status in at.status] == ["Demodatabase aangemaakt."]
    assert "demodata (fictief)" in _texts(at)


def test_no_legacy_pages_folder():
    # A pages/ folder next to app.py switches Streamlit to legacy multipage mode, which runs a
    # deep-linked page without app.py (no sidebar, no store check); see app.py's docstring.
    assert not (ROOT / "pages").exists()
