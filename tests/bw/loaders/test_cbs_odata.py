"""Tests for the CBS OData loaders: the real 83625NED v4 capture and 85067NED cbsodataR folder,
and small fixtures, each named by the condition it contains."""

from __future__ import annotations

from pathlib import Path

import pytest

from bw import bootstrap, intake, store
from bw.auth import cli_actor
from bw.loaders import FORMAT_NAMES, cbs_odata, loader_for
from bw.loaders.common import LoadContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cbs"
V4_REAL = "cbs-83625NED-odata-v4"
V3_REAL = "cbs-85067NED-gebieden-2022"

#: Tables undo must restore exactly.
STATE_TABLES = (
    "regions",
    "indicators",
    "indicator_themes",
    "observations",
    "observations_superseded",
    "latest_values",
    "reference_values",
    "ranks",
)


@pytest.fixture(scope="module")
def demo_reader(tmp_path_factory):
    """A reading connection to a demo store (84 real gemeenten), made once."""
    path = tmp_path_factory.mktemp("cbs_odata") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect_for_reading(path)
    yield con
    con.close()


@pytest.fixture
def empty_store(tmp_path):
    """A writable store with the catalogue and NL, landsdelen and provinces only."""
    path = tmp_path / "empty.duckdb"
    bootstrap.init_store(path, kind="empty")
    con = store.connect(path)
    yield con
    con.close()


def context_of(con, **options) -> LoadContext:
    """The load context of a store, as intake builds it, with options."""
    return LoadContext(
        regions=store.read_regions(con), indicators=store.read_indicator_catalogue(con), **options
    )


def issues(staged) -> set[tuple[str, str, int | None]]:
    """(severity, code, line) of every issue."""
    return {(str(i.severity), i.code, i.line) for i in staged.report.issues}


def snapshot(con) -> dict[str, list]:
    """Every row of the tables a load may change (derived means rounded: summation order)."""

    def rounded(row):
        return tuple(round(v, 9) if isinstance(v, float) else v for v in row)

    return {
        table: [
            rounded(row) for row in con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        ]
        for table in STATE_TABLES
    }


def test_both_formats_are_registered():
    assert {"cbs_odata_v4", "cbs_odata_v3"} <= set(FORMAT_NAMES)
    assert loader_for("cbs_odata_v4") is cbs_odata.V4
    assert loader_for("cbs_odata_v3") is cbs_odata.V3


# -- real data --------------------------------------------------------------------------------


@pytest.mark.real_data
def test_83625ned_v4_capture_loads_whole_with_a_new_indicator(real_data, empty_store):
    folder = real_data / V4_REAL
    assert cbs_odata.V4.looks_like(folder, [])
    assert cbs_odata.V4.looks_like(folder / "index.json", [])
    staged = cbs_odata.V4.load(folder, context_of(empty_store, new_indicators="create"))
    report = staged.report
    assert report.ok, report.render("83625NED")
    assert report.counts["rows"] == 8195
    frame = staged.observations.to_pandas()
    assert len(frame) == 8195

    (price,) = staged.new_indicators
    assert price.id == "te_classificeren.gemiddelde_verkoopprijs"
    assert (price.name_nl, price.unit, price.decimals) == ("Gemiddelde verkoopprijs", "euro", 0)
    assert (str(price.direction), str(price.aggregation)) == ("neutral", "none")
    assert price.theme_ids == () and price.source == "CBS 83625NED"
    assert staged.indicator_ids == [price.id]

    # 'Impossible' (the region did not exist that year) is missing with its reason, never 0.
    impossible = frame[frame["missing_reason"] == "Impossible"]
    assert len(impossible) == 4023
    assert impossible["value"].isna().all()
    assert not (frame["value"] == 0).any()
    assert frame["value"].notna().sum() == 8195 - 4023
    nl_2015 = frame[(frame.region_code == "NL01") & (frame.period == "2015")]
    assert nl_2015["value"].tolist() == [230194.0]
    assert set(frame["status"]) == {"definitief"}

    # Gemeenten come from the table's own region list; dissolved ones as historical regions.
    regions = {r.code: r for r in staged.new_regions}
    assert len(regions) == 728
    aalburg = regions["GM0738"]
    assert (aalburg.name, aalburg.level, aalburg.last_year) == ("Aalburg", "GM", 2018)
    assert (aalburg.province_code, aalburg.landsdeel_code) == ("PV30", "LD04")
    assert regions["GM0363"].last_year is None
    codes = {code for _, code, _ in issues(staged)}
    assert {"historical_region", "new_region", "new_indicator"} <= codes


@pytest.mark.real_data
def test_83625ned_without_create_reports_the_unmapped_measure(real_data, demo_reader):
    staged = cbs_odata.V4.load(real_data / V4_REAL, context_of(demo_reader))
    assert ("error", "unmapped_topic", None) in issues(staged)
    assert staged.observations is None


