"""Transactions, the store's metadata, registered frames, and what the store holds."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb

from bw.store import lake
from bw.store.errors import SchemaTooNewError, StoreFilledError
from bw.store.versions import SCHEMA_VERSION

#: Meta key a migration sets when the rules of the derived tables changed: the store rebuilds
#: them right after migrating (v4: comparison periods), then removes the key.
REFRESH_FLAG = "refresh_derived"


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, *, upgrading: bool = False) -> Iterator[None]:
    """Run the block in one transaction: commit on success, roll back on any error.

    On a lake the transaction holds the lake-wide write lock (:func:`lake.write_lock`) from
    before it begins until after it ends, so it reads what the previous writer committed, and
    it refuses to write into a lake that a newer bw upgraded meanwhile (``upgrading``: the
    upgrade itself, which finds the older version).
    """
    on_lake = lake.is_lake_connection(con)
    with lake.write_lock(con) if on_lake else contextlib.nullcontext():
        con.execute("BEGIN TRANSACTION")
        try:
            if on_lake and not upgrading:
                _refuse_an_upgraded_lake(con)
            yield
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


def _refuse_an_upgraded_lake(con: duckdb.DuckDBPyConnection) -> None:
    """Stop a write by rules older than the lake's: another instance upgraded it since."""
    found = read_meta(con, "schema_version")
    if found is not None and int(found) != SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"the lake now has schema version {found} (another instance upgraded it), this bw "
            f"writes version {SCHEMA_VERSION}; nothing was written: restart this instance with "
            "the newer bw"
        )


def scalar(result: duckdb.DuckDBPyConnection) -> Any:
    """The first column of a query's first row (a count, a new id); None without a row."""
    row = result.fetchone()
    return None if row is None else row[0]


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the store's write-ahead log into the file, so the file alone is complete."""
    con.execute("CHECKPOINT")


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set one key of the store's metadata."""
    # MERGE rather than ON CONFLICT: a lake store has no primary key to conflict on.
    con.execute(
        "MERGE INTO meta USING (SELECT ? AS key, ? AS value) AS n ON meta.key = n.key "
        "WHEN MATCHED THEN UPDATE SET value = n.value "
        "WHEN NOT MATCHED THEN INSERT (key, value) VALUES (n.key, n.value)",
        [key, value],
    )


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A new cursor of ``con`` that queries the store (a lake's cursors start outside it)."""
    return lake.use_lake(con.cursor())


def new_id(con: duckdb.DuckDBPyConnection, sequence: str) -> int:
    """The next id from one of the store's sequences (``load_ids``, ``target_ids``, …).

    The embedded store's DuckDB sequence, or the lake's PostgreSQL sequence of that name, so
    two instances writing to one lake never give two rows the same id.
    """
    if lake.is_lake_connection(con):
        return lake.next_id(con, sequence)
    return int(con.execute(f"SELECT nextval('{sequence}')").fetchall()[0][0])


def insert_with_id(
    con: duckdb.DuckDBPyConnection,
    table: str,
    sequence: str,
    columns: Sequence[str],
    values: Sequence[object],
) -> int:
    """Insert one row under a new id from ``sequence`` and return the id.

    Instead of a column default and RETURNING, which a lake store has neither of.
    ``table`` and ``columns`` are bw's own names, never user input.
    """
    row_id = new_id(con, sequence)
    names = ", ".join(["id", *columns])
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", [row_id, *values])
    return row_id


def read_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """One key of the store's metadata, or None."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def register_frame(con: duckdb.DuckDBPyConnection, name: str, frame: object) -> None:
    """Make a DataFrame or Arrow table queryable as ``name`` on this connection."""
    con.register(name, frame)


def unregister_frame(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a frame registered with :func:`register_frame`; quiet after an aborted transaction.

    An aborted transaction refuses it; the next register of the name replaces the view anyway.
    """
    with contextlib.suppress(duckdb.Error):
        con.unregister(name)


@contextmanager
def memory_limit(con: duckdb.DuckDBPyConnection, limit: str, *, after: str) -> Iterator[None]:
    """DuckDB's memory limit at ``limit`` for the block's length, then at ``after``.

    When the block fails inside a transaction that the error aborted, DuckDB refuses every
    statement until the rollback, SET included: the limit then stays raised until the next
    block puts it back, rather than the refusal hiding the error itself (out of memory, say).
    """
    con.execute("SET memory_limit = ?", [limit])
    try:
        yield
    except BaseException:
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("SET memory_limit = ?", [after])
        raise
    con.execute("SET memory_limit = ?", [after])


def require_unfilled(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse to fill a store that another process filled meanwhile; call it in the write.

    Two app instances starting on one empty lake both find it empty; inside the write's
    transaction (which on a lake holds the lake-wide write lock) the second one finds the
    first one's store and stops, instead of writing every row a second time (a lake has no
    keys to refuse the copies).
    """
    if read_meta(con, "source") is not None:
        raise StoreFilledError("another process filled this store meanwhile; nothing was written")


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
