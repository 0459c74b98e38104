"""Transactions, the store's metadata, registered frames, and what the store holds."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: commit on success, roll back on any error."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def scalar(result: duckdb.DuckDBPyConnection) -> Any:
    """The first column of a query's first row (a count, a new id); None without a row."""
    row = result.fetchone()
    return None if row is None else row[0]


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the store's write-ahead log into the file, so the file alone is complete."""
    con.execute("CHECKPOINT")


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set one key of the store's metadata."""
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def read_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """One key of the store's metadata, or None."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def register_frame(con: duckdb.DuckDBPyConnection, name: str, frame: object) -> None:
    """Make a DataFrame or Arrow table queryable as ``name`` on this connection.

    DuckDB refuses to register while an earlier result is unread (``fetchone`` leaves one
    open), so that result is run to its end first.
    """
    con.complete()
    con.register(name, frame)


def unregister_frame(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a frame registered with :func:`register_frame`; quiet after an aborted transaction.

    An aborted transaction refuses it; the next register of the name replaces the view anyway.
    """
    with contextlib.suppress(duckdb.Error):
        con.complete()
        con.unregister(name)


@contextmanager
def memory_limit(con: duckdb.DuckDBPyConnection, limit: str, *, after: str) -> Iterator[None]:
    """DuckDB's memory limit at ``limit`` for the block's length, then at ``after``."""
    con.execute("SET memory_limit = ?", [limit])
    try:
        yield
    finally:
        con.execute("SET memory_limit = ?", [after])


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store holds the fictional demo monitor."""
    return read_meta(con, "demo") == "true"


#: What a store was built from: real CBS figures, the fictional demo, or nothing.
STORE_SOURCES = ("cbs", "demo", "empty")


def read_source(con: duckdb.DuckDBPyConnection) -> str:
    """What the store was built from: ``'cbs'``, ``'demo'`` or ``'empty'`` (meta ``source``).

    Stores made before the key existed were demo or empty; the ``demo`` flag says which.
    """
    source = read_meta(con, "source")
    if source in STORE_SOURCES:
        return source
    return "demo" if is_demo(con) else "empty"


def read_info(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts of what the store holds, as ``python -m bw info --json`` prints them."""
    regions = dict(
        con.execute("SELECT level, count(*) FROM regions GROUP BY level ORDER BY level").fetchall()
    )
    per_dimension = dict(
        con.execute(
            "SELECT t.dimension, count(DISTINCT it.indicator_id) FROM indicator_themes it "
            "JOIN themes t ON t.id = it.theme_id GROUP BY t.dimension"
        ).fetchall()
    )
    indicators = {d: per_dimension.get(d, 0) for d in ("hier_en_nu", "later", "elders")}
    indicators["total"] = scalar(con.execute("SELECT count(*) FROM indicators"))

    def count(sql: str) -> int:
        return int(scalar(con.execute(sql)))

    return {
        "regions": regions,
        "indicators": indicators,
        "observations": count("SELECT count(*) FROM observations"),
        "targets": count("SELECT count(*) FROM current_targets"),
        "loads": count("SELECT count(*) FROM loads WHERE undone_at IS NULL"),
        "demo": is_demo(con),
        "source": read_source(con),
    }


def read_change_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int | None, int, int, int]:
    """Numbers that change with every load, undo, new indicator or region.

    Loads, the newest load id, undone loads, indicators, regions: a cache key for work that
    depends on what the store holds (checks of an uploaded file).
    """
    row = con.execute(
        "SELECT (SELECT count(*) FROM loads), (SELECT max(id) FROM loads), "
        "(SELECT count(undone_at) FROM loads), (SELECT count(*) FROM indicators), "
        "(SELECT count(*) FROM regions)"
    ).fetchone()
    loads, newest, undone, indicators, regions = row if row else (0, None, 0, 0, 0)
    return (loads, newest, undone, indicators, regions)
