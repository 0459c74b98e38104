"""Who did which write: a small log for writes that have no "by" column of their own.

Loads record ``loaded_by`` and streefwaarden ``set_by``; undo, programme edits, indicator
imports and account changes are recorded here, in the same transaction as the write itself.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from bw.auth import Actor


def record(con: duckdb.DuckDBPyConnection, actor: Actor, action: str, subject: str) -> None:
    """Add one line to the audit log: ``actor`` did ``action`` to ``subject``, now."""
    con.execute(
        "INSERT INTO audit_log (done_at, actor, role, action, subject) VALUES (?, ?, ?, ?, ?)",
        [datetime.now(), actor.name, str(actor.role), action, subject],
    )


def read_audit(con: duckdb.DuckDBPyConnection, *, limit: int = 200) -> pd.DataFrame:
    """The newest ``limit`` lines of the audit log, newest first."""
    return con.execute(
        "SELECT done_at, actor, role, action, subject FROM audit_log ORDER BY id DESC LIMIT ?",
        [int(limit)],
    ).df()
