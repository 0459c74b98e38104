"""Opening the store file: read-only or writable, creating the schema, migrating."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb

from bw import config
from bw.store import lake, lake_schema
from bw.store.derived import refresh_derived
from bw.store.errors import SchemaTooNewError, SchemaTooOldError, StoreError, StoreInUseError
from bw.store.meta import REFRESH_FLAG, read_meta, scalar, set_meta, transaction
from bw.store.recovery import recover_after_crash, wal_path
from bw.store.versions import MIGRATIONS, SCHEMA_VERSION

_SCHEMA_FILE = Path(__file__).with_name("schema.sql")


def connect(path: Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store file, creating the schema in a new file and upgrading an older one.

    A lake location (``ducklake:postgres:…``, :mod:`bw.store.lake`) attaches the lake instead.
    """
    path = Path(path) if path is not None else config.store_path()
    if lake.is_lake(path):
        return _connect_lake(str(path), read_only=read_only)
    if read_only and not path.exists():
        raise StoreError(f"store {path} does not exist; create it with `python -m bw init`")
    path.parent.mkdir(parents=True, exist_ok=True)
    # DuckDB removes the log when the last writer closes the file; one that is still there
    # after the previous writer is gone means that writer crashed (or was killed).
    after_crash = not read_only and wal_path(path).exists()
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise StoreInUseError(
                f"store {path} is in use by another process (is the app running with write "
                f"access?); try again when it is done, or stop it first"
            ) from error
        raise StoreError(f"cannot open store {path}: {error}") from error
    except duckdb.Error as error:
        raise StoreError(f"cannot open store {path}: {error}") from error
    try:
        con.execute("SET memory_limit = ?", [config.memory_limit()])
        _prepare_schema(con, path=path, read_only=read_only)
        if after_crash:
            recover_after_crash(con)
    except Exception:
        if after_crash:
            # Closing checkpoints the replayed log into the file and removes it, so the next
            # open would no longer know about the crash: keep the log for it to check again.
            with contextlib.suppress(duckdb.Error):
                con.execute("PRAGMA disable_checkpoint_on_shutdown")
        con.close()
        raise
    return con


def _connect_lake(location: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Attach the lake, creating bw's schema in an empty one; refuse a lake of another version."""
    con = lake.open_lake(
        location,
        read_only=read_only,
        data_path=config.lake_data_path(),
        memory_limit=config.memory_limit(),
    )
    try:
        version = schema_version(con)
        if version is None and not read_only:
            # Instances starting on one new lake at the same moment take turns: the first
            # creates the schema, the others find it once they hold the lock.
            with lake.write_lock(con):
                version = schema_version(con)
                if version is None:
                    lake_schema.create_schema(con, _all_scripts(), version=SCHEMA_VERSION)
                    version = schema_version(con)
        if version is None:
            raise StoreError("the lake is empty; create bw's store in it with `python -m bw init`")
        if version < SCHEMA_VERSION and not read_only:
            version = _migrate_lake(con)
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"the lake has schema version {version}, this bw writes version "
                f"{SCHEMA_VERSION}; update bw"
            )
        if version < SCHEMA_VERSION:
            raise SchemaTooOldError(
                f"the lake has schema version {version} and needs an upgrade to "
                f"{SCHEMA_VERSION}; open it once for writing (e.g. `python -m bw info`)"
            )
    except Exception:
        con.close()
        raise
    return con


