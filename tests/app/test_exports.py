"""The CSV downloads carry no float noise (issue 13): on real CBS data, where the province and
the Netherlands are computed from gemeenten, every number is written with the digits its rule
allows (bw.export.ROUNDING): the indicator's decimals, slopes two more, shares three, p-values
three significant digits."""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd
import pytest
import streamlit as st

from bw import bootstrap, store
from tests.app.helpers import make_app, open_page, open_tab, use_store
from ui.i18n import STRINGS

NL = STRINGS["nl"]


@pytest.fixture(scope="module")
def cbs_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "bw.duckdb"
    bootstrap.init_store(path, kind="cbs")
    return path


@pytest.fixture
def downloads(monkeypatch):
    """The bytes of every file the app offers for download, by file name."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    offered: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            offered[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return offered


@pytest.fixture
def decimals(cbs_store, monkeypatch):
    """The catalogue's decimals per indicator id, with the app pointed at the CBS store."""
    con = store.connect_for_reading(cbs_store)
    try:
        catalogue = store.read_indicator_catalogue(con)
    finally:
        con.close()
    use_store(cbs_store, monkeypatch)
    yield dict(zip(catalogue["indicator_id"], catalogue["decimals"].astype(int), strict=True))
    st.cache_resource.clear()


def written(csv: bytes) -> pd.DataFrame:
    """The CSV as the text cells it holds (a Dutch CSV: ';' and a decimal comma)."""
    return pd.read_csv(
        io.BytesIO(csv), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )


def digits(cell: str) -> tuple[int, int]:
    """(decimals, significant digits) of a number as written in a Dutch CSV cell."""
    number = Decimal(cell.replace(",", ".")).normalize().as_tuple()
    return max(0, -number.exponent), len(number.digits)


def test_the_overview_csv_of_a_computed_province_has_no_float_noise(decimals, downloads):
    at = open_page(make_app(regio="PV31"), "overzicht")
    assert not at.exception, at.exception
    table = written(downloads["brede-welvaart-PV31.csv"])
    rules = {
        NL["col.value"]: 0,
        NL["csv.ci_low"]: 0,
        NL["csv.ci_high"]: 0,
        NL["target.minimum"]: 0,
        NL["target.ambition"]: 0,
        NL["csv.slope"]: 2,
        NL["csv.vs_nl"]: "share",
        NL["csv.coverage"]: "share",
        NL["csv.p_value"]: "p",
    }
    checked = 0
    for row in table.to_dict("records"):
        own = decimals[row[NL["csv.indicator_id"]]]
        for column, rule in rules.items():
            if not row[column]:
                continue
            places, significant = digits(row[column])
            checked += 1
            if rule == "p":
                assert significant <= 3, (row[NL["csv.indicator_id"]], column, row[column])
            else:
                limit = 3 if rule == "share" else own + rule
                assert places <= limit, (row[NL["csv.indicator_id"]], column, row[column])
    assert checked > 50


def test_the_series_csv_rounds_the_region_and_its_references(decimals, downloads):
    indicator = "arbeid.nettoarbeidsparticipatie"  # yearly: a long series with references
    at = open_page(make_app(regio="PV31", indicator=indicator), "hier_en_nu")
    assert not at.exception, at.exception
    open_tab(at, "detail_tabs", "Tabel")  # the CSV sits behind the chart, in the table tab
    table = written(downloads[f"{indicator}-PV31.csv"])
    numbers = [
        cell
        for column in table.columns
        if column != NL["csv.year"]
        for cell in table[column]
        if cell and cell[0].isdigit()
    ]
    assert len(numbers) > 10
    assert all(digits(cell)[0] <= decimals[indicator] for cell in numbers), numbers
