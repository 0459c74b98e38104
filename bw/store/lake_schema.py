"""A lake's schema: created from bw's scripts, and upgraded by the steps of ``migrations/``.

Both run the scripts in an in-memory DuckDB and give the lake what they made there. DuckLake
cannot run the migration scripts as they are (no keys, indexes, sequences or ``ON
CONFLICT``), so a step is replayed by its effect: the scripts up to the lake's version and
then the steps run in an in-memory DuckDB, and the difference between the two schemas becomes
the lake's statements. New tables are created, new columns added, views made anew and new
sequences created in PostgreSQL; a derived table whose columns changed is dropped and made
anew when the step asks for a rebuild of the derived tables. Anything else (a step that
changes rows or other metadata, drops or retypes a column of a table that holds data, creates
something DuckLake cannot hold) is refused before the lake is touched: replaying it needs
code of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from bw.store.derived import DERIVED_TABLES
from bw.store.errors import StoreError
from bw.store.lake import create_sequences
from bw.store.meta import REFRESH_FLAG

# Statement kinds that only change the schema; INSERT is allowed into meta alone (what it
# sets is compared apart: only the refresh flag may change).
_SCHEMA_KINDS = {duckdb.StatementType.ALTER, duckdb.StatementType.DROP}
_INSERT_INTO_META = re.compile(r"^\s*INSERT\s+INTO\s+meta\b", re.IGNORECASE)
# What a CREATE may make: tables (not filled from a query), views, indexes, sequences.
_CREATE = re.compile(
    r"^\s*CREATE\s+(OR\s+REPLACE\s+)?(TABLE|VIEW|(UNIQUE\s+)?INDEX|SEQUENCE)\b", re.IGNORECASE
)
_FILLED_FROM_A_QUERY = re.compile(
    r"^\s*CREATE\s+(OR\s+REPLACE\s+)?TABLE\b.*?\bAS\s*\(?\s*(SELECT|WITH|FROM|VALUES|TABLE)\b",
    re.IGNORECASE | re.DOTALL,
)
_COMMENT = re.compile(r"--[^\n]*")

# table -> its columns in order: (name, type, nullable, default)
Schema = dict[str, list[tuple[str, str, bool, str | None]]]


@dataclass(frozen=True, slots=True)
class LakeMigration:
    """What a lake runs to move from one schema version to another."""

    sequences: tuple[str, ...]  # new id sequences ('target_ids'), created in PostgreSQL
    statements: tuple[str, ...]  # DDL for the lake, in order, for one transaction
    refresh: bool  # whether the derived tables are rebuilt afterwards


def create_schema(con: duckdb.DuckDBPyConnection, scripts: list[str], *, version: int) -> None:
    """Create bw's schema in an empty lake, in one transaction, with version ``version``.

    ``scripts`` (schema.sql and every migration) run in an in-memory DuckDB first; the lake
    gets the tables it made with their column types, NOT NULLs and plain defaults, its views,
    and a PostgreSQL sequence per sequence. What DuckLake cannot hold (keys, CHECKs, indexes)
    stays with the embedded store and the load's validation.
    """
    scratch = duckdb.connect()
    try:
        for script in scripts:
            scratch.execute(script)
        tables, views, sequences = _schema(scratch)
        statements = [create_table_statement(scratch, name) for name in tables]
    finally:
        scratch.close()
    create_sequences(con, sorted(sequences))
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in [*statements, *views.values()]:
            con.execute(statement)
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?), ('created_at', ?), ('store', 'lake')",
            [str(version), datetime.now().isoformat(timespec="seconds")],
        )
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def create_table_statement(scratch: duckdb.DuckDBPyConnection, table: str) -> str:
    """A CREATE TABLE for the lake with the columns of ``table`` in the scratch database."""
    columns = scratch.execute(
        "SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns() "
        "WHERE table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    parts = []
    for name, data_type, nullable, default in columns:
        part = f'"{name}" {data_type}'
        if default is not None and not _is_sequence_default(str(default)):
            part += f" DEFAULT {default}"
        if not nullable:
            part += " NOT NULL"
        parts.append(part)
    return f'CREATE TABLE "{table}" ({", ".join(parts)})'


def _is_sequence_default(default: str) -> bool:
    """Whether a column default takes a sequence's next id (a lake's come from PostgreSQL)."""
    return "nextval" in default


def plan(before: Sequence[str], steps: Sequence[Sequence[str]]) -> LakeMigration:
    """The lake's migration through ``steps`` (lists of scripts) from the schema of ``before``.

    Raises StoreError for a step the lake cannot replay, naming it and why.
    """
    for number, step in enumerate(steps, start=1):
        for script in step:
            _check_statements(script, step=number)
    scratch = duckdb.connect()
    try:
        for script in before:
            scratch.execute(script)
        old_tables, old_views, old_sequences = _schema(scratch)
        # An earlier step's request was served when the lake was made: only these steps count.
        scratch.execute("DELETE FROM meta WHERE key = ?", [REFRESH_FLAG])
        old_meta = _meta(scratch)
        for step in steps:
            for script in step:
                scratch.execute(script)
        new_tables, new_views, new_sequences = _schema(scratch)
        refresh = REFRESH_FLAG in _meta(scratch)
        changed = {key for key, value in _meta(scratch).items() if old_meta.get(key) != value}
        if changed - {REFRESH_FLAG}:
            raise StoreError(
                f"this upgrade sets the store's metadata {', '.join(sorted(changed))}; "
                "a lake cannot follow it yet: keep the previous bw for this lake"
            )
        statements = _table_statements(scratch, old_tables, new_tables, refresh=refresh)
        views = _in_dependency_order(scratch, new_views)
    finally:
        scratch.close()
    # Views first out and last in: a view may read a table this step drops and makes anew.
    drop_views = [f'DROP VIEW IF EXISTS "{name}"' for name in old_views]
    statements = [*drop_views, *statements, *views]
    sequences = tuple(sorted(name for name in new_sequences if name not in old_sequences))
    return LakeMigration(sequences, tuple(statements), refresh)


def _check_statements(script: str, *, step: int) -> None:
    """Refuse what replaying the schema would silently skip: rows, objects a lake lacks."""
    for statement in duckdb.extract_statements(script):
        text = _COMMENT.sub("", statement.query)
        schema_only = statement.type in _SCHEMA_KINDS or (
            statement.type == duckdb.StatementType.CREATE
            and _CREATE.match(text)
            and not _FILLED_FROM_A_QUERY.match(text)
        )
        if schema_only or _INSERT_INTO_META.match(text):
            continue
        # DuckDB splits some statements (ADD COLUMN … DEFAULT now()) into parts without text.
        first = " ".join(text.split()[:3]) or statement.type.name
        raise StoreError(
            f"schema step {step} of this upgrade changes rows or makes what a lake cannot hold "
            f"({first} …); a lake cannot be migrated across it yet: keep the previous bw for "
            "this lake"
        )


def _schema(scratch: duckdb.DuckDBPyConnection) -> tuple[Schema, dict[str, str], set[str]]:
    """Tables with their columns, views with their SQL, and sequences of the scratch store."""
    tables: Schema = {}
    for table, name, data_type, nullable, default in scratch.execute(
        "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default "
        "FROM duckdb_columns() c JOIN duckdb_tables() t ON t.table_oid = c.table_oid "
        "WHERE NOT t.temporary AND t.schema_name = 'main' ORDER BY t.table_oid, c.column_index"
    ).fetchall():
        tables.setdefault(table, []).append((name, data_type, nullable, default))
    views = dict(
        scratch.execute(
            "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND NOT temporary "
            "AND schema_name = 'main' ORDER BY view_oid"
        ).fetchall()
    )
    rows = scratch.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall()
    sequences = {name for (name,) in rows}
    return tables, views, sequences


def _meta(scratch: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(scratch.execute("SELECT key, value FROM meta").fetchall())


def _in_dependency_order(scratch: duckdb.DuckDBPyConnection, views: dict[str, str]) -> list[str]:
    """The views' CREATE statements so that a view comes after the views it reads."""
    for name in views:
        scratch.execute(f'DROP VIEW IF EXISTS "{name}" CASCADE')
    ordered: list[str] = []
    waiting = dict(views)
    while waiting:
        made = []
        for name, sql in waiting.items():
            try:
                scratch.execute(sql)
            except duckdb.CatalogException:
                continue  # reads a view not made yet: the next pass
            made.append(name)
            ordered.append(sql)
        if not made:
            raise StoreError(f"the views {', '.join(waiting)} cannot be made in any order")
        for name in made:
            del waiting[name]
    return ordered


