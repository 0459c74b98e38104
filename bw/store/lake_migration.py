"""Upgrading a lake to this bw's schema version: the steps of ``migrations/`` as lake DDL.

DuckLake cannot run the embedded store's migration scripts as they are (no keys, indexes,
sequences or ``ON CONFLICT``), so a step is replayed by its effect: the scripts up to the
lake's version and then the steps run in an in-memory DuckDB, and the difference between the
two schemas becomes the lake's statements. New tables are created, new columns added, views
replaced and new sequences created in PostgreSQL; a derived table whose columns changed is
dropped and made anew when the step asks for a rebuild of the derived tables. Anything else
(a step that changes rows, drops or retypes a column of a table that holds data) is refused
before the lake is touched: replaying it needs code of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from bw.store.derived import DERIVED_TABLES
from bw.store.errors import StoreError
from bw.store.lake import create_table_statement

# The meta key a step sets when the derived tables must be rebuilt (bw.store.connection).
_REFRESH_FLAG = "refresh_derived"
# Statement kinds that only change the schema; INSERT is allowed into meta alone.
_SCHEMA_KINDS = {
    duckdb.StatementType.CREATE,
    duckdb.StatementType.ALTER,
    duckdb.StatementType.DROP,
}
_INSERT_INTO_META = re.compile(r"^\s*INSERT\s+INTO\s+meta\b", re.IGNORECASE)
_COMMENT = re.compile(r"--[^\n]*")

# table -> its columns in order: (name, type, nullable, default)
Schema = dict[str, list[tuple[str, str, bool, str | None]]]


@dataclass(frozen=True, slots=True)
class LakeMigration:
    """What a lake runs to move from one schema version to another."""

    sequences: tuple[str, ...]  # new id sequences ('target_ids'), created in PostgreSQL
    statements: tuple[str, ...]  # DDL for the lake, in order, for one transaction
    refresh: bool  # whether the derived tables are rebuilt afterwards


def plan(before: Sequence[str], steps: Sequence[Sequence[str]]) -> LakeMigration:
    """The lake's migration from the schema ``before`` makes, through ``steps`` (each a list).

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
        scratch.execute("DELETE FROM meta WHERE key = ?", [_REFRESH_FLAG])
        for step in steps:
            for script in step:
                scratch.execute(script)
        new_tables, new_views, new_sequences = _schema(scratch)
        refresh = _has_refresh_flag(scratch)
        statements = _table_statements(scratch, old_tables, new_tables, refresh=refresh)
    finally:
        scratch.close()
    # Views first out and last in: a view may read a table this step drops and makes anew.
    drop_views = [f'DROP VIEW IF EXISTS "{name}"' for name in old_views]
    statements = [*drop_views, *statements, *new_views.values()]
    sequences = tuple(name for name in new_sequences if name not in old_sequences)
    return LakeMigration(sequences, tuple(statements), refresh)


def _check_statements(script: str, *, step: int) -> None:
    """Refuse a statement that changes rows: replaying the schema would silently skip it."""
    for statement in duckdb.extract_statements(script):
        text = _COMMENT.sub("", statement.query)
        if statement.type in _SCHEMA_KINDS or _INSERT_INTO_META.match(text):
            continue
        first = " ".join(text.split()[:3])
        raise StoreError(
            f"schema step {step} of this upgrade changes rows ({first} …); a lake cannot be "
            "migrated across it yet: keep the previous bw for this lake"
        )


def _schema(scratch: duckdb.DuckDBPyConnection) -> tuple[Schema, dict[str, str], set[str]]:
    """Tables with their columns, views with their SQL, and sequences of the scratch store."""
    tables: Schema = {}
    for table, name, data_type, nullable, default in scratch.execute(
        "SELECT table_name, column_name, data_type, is_nullable, column_default "
        "FROM duckdb_columns() WHERE NOT internal AND table_name IN "
        "(SELECT table_name FROM duckdb_tables() WHERE NOT temporary) "
        "ORDER BY table_oid, column_index"
    ).fetchall():
        tables.setdefault(table, []).append((name, data_type, nullable, default))
    views = dict(
        scratch.execute(
            "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND NOT temporary "
            "ORDER BY view_oid"
        ).fetchall()
    )
    rows = scratch.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall()
    sequences = {name for (name,) in rows}
    return tables, views, sequences


def _has_refresh_flag(scratch: duckdb.DuckDBPyConnection) -> bool:
    rows = scratch.execute("SELECT count(*) FROM meta WHERE key = ?", [_REFRESH_FLAG]).fetchall()
    return bool(rows[0][0])


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
    """ALTER TABLE … ADD COLUMN for a new column (a NOT NULL one needs a default for old rows)."""
    name, data_type, nullable, default = column
    if not nullable and (default is None or "nextval" in default):
        raise StoreError(
            f"this upgrade adds {table}.{name} as NOT NULL without a default; "
            "a lake cannot fill it for the rows it holds"
        )
    statement = f'ALTER TABLE "{table}" ADD COLUMN "{name}" {data_type}'
    if default is not None and "nextval" not in default:  # ids come from PostgreSQL
        statement += f" DEFAULT {default}"
    return statement
