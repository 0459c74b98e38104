"""Who did which write: a small log for writes that have no "by" column of their own.

Loads record ``loaded_by`` and streefwaarden ``set_by``; undo, programme edits, indicator
imports and account changes are recorded here, in the same transaction as the write itself.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from bw.auth import Actor
from bw.store import audit as audit_store


def record(con: duckdb.DuckDBPyConnection, actor: Actor, action: str, subject: str) -> None:
    """Add one line to the audit log: ``actor`` did ``action`` to ``subject``, now."""
    audit_store.insert_audit_line(
        con,
        done_at=datetime.now(),
        actor=actor.name,
        role=str(actor.role),
        action=action,
        subject=subject,
    )


def read_audit(con: duckdb.DuckDBPyConnection, *, limit: int = 200) -> pd.DataFrame:
    """The newest ``limit`` lines of the audit log, newest first."""
    return audit_store.read_audit(con, limit=limit)
