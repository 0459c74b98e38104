"""A DuckDB connection for parsing one untrusted file: it can read that file and nothing else."""

from __future__ import annotations

from pathlib import Path

import duckdb


def open_sandbox(*readable: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection that may read only the given files and never loads extensions.

    The configuration is locked, so SQL built from a file's content cannot loosen it.
    """
    con = duckdb.connect(
        ":memory:",
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    con.execute("SET allowed_paths = ?", [[str(Path(p).resolve()) for p in readable]])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con