@pytest.mark.real_data
def test_83625ned_end_to_end_load_then_undo_restores_the_store(real_data, empty_store):
    before = snapshot(empty_store)
    outcome = intake.load_file(
        empty_store,
        real_data / V4_REAL / "index.json",
        format="cbs_odata_v4",
        new_indicators="create",
        actor=cli_actor("test"),
    )
    assert outcome.load_id is not None, outcome.report.render("83625NED")
    assert outcome.counts["new"] == 8195 and outcome.counts["missing"] == 4023
    stored = empty_store.execute(
        "SELECT count(*), count(value), count(*) FILTER (WHERE missing_reason = 'Impossible') "
        "FROM observations WHERE load_id = ?",
        [outcome.load_id],
    ).fetchone()
    assert stored == (8195, 8195 - 4023, 4023)
    classification = empty_store.execute(
        "SELECT classification, unit FROM indicators "
        "WHERE id = 'te_classificeren.gemiddelde_verkoopprijs'"
    ).fetchone()
    assert classification == ("te_classificeren", "euro")
    assert empty_store.execute(
        "SELECT name, last_year FROM regions WHERE code = 'GM0738'"
    ).fetchone() == ("Aalburg", 2018)
    store.undo_load(empty_store, outcome.load_id)
    assert snapshot(empty_store) == before


@pytest.mark.real_data
def test_85067ned_cbsodatar_folder_gives_inwonertal_per_gemeente(real_data, empty_store):
    folder = real_data / V3_REAL
    assert cbs_odata.V3.looks_like(folder / "data.csv", ["ID", "RegioS"])
    context = context_of(empty_store, mapping={"Inwonertal": "bevolking.inwoners"})
    staged = cbs_odata.V3.load(folder / "data.csv", context)
    assert staged.report.ok, staged.report.render("85067NED")
    frame = staged.observations.to_pandas()
    assert len(frame) == 345
    assert set(frame["indicator_id"]) == {"bevolking.inwoners"}
    assert set(frame["period"]) == {"2022"}  # the table's year: it has no time dimension
    assert frame.set_index("region_code").loc["GM0363", "value"] == 882633
    # Codes and names are text topics: not observations, said once.
    found = issues(staged)
    assert ("info", "text_topic", None) in found
    assert ("warning", "topic_skipped", None) in found  # Omgevingsadressendichtheid
    assert ("info", "table_period", None) in found
    # New gemeenten take their parents and classes from the table's own code topics.
    aa_en_hunze = next(r for r in staged.new_regions if r.code == "GM1680")
    assert (
        aa_en_hunze.name,
        aa_en_hunze.province_code,
        aa_en_hunze.corop_code,
        aa_en_hunze.landsdeel_code,
        aa_en_hunze.size_class,
        aa_en_hunze.urbanity,
        aa_en_hunze.first_year,
    ) == ("Aa en Hunze", "PV22", "CR07", "LD01", 4, 5, 1998)
    assert len(staged.new_regions) == 345


@pytest.mark.real_data
def test_85067ned_end_to_end_with_new_indicators_and_undo(real_data, empty_store):
    before = snapshot(empty_store)
    outcome = intake.load_file(
        empty_store,
        real_data / V3_REAL / "data.csv",
        format="cbs_odata_v3",
        new_indicators="create",
        actor=cli_actor("test"),
    )
    assert outcome.load_id is not None, outcome.report.render("85067NED")
    ids = {i.id for i in outcome.staged.new_indicators}
    assert ids == {"te_classificeren.inwonertal", "te_classificeren.omgevingsadressendichtheid"}
    assert outcome.counts["new"] == 2 * 345
    store.undo_load(empty_store, outcome.load_id)
    assert snapshot(empty_store) == before


# -- fixtures ---------------------------------------------------------------------------------


def test_v4_pages_are_read_in_order_with_quarters_status_and_missing_reasons(demo_reader):
    folder = FIXTURES / "v4_quarters_missing_and_historical"
    staged = cbs_odata.V4.load(
        folder / "observations-page-2.json", context_of(demo_reader, new_indicators="create")
    )
    assert staged.report.ok, staged.report.render(folder.name)
    rows = {(r["region_code"], r["period"]): r for r in staged.observations.to_pylist()}
    assert len(rows) == 5 and staged.report.detected["pages"] == "2"
    assert rows[("NL01", "2024KW02")]["status"] == "voorlopig"  # Status 'Voorlopig'
    assert rows[("NL01", "2024KW01")]["status"] == "definitief"
    assert rows[("GM0363", "2024KW02")]["value"] is None
    assert rows[("GM0363", "2024KW02")]["missing_reason"] == "Missing"
    assert rows[("GM0788", "2024KW01")]["missing_reason"] == "Impossible"
    (haaren,) = staged.new_regions
    assert (haaren.code, haaren.name, haaren.last_year, haaren.province_code) == (
        "GM0788",
        "Haaren",
        2020,
        "PV30",
    )
    assert ("warning", "historical_region", None) in issues(staged)


