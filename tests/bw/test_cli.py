"""Tests for bw.cli and bw.bootstrap: init, info, exit codes, backups and atomic creation."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bw import bootstrap, cli, config, store


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """A demo store made once through the command line."""
    path = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    assert cli.main(["--db", str(path), "init", "--demo"]) == cli.EXIT_OK
    return path


def info_json(path, capsys) -> dict:
    """What ``info --json`` prints for a store."""
    capsys.readouterr()
    assert cli.main(["--db", str(path), "info", "--json"]) == cli.EXIT_OK
    return json.loads(capsys.readouterr().out)


def test_init_demo_then_info_json_has_the_documented_shape(demo_path, capsys):
    info = info_json(demo_path, capsys)
    assert set(info) == {
        "regions",
        "indicators",
        "observations",
        "targets",
        "loads",
        "demo",
        "source",
    }
    assert info["demo"] is True
    assert info["source"] == "demo"
    assert info["regions"]["NL"] == 1
    assert info["regions"]["PV"] == 12
    assert info["regions"]["GM"] >= 40
    assert info["regions"]["group"] >= 1
    assert set(info["indicators"]) == {"hier_en_nu", "later", "elders", "total"}
    assert info["indicators"]["total"] >= 30
    assert info["indicators"]["elders"] >= 5
    assert info["observations"] > 10_000
    assert info["targets"] >= 18
    assert info["loads"] == 1


def test_info_without_json_is_a_readable_table(demo_path, capsys):
    capsys.readouterr()
    assert cli.main(["--db", str(demo_path), "info"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "demodata (fictief)" in out
    assert "observations" in out and "PV 12" in out


def test_the_demo_store_is_deterministic(demo_path, tmp_path):
    again = tmp_path / "again.duckdb"
    bootstrap.init_store(again, kind="demo")
    query = (
        "SELECT indicator_id, region_code, period, value, ci_low, ci_high, status "
        "FROM observations ORDER BY ALL"
    )
    first = store.connect(demo_path, read_only=True)
    second = store.connect(again, read_only=True)
    try:
        assert first.execute(query).fetchall() == second.execute(query).fetchall()
    finally:
        first.close()
        second.close()


def test_the_demo_store_has_fresh_derived_tables(demo_path):
    con = store.connect(demo_path, read_only=True)
    try:
        stale = con.execute(
            "SELECT count(*) FROM latest_values l JOIN ("
            "  SELECT indicator_id, region_code, max(year) AS year FROM observations"
            "  WHERE value IS NOT NULL AND period = CAST(year AS VARCHAR) GROUP BY ALL"
            ") m USING (indicator_id, region_code) WHERE l.year <> m.year"
        ).fetchone()[0]
        n_series = con.execute(
            "SELECT count(DISTINCT (indicator_id, region_code)) FROM observations "
            "WHERE value IS NOT NULL"
        ).fetchone()[0]
        n_latest = con.execute("SELECT count(*) FROM latest_values").fetchone()[0]
        n_ranked = con.execute("SELECT count(*) FROM ranks WHERE level = 'GM'").fetchone()[0]
    finally:
        con.close()
    assert stale == 0
    assert n_latest == n_series
    assert n_ranked > 0


def test_init_refuses_an_existing_store_without_force(demo_path, capsys):
    capsys.readouterr()
    assert cli.main(["--db", str(demo_path), "init"]) == cli.EXIT_DATA_ERROR
    assert "already exists" in capsys.readouterr().err


def test_init_force_keeps_a_backup(tmp_path, capsys):
    path = tmp_path / "store.duckdb"
    assert cli.main(["--db", str(path), "init", "--empty"]) == cli.EXIT_OK
    assert cli.main(["--db", str(path), "init", "--demo", "--force"]) == cli.EXIT_OK
    backups = list(tmp_path.glob("store.backup-*.duckdb"))
    assert len(backups) == 1
    old = store.connect(backups[0], read_only=True)
    try:
        assert store.read_info(old)["demo"] is False
    finally:
        old.close()
    assert info_json(path, capsys)["demo"] is True


def test_init_empty_has_the_catalogue_and_frame_but_no_data(tmp_path, capsys):
    path = tmp_path / "empty.duckdb"
    assert cli.main(["--db", str(path), "init", "--empty"]) == cli.EXIT_OK
    info = info_json(path, capsys)
    assert info["regions"] == {"NL": 1, "LD": 4, "PV": 12}
    assert info["indicators"]["total"] >= 30
    assert (info["observations"], info["targets"], info["loads"], info["demo"]) == (0, 0, 0, False)


def test_an_interrupted_init_leaves_no_store(tmp_path, monkeypatch):
    path = tmp_path / "store.duckdb"

    def fail(con, *, progress=None):
        raise RuntimeError("power cut")

    monkeypatch.setattr(bootstrap, "write_demo", fail)
    with pytest.raises(RuntimeError):
        bootstrap.init_store(path, kind="demo")
    assert list(tmp_path.iterdir()) == []


def test_ensure_store_creates_once(tmp_path):
    path = tmp_path / "auto.duckdb"
    messages: list[str] = []
    assert bootstrap.ensure_store(path, kind="demo", progress=messages.append) is True
    assert messages, "the user sees progress while the demo store is made"
    assert bootstrap.ensure_store(path, kind="demo") is False


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["init", "--demo", "--empty"],
        ["info", "--yaml"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert cli.main(argv) == cli.EXIT_USAGE


def test_info_on_a_missing_store_exits_1(tmp_path, capsys):
    assert cli.main(["--db", str(tmp_path / "nope.duckdb"), "info"]) == cli.EXIT_DATA_ERROR
    assert "does not exist" in capsys.readouterr().err


def test_python_dash_m_bw_runs_and_honours_bw_db(tmp_path):
    path = tmp_path / "env.duckdb"
    env = {"BW_DB": str(path), "PATH": "/usr/bin:/bin"}
    made = subprocess.run(
        [sys.executable, "-m", "bw", "init", "--empty"],
        cwd=config.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert path.exists()
    usage = subprocess.run(
        [sys.executable, "-m", "bw", "nonsense"],
        cwd=config.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert usage.returncode == 2


@pytest.mark.parametrize(
    ("user", "expected"),
    [("a.jansen", "a.jansen"), ("", "cli"), (None, "cli")],
)
def test_by_defaults_to_the_configured_actor_in_every_writing_verb(user, expected, monkeypatch):
    if user is None:
        monkeypatch.delenv("USER", raising=False)
    else:
        monkeypatch.setenv("USER", user)
    assert config.cli_actor_name() == expected
    parser = cli.build_parser()
    for argv in (
        ["load", "f.csv"],
        ["undo", "3"],
        ["indicators", "import", "f.csv"],
        ["targets", "import", "f.csv"],
        ["fetch", "cbs", "83625NED"],
        ["options", "report", "1", "--out", "r.html"],
        ["user", "remove", "x"],
        ["user", "add", "x", "--role", "viewer"],
    ):
        assert parser.parse_args(argv).by == expected, argv


def test_every_verb_is_listed_once_in_help_order():
    verbs = next(
        action
        for action in cli.build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    assert list(verbs.choices) == [
        "init",
        "info",
        "health",
        "assess",
        "check",
        "load",
        "loads",
        "export",
        "indicators",
        "targets",
        "undo",
        "asof",
        "factsheet",
        "programme",
        "options",
        "workshop",
        "fetch",
        "backup",
        "restore",
        "publish",
        "bench",
        "user",
    ]


def test_the_command_line_loads_no_benchmark_download_or_password_code_until_asked():
    # bw.cli imports these inside the verbs that need them, to keep every other verb's start
    # fast (requests and ssl, scrypt at import, multiprocessing).
    code = (
        "import sys, bw.cli; print(sorted(m for m in ('bench', 'bw.fetch', 'bw.users') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


# --- load FILE [FILE …]: all or nothing -------------------------------------------------------

_LONG_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "long_csv"


def _loads(path) -> int:
    con = store.connect(path, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM loads").fetchone()[0]
    finally:
        con.close()


def test_load_two_files_loads_both(demo_path, tmp_path, capsys):
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_path, path)
    before = _loads(path)
    files = [
        _LONG_CSV / "long_semicolon_decimal_comma_bom.csv",
        _LONG_CSV / "one_new_value_heerlen_2025.csv",
    ]
    assert cli.main(["--db", str(path), "load", *map(str, files)]) == cli.EXIT_OK
    assert capsys.readouterr().out.count("loaded as load") == 2
    assert _loads(path) == before + 2


def test_load_two_files_the_second_bad_loads_nothing_and_names_it(demo_path, tmp_path, capsys):
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_path, path)
    before = _loads(path)
    files = [_LONG_CSV / "long_semicolon_decimal_comma_bom.csv", _LONG_CSV / "not_a_number.csv"]
    assert cli.main(["--db", str(path), "load", *map(str, files)]) == cli.EXIT_DATA_ERROR
    captured = capsys.readouterr()
    assert "not_a_number.csv:3: error: not_a_number" in captured.err
    assert "error: not_a_number.csv has errors (file 2 of 2); nothing was loaded" in captured.err
    assert "loaded as load" not in captured.out
    assert _loads(path) == before


def test_load_two_files_json_is_one_array_naming_each_file(demo_path, tmp_path, capsys):
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_path, path)
    files = [
        _LONG_CSV / "long_semicolon_decimal_comma_bom.csv",
        _LONG_CSV / "one_new_value_heerlen_2025.csv",
    ]
    assert cli.main(["--db", str(path), "load", "--dry-run", "--json", *map(str, files)]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [report["file"] for report in reports] == [str(file) for file in files]
    assert all(report["load_id"] is None and report["ok"] for report in reports)
