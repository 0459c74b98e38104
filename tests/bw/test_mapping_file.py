"""Tests for mapping files: fixtures are named by the condition they contain."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bw import bootstrap, cli, intake, store
from bw.auth import cli_actor
from bw.mapping_file import load_mapping
from bw.report import ValidationReport

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
IDS = {
    "arbeid.werkloosheid",
    "gezondheid.ervaren_gezondheid",
    "veiligheid.geregistreerde_criminaliteit",
}


@pytest.mark.parametrize(
    ("name", "codes", "where"),
    [
        ("mapping_unknown_indicator_line3.csv", ["mapping_unknown_indicator"], ":3:"),
        ("mapping_bad_header.csv", ["mapping_bad_header"], ":1:"),
        (
            "mapping_duplicate_key_and_empty_field.csv",
            ["mapping_duplicate_key", "mapping_missing_field"],
            ":3:",
        ),
    ],
)
def test_bad_mapping_files_name_the_problem_and_its_line(name, codes, where):
    report = ValidationReport()
    load_mapping(FIXTURES / "mapping" / name, indicator_ids=IDS, report=report)
    assert [i.code for i in report.issues] == codes
    assert where in report.issues[0].message


def test_good_mapping_file_reads_quoted_keys():
    report = ValidationReport()
    mapping = load_mapping(
        FIXTURES / "mapping" / "mapping_good.csv", indicator_ids=IDS, report=report
    )
    assert report.ok
    assert mapping == {"Jongeren met een delict (%)": "veiligheid.geregistreerde_criminaliteit"}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("mapping") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


def test_check_file_maps_a_column_through_the_mapping_file(demo_path):
    delivery = FIXTURES / "wsjg" / "delivery_unmapped_column.csv"
    with store.connect_for_reading(demo_path) as con:
        without = intake.check_file(con, delivery)
        with_mapping = intake.check_file(
            con, delivery, mapping=FIXTURES / "mapping" / "mapping_good.csv"
        )
    assert "unmapped_topic" in {i.code for i in without.report.issues}
    assert with_mapping.report.ok, with_mapping.report.issues
    assert "veiligheid.geregistreerde_criminaliteit" in with_mapping.indicator_ids


def test_a_bad_mapping_file_refuses_the_load_and_writes_nothing(demo_path, tmp_path):
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_path, path)
    delivery = FIXTURES / "wsjg" / "delivery_unmapped_column.csv"
    bad = FIXTURES / "mapping" / "mapping_unknown_indicator_line3.csv"
    with store.connect(path) as con:
        before = con.execute("SELECT count(*) FROM loads").fetchone()[0]
        outcome = intake.load_file(con, delivery, mapping=bad, actor=cli_actor("test"))
        after = con.execute("SELECT count(*) FROM loads").fetchone()[0]
    assert outcome.load_id is None and before == after
    assert [i.code for i in outcome.report.issues] == ["mapping_unknown_indicator"]


def test_cli_load_with_mapping_and_progress(demo_path, tmp_path, capsys):
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_path, path)
    code = cli.main(
        [
            "--db",
            str(path),
            "load",
            "--progress",
            str(FIXTURES / "wsjg" / "delivery_unmapped_column.csv"),
            "--mapping",
            str(FIXTURES / "mapping" / "mapping_good.csv"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert [line.split()[-1] for line in err.splitlines() if "%" in line] == list(intake.PHASES)
