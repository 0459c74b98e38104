"""The ``users`` and ``login_failures`` tables: accounts and the shared count of failed logins."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb

from bw.auth import Role
from bw.records.users import NO_PASSWORD, User
from bw.store.errors import StoreError
from bw.store.meta import cursor as new_cursor
from bw.store.meta import transaction

#: Write-write conflicts (two sessions failing at once) retried before the process's own count.
_WRITE_ATTEMPTS = 3
_USER_COLUMNS = "name, role, created_at, created_by, password_hash"


def _user(row: tuple[str, str, datetime, str, str]) -> User:
    return User(row[0], Role(row[1]), row[2], row[3], row[4] != NO_PASSWORD)


def insert_user(
    con: duckdb.DuckDBPyConnection,
    name: str,
    *,
    role: Role,
    password_hash: str,
    created_at: datetime,
    created_by: str,
) -> None:
    """Add an account row (the name already normalised and checked)."""
    con.execute(
        "INSERT INTO users (name, role, password_hash, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?)",
        [name, str(role), password_hash, created_at, created_by],
    )


def delete_user(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Remove the account row called ``name`` (normalised)."""
    con.execute("DELETE FROM users WHERE name = ?", [name])


def count_admins_and_others(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """How many accounts are admins, and how many are not."""
    row = con.execute(
        "SELECT count(*) FILTER (WHERE role = 'admin'), count(*) FILTER (WHERE role <> "
        "'admin') FROM users"
    ).fetchone()
    assert row is not None  # an aggregate always returns one row
    return int(row[0]), int(row[1])


def read_user(con: duckdb.DuckDBPyConnection, name: str) -> User | None:
    """The account called ``name`` (normalised), or None."""
    row = con.execute(f"SELECT {_USER_COLUMNS} FROM users WHERE name = ?", [name]).fetchone()
    return None if row is None else _user(row)


def read_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    """Every account, by name."""
    rows = con.execute(f"SELECT {_USER_COLUMNS} FROM users ORDER BY name").fetchall()
    return [_user(row) for row in rows]


def count_users(con: duckdb.DuckDBPyConnection) -> int:
    """How many accounts the store holds."""
    row = con.execute("SELECT count(*) FROM users").fetchone()
    assert row is not None  # an aggregate always returns one row
    return int(row[0])


def read_credentials(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, Role, str] | None:
    """The name, role and password hash of the account called ``name`` (normalised), or None."""
    row = con.execute(
        "SELECT name, role, password_hash FROM users WHERE name = ?", [name]
    ).fetchone()
    return None if row is None else (row[0], Role(row[1]), row[2])


def read_login_failures(
    con: duckdb.DuckDBPyConnection, keys: Sequence[tuple[str, str]]
) -> list[tuple[int, float]]:
    """(failures, last failure time) of every counted key, on a cursor of its own.

    Raises :class:`duckdb.Error` when the table is missing (a store not yet upgraded).
    """
    found = []
    cursor = new_cursor(con)
    try:
        for kind, key in keys:
            row = cursor.execute(
                "SELECT failures, last_failure FROM login_failures WHERE kind = ? AND key = ?",
                [kind, key],
            ).fetchone()
            if row is not None:
                found.append((int(row[0]), float(row[1])))
    finally:
        cursor.close()
    return found


def record_login_failures(
    con: duckdb.DuckDBPyConnection,
    keys: Sequence[tuple[str, str]],
    *,
    now: float,
    forget_after: float,
) -> bool:
    """Count one failure per key (starting again after ``forget_after`` seconds) and drop old
    counters, in one short transaction; False when the store cannot be written."""
    # MERGE rather than ON CONFLICT: a lake store has no primary key to conflict on.
    upsert = (
        "MERGE INTO login_failures AS f USING (SELECT ? AS kind, ? AS key, "
        "CAST(? AS DOUBLE) AS at, CAST(? AS DOUBLE) AS forget) AS n "
        "ON f.kind = n.kind AND f.key = n.key "
        "WHEN MATCHED THEN UPDATE SET failures = CASE WHEN n.at - f.last_failure >= n.forget "
        "THEN 1 ELSE f.failures + 1 END, last_failure = n.at "
        "WHEN NOT MATCHED THEN INSERT (kind, key, failures, last_failure) "
        "VALUES (n.kind, n.key, 1, n.at)"
    )
    statements: list[tuple[str, list[object]]] = [
        (upsert, [kind, key, now, forget_after]) for kind, key in keys
    ]
    statements.append(("DELETE FROM login_failures WHERE last_failure <= ?", [now - forget_after]))
    return _write(con, statements)


def forget_login_failures(con: duckdb.DuckDBPyConnection, keys: Sequence[tuple[str, str]]) -> bool:
    """Drop the counters of these keys in one short transaction; False when it cannot write."""
    return _write(
        con,
        [
            ("DELETE FROM login_failures WHERE kind = ? AND key = ?", [kind, key])
            for kind, key in keys
        ],
    )


def _write(con: duckdb.DuckDBPyConnection, sql: list[tuple[str, list[object]]]) -> bool:
    for _ in range(_WRITE_ATTEMPTS):
        cursor = new_cursor(con)
        try:
            # on a lake under its write lock: two instances counting one key's failures at once
            # would otherwise both insert its row (a lake has no key to refuse the second)
            with transaction(cursor):
                for statement, params in sql:
                    cursor.execute(statement, params)
            return True
        except duckdb.TransactionException:
            continue  # another session's write at the same moment (rolled back): again
        except (duckdb.Error, StoreError):
            return False  # read-only or unavailable store (rolled back): count in the process
        finally:
            cursor.close()
    return False
