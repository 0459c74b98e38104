"""The workshop tables: ``workshop_sessions`` and their append-only ``workshop_events``.

Plain reads and writes with bound parameters; :mod:`bw.workshops` holds the rules (who may
write, what a contribution must hold, the state derived from the events) and runs every write
in its own transaction on a fresh cursor, which it passes here as ``con``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb

from bw.records.workshops import Event, Session
from bw.store.meta import insert_with_id

_SESSION_COLUMNS = (
    "s.id, s.code, s.title, s.region_code, s.phase, s.themes, s.status, "
    "s.created_by, s.created_at, s.finalised_by, s.finalised_at, "
    "coalesce(r.level, 'GM')"
)
_EVENT_COLUMNS = (
    "id, kind, author, created_at, argument_id, into_id, theme_id, text, sentiment, "
    "scale, time_frame, indicator_ids, stakeholders, indicator_id, minimum, "
    "ambition, target_year"
)
#: The columns an event may set besides session, kind, author and time (never user input).
_EVENT_FIELDS = frozenset(_EVENT_COLUMNS.split(", ")[4:])


def _session_of(row: tuple[Any, ...]) -> Session:
    return Session(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        tuple(row[5] or ()),
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
    )


def read_sessions(con: duckdb.DuckDBPyConnection) -> list[Session]:
    """Every session, newest first."""
    rows = con.execute(
        f"SELECT {_SESSION_COLUMNS} FROM workshop_sessions s "
        "LEFT JOIN regions r ON r.code = s.region_code ORDER BY s.id DESC"
    ).fetchall()
    return [_session_of(row) for row in rows]


def read_session(
    con: duckdb.DuckDBPyConnection, *, session_id: int | None = None, code: str | None = None
) -> Session | None:
    """One session by id or by (normalised) join code; None when unknown."""
    where, value = ("s.id = ?", session_id) if code is None else ("s.code = ?", code)
    row = con.execute(
        f"SELECT {_SESSION_COLUMNS} FROM workshop_sessions s "
        f"LEFT JOIN regions r ON r.code = s.region_code WHERE {where}",
        [value],
    ).fetchone()
    return _session_of(row) if row else None


def read_events(con: duckdb.DuckDBPyConnection, session_id: int) -> list[Event]:
    """Every event of a session in id order."""
    rows = con.execute(
        f"SELECT {_EVENT_COLUMNS} FROM workshop_events WHERE session_id = ? ORDER BY id",
        [session_id],
    ).fetchall()
    return [
        Event(
            id=row[0],
            kind=row[1],
            author=row[2],
            created_at=row[3],
            argument_id=row[4],
            into_id=row[5],
            theme_id=row[6],
            text=row[7],
            sentiment=row[8],
            scale=row[9],
            time_frame=row[10],
            indicator_ids=tuple(row[11] or ()),
            stakeholders=tuple(row[12] or ()),
            indicator_id=row[13],
            minimum=row[14],
            ambition=row[15],
            target_year=row[16],
        )
        for row in rows
    ]


def latest_event_id(con: duckdb.DuckDBPyConnection, session_id: int) -> int:
    """The newest event id of a session (0 without events)."""
    row = con.execute(
        "SELECT coalesce(max(id), 0) FROM workshop_events WHERE session_id = ?", [session_id]
    ).fetchone()
    return int(row[0]) if row else 0


def insert_event(
    con: duckdb.DuckDBPyConnection, session_id: int, kind: str, author: str, **values: object
) -> int:
    """Append an event to a session, now; ``values`` name its other columns. Return its id."""
    unknown = set(values) - _EVENT_FIELDS
    if unknown:
        raise ValueError(f"not an event column: {sorted(unknown)}")
    columns = ["session_id", "kind", "author", "created_at", *values]
    return insert_with_id(
        con,
        "workshop_events",
        "workshop_event_ids",
        columns,
        [session_id, kind, author, datetime.now(), *values.values()],
    )


def is_code_taken(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    """Whether a session already uses this join code."""
    return (
        con.execute("SELECT 1 FROM workshop_sessions WHERE code = ?", [code]).fetchone() is not None
    )


def insert_session(
    con: duckdb.DuckDBPyConnection,
    *,
    code: str,
    title: str,
    region_code: str,
    phase: str,
    themes: Sequence[str],
    created_by: str,
    created_at: datetime,
) -> int:
    """Add an open session; return its id."""
    return insert_with_id(
        con,
        "workshop_sessions",
        "workshop_session_ids",
        ["code", "title", "region_code", "phase", "themes", "created_by", "created_at"],
        [code, title, region_code, phase, list(themes), created_by, created_at],
    )


def finalise_session(
    con: duckdb.DuckDBPyConnection, session_id: int, *, by: str, at: datetime
) -> None:
    """Mark a session finalised by ``by`` at ``at``."""
    con.execute(
        "UPDATE workshop_sessions SET status = 'finalised', finalised_by = ?, "
        "finalised_at = ? WHERE id = ?",
        [by, at, session_id],
    )


def is_argument_of(con: duckdb.DuckDBPyConnection, session_id: int, argument_id: int) -> bool:
    """Whether ``argument_id`` is an argument event of this session."""
    row = con.execute(
        "SELECT 1 FROM workshop_events WHERE id = ? AND session_id = ? AND kind = 'argument'",
        [int(argument_id), session_id],
    ).fetchone()
    return row is not None


def read_known_indicators(con: duckdb.DuckDBPyConnection, indicator_ids: Sequence[str]) -> set[str]:
    """Those of ``indicator_ids`` that the catalogue knows."""
    return {
        r[0]
        for r in con.execute(
            "SELECT id FROM indicators WHERE list_contains(?, id)", [list(indicator_ids)]
        ).fetchall()
    }


def read_theme_names(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """Every theme's (English, Dutch) name, by id."""
    return {
        row[0]: (row[1], row[2])
        for row in con.execute("SELECT id, name_en, name_nl FROM themes").fetchall()
    }


def read_indicator_labels(
    con: duckdb.DuckDBPyConnection,
) -> dict[str, tuple[str, str, str, int, str]]:
    """Every indicator's (English name, Dutch name, unit, decimals, direction), by id."""
    return {
        row[0]: (row[1], row[2], row[3], row[4], row[5])
        for row in con.execute(
            "SELECT id, name_en, name_nl, unit, decimals, direction FROM indicators"
        ).fetchall()
    }
