"""The monitor pages (Overzicht, Hier en nu, Later, Elders, Vergelijken) through the real app:
every region level renders, links (``?indicator=``, ``?niveau=``) restore the view, bad links
warn, and the judgements, projection, map and downloads appear where they should."""

import re
import shutil

import pytest

from bw import config
from tests.app.helpers import (
    ROOT,
    first_gemeente,
    open_page,
    open_tab,
    plotly_figures,
    table_with,
    texts,
    trace_names,
    trace_types,
)

MONITOR_PAGES = ("overzicht", "hier_en_nu", "later", "elders", "vergelijken")
#: A province, NL, a Regio Deal and the G4 (groups are aggregated from their members).
REGIONS = ("PV31", "NL01", "RD_ZUID_LIMBURG", "G4")
#: Heerlen has demo targets with target year 2030.
HEERLEN = "GM0917"
LATER_WITH_TARGET = "onderwijs.voortijdig_schoolverlaters"


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


@pytest.mark.parametrize("region", [None, *REGIONS])
@pytest.mark.parametrize("page", MONITOR_PAGES)
def test_monitor_pages_render_for_every_kind_of_region(app, demo_regions, page, region):
    code = region or first_gemeente(demo_regions)["code"]
    at = open_page(app(regio=code), page)
    assert at.selectbox(key="region").value == code
    assert not at.error, [error.value for error in at.error]
    assert not at.warning, [warning.value for warning in at.warning]
    assert at.title and at.title[0].value.strip()
    assert "demodata (fictief)" in texts(at)
    if page == "overzicht":
        # The status matrix opens on its table; its chart is drawn once its tab is opened.
        assert not at.get("plotly_chart"), "the closed chart tab is not drawn"
        assert [tab.label for tab in at.tabs][:2] == ["Grafiek", "Tabel"]
        open_tab(at, "overzicht_matrix_tabs", "Grafiek")
        assert not at.error, [error.value for error in at.error]
    assert at.get("plotly_chart"), "every monitor page draws a chart"


@pytest.mark.parametrize("group", ["RD_ZUID_LIMBURG", "G4"])
def test_a_region_group_shows_its_members_and_population_coverage(app, group):
    at = open_page(app(regio=group), "overzicht")
    assert "Dekking 100% van de inwoners." in texts(at)
    assert "leden" in texts(at)
    # groups are not ranked: the overview table leaves the rank column out and says why
    assert "Regiogroepen krijgen geen rang" in texts(at)


def test_overzicht_counts_per_dimension_with_words_and_icons(app):
    at = open_page(app(regio=HEERLEN), "overzicht")
    labels = [metric.label for metric in at.metric]
    for word in ("✖ onder minimum", "◐ boven minimum", "★ ambitie bereikt", "○ geen streefwaarde"):
        assert labels.count(word) == 3, word  # once per dimension
    assert "⊕ verbetert" in texts(at) and "⊖ verslechtert" in texts(at)
    assert table_with(at, "Thema").shape[0] >= 12  # the status matrix's table, open first …
    table = at.dataframe(key="overzicht_table").value
    assert {"status", "trend", "rank", "vs_nl", "series"} <= set(table.columns)
    assert table["rank"].str.fullmatch(r"\d+ van \d+").all()
    assert table["trend"].str.match(r"[↑↓→] ").all(), "the arrow shows the sign of the slope"
    assert table["series"].map(len).gt(2).all()
    open_tab(at, "overzicht_matrix_tabs", "Grafiek")
    assert "heatmap" in trace_types(at)  # … and its chart behind the other tab


def test_choosing_a_region_changes_the_values_shown(app):
    at = open_page(app(regio=HEERLEN), "overzicht")
    heerlen = list(at.dataframe(key="overzicht_table").value["value"])
    at.selectbox(key="region").set_value("GM0363").run()
    assert not at.exception
    amsterdam = list(at.dataframe(key="overzicht_table").value["value"])
    assert "Amsterdam" in at.title[0].value
    assert heerlen != amsterdam

    at = open_page(app(regio=HEERLEN, indicator="wonen.woonquote"), "hier_en_nu")
    before = _metrics(at)
    at.selectbox(key="region").set_value("PV31").run()
    assert not at.exception
    assert _metrics(at) != before
    assert at.selectbox(key="hier_en_nu_indicator").value == "wonen.woonquote"


