"""Tests for the long CSV loader: every fixture is named by the condition it contains."""

from __future__ import annotations

from pathlib import Path

import pytest

from bw import bootstrap, intake, store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "long_csv"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """A demo store file, made once; tests that write copy it first."""
    path = tmp_path_factory.mktemp("long_csv") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


@pytest.fixture(scope="module")
def reader(demo_path):
    """A reading connection to the demo store."""
    con = store.connect_for_reading(demo_path)
    yield con
    con.close()


def issues_of(reader, name: str) -> set[tuple[str, str, int | None]]:
    """(severity, code, line) of every issue the loader reports for a fixture."""
    staged = intake.check_file(reader, FIXTURES / name)
    return {(str(i.severity), i.code, i.line) for i in staged.report.issues}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("wrong_delimiter_pipe.csv", {("error", "no_delimiter", 1)}),
        ("missing_column_period.csv", {("error", "missing_column", 1)}),
        ("duplicate_column_value.csv", {("error", "duplicate_column", 1)}),
        ("extra_column_remark.csv", {("error", "unknown_column", 1)}),
        ("duplicate_key_different_values.csv", {("error", "duplicate_key", 3)}),
        # 2023JJ00 is the year 2023 as stored, so it repeats the key of line 2.
        ("duplicate_key_year_and_jj00.csv", {("error", "duplicate_key", 3)}),
        # An empty value is a missing value, not the same value again.
        ("duplicate_key_value_and_empty.csv", {("error", "duplicate_key", 3)}),
        ("missing_period.csv", {("error", "missing_field", 3)}),
        ("not_a_number.csv", {("error", "not_a_number", 3), ("error", "not_a_number", 4)}),
        (
            "unknown_region_and_indicator.csv",
            {("error", "unknown_region", 2), ("error", "unknown_indicator", 3)},
        ),
        ("header_only.csv", {("error", "no_rows", None)}),
        ("bad_period.csv", {("error", "bad_period", 2), ("error", "bad_period", 3)}),
        (
            "interval_status_unit_errors.csv",
            {
                ("error", "interval_mismatch", 2),
                ("error", "interval_mismatch", 3),
                ("error", "unknown_status", 4),
                ("error", "unit_mismatch", 5),
            },
        ),
        (
            "ambiguous_and_unknown_names.csv",
            {("error", "ambiguous_region", 2), ("error", "unknown_region", 3)},
        ),
        (
            "formula_like_cells.csv",
            {("error", "unknown_region", 2), ("error", "unknown_indicator", 3)},
        ),
    ],
)
def test_bad_files_report_each_problem_with_its_line(reader, name, expected):
    found = issues_of(reader, name)
    assert expected <= found, found
    assert not [i for i in found if i[0] == "error" and i not in expected], found


@pytest.mark.parametrize("name", ["truncated_last_line.csv", "broken_quoting.csv"])
def test_malformed_csv_is_refused_with_a_clear_code(reader, name):
    staged = intake.check_file(reader, FIXTURES / name)
    assert [i.code for i in staged.report.issues if i.severity == "error"] == ["malformed_csv"]
    assert staged.observations is None


def test_identical_duplicate_rows_are_stored_once_with_a_warning(reader):
    staged = intake.check_file(reader, FIXTURES / "duplicate_rows_identical.csv")
    assert staged.report.ok
    assert [i.code for i in staged.report.issues] == ["duplicate_row"]
    assert staged.observations.num_rows == 1


def test_semicolon_decimal_comma_bom_names_and_numeric_codes(reader):
    staged = intake.check_file(reader, FIXTURES / "long_semicolon_decimal_comma_bom.csv")
    report = staged.report
    assert report.ok, report.issues
    assert report.detected["encoding"] == "UTF-8 with BOM"
    assert report.detected["delimiter"] == ";"
    assert report.detected["decimal_value"] == "comma"
    rows = {(r["region_code"], r["period"]): r for r in staged.observations.to_pylist()}
    assert rows[("GM0917", "2025")]["value"] == 4.4  # 'Heerlen' resolved by name
    assert rows[("GM0917", "2025")]["status"] == "voorlopig"  # '2025*'
    assert rows[("GM0363", "2023KW02")]["year"] == 2023  # '363' is GM0363
    assert rows[("GM0599", "2025")]["value"] == 655468.0  # '.' groups thousands


def test_latin1_tab_file_with_unit(reader):
    staged = intake.check_file(reader, FIXTURES / "long_tab_latin1.csv")
    assert staged.report.ok, staged.report.issues
    assert staged.report.detected["encoding"] == "Latin-1/Windows-1252"
    assert staged.report.detected["delimiter"] == "tab"


def test_missing_values_keep_their_reason_and_are_never_zero(reader):
    staged = intake.check_file(reader, FIXTURES / "missing_values_dot_and_empty.csv")
    rows = {r["region_code"]: r for r in staged.observations.to_pylist()}
    assert rows["GM0363"]["value"] is None and rows["GM0363"]["missing_reason"] == "onbekend (.)"
    assert rows["GM0917"]["value"] is None and rows["GM0917"]["missing_reason"] == "leeg in bron"


def test_zero_byte_and_enormous_line_files(reader, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert {i.code for i in intake.check_file(reader, empty).report.issues} == {"empty_file"}
    huge = tmp_path / "enormous_line.csv"
    huge.write_text(
        "indicator,region,period,value\narbeid.werkloosheid,GM0363,2025," + "9" * 2_000_000 + "\n"
    )
    codes = {i.code for i in intake.check_file(reader, huge).report.issues}
    assert codes == {"malformed_csv"}


def test_size_limit_is_checked_before_parsing(reader, monkeypatch):
    monkeypatch.setenv("BW_MAX_UPLOAD_MB", "0.00001")
    staged = intake.check_file(reader, FIXTURES / "long_comma_decimal_point.csv")
    assert [i.code for i in staged.report.issues] == ["file_too_large"]


def test_many_bad_lines_are_summarised(reader, tmp_path):
    path = tmp_path / "many_bad.csv"
    rows = "".join(f"arbeid.werkloosheid,GM0363,{2000 + i % 20},x{i}\n" for i in range(500))
    path.write_text("indicator,region,period,value\n" + rows)
    issues = intake.check_file(reader, path).report.issues
    not_numbers = [i for i in issues if i.code == "not_a_number"]
    assert len(not_numbers) == 51  # 50 with their line, one saying how many more
    assert "450 more" in not_numbers[-1].message


def test_lines_are_right_deep_in_a_file_read_in_parallel(reader, tmp_path):
    # Line numbers come from the rows' order in the sandbox (rowid): check them past the first
    # row groups, where DuckDB reads the file with several threads.
    regions = [
        row[0]
        for row in reader.execute(
            "SELECT code FROM regions WHERE level = 'GM' ORDER BY code LIMIT 80"
        ).fetchall()
    ]
    bad = {2: "x1", 150_001: "x2", 299_999: "x3", 400_001: "x4"}
    lines = ["indicator,region,period,value"]
    for number in range(2, 400_002):  # keys: 80 gemeenten x 5 000 years, each once
        i = number - 2
        lines.append(
            f"arbeid.werkloosheid,{regions[i % 80]},{1000 + i // 80}," + bad.get(number, "1.5")
        )
    path = tmp_path / "deep.csv"
    path.write_text("\n".join(lines) + "\n")
    issues = intake.check_file(reader, path).report.issues
    assert {(i.code, i.line, i.message.split("'")[1]) for i in issues} == {
        ("not_a_number", line, value) for line, value in bad.items()
    }
