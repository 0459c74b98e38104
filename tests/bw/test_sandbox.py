"""The parsing sandbox: reads the one file it was given, nothing else, and loads no extension."""

from __future__ import annotations

import duckdb
import pytest

from bw.sandbox import open_sandbox


@pytest.fixture
def files(tmp_path):
    allowed = tmp_path / "upload.csv"
    allowed.write_text("a,b\n1,2\n", encoding="utf-8")
    secret = tmp_path / "other.csv"
    secret.write_text("geheim\n1\n", encoding="utf-8")
    return allowed, secret


def test_it_reads_the_given_file(files):
    allowed, _ = files
    con = open_sandbox(allowed)
    assert con.execute("SELECT * FROM read_csv(?)", [str(allowed)]).fetchall() == [(1, 2)]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('{other}')",
        "SELECT * FROM read_text('{other}')",
        "COPY (SELECT 1) TO '{other}.out'",
        "ATTACH '{other}.duckdb'",
        "SET enable_external_access = true",
        "SET allowed_paths = ['{other}']",
        "SET autoinstall_known_extensions = true",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SELECT * FROM read_csv('https://example.invalid/x.csv')",
    ],
)
def test_it_refuses_everything_else(files, sql):
    allowed, other = files
    con = open_sandbox(allowed)
    with pytest.raises(duckdb.Error):
        con.execute(sql.format(other=other))
    assert not (other.parent / f"{other.name}.out").exists()