def test_overzicht_row_selection_opens_the_detail_and_the_link(app):
    at = open_page(app(regio=HEERLEN), "overzicht")
    table = at.dataframe(key="overzicht_table").value
    row = int(table.index[table["indicator"] == "Sterk eenzaam"][0])
    at.session_state["overzicht_table"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert not at.exception
    assert at.query_params["indicator"] == "samenleving.eenzaamheid"
    assert "Sterk eenzaam" in [header.value for header in at.header]
    assert "✖ onder minimum" in texts(at)
    assert at.get("page_link"), "a link to the indicator on its dimension page"
    # the link reproduces the detail
    again = open_page(app(regio=HEERLEN, indicator="samenleving.eenzaamheid"), "overzicht")
    assert "Sterk eenzaam" in [header.value for header in again.header]


def test_overzicht_offers_the_factsheet_and_csv(app):
    at = open_page(app(regio=HEERLEN), "overzicht")
    buttons = {button.proto.label: button.proto for button in at.get("download_button")}
    assert "Factsheet" in buttons
    assert "Tabel als CSV" in buttons


@pytest.mark.parametrize(
    ("page", "indicator", "theme"),
    [
        ("hier_en_nu", "gezondheid.ervaren_gezondheid", "gezondheid"),
        ("later", LATER_WITH_TARGET, "menselijk_kapitaal"),
        ("elders", "grondstoffen.co2_uitstoot", "milieu_en_grondstoffen"),
    ],
)
def test_indicator_in_the_link_restores_theme_and_indicator(app, page, indicator, theme):
    at = open_page(app(regio=HEERLEN, indicator=indicator), page)
    assert at.selectbox(key=f"{page}_indicator").value == indicator
    assert at.selectbox(key=f"{page}_theme").value == theme
    assert at.query_params["indicator"] == indicator
    assert not at.warning
    names = trace_names(at)
    assert {"Heerlen", "Nederland", "Limburg", "Vergelijkbare gemeenten"} <= names
    for heading in ("Status", "Trend", "Positie"):
        assert heading in [caption.value for caption in at.caption]
    assert "Methode en bron" in [expander.label for expander in at.expander]
    # The series table and its CSV sit behind the chart, drawn once their tab is opened.
    assert "Download als CSV" not in [b.proto.label for b in at.get("download_button")]
    open_tab(at, "detail_tabs", "Tabel")
    assert "Download als CSV" in [b.proto.label for b in at.get("download_button")]


def test_choosing_another_theme_picks_its_first_indicator_and_updates_the_link(app):
    at = open_page(app(regio=HEERLEN, indicator=LATER_WITH_TARGET), "later")
    at.selectbox(key="later_theme").set_value("economisch_kapitaal").run()
    assert not at.exception
    chosen = at.selectbox(key="later_indicator").value
    assert chosen.startswith("economie.")
    assert at.query_params["indicator"] == chosen


@pytest.mark.parametrize("page", ["overzicht", "hier_en_nu", "vergelijken"])
def test_an_unknown_indicator_in_the_link_warns_and_shows_the_default(app, page):
    at = open_page(app(regio=HEERLEN, indicator="bestaat.niet"), page)
    assert any("bestaat.niet" in warning.value for warning in at.warning)
    assert at.query_params.get("indicator") != "bestaat.niet"


def test_an_indicator_of_another_dimension_falls_back_quietly(app):
    # left in the link by the page the user came from: not an error
    at = open_page(app(regio=HEERLEN, indicator="grondstoffen.co2_uitstoot"), "later")
    assert not at.warning
    assert at.selectbox(key="later_indicator").value != "grondstoffen.co2_uitstoot"


def test_later_shows_projection_targets_and_progress_for_heerlen(app):
    at = open_page(app(regio=HEERLEN, indicator=LATER_WITH_TARGET), "later")
    names = trace_names(at)
    assert {"minimum", "ambitie", "projectie (geen data)"} <= names
    words = texts(at)
    assert "» versnelling nodig" in words
    assert "Voortgang naar het doeljaar" in words
    assert "Het minimum is al gehaald." in words
    assert "Projectie voor 2030" in words
    assert _metrics(at)["Minimum"] and _metrics(at)["Ambitie"] != "–"


def test_later_in_english(app):
    at = open_page(app(regio=HEERLEN, indicator=LATER_WITH_TARGET, lang="en"), "later")
    assert "» acceleration needed" in texts(at)
    assert {"minimum", "ambition", "projection (not data)"} <= trace_names(at)


def test_elders_explains_what_elsewhere_means(app):
    at = open_page(app(regio=HEERLEN), "elders")
    words = texts(at)
    assert "buiten de regio" in words and "buitenland" in words
    assert "lage-inkomenslanden" in words


@pytest.fixture
def no_boundaries(tmp_path, monkeypatch):
    """Neither installed nor shipped boundary files: the data folder is empty, data/geo absent."""
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(config, "shipped_boundaries_dir", lambda: tmp_path / "no-shipped-geo")


#: Something that reads as a filesystem path: two or more '/'-separated parts, or a drive
#: letter (a lone backslash is Markdown's escape, as in "2024\*").
_PATH = re.compile(r"(?:/[\w.~-]+){2,}|\b[A-Za-z]:\\")


def _say_nothing_technical(at, *paths) -> None:
    """The page shows council members no command line and no server path."""
    shown = "\n".join([texts(at), *(code.value for code in at.code)])
    assert "python -m bw" not in shown and "fetch boundaries" not in shown
    assert ".geojson" not in shown and "data/boundaries" not in shown and "data/geo" not in shown
    assert not _PATH.search(shown), _PATH.search(shown)
    for path in (ROOT, *paths):
        assert str(path) not in shown


def _map_figure(at) -> dict:
    return next(fig for fig in plotly_figures(at) if fig["data"][0]["type"] == "choroplethmap")


def test_vergelijken_by_province_shows_twelve_provinces(app, no_boundaries):
    at = open_page(app(regio="PV31", niveau="PV"), "vergelijken")
    assert at.radio(key="vergelijken_niveau").value == "PV"
    table = table_with(open_tab(at, "vergelijken_tabs", "Tabel"), "marker")
    assert len(table) == 12
    assert list(table["marker"]).count("▶") == 1
    assert table.loc[table["marker"] == "▶", "region"].item() == "Limburg"


def test_vergelijken_without_boundaries_shows_bars_and_says_why(app, tmp_path, no_boundaries):
    at = open_page(app(regio=HEERLEN), "vergelijken")
    assert trace_types(at) == {"bar"}
    info = " ".join(info.value for info in at.info)
    assert "Voor dit niveau is geen kaart beschikbaar" in info and "staafdiagram" in info
    _say_nothing_technical(at, tmp_path)  # installing boundaries is advice on the Data page
    # a gemeente is compared with similar gemeenten by default, and the page says how many
    assert at.selectbox(key="vergelijken_filter").value == "peer"
    assert "Getoond:" in texts(at)
    open_tab(at, "vergelijken_tabs", "Tabel")
    assert "Download als CSV" in [b.proto.label for b in at.get("download_button")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vergelijken_draws_a_gemeente_map_out_of_the_box(app, tmp_path, monkeypatch, lang):
    """No installed boundary files, no network: the gemeenten shipped in data/geo are drawn."""
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio=HEERLEN, lang=lang), "vergelijken")
    assert not at.exception and not at.warning
    assert "choroplethmap" in trace_types(at)
    figure = _map_figure(at)
    assert figure["layout"]["map"]["style"] == "white-bg"  # no tiles: no network
    mapped = {code for trace in figure["data"] for code in trace.get("locations", [])}
    assert len(mapped) == 342 and HEERLEN in mapped  # every demo gemeente has a 2025 code
    source = "Bron grenzen: CBS/PDOK (CC BY 4.0)" if lang == "nl" else "CBS/PDOK (CC BY 4.0)"
    notes = [note["text"] for note in figure["layout"].get("annotations", [])]
    assert any(source in note for note in notes)  # the map's own attribution
    assert source in texts(at)  # and the caption under it
    assert not at.info, [info.value for info in at.info]
    _say_nothing_technical(at, tmp_path)


