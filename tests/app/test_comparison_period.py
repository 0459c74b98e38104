"""Positions with partial coverage (methods.md §3, issue 12 item 7) through the real app: after
an early 2025 value for two gemeenten, Heerlen shows its 2025 value with its position over 2024
and says why, on the Overzicht (table and detail) and on Vergelijken."""

import pytest
from streamlit.testing.v1 import AppTest

from bw import bootstrap, intake, store
from bw.auth import cli_actor
from tests.app.helpers import APP, TIMEOUT, open_page, open_tab, table_with, texts

HEERLEN = "GM0917"
INDICATOR = "arbeid.werkloosheid"


@pytest.fixture(scope="module")
def early_store(tmp_path_factory):
    """A demo store with a 2025 value for Heerlen and Amsterdam only (the others up to 2024)."""
    folder = tmp_path_factory.mktemp("early")
    path = folder / "bw.duckdb"
    bootstrap.init_store(path, kind="demo")
    delivery = folder / "early_2025.csv"
    delivery.write_text(
        "indicator;region;period;value\n"
        f"{INDICATOR};{HEERLEN};2025;2,9\n"
        f"{INDICATOR};GM0363;2025;4,1\n",
        encoding="utf-8",
    )
    con = store.connect(path)
    try:
        assert intake.load_file(con, delivery, actor=cli_actor("test")).load_id is not None
    finally:
        con.close()
    return path


@pytest.fixture
def early_app(early_store, monkeypatch, tmp_path):
    monkeypatch.setenv("BW_DB", str(early_store))
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))  # no boundary files

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        return at

    return make


def test_overzicht_shows_the_2025_value_with_its_position_over_2024(early_app):
    at = open_page(early_app(regio=HEERLEN, indicator=INDICATOR), "overzicht")
    table = at.dataframe(key="overzicht_table").value
    row = table[table["indicator"] == "Werkloosheid"].iloc[0]
    assert row["period"].startswith("2025")
    assert row["value"] == "2,9%"
    assert row["rank"].endswith("van 84 (over 2024)")
    shown = texts(at)
    assert "Rang en verschil met Nederland over 2024: voor 2025 hebben 2 van 84 gemeenten" in shown
    # the detail of the indicator in the link says the same in its position card
    assert "Positie over 2024: voor 2025 hebben 2 van 84 gemeenten een waarde." in shown
    assert "Verschil in 2024 met Nederland" in shown
    assert "rang 1 van 2" not in shown.lower()
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Waarde 2025"] == "2,9%"
    assert metrics["Rang over 2024"].endswith("van 84")


def test_the_detail_says_it_in_english_too(early_app):
    at = open_page(early_app(regio=HEERLEN, indicator=INDICATOR, lang="en"), "hier_en_nu")
    assert "Position in 2024: for 2025, 2 of 84 municipalities have a value." in texts(at)


def test_vergelijken_defaults_to_the_comparison_year_and_says_so(early_app):
    at = open_page(early_app(regio=HEERLEN, indicator=INDICATOR), "vergelijken")
    year = at.selectbox(key="vergelijken_jaar")
    assert year.value is None
    assert "vergelijkingsjaar (2024)" in year.options and "2025" in year.options
    shown = texts(at)
    assert "84 gemeenten met een waarde in 2024." in shown
    assert "2024 is het vergelijkingsjaar" in shown
    assert "Voor 2025 hebben 2 van 84 gemeenten een waarde" in shown
    # the newer year stays selectable, with the two values it has
    year.set_value(2025).run()
    assert not at.exception
    assert "2 gemeenten met een waarde in 2025." in texts(at)


NEUTRAL_WORDS = {"△ hoogste kwart", "◆ middengroep", "▽ laagste kwart"}


def test_vergelijken_names_the_quarters_of_a_neutral_indicator_without_a_verdict(
    app, tmp_path, monkeypatch
):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(app(regio=HEERLEN, indicator="economie.banen"), "vergelijken")
    at.selectbox(key="vergelijken_filter").set_value("all").run()
    assert not at.exception
    open_tab(at, "vergelijken_tabs", "Tabel")  # only the open tab is drawn
    assert set(table_with(at, "quartile")["quartile"]) == NEUTRAL_WORDS


def test_elders_judges_no_neutral_position(app):
    at = open_page(app(regio=HEERLEN, indicator="handel.uitgaande_pendel"), "elders")
    shown = texts(at)
    assert "▲ beste kwart" not in shown and "▼ slechtste kwart" not in shown
    assert any(word in shown for word in NEUTRAL_WORDS)
    assert "1 = hoogste waarde, geen oordeel" in shown
