"""Whole-store copies: backups, restores, and the snapshots read-only replicas open.

Every copy is written by DuckDB itself (``COPY FROM DATABASE`` inside one read transaction, so it
is consistent even while the writer works) into a temporary file next to its destination, which
is flushed to disk and renamed into place. A reader therefore sees the old file or the new one,
never half of one: on Linux a process that has the old file open keeps reading it until it
reopens the path.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from bw import config, store
from bw.store import lake
from bw.store.snapshot import SnapshotReader, check_store, copy_database

Source = duckdb.DuckDBPyConnection | Path | str

__all__ = ["RestoreResult", "SnapshotReader", "backup", "check_store", "publish", "restore"]


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did."""

    path: Path  # the store that now holds the backup's contents: data/bw.duckdb
    previous: Path | None  # the store it replaced, kept: data/bw.backup-20260128-101500.duckdb
    schema_version: int  # the backup's schema version (an older one is upgraded on first open)


def backup(source: Source, out: Path | None = None) -> Path:
    """Write a consistent copy of a store (a connection or a store file) to ``out``; return it.

    Without ``out`` the copy goes next to the store as ``<name>.backup-<timestamp>.duckdb``.
    """
    if out is None:
        if isinstance(source, duckdb.DuckDBPyConnection):
            raise ValueError("backup from a connection needs an output file")
        out = store.backup_path_for(Path(source))
    with _source_connection(source) as con:
        return _copy_into_place(con, Path(out))


def publish(source: Source, snapshot_path: Path) -> Path:
    """Replace the snapshot the replicas read by a complete new copy of the store, atomically.

    Replicas (``BW_READ_ONLY=1``, ``BW_DB`` = the snapshot) notice the new file on their next
    rerun; the file is never opened for writing, so a write-ahead log next to it means a
    misconfigured replica and is refused rather than silently replayed onto the new snapshot.
    """
    snapshot_path = Path(snapshot_path)
    wal = store.wal_path(snapshot_path)
    if wal.exists():
        raise store.StoreError(
            f"{wal} exists: something opened the snapshot for writing; replicas must run with "
            f"BW_READ_ONLY=1. Stop it and remove {wal.name} before publishing"
        )
    if not isinstance(source, duckdb.DuckDBPyConnection) and _same_file(
        Path(source), snapshot_path
    ):
        raise store.StoreError("the snapshot must be another file than the store it copies")
    with _source_connection(source) as con:
        return _copy_into_place(con, snapshot_path)


def restore(
    backup_file: Path,
    store_path: Path | None = None,
    *,
    now: Callable[[], datetime] = datetime.now,
) -> RestoreResult:
    """Put a backup in place of the store; the store it replaces is kept as a dated copy.

    Refuses a file that is not a bw store or has a newer schema than this code, and refuses
    (:class:`bw.store.StoreInUseError`) while any other process has the store open. The store
    path always holds a complete store: the previous one until the rename, the backup after it.
    """
    backup_file = Path(backup_file)
    target = Path(store_path) if store_path is not None else config.store_path()
    if not backup_file.is_file():
        raise store.StoreError(f"backup {backup_file} does not exist")
    if _same_file(backup_file, target):
        raise store.StoreError(f"{backup_file} is the store itself; nothing to restore")
    with _source_connection(backup_file) as source:
        version = check_store(source, name=str(backup_file))
        target.parent.mkdir(parents=True, exist_ok=True)
        building = _partial_path(target)
        try:
            _copy(source, building)
            # Holding the old store open for writing keeps every other process out until the
            # new file is in place; its last checkpoint makes the kept copy self-contained.
            with _exclusive(target) as held:
                previous = None
                if held:
                    previous = _keep_copy(target, store.backup_path_for(target, now=now))
                os.replace(building, target)
                _fsync_folder(target.parent)
        finally:
            _remove_store_files(building)
    return RestoreResult(path=target, previous=previous, schema_version=version)


# --- helpers ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _source_connection(source: Source) -> Iterator[duckdb.DuckDBPyConnection]:
    """The given connection, or the store file opened read-only (closed afterwards)."""
    if isinstance(source, duckdb.DuckDBPyConnection):
        yield source
        return
    path = Path(source)
    if not path.is_file():
        raise store.StoreError(f"store {lake.redact(str(path))} does not exist")
    store.repair_before_reading(path)  # else the copy would hold what a crash left behind
    con = _open(path, read_only=True)
    try:
        check_store(con, name=str(path))
        yield con
    finally:
        con.close()


def _open(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise store.StoreInUseError(
                f"store {path} is in use by another process; try again when it is done"
            ) from error
        raise store.StoreError(f"cannot open {path}: {error}") from error
    except duckdb.Error as error:
        raise store.StoreError(f"cannot open {path}: {error}") from error


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[bool]:
    """Hold ``path`` open for writing (DuckDB's file lock) while the block runs; False if absent."""
    if not path.exists():
        yield False
        return
    con = _open_repaired(path)
    try:
        store.checkpoint(con)
        yield True
    finally:
        con.close()


def _open_repaired(path: Path) -> duckdb.DuckDBPyConnection:
    """``path`` open for writing, repaired first when its writer crashed; a store that cannot
    be repaired (or is newer than this bw) is held as it is: it is only kept, as a copy."""
    if store.wal_path(path).exists():
        try:
            return store.connect(path)
        except store.StoreInUseError:
            raise
        except store.StoreError:
            pass
    return _open(path, read_only=False)


def _copy_into_place(con: duckdb.DuckDBPyConnection, out: Path) -> Path:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    building = _partial_path(out)
    try:
        _copy(con, building)
        os.replace(building, out)
        _fsync_folder(out.parent)
    finally:
        _remove_store_files(building)
    return out


def _copy(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    """Copy every schema object and row of ``con``'s database into a new file ``out``, synced."""
    _remove_store_files(out)
    copy_database(con, out)
    check = _open(out, read_only=True)
    try:
        check_store(check, name=str(out))
    finally:
        check.close()
    _fsync(out)


def _keep_copy(path: Path, previous: Path) -> Path:
    """Keep the current store as ``previous`` (or a free name beside it); return where.

    A hard link is instant and needs no space; a file system without them gets a byte copy.
    """
    candidate, n = previous, 1
    while candidate.exists():  # two restores within one second
        candidate = previous.with_name(f"{previous.stem}-{n}{previous.suffix}")
        n += 1
    previous = candidate
    try:
        os.link(path, previous)
    except OSError:
        shutil.copy2(path, previous)
    return previous


def _partial_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.partial-{os.getpid()}-{threading.get_ident()}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable: the folder's entry must reach the disk too (POSIX)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # platforms without directory handles (Windows)
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove_store_files(path: Path) -> None:
    for leftover in (path, store.wal_path(path)):
        leftover.unlink(missing_ok=True)