def test_vergelijken_draws_the_shipped_provinces(app, tmp_path, monkeypatch):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio="PV31", niveau="PV"), "vergelijken")
    figure = _map_figure(at)
    mapped = {code for trace in figure["data"] for code in trace.get("locations", [])}
    assert mapped == {f"PV{number}" for number in range(20, 32)}
    assert "Bron grenzen: CBS/PDOK (CC BY 4.0), indeling 2023." in texts(at)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vergelijken_at_corop_level_says_plainly_there_is_no_map(app, tmp_path, monkeypatch, lang):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio=HEERLEN, niveau="CR", lang=lang), "vergelijken")
    assert trace_types(at) == {"bar"}
    sentence = (
        "Voor dit niveau is geen kaart beschikbaar; de rangorde staat hieronder als staafdiagram."
        if lang == "nl"
        else "No map is available for this level; the ranking is shown below as a bar chart."
    )
    assert [info.value for info in at.info] == [sentence]
    _say_nothing_technical(at, tmp_path)


def test_an_unusable_installed_file_gives_the_plain_sentence_not_its_error(
    app, tmp_path, monkeypatch
):
    folder = tmp_path / "boundaries"
    folder.mkdir()
    (folder / "gemeente_2025.geojson").write_text('{"type": "Topology"}', encoding="utf-8")
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio=HEERLEN), "vergelijken")
    assert trace_types(at) == {"bar"}
    assert not at.warning and not at.error
    assert "Voor dit niveau is geen kaart beschikbaar" in " ".join(i.value for i in at.info)
    assert "TopoJSON" not in texts(at)  # the reason is for analysts, on the Data page
    _say_nothing_technical(at, tmp_path)