def test_v4_topic_maps_through_the_mapping_by_key_or_title(demo_reader):
    folder = FIXTURES / "v4_quarters_missing_and_historical"
    for key in ("M000352", "Bevolking op 1 januari"):
        staged = cbs_odata.V4.load(
            folder, context_of(demo_reader, mapping={key: "bevolking.inwoners"})
        )
        assert staged.report.ok, staged.report.render(folder.name)
        assert staged.indicator_ids == ["bevolking.inwoners"] and not staged.new_indicators


@pytest.mark.parametrize(
    ("loader", "name", "expected"),
    [
        (cbs_odata.V4, "v4_quarters_missing_and_historical", {("error", "unmapped_topic", None)}),
        (cbs_odata.V4, "v4_last_page_has_next_link", {("error", "incomplete_download", None)}),
        (cbs_odata.V4, "v4_index_row_count_differs", {("error", "incomplete_download", None)}),
        (cbs_odata.V4, "v4_extra_dimension_two_categories", {("error", "extra_dimension", None)}),
        (
            cbs_odata.V4,
            "v4_region_not_in_code_list",
            {("error", "unknown_region", None), ("error", "unmapped_topic", None)},
        ),
        (cbs_odata.V4, "v4_malformed_page", {("error", "malformed_json", None)}),
        (
            cbs_odata.V3,
            "v3_cbsodatar_without_dataproperties",
            {("error", "missing_metadata", None)},
        ),
    ],
)
def test_bad_folders_report_each_problem(demo_reader, loader, name, expected):
    staged = loader.load(FIXTURES / name, context_of(demo_reader))
    found = issues(staged)
    assert expected <= found, found
    assert not [i for i in found if i[0] == "error" and i not in expected], found
    assert staged.observations is None


def test_v3_saved_json_pages_map_by_title_and_unit(demo_reader):
    folder = FIXTURES / "v3_json_typed_pages"
    assert cbs_odata.V3.looks_like(folder, [])
    assert not cbs_odata.V4.looks_like(folder, [])
    staged = cbs_odata.V3.load(folder / "TypedDataSet-1.json", context_of(demo_reader))
    assert staged.report.ok, staged.report.render(folder.name)
    rows = {(r["region_code"], r["period"]): r for r in staged.observations.to_pylist()}
    # 'Afstand tot de huisartsenpraktijk' in km is the catalogue's indicator: no mapping needed.
    assert set(r["indicator_id"] for r in rows.values()) == {"wonen.afstand_huisarts"}
    assert rows[("GM1680", "2022")]["value"] == 1.9  # padded key 'GM1680    ', second page
    assert rows[("GM0363", "2023")]["missing_reason"] == "leeg in bron"
    assert rows[("GM0363", "2023")]["status"] == "voorlopig"  # Perioden.json Status
    assert ("info", "text_topic", None) in issues(staged)


def test_v3_json_load_is_written_and_undone_end_to_end(empty_store):
    con = empty_store
    before = snapshot(con)
    outcome = intake.load_file(
        con,
        FIXTURES / "v3_json_typed_pages" / "DataProperties.json",
        format="cbs_odata_v3",
        actor=cli_actor("test"),
    )
    assert outcome.load_id is not None, outcome.report.render("v3")
    assert outcome.counts["new"] == 3
    key = "indicator_id = 'wonen.afstand_huisarts' AND region_code = 'GM0363' AND period = ?"
    assert con.execute(
        f"SELECT value, missing_reason FROM observations WHERE {key}", ["2023"]
    ).fetchone() == (None, "leeg in bron")
    # Gemeenten the store lacked come from RegioS.json, padding stripped.
    assert con.execute(
        "SELECT code, name, first_year FROM regions WHERE created_by_load = ? ORDER BY code",
        [outcome.load_id],
    ).fetchall() == [("GM0363", "Amsterdam", None), ("GM1680", "Aa en Hunze", 1998)]
    store.undo_load(con, outcome.load_id)
    assert snapshot(con) == before


def test_a_code_the_table_names_otherwise_is_a_renamed_region_warning(demo_reader):
    # The fixture's region list calls GM0363 'Amsterdam-Oud'; the store says 'Amsterdam'.
    folder = FIXTURES / "v3_renamed_region"
    staged = cbs_odata.V3.load(folder / "TypedDataSet-1.json", context_of(demo_reader))
    assert staged.report.ok, staged.report.render(folder.name)
    renamed = [i for i in staged.report.issues if i.code == "renamed_region"]
    assert [(str(i.severity), "GM0363" in i.message) for i in renamed] == [("warning", True)]
    assert staged.observations is not None and "GM0363" in set(
        staged.observations.column("region_code").to_pylist()
    )


def test_the_same_name_is_no_renamed_region_warning(demo_reader):
    folder = FIXTURES / "v3_json_typed_pages"
    staged = cbs_odata.V3.load(folder / "TypedDataSet-1.json", context_of(demo_reader))
    assert "renamed_region" not in {i.code for i in staged.report.issues}
