"""The store's whole-file SQL: snapshots opened read-only and database copies.

:mod:`bw.snapshot` decides where copies go and renames them into place; the DuckDB statements
that open, flush and copy a store live here.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb

from bw import config
from bw.store.connection import schema_version
from bw.store.errors import SchemaTooNewError, SchemaTooOldError, StoreError
from bw.store.meta import scalar
from bw.store.versions import SCHEMA_VERSION


class SnapshotReader:
    """A published snapshot opened read-only in a DuckDB instance of its own.

    ``duckdb.connect(path)`` hands out the process's cached instance of a path while any
    connection to it lives, so after a publish it would keep serving the old, renamed-away file.
    Attaching the file to a fresh in-memory instance opens whatever the path holds now, while
    connections to older versions finish their queries undisturbed.
    """

    _CATALOG = "bw_snapshot"

    def __init__(self, path: Path) -> None:
        path = Path(path)
        if not path.is_file():
            raise StoreError(
                f"store {path} does not exist; publish one with `python -m bw publish {path}`"
            )
        self.path = path
        self._con = duckdb.connect(":memory:")
        try:
            self._con.execute("SET memory_limit = ?", [config.memory_limit()])
            quoted_path = str(path).replace("'", "''")
            self._con.execute(f"ATTACH '{quoted_path}' AS {self._CATALOG} (READ_ONLY)")
            self._con.execute(f"USE {self._CATALOG}")
            version = check_store(self._con, name=str(path))
            if version < SCHEMA_VERSION:
                raise SchemaTooOldError(
                    f"snapshot {path} has schema version {version}; publish it again from a "
                    f"store this bw has upgraded (version {SCHEMA_VERSION})"
                )
        except duckdb.Error as error:
            self._con.close()
            raise StoreError(f"cannot open snapshot {path}: {error}") from error
        except Exception:
            self._con.close()
            raise

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor that reads the snapshot (each cursor must be told which database to use)."""
        cursor = self._con.cursor()
        cursor.execute(f"USE {self._CATALOG}")
        return cursor

    def execute(self, query: str, parameters: object = None) -> duckdb.DuckDBPyConnection:
        """Run one query on the snapshot (like ``DuckDBPyConnection.execute``)."""
        return self._con.execute(query, parameters)

    def close(self) -> None:
        """Close the instance; the old file's space is freed once nothing reads it."""
        self._con.close()


def check_store(con: duckdb.DuckDBPyConnection, *, name: str) -> int:
    """The schema version of a bw store this code can open, or a StoreError saying why not."""
    try:
        version = schema_version(con)
    except duckdb.Error as error:
        raise StoreError(f"{name} cannot be read as a store: {error}") from error
    if version is None:
        raise StoreError(f"{name} is not a bw store (no schema version)")
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{name} has schema version {version}, newer than this bw "
            f"(version {SCHEMA_VERSION}); update bw first"
        )
    return version


def copy_database(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    """Copy every schema object and row of ``con``'s database into the new file ``out``.

    ``COPY FROM DATABASE`` runs in one read transaction, so the copy is consistent even while
    a writer works. The caller checks, syncs and renames the file.
    """
    alias = f"bw_copy_{os.getpid()}_{threading.get_ident()}"
    cursor = con.cursor()
    try:
        source = scalar(cursor.execute("SELECT current_database()"))
        quoted_path = str(out).replace("'", "''")
        # READ_ONLY false: a read-only connection attaches read-only by default.
        cursor.execute(f"ATTACH '{quoted_path}' AS {alias} (READ_ONLY false)")
        try:
            cursor.execute(f'COPY FROM DATABASE "{source}" TO {alias}')
        finally:
            cursor.execute(f"DETACH DATABASE IF EXISTS {alias}")
    finally:
        cursor.close()