def test_vergelijken_with_boundaries_shows_a_map(app, real_data, tmp_path, monkeypatch):
    folder = tmp_path / "boundaries"
    folder.mkdir()
    shutil.copy(real_data / "geo" / "gemeente_2025.geojson", folder / "gemeente_2025.geojson")
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio="RD_ZUID_LIMBURG"), "vergelijken")
    assert "choroplethmap" in trace_types(at)
    assert not [info.value for info in at.info if "geen kaart" in info.value]
    # a region group filters the comparison to its members
    assert at.selectbox(key="vergelijken_filter").value == "group:RD_ZUID_LIMBURG"
    figure = next(fig for fig in plotly_figures(at) if fig["data"][0]["type"] == "choroplethmap")
    mapped = {code for trace in figure["data"] for code in trace.get("locations", [])}
    assert "GM0917" in mapped and "GM0363" not in mapped
    # only the open tab (the map) is drawn; the table behind it has the group's 15 members
    assert "choroplethmap" not in trace_types(open_tab(at, "vergelijken_tabs", "Tabel"))
    assert len(table_with(at, "marker")) == 15


def test_an_unknown_level_in_the_link_warns(app, tmp_path, monkeypatch):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio=HEERLEN, niveau="XX"), "vergelijken")
    assert any("XX" in warning.value for warning in at.warning)
    assert at.radio(key="vergelijken_niveau").value == "GM"
    assert at.query_params["niveau"] == "GM"


def test_vergelijken_year_select_compares_an_earlier_year(app, tmp_path, monkeypatch):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio=HEERLEN, indicator="wonen.woonquote"), "vergelijken")
    # The first option is the default, the comparison year; the others are plain years.
    years = [year for year in at.selectbox(key="vergelijken_jaar").options if year.isdigit()]
    assert years, "the years with a value for Nederland are offered"
    earlier = years[-1]
    at.selectbox(key="vergelijken_jaar").set_value(int(earlier)).run()
    assert not at.exception
    assert f"met een waarde in {earlier}." in texts(at)
