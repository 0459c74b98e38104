"""Tests for ``python -m bw user add|list|remove`` and the actor the other write verbs record."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bw import bootstrap, cli, store, users
from bw.auth import Role

PASSWORD = "correct horse battery"


@pytest.fixture
def path(tmp_path):
    """An empty store (catalogue and NL frame only)."""
    path = tmp_path / "s.duckdb"
    bootstrap.init_store(path, kind="empty")
    return path


def run(path, *args: str, stdin: str = "") -> int:
    """Run the CLI in-process with ``stdin`` as standard input."""
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return cli.main(["--db", str(path), *args])
    finally:
        sys.stdin = old


def accounts(path) -> list[users.User]:
    con = store.connect_for_reading(path)
    try:
        return users.read_users(con)
    finally:
        con.close()


def test_add_list_remove(path, capsys):
    assert (
        run(
            path,
            "user",
            "add",
            "A.Jansen",
            "--role",
            "analyst",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        == cli.EXIT_OK
    )
    assert (
        run(path, "user", "add", "x@gemeente.nl", "--role", "admin", "--no-password", "--by", "ops")
        == cli.EXIT_OK
    )
    capsys.readouterr()
    assert run(path, "user", "list", "--json") == cli.EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["role"], r["password"], r["created_by"]) for r in listed] == [
        ("a.jansen", "analyst", True, "cli"),
        ("x@gemeente.nl", "admin", False, "ops"),
    ]
    assert run(path, "user", "list") == cli.EXIT_OK
    assert "a.jansen" in capsys.readouterr().out
    assert run(path, "user", "remove", "a.jansen") == cli.EXIT_OK
    assert [u.name for u in accounts(path)] == ["x@gemeente.nl"]
    con = store.connect_for_reading(path)
    try:
        assert users.authenticate(con, "a.jansen", PASSWORD) is None
    finally:
        con.close()


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (
            ("user", "add", "b", "--role", "analyst", "--password-stdin"),
            "kort\n",
            cli.EXIT_DATA_ERROR,
            "at least 10",
        ),
        (("user", "add", "b", "--role", "analyst"), "", cli.EXIT_DATA_ERROR, "no terminal"),
        (
            ("user", "add", "lokaal", "--role", "admin", "--no-password"),
            "",
            cli.EXIT_DATA_ERROR,
            "reserved",
        ),
        (
            ("user", "add", "b c", "--role", "admin", "--no-password"),
            "",
            cli.EXIT_DATA_ERROR,
            "may hold only",
        ),
        (
            ("user", "add", "b", "--role", "boss", "--no-password"),
            "",
            cli.EXIT_USAGE,
            "invalid choice",
        ),
        (("user", "add", "b"), "", cli.EXIT_USAGE, "--role"),
        (("user", "remove", "nobody"), "", cli.EXIT_DATA_ERROR, "no account 'nobody'"),
        (("user",), "", cli.EXIT_USAGE, "add|list|remove"),
    ],
)
def test_refused_input_changes_nothing(path, capsys, args, stdin, code, message):
    assert run(path, *args, stdin=stdin) == code
    assert message in capsys.readouterr().err
    assert accounts(path) == []


def test_the_last_admin_is_kept_while_others_remain(path, capsys):
    run(path, "user", "add", "beheer", "--role", "admin", "--no-password")
    run(path, "user", "add", "a.jansen", "--role", "analyst", "--no-password")
    assert run(path, "user", "remove", "beheer") == cli.EXIT_DATA_ERROR
    assert "last admin" in capsys.readouterr().err
    assert {u.name: u.role for u in accounts(path)} == {
        "beheer": Role.ADMIN,
        "a.jansen": Role.ANALYST,
    }


def test_undo_records_who_did_it(tmp_path, capsys):
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    fixture = (
        Path(__file__).resolve().parents[1]
        / "fixtures"
        / "long_csv"
        / "long_comma_decimal_point.csv"
    )
    assert cli.main(["--db", str(path), "load", str(fixture), "--by", "a.jansen"]) == cli.EXIT_OK
    con = store.connect_for_reading(path)
    try:
        load_id, by = con.execute("SELECT id, loaded_by FROM loads ORDER BY id DESC").fetchone()
    finally:
        con.close()
    assert by == "a.jansen"
    assert cli.main(["--db", str(path), "undo", str(load_id), "--by", "b.smit"]) == cli.EXIT_OK
    con = store.connect_for_reading(path)
    try:
        assert con.execute(
            "SELECT actor, action, subject FROM audit_log WHERE action = 'undo_load'"
        ).fetchall() == [("b.smit", "undo_load", f"load {load_id}")]
    finally:
        con.close()


def test_python_m_bw_user_add_reads_the_password_from_stdin(path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bw",
            "--db",
            str(path),
            "user",
            "add",
            "a.jansen",
            "--role",
            "viewer",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert [(u.name, u.role) for u in accounts(path)] == [("a.jansen", Role.VIEWER)]
