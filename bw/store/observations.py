"""Observations with their history: loads, writes that supersede, and undo."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from bw.model import OBSERVATION_COLUMNS
from bw.store.derived import refresh_derived
from bw.store.errors import StoreError
from bw.store.history import name_commit_after_load
from bw.store.meta import new_id, register_frame, scalar, unregister_frame


@dataclass(frozen=True, slots=True)
class WriteCounts:
    """What a write of observations did."""

    inserted: int  # keys that had no value before
    superseded: int  # keys whose earlier value moved to history


def create_load(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    format: str,
    file_name: str | None = None,
    checksum: str | None = None,
    loaded_by: str = "system",
    n_rows: int = 0,
    report: dict[str, Any] | None = None,
) -> int:
    """Record a new load and return its id (on a lake, its commit's snapshot is named after it)."""
    load_id = new_id(con, "load_ids")
    con.execute(
        "INSERT INTO loads "
        "(id, source, file_name, checksum, format, loaded_at, loaded_by, n_rows, report) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            source,
            file_name,
            checksum,
            format,
            datetime.now(),
            loaded_by,
            n_rows,
            json.dumps(report, ensure_ascii=False) if report is not None else None,
        ],
    )
    name_commit_after_load(con, load_id)  # a lake: `asof` finds the load's snapshot by it
    return load_id


def write_observations(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame | pa.Table, *, load_id: int
) -> WriteCounts:
    """Write observations of one load; a value for an existing key supersedes the old one.

    ``frame`` is a pandas DataFrame or an Arrow table with the columns of
    :data:`bw.model.OBSERVATION_COLUMNS`. The caller runs this inside a transaction together
    with the load record, so that a load is present or absent as a whole. Unknown indicators
    or regions, and a key the frame gives more than once, raise :class:`StoreError`: this
    function is what keeps one row per key in ``observations``, which has no primary key.
    """
    names = frame.column_names if isinstance(frame, pa.Table) else list(frame.columns)
    missing = [c for c in OBSERVATION_COLUMNS if c not in names]
    if missing:
        raise StoreError(f"observations frame lacks columns {missing}")
    if isinstance(frame, pa.Table):
        incoming = frame.select(list(OBSERVATION_COLUMNS))
    else:
        incoming = frame.loc[:, list(OBSERVATION_COLUMNS)]
    register_frame(con, "incoming_observations", incoming)
    try:
        _check_references(con)
        _check_unique_keys(con)
        superseded = scalar(
            con.execute(
                "INSERT INTO observations_superseded "
                "SELECT o.*, ? FROM observations o JOIN incoming_observations n "
                "USING (indicator_id, region_code, period)",
                [load_id],
            )
        )
        con.execute(
            "DELETE FROM observations o USING incoming_observations n "
            "WHERE o.indicator_id = n.indicator_id AND o.region_code = n.region_code "
            "AND o.period = n.period"
        )
        # No primary key (migration v3): the keys of the frame are unique (checked above) and
        # the keys it replaces are gone, so every key is still there once after the insert.
        con.execute(
            "INSERT INTO observations SELECT indicator_id, region_code, period, "
            "CAST(year AS INTEGER), CAST(value AS DOUBLE), CAST(ci_low AS DOUBLE), "
            "CAST(ci_high AS DOUBLE), status, missing_reason, ? FROM incoming_observations",
            [load_id],
        )
    finally:
        unregister_frame(con, "incoming_observations")
    counts = WriteCounts(inserted=incoming.shape[0] - superseded, superseded=superseded)
    con.execute(
        "UPDATE loads SET n_inserted = n_inserted + ?, n_superseded = n_superseded + ? "
        "WHERE id = ?",
        [counts.inserted, counts.superseded, load_id],
    )
    return counts


