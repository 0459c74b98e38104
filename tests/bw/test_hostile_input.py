"""The bad-input corpus of issue 14: every file through ``python -m bw check`` and ``load``.

Each case asserts the issue code and its line, the exit code, and that every table of the
store is unchanged. Small files are in ``tests/fixtures/hostile/`` named by their condition;
large ones (bombs, a 128 kB header cell, 10 000 columns), FIFOs and links are made in
``tmp_path`` so no megabytes are committed.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pytest

from bw import bootstrap, cli, config, intake, store
from bw.auth import cli_actor
from bw.loaders.common import DEFAULT_MAX_BYTES, check_size
from bw.report import ValidationReport
from bw.sandbox import (
    TimeBudgetExceeded,
    check_time,
    close_sandbox,
    open_sandbox,
    time_budget,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """A demo store made once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("hostile") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


@pytest.fixture
def db(demo_template, tmp_path):
    """The path of a writable copy of the demo store."""
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_template, path)
    return path


def every_table(path: Path) -> dict[str, list]:
    """Every row of every table, in a fixed order: what "nothing changed" compares."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1"
            ).fetchall()
        ]
        return {
            name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall() for name in names
        }
    finally:
        con.close()


def run(capsys, db: Path, *argv: str) -> tuple[int, dict, str]:
    """Exit code, the JSON report and stderr of ``python -m bw --db DB VERB … --json``."""
    code = cli.main(["--db", str(db), *argv, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def issues(report: dict, severity: str = "error") -> set[tuple[str, int | None]]:
    """(code, line) of the report's issues of one severity."""
    return {(i["code"], i["line"]) for i in report["issues"] if i["severity"] == severity}


def assert_refused(
    capsys, db: Path, path: Path, expected: set[tuple[str, int | None]], *extra: str
) -> dict:
    """check and load both exit 1 with exactly these errors, and no table changes."""
    before = every_table(db)
    for verb in ("check", "load"):
        code, report, err = run(capsys, db, verb, str(path), *extra)
        assert code == cli.EXIT_DATA_ERROR, (verb, report)
        assert issues(report) == expected, (verb, report["issues"])
        assert "Traceback" not in err
    assert every_table(db) == before
    return report


# --- plausibility (issue 14, item 2) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("percentage_negative_and_250.csv", {("implausible_value", 2), ("implausible_value", 3)}),
        ("period_0001.csv", {("implausible_period", 3)}),
        ("period_2099_far_future.csv", {("implausible_period", 2)}),
        ("count_negative.csv", {("implausible_value", 2)}),
        ("score_above_its_range.csv", {("implausible_value", 3)}),
    ],
)
def test_impossible_values_and_periods_are_refused_with_their_line(capsys, db, name, expected):
    assert_refused(capsys, db, FIXTURES / name, expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("percentage_over_100_the_catalogue_allows.csv", set()),
        ("percentages_as_fractions.csv", {("unlikely_value", 2)}),
        ("count_with_a_fraction.csv", {("unlikely_value", 2)}),
    ],
)
def test_unlikely_values_are_warnings_and_load(capsys, db, name, expected):
    code, report, _ = run(capsys, db, "load", str(FIXTURES / name))
    assert code == cli.EXIT_OK and report["load_id"] is not None
    assert issues(report) == set()
    assert issues(report, "warning") == expected


def test_next_year_is_a_warning_and_the_year_after_an_error(capsys, db, tmp_path):
    next_year = date.today().year + 1
    path = tmp_path / "next_year.csv"
    path.write_text(f"indicator,region,period,value\narbeid.werkloosheid,GM0363,{next_year},4.1\n")
    code, report, _ = run(capsys, db, "check", str(path))
    assert code == cli.EXIT_OK and issues(report, "warning") == {("future_period", 2)}
    path.write_text(
        f"indicator,region,period,value\narbeid.werkloosheid,GM0363,{next_year + 1},4.1\n"
    )
    assert_refused(capsys, db, path, {("implausible_period", 2)})


def test_plausibility_applies_to_every_loader_path(capsys, db, tmp_path):
    # The same rule through a waarstaatjegemeente delivery (its own SQL, its own lines).
    path = tmp_path / "levering.csv"
    path.write_text(
        "GEOITEM;PERIOD;GEOLEVEL;arbeid.werkloosheid\n363;2022;gemeente;4,1\n518;2022;gemeente;-3\n"
    )
    assert_refused(capsys, db, path, {("implausible_value", 3)})


