"""A DuckDB connection for parsing one untrusted file: it can read that file and nothing else."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import duckdb

from bw import config


def open_sandbox(*readable: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection that may read only the given files and never loads extensions.

    Its memory is bounded (``BW_SANDBOX_MEMORY_LIMIT``): a larger file spills to a private
    temporary folder that DuckDB removes on close, instead of growing the process (python -m bw
    bench --ingest, 10 million rows: 7 GB peak without a limit). The configuration is locked,
    so SQL built from a file's content cannot loosen it.
    """
    spill = Path(tempfile.gettempdir()) / f"bw-sandbox-{uuid.uuid4().hex}"
    con = duckdb.connect(
        ":memory:",
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    con.execute("SET memory_limit = ?", [config.sandbox_memory_limit()])
    con.execute("SET temp_directory = ?", [str(spill)])
    threads = config.sandbox_threads()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET allowed_paths = ?", [[str(Path(p).resolve()) for p in readable]])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con
