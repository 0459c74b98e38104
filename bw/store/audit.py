"""The ``audit_log`` table: one line per write that has no "by" column of its own."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from bw.store.meta import insert_with_id


def insert_audit_line(
    con: duckdb.DuckDBPyConnection,
    *,
    done_at: datetime,
    actor: str,
    role: str,
    action: str,
    subject: str,
) -> None:
    """Append one line to the audit log (in the caller's transaction)."""
    insert_with_id(
        con,
        "audit_log",
        "audit_ids",
        ["done_at", "actor", "role", "action", "subject"],
        [done_at, actor, role, action, subject],
    )


def read_audit(con: duckdb.DuckDBPyConnection, *, limit: int) -> pd.DataFrame:
    """The newest ``limit`` lines of the audit log, newest first (a table to show as is)."""
    return con.execute(
        "SELECT done_at, actor, role, action, subject FROM audit_log ORDER BY id DESC LIMIT ?",
        [int(limit)],
    ).df()
