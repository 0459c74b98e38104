"""Every page renders through the real app (st.navigation) on a temporary store, plus one
behaviour per page, driven by widget keys and query parameters as a user or a link would."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from bw import bootstrap
from bw.formatting import format_number
from tests.app.helpers import APP, ROOT, TIMEOUT, first_gemeente, open_page, texts

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
#: Pages still being built (other issues); they say so.
BUILDING: tuple[str, ...] = ()
BUILDING_NL = "Deze pagina wordt gebouwd."
DIMENSIONS_NL = ["Hier en nu", "Later", "Elders"]
#: A region for tests about a page rather than about choosing a region (none is chosen for you).
HEERLEN = "GM0917"
#: Pages about one region; they ask for one while none is chosen (issue 13).
REGION_PAGES = (
    "overzicht",
    "hier_en_nu",
    "later",
    "elders",
    "vergelijken",
    "streefwaarden",
    "beleidsopties",
)
PROMPT_NL = "Kies uw gemeente"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_a_title_and_the_sidebar(app, page):
    at = open_page(app(regio=HEERLEN), page)
    assert at.title and at.title[0].value.strip()
    assert at.title[0].value != PROMPT_NL
    assert at.selectbox(key="region").value == HEERLEN
    assert at.radio(key="lang").value == "nl"
    infos = [info.value for info in at.info]
    assert (BUILDING_NL in infos) == (page in BUILDING)


@pytest.mark.parametrize("page", PAGES + ("beleidsopties", "workshop"))
def test_without_a_chosen_region_a_region_page_asks_for_one(app, page):
    """No region is chosen for the user (issue 13: the picker opened on Aa en Hunze)."""
    at = open_page(app(), page)
    assert at.selectbox(key="region").value is None
    assert "regio" not in at.query_params
    prompt = at.title[0].value == PROMPT_NL
    assert prompt == (page in REGION_PAGES), at.title[0].value
    if prompt:
        assert at.selectbox(key="region_prompt").placeholder == PROMPT_NL
        assert not at.dataframe and not at.get("plotly_chart")
        assert "demodata (fictief)" in texts(at)  # where the figures come from, still said


def test_overzicht_asks_for_a_gemeente_then_shows_its_values(app, demo_regions):
    at = open_page(app(), "overzicht")
    assert at.title[0].value == PROMPT_NL
    first = first_gemeente(demo_regions)
    # the main area's picker (the sidebar is folded away on a phone) chooses for the sidebar
    at.selectbox(key="region_prompt").set_value(first["code"]).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="region").value == first["code"]
    assert f"{first['name']} (gemeente)" in at.title[0].value
    assert "demodata (fictief)" in texts(at)
    assert [header.value for header in at.header][:3] == DIMENSIONS_NL
    assert at.query_params["regio"] == first["code"]
    grid = at.dataframe(key="overzicht_table")
    table = grid.value
    # Laptop first: the indicator and its three judgements, then the value with its year.
    assert list(grid.proto.column_order)[:6] == [
        "indicator",
        "status",
        "trend",
        "rank",
        "vs_nl",
        "latest",
    ]
    assert "dimension" not in grid.proto.column_order, "the theme implies it"
    assert all(re.fullmatch(r"\d{4}\*{0,2}|–", period) for period in table["period"])
    assert "*" in "".join(table["period"]), "the demo's latest year is provisional: marked"
    assert "voorlopig" in texts(at)


def test_regio_in_the_url_selects_that_region(app, demo_regions):
    province = demo_regions[demo_regions["level"] == "PV"].iloc[-1]
    at = open_page(app(regio=province["code"]), "overzicht")
    assert at.selectbox(key="region").value == province["code"]
    assert f"{province['name']} (provincie)" in at.title[0].value
    assert not at.warning


def test_unknown_regio_in_the_url_warns_and_asks_for_a_region(app):
    at = open_page(app(regio="GM9999"), "overzicht")
    assert [w.value for w in at.warning] == [
        "De regio 'GM9999' uit de link staat niet in de database. Kies een regio."
    ]
    assert at.selectbox(key="region").value is None
    assert "regio" not in at.query_params
    assert at.title[0].value == PROMPT_NL


def test_the_region_last_chosen_on_this_device_opens_again(app, monkeypatch):
    from ui import sidebar

    at = open_page(app(), "overzicht")
    at.selectbox(key="region").set_value(HEERLEN).run()
    scripts = [h.proto.body for h in at.get("html") if "<script" in h.proto.body]
    assert scripts == [
        "<script>document.cookie = 'bw_regio=GM0917; path=/; max-age=31536000; "
        "SameSite=Lax';</script>"
    ]
    at.run()  # written once per choice, not on every run
    assert not [h for h in at.get("html") if "<script" in h.proto.body]
    # a new visit on this device: the browser sends the cookie back
    monkeypatch.setattr(sidebar, "_cookie", lambda: HEERLEN)
    again = open_page(app(), "overzicht")
    assert again.selectbox(key="region").value == HEERLEN
    assert again.query_params["regio"] == HEERLEN
    # a link still decides over the remembered region
    linked = open_page(app(regio="PV31"), "overzicht")
    assert linked.selectbox(key="region").value == "PV31"


def test_choosing_a_region_updates_the_link(app, demo_regions):
    group = demo_regions[demo_regions["level"] == "group"]
    target = group.iloc[0] if not group.empty else demo_regions.iloc[0]
    at = open_page(app(), "overzicht")
    at.selectbox(key="region").set_value(target["code"]).run()
    assert not at.exception
    assert at.query_params["regio"] == target["code"]
    assert target["name"] in at.title[0].value


def test_switching_to_english_translates_titles_and_link(app):
    at = open_page(app(regio=HEERLEN), "overzicht")
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Broad well-being in ")
    assert [header.value for header in at.header][:3] == ["Here and now", "Later", "Elsewhere"]
    assert "demo data (fictional)" in texts(at)
    assert at.query_params["lang"] == "en"
    at.radio(key="lang").set_value("nl").run()
    assert "lang" not in at.query_params


def test_lang_in_the_url_opens_in_english(app):
    at = open_page(app(lang="en", regio=HEERLEN), "streefwaarden")
    assert at.title[0].value == "Targets"
    asked = open_page(app(lang="en"), "streefwaarden")
    assert asked.title[0].value == "Choose your municipality"


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
def test_pages_say_what_they_show(app, page, words):
    at = open_page(app(regio=HEERLEN), page)
    assert words in texts(at)


def test_data_page_shows_the_real_counts(app, demo_info):
    at = open_page(app(), "data")
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Waarnemingen"] == format_number(demo_info["observations"])
    assert metrics["Indicatoren"] == format_number(demo_info["indicators"]["total"])
    assert metrics["Streefwaarden"] == format_number(demo_info["targets"])
    assert at.file_uploader, "the Data page offers uploading (tests/app/test_data_page.py)"


def test_a_store_without_values_says_geen_gegevens_and_no_demo_badge(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    bootstrap.init_store(path, kind="empty")
    monkeypatch.setenv("BW_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="region").value == "NL01"
    assert "demodata" not in texts(at)
    values = list(at.dataframe(key="overzicht_table").value["value"])
    assert values and set(values) == {"geen gegevens"}
    assert any("geen waarden geladen" in warning.value for warning in at.warning)


def test_first_start_creates_the_cbs_store(tmp_path, monkeypatch):
    path = tmp_path / "new" / "bw.duckdb"
    monkeypatch.setenv("BW_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert path.exists()
    assert [status.label for status in at.status] == ["Database met CBS-cijfers aangemaakt."]
    assert "Bron: CBS (CC BY 4.0)" in texts(at) and "demodata (fictief)" not in texts(at)


def test_no_legacy_pages_folder():
    # A pages/ folder next to app.py switches Streamlit to legacy multipage mode, which runs a
    # deep-linked page without app.py (no sidebar, no store check); see app.py's docstring.
    assert not (ROOT / "pages").exists()
