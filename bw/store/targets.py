"""The ``targets`` table and ``current_targets`` view: streefwaarden and their versions.

Every change appends a version; these functions read and append, and :mod:`bw.targets` holds
the rules (validation, who may write, the CSV round trip).
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from bw.model import Target
from bw.store.judgements import refresh_judgements
from bw.store.meta import new_id

_TARGET_COLUMNS = (
    "region_code, indicator_id, minimum, ambition, ceiling, target_year, "
    "baseline_year, rationale, source"
)


def read_indicator_rules(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """The good direction and unit of every indicator, by id: what a target is checked by."""
    rows = con.execute("SELECT id, direction, unit FROM indicators").fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def read_indicator_rule(
    con: duckdb.DuckDBPyConnection, indicator_id: str
) -> tuple[str, str] | None:
    """The good direction and unit of one indicator, or None when it is not known."""
    row = con.execute(
        "SELECT direction, unit FROM indicators WHERE id = ?", [indicator_id]
    ).fetchall()
    return (row[0][0], row[0][1]) if row else None


def read_region_codes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The code of every known region."""
    return {row[0] for row in con.execute("SELECT code FROM regions").fetchall()}


def read_latest_value(
    con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str
) -> tuple[float | None, int] | None:
    """The (value, year) of a region's latest observation of an indicator, or None."""
    row = con.execute(
        "SELECT value, year FROM latest_values WHERE region_code = ? AND indicator_id = ?",
        [region_code, indicator_id],
    ).fetchone()
    return (row[0], row[1]) if row else None


def read_current_target(
    con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str
) -> Target | None:
    """The current target of one region x indicator, or None."""
    row = con.execute(
        f"SELECT {_TARGET_COLUMNS} FROM current_targets WHERE region_code = ? AND indicator_id = ?",
        [region_code, indicator_id],
    ).fetchone()
    return Target(*row) if row else None


def read_all_current_targets(con: duckdb.DuckDBPyConnection) -> list[Target]:
    """Every current target, by region and indicator."""
    rows = con.execute(
        f"SELECT {_TARGET_COLUMNS} FROM current_targets ORDER BY region_code, indicator_id"
    ).fetchall()
    return [Target(*row) for row in rows]


def read_newest_set_at(
    con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str
) -> datetime | None:
    """When the newest version of one target was written, or None without versions."""
    row = con.execute(
        "SELECT max(set_at) FROM targets WHERE region_code = ? AND indicator_id = ?",
        [region_code, indicator_id],
    ).fetchone()
    return row[0] if row else None


def insert_retraction(
    con: duckdb.DuckDBPyConnection, target: Target, *, set_by: str, set_at: datetime
) -> None:
    """Append a version of ``target`` marked retracted (it hides the target; history stays).

    The judgements of that indicator x region are made again without the target.
    """
    con.execute(
        f"INSERT INTO targets (id, {_TARGET_COLUMNS}, set_by, set_at, retracted) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)",
        [
            new_id(con, "target_ids"),
            target.region_code,
            target.indicator_id,
            target.minimum,
            target.ambition,
            target.ceiling,
            target.target_year,
            target.baseline_year,
            target.rationale,
            target.source,
            set_by,
            set_at,
        ],
    )
    # The target is gone: judge that indicator x region again without it.
    refresh_judgements(con, indicator_ids=[target.indicator_id], region_codes=[target.region_code])


def read_target_history(
    con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str
) -> pd.DataFrame:
    """Every version of one target, newest first, numbered from 1 (the oldest), with who/when."""
    return con.execute(
        "SELECT row_number() OVER (ORDER BY set_at, id) AS version, id, minimum, ambition, "
        "ceiling, target_year, baseline_year, rationale, source, set_by, set_at, retracted "
        "FROM targets WHERE region_code = ? AND indicator_id = ? ORDER BY set_at DESC, id DESC",
        [region_code, indicator_id],
    ).df()


def read_target_version(
    con: duckdb.DuckDBPyConnection, target_id: int
) -> tuple[Target, bool] | None:
    """One stored version by id as (target, whether it is a retraction), or None."""
    row = con.execute(
        f"SELECT {_TARGET_COLUMNS}, retracted FROM targets WHERE id = ?",
        [int(target_id)],
    ).fetchone()
    return (Target(*row[:-1]), bool(row[-1])) if row else None