def _migrate_lake(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the lake to this bw's schema version in one transaction; the version it has now.

    Instances opening an older lake at the same moment take turns (the write lock): the
    first migrates, the others find the new version. The derived tables are rebuilt in the
    same transaction when a step asks for it, so no reader sees new tables still empty.
    """
    with transaction(con, upgrading=True):
        version = schema_version(con) or 0
        if version >= SCHEMA_VERSION:
            return version  # another instance upgraded it while this one waited
        steps = [MIGRATIONS[step] for step in range(version, SCHEMA_VERSION)]
        migration = lake_schema.plan(_all_scripts(up_to=version), steps)
        lake.create_sequences(con, migration.sequences)
        for statement in migration.statements:
            con.execute(statement)
        set_meta(con, "schema_version", str(SCHEMA_VERSION))
        if migration.refresh:
            refresh_derived(con)
    return SCHEMA_VERSION


def _all_scripts(*, up_to: int | None = None) -> list[str]:
    """schema.sql and every migration step up to version ``up_to`` (default: this bw's)."""
    scripts = [_SCHEMA_FILE.read_text(encoding="utf-8")]
    for version in range(1, SCHEMA_VERSION if up_to is None else up_to):
        scripts += MIGRATIONS[version]
    return scripts


def connect_for_reading(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store read-only, upgrading an older file first with a short writable open.

    Readers (the app's pages, ``info``) hold no write lock, so several processes can read one
    store; DuckDB refuses a second process while any process has the file open for writing.
    A store whose writer crashed is repaired first (:mod:`bw.store.recovery`).
    """
    path = Path(path) if path is not None else config.store_path()
    repair_before_reading(path)
    try:
        return connect(path, read_only=True)
    except SchemaTooOldError:
        connect(path).close()  # migrates
        return connect(path, read_only=True)


def repair_before_reading(path: Path) -> None:
    """Repair a store file whose writer crashed before it is read or copied.

    A read-only open would replay the crashed writer's log in memory, leftovers of an
    unfinished commit included, so a short writable open repairs the file first. When a writer
    holds the file the log is its own, and reading fails the same way.
    """
    if lake.is_lake(path) or not wal_path(path).exists():
        return
    with contextlib.suppress(StoreInUseError):
        connect(path).close()


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version recorded in the store, or None for a file without bw's schema."""
    has_meta = scalar(
        con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'")
    )
    if not has_meta:
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def _prepare_schema(con: duckdb.DuckDBPyConnection, *, path: Path, read_only: bool) -> None:
    version = schema_version(con)
    if version is None:
        has_tables = scalar(con.execute("SELECT count(*) FROM information_schema.tables"))
        if has_tables:
            raise StoreError(f"{path} is a DuckDB file but not a bw store (no schema version)")
        if read_only:
            raise StoreError(f"store {path} is empty; create it with `python -m bw init`")
        with transaction(con):
            con.execute(_SCHEMA_FILE.read_text(encoding="utf-8"))
            for version in range(1, SCHEMA_VERSION):
                for script in MIGRATIONS[version]:
                    con.execute(script)
            set_meta(con, "schema_version", str(SCHEMA_VERSION))
            set_meta(con, "created_at", datetime.now().isoformat(timespec="seconds"))
            _refresh_if_flagged(con)
        return
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"store {path} has schema version {version}, newer than this bw "
            f"(version {SCHEMA_VERSION}); update bw or use another store (BW_DB)"
        )
    if version < SCHEMA_VERSION:
        if read_only:
            raise SchemaTooOldError(
                f"store {path} has schema version {version} and needs an upgrade to "
                f"{SCHEMA_VERSION}; open it once for writing (e.g. `python -m bw info`)"
            )
        migrate(con, from_version=version)
    elif not read_only and read_meta(con, REFRESH_FLAG) is not None:
        # A rebuild after a migration that did not finish (the process stopped in between).
        with transaction(con):
            _refresh_if_flagged(con)


def migrate(con: duckdb.DuckDBPyConnection, *, from_version: int) -> int:
    """Run the migrations from ``from_version`` to :data:`SCHEMA_VERSION`, a transaction each."""
    version = from_version
    while version < SCHEMA_VERSION:
        steps = MIGRATIONS.get(version)
        if steps is None:
            raise StoreError(f"no migration from schema version {version} to {version + 1}")
        with transaction(con):
            for statement in steps:
                con.execute(statement)
            set_meta(con, "schema_version", str(version + 1))
        version += 1
    if read_meta(con, REFRESH_FLAG) is not None:
        # After every step, so the rebuild runs once and with the code's own (newest) schema.
        with transaction(con):
            _refresh_if_flagged(con)
    return version


def _refresh_if_flagged(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables when a migration asked for it, and clear its request."""
    if read_meta(con, REFRESH_FLAG) is None:
        return
    refresh_derived(con)
    con.execute("DELETE FROM meta WHERE key = ?", [REFRESH_FLAG])


def backup_path_for(path: Path, *, now: Callable[[], datetime] = datetime.now) -> Path:
    """Where a store is moved when ``init --force`` recreates it."""
    stamp = now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