# --- decompression and cell bombs, and the time budget (item 1) ------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" '
    'r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def cell_bomb(path: Path, *, cells: int) -> Path:
    """A delivery workbook whose sheet has a header and then ``cells`` tiny cells.

    Like the probe's: no <dimension> element, rows of 500 cells of "1", a few bytes each on
    disk (the 480 MB one is 1.0 MB).
    """
    header = "".join(
        f'<c t="inlineStr"><is><t>{name}</t></is></c>'
        for name in ("GEOITEM", "PERIOD", "GEOLEVEL", "arbeid.werkloosheid")
    )
    row = ("<row>" + "<c><v>1</v></c>" * 500 + "</row>").encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
                b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                b'<row r="1">' + header.encode() + b"</row>"
            )
            for _ in range(cells // 500):
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return path


def test_a_workbook_that_unpacks_past_the_upload_limit_is_refused_at_once(
    capsys, db, tmp_path, monkeypatch
):
    path = cell_bomb(tmp_path / "bom.xlsx", cells=600_000)  # 9 MB of XML, 10 kB on disk
    assert path.stat().st_size < 100_000
    monkeypatch.setenv("BW_MAX_UPLOAD_MB", "5")  # the unpacked limit follows it
    started = time.monotonic()
    assert_refused(capsys, db, path, {("xlsx_too_large", None)})
    assert time.monotonic() - started < 20  # two commands and four store snapshots


def test_a_cell_bomb_is_refused_after_counting_not_reading(capsys, db, tmp_path, monkeypatch):
    path = cell_bomb(tmp_path / "cellen.xlsx", cells=600_000)
    monkeypatch.setenv("BW_MAX_XLSX_CELLS", "100000")
    started = time.monotonic()
    code, report, _ = run(capsys, db, "check", str(path))
    assert (code, issues(report)) == (cli.EXIT_DATA_ERROR, {("xlsx_too_large", None)})
    assert time.monotonic() - started < 10  # openpyxl would need several seconds for 600 000
    assert report["detected"]["format"] == "wsjg_delivery (detected)"  # its header was read
    assert_refused(capsys, db, path, {("xlsx_too_large", None)})


def test_an_intake_past_its_time_budget_stops_and_changes_nothing(
    capsys, db, tmp_path, monkeypatch
):
    path = cell_bomb(tmp_path / "traag.xlsx", cells=400_000)  # several seconds for openpyxl
    monkeypatch.setenv("BW_INTAKE_SECONDS", "0.5")
    started = time.monotonic()
    assert_refused(capsys, db, path, {("time_limit_exceeded", None)})
    assert time.monotonic() - started < 30


def test_the_time_budget_interrupts_a_sandbox_query():
    started = time.monotonic()
    with time_budget(0.3) as budget:
        con = open_sandbox()
        with pytest.raises(duckdb.InterruptException):
            con.execute("SELECT count(*) FROM range(1000000000000) a, range(10) b").fetchall()
        close_sandbox(con)
        assert budget.expired
        with pytest.raises(TimeBudgetExceeded):
            check_time()
    assert time.monotonic() - started < 10
    check_time()  # outside a budget nothing stops


def test_a_large_csv_past_its_time_budget_is_stopped_by_interrupting_duckdb(
    capsys, db, tmp_path, monkeypatch
):
    path = tmp_path / "groot.csv"
    row = "arbeid.werkloosheid,GM0363,{},4.1\n"
    with path.open("w") as handle:
        handle.write("indicator,region,period,value\n")
        for _ in range(60):
            handle.write("".join(row.format(2000 + i % 20) for i in range(10_000)))
    monkeypatch.setenv("BW_INTAKE_SECONDS", "0.05")
    assert_refused(capsys, db, path, {("time_limit_exceeded", None)})


# --- the command line never shows a traceback or hangs (item 3) -----------------------------


def test_a_header_cell_over_128_kb_is_one_error(capsys, db, tmp_path):
    path = tmp_path / "lange_kop.csv"
    path.write_text(
        'indicator,region,period,value,"' + "x" * 140_000 + '"\n'
        "arbeid.werkloosheid,GM0363,2022,4.1,\n"
    )
    assert_refused(capsys, db, path, {("malformed_csv", 1)})


def test_deeply_nested_json_in_an_odata_folder_is_one_error(capsys, db, tmp_path):
    folder = tmp_path / "odata_v4_deep_nesting"
    folder.mkdir()
    (folder / "measure-codes.json").write_text(
        '{"value": [{"Identifier": "M1", "Title": "Werkloosheid", "Unit": "%"}]}'
    )
    (folder / "observations-page-1.json").write_text("[" * 100_000 + "]" * 100_000)
    assert_refused(capsys, db, folder, {("malformed_json", None)})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_opening_it(capsys, db, tmp_path):
    path = tmp_path / "pijp.csv"
    os.mkfifo(path)  # opening it would wait for a writer forever
    assert_refused(capsys, db, path, {("not_a_regular_file", None)})


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_dev_zero_is_refused_without_reading_it(capsys, db, tmp_path):
    path = tmp_path / "nullen.csv"
    path.symlink_to("/dev/zero")
    assert_refused(capsys, db, path, {("not_a_regular_file", None)})
    link = tmp_path / "mapping.csv"
    link.symlink_to("/dev/zero")
    assert_refused(
        capsys,
        db,
        FIXTURES / "count_negative.csv",
        {("not_a_regular_file", None)},
        "--mapping",
        str(link),
    )


def test_escape_sequences_from_a_file_are_shown_escaped(capsys, db, tmp_path):
    path = FIXTURES / "terminal_escapes_in_the_header.csv"
    assert cli.main(["--db", str(db), "check", str(path)]) == cli.EXIT_DATA_ERROR
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "terminal_escapes_in_the_header.csv:1: error: unknown_format" in shown
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in shown
    assert "\\x1b[2J\\x1b[31mrood\\x07\\x9b6n\\u202e" in shown
    named = tmp_path / "rood\x1b[31m.csv"  # the file's own name is printed on every line
    shutil.copy(path, named)
    assert cli.main(["--db", str(db), "check", str(named)]) == cli.EXIT_DATA_ERROR
    assert "\x1b" not in capsys.readouterr().err
    assert cli.main(["--db", str(db), "check", str(path), "--json"]) == cli.EXIT_DATA_ERROR
    out = capsys.readouterr().out
    assert not any(raw in out for raw in ("\x1b", "\x07", "\x9b", "\u202e"))
    message = next(i["message"] for i in json.loads(out)["issues"])
    assert "\x1b[2J" in message  # the JSON still says exactly what the file holds


def test_json_into_a_closed_pipe_ends_quietly(db, tmp_path):
    path = tmp_path / "veel_fouten.csv"
    path.write_text(
        "indicator,region,period,value\n"
        + "".join(f"onbekend.{i},GM0363,2022,x\n" for i in range(3000))
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bw", "--db", str(db), "check", str(path), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    process.stdout.close()  # the reader is gone before a byte is written (`| head -c 0`)
    _, err = process.communicate(timeout=120)
    assert process.returncode == cli.EXIT_DATA_ERROR
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()


def test_an_unexpected_error_is_one_line(capsys, db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot\nop twee regels \x1b[31m")

    monkeypatch.setattr(intake, "check_file", broken)
    assert cli.main(["--db", str(db), "check", str(FIXTURES / "count_negative.csv")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: internal error (RuntimeError)")
    assert "\x1b" not in err


# --- clearer refusals (item 4) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "says"),
    [
        ("gzip_named_xlsx.xlsx", {("compressed_file", None)}, "gzip-compressed"),
        ("bom_then_latin1.csv", {("mixed_encoding", 3)}, "byte-order mark"),
        ("utf16_with_bom.csv", {("wrong_encoding", None)}, "UTF-16"),
        ("statline_current_broken_quoting_header.csv", {("broken_quoting", 1)}, "StatLine"),
        (
            "odata_v3_page_alone/83625NED_page_1.json",
            {("missing_metadata", None)},
            "OData v3 response (table 83625NED)",
        ),
    ],
)
def test_refusals_name_what_is_wrong(capsys, db, name, expected, says):
    report = assert_refused(capsys, db, FIXTURES / name, expected)
    assert says in report["issues"][0]["message"]


def test_utf16_without_a_byte_order_mark_and_other_binaries_are_named(capsys, db, tmp_path):
    path = tmp_path / "unicode_tekst.csv"
    path.write_bytes("indicator,region,period,value\n".encode("utf-16-le"))
    assert_refused(capsys, db, path, {("wrong_encoding", None)})
    path = tmp_path / "werkmap_oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert_refused(capsys, db, path, {("binary_file", None)})
    path = tmp_path / "archief.csv.gz"
    path.write_bytes(gzip.compress(b"indicator,region,period,value\n"))
    assert_refused(capsys, db, path, {("compressed_file", None)}, "--format", "long_csv")


def test_ten_thousand_bad_columns_are_summarised_after_twenty(capsys, db, tmp_path):
    path = tmp_path / "breed.csv"
    names = ",".join(f"kolom{i}" for i in range(9_996))
    path.write_text(
        f"indicator,region,period,value,{names}\narbeid.werkloosheid,GM0363,2022,4.1{',' * 9_996}\n"
    )
    report = assert_refused(capsys, db, path, {("unknown_column", 1), ("unknown_column", None)})
    assert len(report["issues"]) == 21
    summary = [i["message"] for i in report["issues"] if i["line"] is None]
    assert summary == ["… and 9976 more like this on line 1"]


def test_the_size_limit_is_printed_as_the_readme_states_it(capsys, db, tmp_path):
    assert config.max_upload_bytes() == DEFAULT_MAX_BYTES == 200 * 1024 * 1024
    path = tmp_path / "te_groot.csv"
    with path.open("wb") as handle:  # sparse: one byte over the limit costs no disk
        handle.truncate(DEFAULT_MAX_BYTES + 1)
    report = assert_refused(capsys, db, path, {("file_too_large", None)})
    assert report["issues"][0]["message"] == (
        "the file is 209,715,201 bytes; the limit is 200 MB (209,715,200 bytes) (BW_MAX_UPLOAD_MB)"
    )
    report = ValidationReport()
    assert not check_size(FIXTURES / "count_negative.csv", report, max_bytes=100)
    assert report.issues[0].message.endswith("the limit is 100 bytes (BW_MAX_UPLOAD_MB)")


# --- reloading a superseded file (item 5) ----------------------------------------------------


def test_reloading_a_superseded_file_applies_it_again(db, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(
        "indicator,region,period,value\narbeid.werkloosheid,GM0363,2025,4.1\n"
        "arbeid.werkloosheid,GM0518,2025,5.2\n"
    )
    b.write_text("indicator,region,period,value\narbeid.werkloosheid,GM0363,2025,4.4\n")
    con = store.connect(db)
    try:
        actor = cli_actor("test")
        first = intake.load_file(con, a, actor=actor)
        second = intake.load_file(con, b, actor=actor)
        dry = intake.load_file(con, a, actor=actor, dry_run=True)
        assert dry.counts["changed"] == 1 and dry.load_id is None
        again = intake.load_file(con, a, actor=actor)
        codes = {(i.code, i.severity) for i in again.report.issues}
        assert ("reloaded_superseded", "warning") in codes
        message = next(i.message for i in again.report.issues if i.code == "reloaded_superseded")
        assert f"load {first.load_id}" in message and f"load {second.load_id} for 1 value" in (
            message
        )
        assert again.load_id is not None and again.counts == {
            "new": 0,
            "changed": 1,
            "unchanged": 1,
            "missing": 0,
        }
        value = (
            "SELECT value FROM observations WHERE indicator_id = 'arbeid.werkloosheid' "
            "AND region_code = 'GM0363' AND period = '2025'"
        )
        assert con.execute(value).fetchone()[0] == 4.1  # the file's value is visible again
        before = every_table_of(con)
        fourth = intake.load_file(con, a, actor=actor)  # now it is what the store holds
        assert [i.code for i in fourth.report.issues] == ["already_loaded"]
        assert fourth.load_id is None and every_table_of(con) == before
        with store.transaction(con):
            store.undo_load(con, again.load_id)
        assert con.execute(value).fetchone()[0] == 4.4  # undo returns to load B's value
    finally:
        con.close()


def every_table_of(con) -> dict[str, list]:
    """:func:`every_table` through an open connection."""
    names = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1"
        ).fetchall()
    ]
    return {name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall() for name in names}
