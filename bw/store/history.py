"""The lake store as of a load: which DuckLake snapshot each load committed, read back later.

A load on a lake names itself in its commit: DuckLake's commit message of the load's
transaction carries ``{"load_id": N}`` (``commit_extra_info`` in ``snapshots()``), so the load
and the record of its snapshot are one commit, with no second write and no table the embedded
store lacks. ``observations AT (VERSION => snapshot)`` then reads the store as it was right
after load N, before any later load or undo. A store file keeps no snapshots.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from bw.store import lake
from bw.store.errors import StoreError

#: Who the lake's snapshots of loads are committed by (``author`` in ``snapshots()``).
COMMIT_AUTHOR = "bw"


class TimeTravelError(StoreError):
    """The store cannot show itself as of a load: a store file, or a load without a snapshot."""

    default_code = "time_travel_refused"


@dataclass(frozen=True, slots=True)
class LoadSnapshot:
    """The lake snapshot a load committed, and when."""

    load_id: int
    snapshot_id: int
    committed_at: str  # time of the snapshot as DuckDB writes it, '2026-05-02 14:03:11.5+00'


def commit_info(load_id: int) -> str:
    """The ``commit_extra_info`` a load's snapshot carries: ``{"load_id": 7}``."""
    return f'{{"load_id": {int(load_id)}}}'


def name_commit_after_load(con: duckdb.DuckDBPyConnection, load_id: int) -> None:
    """On a lake, make the open transaction's snapshot say it is load ``load_id``'s commit."""
    if not lake.is_lake_connection(con):
        return
    con.execute(
        f"CALL {lake.LAKE_ALIAS}.set_commit_message(?, ?, extra_info => ?)",
        [COMMIT_AUTHOR, f"load {int(load_id)}", commit_info(load_id)],
    )


def require_lake(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a store file: only a lake keeps the snapshots time travel reads."""
    if not lake.is_lake_connection(con):
        raise TimeTravelError(
            "time travel needs the lake store (BW_DB=ducklake:postgres:…, docs/deploy.md): a "
            "store file keeps only its current state; use `backup` copies to keep older states",
            code="time_travel_needs_lake",
        )


def load_snapshot(con: duckdb.DuckDBPyConnection, load_id: int) -> LoadSnapshot:
    """The snapshot load ``load_id`` committed, or :class:`TimeTravelError` saying why none."""
    require_lake(con)
    rows = con.execute(
        # As text: a TIMESTAMPTZ value in Python would need pytz, which bw does not install.
        f"SELECT snapshot_id, CAST(snapshot_time AS VARCHAR) FROM {lake.LAKE_ALIAS}.snapshots() "
        "WHERE commit_extra_info = ? ORDER BY snapshot_id LIMIT 1",
        [commit_info(load_id)],
    ).fetchall()
    if rows:
        snapshot, committed_at = rows[0]
        return LoadSnapshot(int(load_id), int(snapshot), str(committed_at))
    known = con.execute("SELECT count(*) FROM loads WHERE id = ?", [int(load_id)]).fetchall()
    if known and known[0][0]:
        raise TimeTravelError(
            f"load {load_id} has no recorded lake snapshot (it was loaded before bw named "
            "its loads' commits)",
            code="load_without_snapshot",
            load_id=load_id,
        )
    raise TimeTravelError(f"no load {load_id} in this store", code="no_such_load", load_id=load_id)


def read_observations_as_of(
    con: duckdb.DuckDBPyConnection,
    snapshot_id: int,
    *,
    region: str | None = None,
    indicator: str | None = None,
) -> pd.DataFrame:
    """The observations as they were at lake snapshot ``snapshot_id``, optionally filtered."""
    require_lake(con)
    conditions = []
    params: list[object] = []
    if region is not None:
        conditions.append("region_code = ?")
        params.append(region)
    if indicator is not None:
        conditions.append("indicator_id = ?")
        params.append(indicator)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    # AT takes no parameter: the snapshot is an int, formatted as one.
    return con.execute(
        "SELECT indicator_id, region_code, period, value, status, load_id "
        f"FROM observations AT (VERSION => {int(snapshot_id)}) {where} "
        "ORDER BY indicator_id, region_code, period",
        params,
    ).df()
