"""Tests for bw.indicator_csv: the catalogue as CSV, validated whole, round trip is the identity."""

from __future__ import annotations

import pytest

from bw import bootstrap, cli, store
from bw.auth import cli_actor
from bw.indicator_csv import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    export_indicators,
    import_indicators,
    read_indicator_file,
)

# Files written before the optional columns existed stay valid: the examples leave them out.
HEADER = ",".join(c for c in COLUMNS if c not in OPTIONAL_COLUMNS)
GOOD = (
    "eigen.fietsgebruik,Fietsgebruik,Cycling,%,1,up,hier_en_nu,gezondheid,weighted_mean,"
    "Eigen enquête,Aandeel dat dagelijks fietst"
)


@pytest.fixture
def con(tmp_path):
    """An empty store with the catalogue, plus one observation of werkloosheid."""
    path = tmp_path / "store.duckdb"
    bootstrap.init_store(path, kind="empty")
    connection = store.connect(path)
    yield connection
    connection.close()


def codes(con, tmp_path, text: str) -> set[tuple[str, int | None]]:
    path = tmp_path / "indicators.csv"
    path.write_text(text, encoding="utf-8")
    _, report = read_indicator_file(con, path)
    return {(i.code, i.line) for i in report.issues if i.severity == "error"}


def test_export_then_import_changes_nothing(con, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    export_indicators(con, first)
    indicators, report = read_indicator_file(con, first)
    assert report.ok and report.counts["new"] == 0 and report.counts["existing"] >= 30
    with store.transaction(con):
        import_indicators(con, indicators, actor=cli_actor("test"))
    export_indicators(con, second)
    assert first.read_text() == second.read_text()


def test_cbs_code_is_exported_and_read_back(con, tmp_path):
    path = tmp_path / "with-code.csv"
    path.write_text(f"{HEADER},cbs_code\n{GOOD},09_X_01\n")
    indicators, report = read_indicator_file(con, path)
    assert report.ok and indicators[0].cbs_code == "09_X_01"
    with store.transaction(con):
        import_indicators(con, indicators, actor=cli_actor("test"))
    exported = tmp_path / "out.csv"
    export_indicators(con, exported)
    header, *rows = exported.read_text().splitlines()
    assert header.split(",")[-3:] == ["cbs_code", "value_min", "value_max"]
    assert any(row.startswith("eigen.fietsgebruik,") and row.endswith(",09_X_01,,") for row in rows)


def test_a_range_is_read_exported_and_checked(con, tmp_path):
    path = tmp_path / "with-range.csv"
    path.write_text(f'{HEADER},value_min,value_max\n{GOOD},0,"62,5"\n')
    indicators, report = read_indicator_file(con, path)
    assert report.ok, report.issues
    assert (indicators[0].value_min, indicators[0].value_max) == (0.0, 62.5)
    with store.transaction(con):
        import_indicators(con, indicators, actor=cli_actor("test"))
    exported = tmp_path / "out.csv"
    export_indicators(con, exported)
    assert any(
        row.startswith("eigen.fietsgebruik,") and row.endswith(",0,62.5")
        for row in exported.read_text().splitlines()
    )


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ("10,5", {("bad_range", 2)}),
        ("5,5", {("bad_range", 2)}),
        ("laag,5", {("bad_range_bound", 2)}),
        (",nan", {("bad_range_bound", 2)}),
    ],
)
def test_a_bad_range_is_refused_with_its_line(con, tmp_path, bounds, expected):
    assert codes(con, tmp_path, f"{HEADER},value_min,value_max\n{GOOD},{bounds}\n") == expected


def test_a_new_indicator_is_added_with_its_theme(con, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n")
    indicators, report = read_indicator_file(con, path)
    assert report.ok and report.counts["new"] == 1
    with store.transaction(con):
        import_indicators(con, indicators, actor=cli_actor("test"))
    catalogue = store.read_indicator_catalogue(con).set_index("indicator_id")
    assert catalogue.loc["eigen.fietsgebruik", "theme_ids"] == ["gezondheid"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (GOOD.replace("eigen.fietsgebruik", "Fiets gebruik"), {("bad_id", 2)}),
        (GOOD.replace(",up,", ",omhoog,"), {("bad_direction", 2)}),
        (GOOD.replace("weighted_mean", "avg"), {("bad_aggregation", 2)}),
        (GOOD.replace(",1,up", ",7,up"), {("bad_decimals", 2)}),
        (GOOD.replace("gezondheid,", "fietsen,"), {("unknown_theme", 2)}),
        (GOOD.replace("hier_en_nu,", "later,"), {("dimension_mismatch", 2)}),
        (GOOD.replace(",Cycling,", ",,"), {("missing_field", 2)}),
        (GOOD + ",extra", {("wrong_field_count", 2)}),
        (f"{GOOD}\n{GOOD}", {("duplicate_id", 3)}),
    ],
)
def test_bad_rows_are_reported_with_their_line(con, tmp_path, row, expected):
    assert codes(con, tmp_path, f"{HEADER}\n{row}\n") == expected


def test_missing_and_unknown_columns(con, tmp_path):
    found = codes(con, tmp_path, "id,name_nl,colour\nx.y,X,red\n")
    assert ("unknown_column", 1) in found and ("missing_column", 1) in found


def test_a_unit_cannot_change_under_existing_observations(tmp_path):
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect(path)
    try:
        export = tmp_path / "catalogue.csv"
        export_indicators(con, export)
        text = export.read_text().replace(
            "arbeid.werkloosheid,Werkloosheid,Unemployment,%,",
            "arbeid.werkloosheid,Werkloosheid,Unemployment,‰,",
        )
        assert ("unit_change", None) not in codes(con, tmp_path, text)
        assert any(code == "unit_change" for code, _ in codes(con, tmp_path, text))
    finally:
        con.close()


def test_cli_import_writes_nothing_on_any_error(con, tmp_path, capsys):
    db = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    before = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    con.close()
    path = tmp_path / "mixed.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{GOOD.replace('eigen.fietsgebruik', 'x')}\n")
    assert cli.main(["--db", db, "indicators", "import", str(path)]) == cli.EXIT_DATA_ERROR
    reopened = store.connect(db)
    try:
        assert reopened.execute("SELECT count(*) FROM indicators").fetchone()[0] == before
    finally:
        reopened.close()