def _table_statements(
    scratch: duckdb.DuckDBPyConnection, old: Schema, new: Schema, *, refresh: bool
) -> list[str]:
    """CREATE, ALTER and (for rebuilt derived tables) DROP statements from ``old`` to ``new``."""
    statements = []
    for table in old:
        if table not in new:
            if not (refresh and table in DERIVED_TABLES):
                raise StoreError(f"this upgrade drops table {table}; a lake cannot follow it yet")
            statements.append(f'DROP TABLE "{table}"')
    for table, columns in new.items():
        before = old.get(table)
        if before is None:
            statements.append(create_table_statement(scratch, table))
        elif before != columns[: len(before)]:
            if not (refresh and table in DERIVED_TABLES):
                raise StoreError(
                    f"this upgrade changes the columns of {table}; a lake cannot follow it yet"
                )
            statements += [f'DROP TABLE "{table}"', create_table_statement(scratch, table)]
        else:
            statements += [_add_column(table, column) for column in columns[len(before) :]]
    return statements


def _add_column(table: str, column: tuple[str, str, bool, str | None]) -> str:
    """ALTER TABLE … ADD COLUMN for a new column, its default filling the rows already there.

    DuckDB cannot add a NOT NULL column, so a step never asks for one; a table re-created with
    one more NOT NULL column and no default is refused (the lake's rows would have none).
    """
    name, data_type, nullable, default = column
    plain_default = default if default is not None and not _is_sequence_default(default) else None
    if not nullable and plain_default is None:
        raise StoreError(
            f"this upgrade adds {table}.{name} as NOT NULL without a default; "
            "a lake cannot fill it for the rows it holds"
        )
    statement = f'ALTER TABLE "{table}" ADD COLUMN "{name}" {data_type}'
    return statement + (f" DEFAULT {plain_default}" if plain_default is not None else "")
