"""The streefwaarden the monitor judges against: appended versions, the current ones."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from operator import itemgetter

import duckdb

from bw.model import Target
from bw.store.judgements import refresh_judgements
from bw.store.meta import new_id


def write_targets(
    con: duckdb.DuckDBPyConnection,
    targets: Iterable[Target],
    *,
    set_by: str,
    set_at: datetime | None = None,
) -> int:
    """Append target versions; earlier versions stay in the history. Returns how many.

    The judgements of the indicators x regions written are made again (only those).
    """
    set_at = set_at or datetime.now()
    rows = [
        [
            t.region_code,
            t.indicator_id,
            t.minimum,
            t.ambition,
            t.ceiling,
            t.target_year,
            t.baseline_year,
            t.rationale,
            t.source,
            set_by,
            set_at,
        ]
        for t in targets
    ]
    if rows:
        # Ids from new_id, not the column default: a lake store has no sequences.
        con.executemany(
            "INSERT INTO targets (id, region_code, indicator_id, minimum, ambition, ceiling, "
            "target_year, baseline_year, rationale, source, set_by, set_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[new_id(con, "target_ids"), *row] for row in rows],
        )
        refresh_judgements(
            con,
            indicator_ids=[str(row[1]) for row in rows],
            region_codes=[str(row[0]) for row in rows],
        )
    return len(rows)


_CURRENT = (
    "SELECT region_code, indicator_id, minimum, ambition, ceiling, target_year, "
    "baseline_year, rationale, source FROM current_targets"
)


def read_current_targets(con: duckdb.DuckDBPyConnection, region_code: str) -> list[Target]:
    """The current streefwaarden of a region or group, by indicator id."""
    rows = con.execute(f"{_CURRENT} WHERE region_code = ?", [region_code]).fetchall()
    # Ordered here, not by DuckDB: its sort is a fifth of this read on every Overzicht.
    return [Target(*row) for row in sorted(rows, key=itemgetter(1))]


def read_all_current_targets(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[Target, ...]]:
    """The current streefwaarden of every region and group: code -> targets by indicator id."""
    by_region: dict[str, list[Target]] = {}
    for row in sorted(con.execute(_CURRENT).fetchall(), key=itemgetter(0, 1)):
        by_region.setdefault(row[0], []).append(Target(*row))
    return {code: tuple(targets) for code, targets in by_region.items()}
