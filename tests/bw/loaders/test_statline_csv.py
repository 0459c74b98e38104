"""Tests for the StatLine CSV loaders: the real 70072ned untyped dataset CSV, and fixtures of the
current and classic downloads, each named by the condition it contains."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from bw import bootstrap, cli, intake, store
from bw.auth import cli_actor
from bw.loaders import FORMAT_NAMES, loader_for, statline_csv
from bw.loaders.common import LoadContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cbs"
UNTYPED_REAL = "statline-70072ned-untyped/70072ned_UntypedDataSet_06062018_000805.csv"
POPULATION = {"Totale bevolking": "bevolking.inwoners"}

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
def demo_path(tmp_path_factory):
    """A demo store file (84 real gemeenten), made once; tests that write copy it."""
    path = tmp_path_factory.mktemp("statline") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


@pytest.fixture(scope="module")
def demo_reader(demo_path):
    """A reading connection to the demo store."""
    con = store.connect_for_reading(demo_path)
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


def rows_by_key(staged) -> dict[tuple[str, str, str], dict]:
    """Observations by (indicator, region, period)."""
    return {
        (r["indicator_id"], r["region_code"], r["period"]): r
        for r in staged.observations.to_pylist()
    }


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


def test_three_formats_are_registered():
    assert {"statline_untyped_csv", "statline_csv", "statline_classic_csv"} <= set(FORMAT_NAMES)
    assert loader_for("statline_csv") is statline_csv.CURRENT


# -- real data --------------------------------------------------------------------------------


@pytest.mark.real_data
def test_70072ned_untyped_csv_maps_two_topics_by_key(real_data, empty_store):
    path = real_data / UNTYPED_REAL
    mapping = {
        "TotaleBevolking_1": "bevolking.inwoners",
        "AfstandTotHuisartsenpraktijk_213": "wonen.afstand_huisarts",
    }
    staged = statline_csv.UNTYPED.load(path, context_of(empty_store, mapping=mapping))
    report = staged.report
    assert report.ok, report.render(path.name)
    assert report.counts["rows"] == 770
    assert report.detected["encoding"] == "UTF-8 with BOM"
    rows = rows_by_key(staged)
    # Padded keys ('GM0363', 'PV20  ') and right-aligned numbers ('  821752') as in the file.
    assert rows[("bevolking.inwoners", "GM0363", "2015")]["value"] == 821752
    assert rows[("bevolking.inwoners", "GM0344", "2015")]["value"] == 334176
    assert rows[("bevolking.inwoners", "NL01", "2015")]["value"] == 16900726
    assert rows[("wonen.afstand_huisarts", "GM0363", "2015")]["value"] == 0.5
    assert staged.indicator_ids == ["bevolking.inwoners", "wonen.afstand_huisarts"]
    levels = {code[:2] for _, code, _ in rows}
    assert levels == {"NL", "LD", "PV", "CR", "GM"}
    # 770 codes: 450 regions with values; 320 gemeente codes without any value (they did not
    # exist in 2015) are not in the store, have no name here, and are left out, said once.
    assert len({code for _, code, _ in rows}) == 450
    found = issues(staged)
    assert ("info", "empty_region_skipped", None) in found
    assert ("warning", "unnamed_region", None) in found
    assert ("warning", "topic_skipped", None) in found
    assert ("warning", "no_topic_metadata", 1) in found
    assert ("info", "text_topic", None) in found  # Code_271, Naam_272, …: codes and names
    # Gemeenten get their province from the table's own code topics.
    gm0363 = next(r for r in staged.new_regions if r.code == "GM0363")
    assert gm0363.province_code == "PV27"


@pytest.mark.real_data
def test_70072ned_end_to_end_create_then_undo(real_data, empty_store):
    before = snapshot(empty_store)
    outcome = intake.load_file(
        empty_store, real_data / UNTYPED_REAL, new_indicators="create", actor=cli_actor("test")
    )
    assert outcome.load_id is not None, outcome.report.render("70072ned")
    assert outcome.report.detected["format"] == "statline_untyped_csv (detected)"
    value = empty_store.execute(
        "SELECT value FROM observations WHERE indicator_id = 'te_classificeren.totalebevolking_1'"
        " AND region_code = 'GM0363' AND period = '2015'"
    ).fetchone()
    assert value == (821752.0,)
    # '.' and empty cells are stored as missing with their reason, never as 0.
    reasons = dict(
        empty_store.execute(
            "SELECT missing_reason, count(*) FROM observations WHERE value IS NULL GROUP BY ALL"
        ).fetchall()
    )
    assert set(reasons) <= {"onbekend (.)", "leeg in bron"} and reasons
    store.undo_load(empty_store, outcome.load_id)
    assert snapshot(empty_store) == before


# -- untyped fixtures -------------------------------------------------------------------------


def test_untyped_with_dataproperties_beside_it_takes_titles_units_and_statuses(demo_reader):
    path = FIXTURES / "untyped_with_metadata" / "99999ned_UntypedDataSet_01022024_101010.csv"
    staged = statline_csv.UNTYPED.load(path, context_of(demo_reader, new_indicators="create"))
    assert staged.report.ok, staged.report.render(path.name)
    indicators = {i.id: i for i in staged.new_indicators}
    assert set(indicators) == {
        "te_classificeren.totale_bevolking",
        "te_classificeren.bevolkingsdichtheid",
    }
    assert indicators["te_classificeren.bevolkingsdichtheid"].unit == "aantal inwoners per km²"
    rows = rows_by_key(staged)
    amsterdam_2024 = rows[("te_classificeren.bevolkingsdichtheid", "GM0363", "2024")]
    assert (amsterdam_2024["value"], amsterdam_2024["missing_reason"]) == (None, "onbekend (.)")
    assert amsterdam_2024["status"] == "voorlopig"
    assert (
        rows[("te_classificeren.totale_bevolking", "NL01", "2023")]["status"] == "nader_voorlopig"
    )
    assert (
        rows[("te_classificeren.totale_bevolking", "GM0788", "2023")]["missing_reason"]
        == "leeg in bron"
    )
    (haaren,) = staged.new_regions
    assert (haaren.code, haaren.name, haaren.last_year) == ("GM0788", "Haaren", 2020)
    found = issues(staged)
    assert ("warning", "historical_region", None) in found
    assert ("info", "text_topic", None) in found


# -- the table of bad inputs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loader", "name", "expected"),
    [
        (
            statline_csv.CURRENT,
            "statline_current_bad_number.csv",
            {("error", "not_a_number", 3), ("error", "not_a_number", 4)},
        ),
        (
            statline_csv.CURRENT,
            "statline_current_unknown_region.csv",
            {("error", "unknown_region", 3)},
        ),
        (
            statline_csv.CURRENT,
            "statline_current_ambiguous_region.csv",
            {("error", "ambiguous_region", 3)},
        ),
        (
            statline_csv.CURRENT,
            "statline_current_truncated_last_line.csv",
            {("error", "malformed_csv", 4)},
        ),
        (statline_csv.CURRENT, "statline_current_utf16.csv", {("error", "wrong_encoding", None)}),
        (
            statline_csv.CURRENT,
            "statline_current_duplicate_key.csv",
            {("error", "duplicate_key", 4)},
        ),
        (
            statline_csv.CURRENT,
            "statline_current_extra_dimension.csv",
            {("error", "extra_dimension", 1)},
        ),
        # Unknown names with a value stay errors, at the line of the value (the same names'
        # empty 2023 rows are not the problem).
        (
            statline_csv.CURRENT,
            "statline_current_dissolved_gemeenten_with_values_before.csv",
            {
                ("error", "unknown_region", 4),
                ("error", "unknown_region", 6),
                ("error", "unknown_region", 7),
            },
        ),
        (
            statline_csv.CLASSIC,
            "classic_missing_footer_truncated.csv",
            {("error", "malformed_csv", 5)},
        ),
        (
            statline_csv.CLASSIC,
            "classic_bad_number_unknown_name.csv",
            {
                ("error", "not_a_number", 4),
                ("error", "unknown_region", 5),
                ("error", "bad_period", 6),
            },
        ),
        (
            statline_csv.UNTYPED,
            "untyped_padded_bad_number_bad_code.csv",
            {
                ("error", "not_a_number", 3),
                ("error", "unknown_region", 4),
                ("error", "bad_period", 5),
            },
        ),
    ],
)
def test_bad_files_report_each_problem_with_its_line(demo_reader, loader, name, expected):
    mapping = dict(POPULATION, TotaleBevolking_1="bevolking.inwoners")
    staged = loader.load(FIXTURES / name, context_of(demo_reader, mapping=mapping))
    found = issues(staged)
    assert expected <= found, found
    assert not [i for i in found if i[0] == "error" and i not in expected], found
    assert staged.observations is None


def test_topics_without_a_mapping_or_catalogue_match_are_reported(demo_reader):
    staged = statline_csv.CURRENT.load(
        FIXTURES / "statline_current_names_decimal_comma.csv", context_of(demo_reader)
    )
    # 'Totale bevolking (aantal)' is not the catalogue's 'Inwoners'; the GP distance is.
    assert [i.code for i in staged.report.issues if i.severity == "error"] == ["unmapped_topic"]
    assert staged.observations is None


# -- current StatLine download ----------------------------------------------------------------


def test_current_download_resolves_cbs_names_and_reads_decimal_comma(demo_reader):
    path = FIXTURES / "statline_current_names_decimal_comma.csv"
    assert statline_csv.CURRENT.looks_like(path, ["Perioden", "Regio's", "Bevolking/x (aantal)"])
    staged = statline_csv.CURRENT.load(path, context_of(demo_reader, mapping=POPULATION))
    assert staged.report.ok, staged.report.render(path.name)
    assert staged.report.detected["decimal"] == "comma"
    rows = rows_by_key(staged)
    population = {
        region: r["value"]
        for (i, region, period), r in rows.items()
        if i == "bevolking.inwoners" and period == "2023"
    }
    # Utrecht (PV), Utrecht (gemeente), 's-Gravenhage (gemeente), Hengelo (O.): CBS's
    # disambiguations resolve to the store's codes.
    assert population == {
        "NL01": 17811291,
        "PV26": 1387643,
        "GM0363": 918117,
        "GM0518": 552995,
        "GM0164": 82034,
        "GM0344": 367984,
    }
    assert rows[("wonen.afstand_huisarts", "GM0164", "2023")]["value"] == 0.8
    provisional = rows[("bevolking.inwoners", "GM0363", "2024")]
    assert (provisional["value"], provisional["status"]) == (931298, "voorlopig")
    empty = rows[("wonen.afstand_huisarts", "GM0363", "2024")]
    assert (empty["value"], empty["missing_reason"]) == (None, "leeg in bron")
    assert not staged.new_regions and not staged.new_indicators


def test_current_download_is_detected_and_written_then_undone(demo_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_path, path)
    con = store.connect(path)
    try:
        before = snapshot(con)
        outcome = intake.load_file(
            con,
            FIXTURES / "statline_current_names_decimal_comma.csv",
            new_indicators="create",
            actor=cli_actor("test"),
        )
        assert outcome.load_id is not None, outcome.report.render("current")
        assert outcome.report.detected["format"] == "statline_csv (detected)"
        assert [i.id for i in outcome.staged.new_indicators] == [
            "te_classificeren.totale_bevolking"
        ]
        store.undo_load(con, outcome.load_id)
        assert snapshot(con) == before
    finally:
        con.close()


#: Dissolved gemeenten as a store knows them after a region reference: (code, name, province,
#: last year). Brielle, Hellevoetsluis and Westvoorne became Voorne aan Zee in 2023; Haaren was
#: split in 2021.
DISSOLVED = (
    ("GM0501", "Brielle", "PV28", 2022),
    ("GM0530", "Hellevoetsluis", "PV28", 2022),
    ("GM0614", "Westvoorne", "PV28", 2022),
    ("GM0788", "Haaren", "PV30", 2020),
)
#: 82 gemeenten dissolved between 2015 and 2023, each with an empty row for 2023 and 2024*.
EMPTY_DISSOLVED_ROWS = 82 * 2


def context_with_dissolved(con, **options) -> LoadContext:
    """The load context of a store whose region list also holds :data:`DISSOLVED`."""
    extra = pd.DataFrame(
        [
            {
                "code": code,
                "name": name,
                "level": "GM",
                "province_code": province,
                "last_year": last,
            }
            for code, name, province, last in DISSOLVED
        ]
    )
    return LoadContext(
        regions=pd.concat([store.read_regions(con), extra], ignore_index=True),
        indicators=store.read_indicator_catalogue(con),
        **options,
    )


def skip_notes(staged) -> list:
    """The ``empty_region_skipped`` issues of a report."""
    return [i for i in staged.report.issues if i.code == "empty_region_skipped"]


def test_empty_rows_of_dissolved_gemeenten_are_skipped_in_one_note(demo_reader):
    path = FIXTURES / "statline_current_dissolved_gemeenten_empty_rows.csv"
    staged = statline_csv.CURRENT.load(path, context_of(demo_reader, mapping=POPULATION))
    assert staged.report.ok, staged.report.render(path.name)
    (note,) = skip_notes(staged)
    assert (str(note.severity), note.line) == ("info", None)
    assert staged.report.counts["rows_skipped"] == EMPTY_DISSOLVED_ROWS
    assert issues(staged) == {("info", "empty_region_skipped", None)}
    values = {key: r["value"] for key, r in rows_by_key(staged).items()}
    assert values == {
        ("bevolking.inwoners", "NL01", "2023"): 17811291,
        ("bevolking.inwoners", "NL01", "2024"): 17942942,
        ("bevolking.inwoners", "GM0363", "2023"): 918117,
        ("bevolking.inwoners", "GM0363", "2024"): 931298,
        ("bevolking.inwoners", "GM0518", "2023"): 562839,
        ("bevolking.inwoners", "GM0518", "2024"): 566221,
        ("bevolking.inwoners", "GM0164", "2023"): 82311,
        ("bevolking.inwoners", "GM0164", "2024"): 83058,
        ("bevolking.inwoners", "GM0344", "2023"): 367947,
        ("bevolking.inwoners", "GM0344", "2024"): 374238,
        ("wonen.afstand_huisarts", "NL01", "2023"): 1.1,
        ("wonen.afstand_huisarts", "NL01", "2024"): None,
        ("wonen.afstand_huisarts", "GM0363", "2023"): 0.5,
        ("wonen.afstand_huisarts", "GM0363", "2024"): None,
        ("wonen.afstand_huisarts", "GM0518", "2023"): 0.6,
        ("wonen.afstand_huisarts", "GM0518", "2024"): None,
        ("wonen.afstand_huisarts", "GM0164", "2023"): 0.8,
        ("wonen.afstand_huisarts", "GM0164", "2024"): None,
        ("wonen.afstand_huisarts", "GM0344", "2023"): 0.6,
        ("wonen.afstand_huisarts", "GM0344", "2024"): None,
    }
    assert not staged.new_regions


def test_check_json_of_a_download_with_dissolved_gemeenten_has_one_note(
    demo_path, tmp_path, capsys
):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(
        "source_key,indicator_id\nTotale bevolking,bevolking.inwoners\n", encoding="utf-8"
    )
    path = FIXTURES / "statline_current_dissolved_gemeenten_empty_rows.csv"
    code = cli.main(
        ["--db", str(demo_path), "check", str(path), "--json", "--mapping", str(mapping)]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == cli.EXIT_OK, report
    assert report["ok"] is True
    assert report["counts"]["rows_skipped"] == EMPTY_DISSOLVED_ROWS
    assert report["counts"]["observations"] == 20
    assert [(i["severity"], i["code"], i["line"]) for i in report["issues"]] == [
        ("info", "empty_region_skipped", None)
    ]


def test_dissolved_gemeenten_of_the_store_keep_earlier_values_and_skip_later_empty_rows(
    demo_reader,
):
    path = FIXTURES / "statline_current_dissolved_gemeenten_with_values_before.csv"
    staged = statline_csv.CURRENT.load(
        path, context_with_dissolved(demo_reader, mapping=POPULATION)
    )
    assert staged.report.ok, staged.report.render(path.name)
    assert issues(staged) == {("info", "empty_region_skipped", None)}
    # Brielle, Hellevoetsluis and Westvoorne in 2023 (after 2022), Haaren in 2022 and 2023.
    assert staged.report.counts["rows_skipped"] == 5
    values = {
        (region, period): r["value"] for (_, region, period), r in rows_by_key(staged).items()
    }
    assert values == {
        ("NL01", "2022"): 17590672,
        ("NL01", "2023"): 17811291,
        ("GM0363", "2022"): 882633,
        ("GM0363", "2023"): 918117,
        ("GM0501", "2022"): 17704,
        ("GM0530", "2022"): 40574,
        ("GM0614", "2022"): 14960,
    }


def test_a_value_after_a_gemeente_was_dissolved_is_an_error_at_its_line(demo_reader):
    path = FIXTURES / "statline_current_value_after_dissolution.csv"
    staged = statline_csv.CURRENT.load(
        path, context_with_dissolved(demo_reader, mapping=POPULATION)
    )
    # Haaren ended in 2020: its 2023 value is refused, not stored for GM0788 nor dropped;
    # Aalburg's empty row is only noted.
    assert issues(staged) == {
        ("error", "dissolved_region", 3),
        ("info", "empty_region_skipped", None),
    }
    assert staged.report.counts["rows_skipped"] == 1
    assert staged.observations is None


def test_a_latin1_download_is_read_with_a_warning(demo_reader):
    staged = statline_csv.CURRENT.load(
        FIXTURES / "statline_current_latin1_not_utf8.csv",
        context_of(demo_reader, mapping=POPULATION),
    )
    assert staged.report.ok, staged.report.render("latin1")
    assert ("warning", "unexpected_encoding", None) in issues(staged)
    rows = rows_by_key(staged)
    assert rows[("bevolking.inwoners", "PV21", "2023")]["value"] == 659551  # 'Fryslân (PV)'


# -- classic statline.cbs.nl download ---------------------------------------------------------


def test_classic_download_with_region_and_period_row_headings(demo_reader):
    path = FIXTURES / "classic_region_and_period_rows_cp1252.csv"
    assert statline_csv.CLASSIC.looks_like(path, ["Regionale kerncijfers Nederland"])
    assert not statline_csv.CURRENT.looks_like(path, ["Regionale kerncijfers Nederland"])
    staged = statline_csv.CLASSIC.load(path, context_of(demo_reader, mapping=POPULATION))
    assert staged.report.ok, staged.report.render(path.name)
    assert staged.report.detected["encoding"] == "Latin-1/Windows-1252"
    rows = rows_by_key(staged)
    # The empty row heading under Amsterdam is Amsterdam again; 2023* is provisional.
    later = rows[("bevolking.inwoners", "GM0363", "2023")]
    assert (later["value"], later["status"]) == (918117, "voorlopig")
    assert rows[("bevolking.inwoners", "PV21", "2022")]["value"] == 654019
    assert rows[("wonen.afstand_huisarts", "GM0363", "2022")]["value"] == 0.5
    reasons = {
        region: rows[("wonen.afstand_huisarts", region, period)]["missing_reason"]
        for region, period in (("GM0363", "2023"), ("PV21", "2022"), ("GM0164", "2022"))
    }
    assert reasons == {"GM0363": "onbekend (.)", "PV21": "leeg in bron", "GM0164": "geheim (x)"}
    assert len(rows) == 8  # the footer is not data


def test_classic_download_with_periods_as_columns_and_bron_footer(demo_reader):
    path = FIXTURES / "classic_periods_as_columns_bron_footer.csv"
    staged = statline_csv.CLASSIC.load(path, context_of(demo_reader, mapping=POPULATION))
    assert staged.report.ok, staged.report.render(path.name)
    rows = rows_by_key(staged)
    assert rows[("bevolking.inwoners", "GM0344", "2024")]["value"] == 374238
    assert rows[("bevolking.inwoners", "GM0344", "2024")]["status"] == "voorlopig"
    assert len(rows) == 4
    assert not any(i.code == "missing_footer" for i in staged.report.issues)


def test_classic_download_without_footer_warns_that_it_may_be_cut_off(demo_reader):
    staged = statline_csv.CLASSIC.load(
        FIXTURES / "classic_missing_footer_truncated.csv",
        context_of(demo_reader, mapping=POPULATION),
    )
    assert ("warning", "missing_footer", None) in issues(staged)