def _check_unique_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a frame that gives an indicator x region x period key more than once.

    ``observations`` has no primary key any more (migration v3: its index made a load of 10
    million rows spend 13 s of its 36 s on the index, python -m bw bench --ingest), so this
    check keeps one row per key. Distinct hashes settle it in one pass (10 million rows:
    0.6 s); only when two hashes collide does the exact query look for the repeated keys.
    """
    counted = con.execute(
        "SELECT count(*), count(DISTINCT hash(indicator_id, region_code, period)) "
        "FROM incoming_observations"
    ).fetchone()
    rows, hashes = counted if counted else (0, 0)
    if rows == hashes:
        return
    repeated = con.execute(
        "SELECT indicator_id, region_code, period, count(*) FROM incoming_observations "
        "GROUP BY ALL HAVING count(*) > 1 ORDER BY ALL LIMIT 5"
    ).fetchall()
    if repeated:
        keys = "; ".join(f"{i} x {r} x {p} ({n} times)" for i, r, p, n in repeated)
        raise StoreError(f"indicator x region x period keys occur more than once: {keys}")


def _check_references(con: duckdb.DuckDBPyConnection) -> None:
    unknown_indicators = con.execute(
        "SELECT DISTINCT indicator_id FROM incoming_observations "
        "ANTI JOIN indicators ON indicators.id = incoming_observations.indicator_id LIMIT 5"
    ).fetchall()
    if unknown_indicators:
        raise StoreError(f"unknown indicators: {[row[0] for row in unknown_indicators]}")
    unknown_regions = con.execute(
        "SELECT DISTINCT region_code FROM incoming_observations "
        "ANTI JOIN regions ON regions.code = incoming_observations.region_code LIMIT 5"
    ).fetchall()
    if unknown_regions:
        raise StoreError(f"unknown regions: {[row[0] for row in unknown_regions]}")


def find_load_by_checksum(con: duckdb.DuckDBPyConnection, checksum: str) -> int | None:
    """The id of a load (not undone) of a file with this checksum, or None."""
    row = con.execute(
        "SELECT id FROM loads WHERE checksum = ? AND undone_at IS NULL ORDER BY id LIMIT 1",
        [checksum],
    ).fetchone()
    return row[0] if row else None


def undo_load(con: duckdb.DuckDBPyConnection, load_id: int) -> list[str]:
    """Restore exactly the state before a load; return the indicators it touched.

    Refused when a later load replaced values of this one: undo that later load first, so the
    history stays a stack and nothing is restored on top of newer data.
    """
    row = con.execute("SELECT undone_at FROM loads WHERE id = ?", [load_id]).fetchone()
    if row is None:
        raise StoreError(f"there is no load {load_id}")
    if row[0] is not None:
        raise StoreError(f"load {load_id} was already undone at {row[0]:%Y-%m-%d %H:%M}")
    later = con.execute(
        "SELECT DISTINCT superseded_by FROM observations_superseded WHERE load_id = ? ORDER BY 1",
        [load_id],
    ).fetchall()
    if later:
        ids = ", ".join(str(r[0]) for r in later)
        raise StoreError(
            f"load {load_id} cannot be undone on its own: load(s) {ids} replaced some of its "
            f"values; undo those first"
        )
    # What the undo changes, read before it deletes: the values the load wrote and those it
    # replaced (which come back), so the refresh can be confined to them.
    changed = con.execute(
        "SELECT DISTINCT indicator_id, region_code, year FROM observations WHERE load_id = ? "
        "UNION SELECT DISTINCT indicator_id, region_code, year FROM observations_superseded "
        "WHERE superseded_by = ?",
        [load_id, load_id],
    ).fetchall()
    touched = sorted({row[0] for row in changed})
    changed_later = con.execute(
        "SELECT DISTINCT later.load_id FROM region_attribute_history mine "
        "JOIN region_attribute_history later ON later.code = mine.code AND later.load_id > ? "
        "JOIN loads l ON l.id = later.load_id AND l.undone_at IS NULL "
        "WHERE mine.load_id = ? ORDER BY 1",
        [load_id, load_id],
    ).fetchall()
    if changed_later:
        ids = ", ".join(str(r[0]) for r in changed_later)
        raise StoreError(
            f"load {load_id} changed region attributes that load(s) {ids} changed again; "
            f"undo those first"
        )
    used_later = con.execute(
        "SELECT DISTINCT o.load_id FROM observations o "
        "WHERE o.load_id <> ? AND (o.region_code IN (SELECT code FROM regions WHERE "
        "created_by_load = ?) OR o.indicator_id IN (SELECT id FROM indicators WHERE "
        "created_by_load = ?)) ORDER BY 1",
        [load_id, load_id, load_id],
    ).fetchall()
    if used_later:
        ids = ", ".join(str(r[0]) for r in used_later)
        raise StoreError(
            f"load {load_id} added regions or indicators that load(s) {ids} use; undo those first"
        )
    con.execute("DELETE FROM observations WHERE load_id = ?", [load_id])
    con.execute(
        "INSERT INTO observations SELECT * EXCLUDE (superseded_by) FROM observations_superseded "
        "WHERE superseded_by = ?",
        [load_id],
    )
    con.execute("DELETE FROM observations_superseded WHERE superseded_by = ?", [load_id])
    con.execute("DELETE FROM aggregated_values WHERE load_id = ?", [load_id])
    con.execute(
        "DELETE FROM indicator_themes WHERE indicator_id IN "
        "(SELECT id FROM indicators WHERE created_by_load = ?)",
        [load_id],
    )
    con.execute("DELETE FROM indicators WHERE created_by_load = ?", [load_id])
    con.execute("DELETE FROM regions WHERE created_by_load = ?", [load_id])
    restored = scalar(
        con.execute(
            "UPDATE regions r SET province_code = h.province_code, corop_code = h.corop_code, "
            "landsdeel_code = h.landsdeel_code, size_class = h.size_class, urbanity = h.urbanity "
            "FROM region_attribute_history h WHERE h.load_id = ? AND r.code = h.code",
            [load_id],
        )
    )
    con.execute("DELETE FROM region_attribute_history WHERE load_id = ?", [load_id])
    con.execute("UPDATE loads SET undone_at = ? WHERE id = ?", [datetime.now(), load_id])
    # Peer references depend on size class and urbanity: restored attributes touch them all.
    if restored:
        refresh_derived(con)
    else:
        refresh_derived(
            con,
            indicator_ids=touched,
            region_codes=[row[1] for row in changed],
            years=[row[2] for row in changed],
        )
    return sorted(touched)


def read_loads(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every load, newest first, with its provenance and counts."""
    return con.execute(
        "SELECT id, source, file_name, format, loaded_at, loaded_by, n_rows, n_inserted, "
        "n_superseded, checksum, undone_at FROM loads ORDER BY id DESC"
    ).df()


def read_observations_for_export(
    con: duckdb.DuckDBPyConnection, *, indicator: str | None = None, region: str | None = None
) -> pd.DataFrame:
    """Current observations as the long CSV's text columns, optionally of one indicator/region.

    A value the source called unknown is written as ``.``, another missing value as empty, so
    loading the export again gives the same observations.
    """
    conditions, params = [], []
    if indicator:
        conditions.append("indicator_id = ?")
        params.append(indicator)
    if region:
        conditions.append("region_code = ?")
        params.append(region)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return con.execute(
        "SELECT indicator_id AS indicator, region_code AS region, period, "
        "CASE WHEN value IS NOT NULL THEN CAST(value AS VARCHAR) "
        "     WHEN missing_reason = 'onbekend (.)' THEN '.' ELSE '' END AS value, "
        "CAST(ci_low AS VARCHAR) AS ci_low, CAST(ci_high AS VARCHAR) AS ci_high, status "
        f"FROM observations {where} ORDER BY indicator_id, region_code, period",
        params,
    ).df()
