"""The policy-option tables: option sets, their options, expected effects and the effects'
history (``bw/store/schema.sql``).

Plain reads and writes with bound parameters; :mod:`bw.policy_options` checks the input and
who may write before it calls these. Every write takes the writer's name and time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from bw.records.policy_options import (
    Confidence,
    Effect,
    ExpectedEffect,
    OptionSet,
    Place,
    PolicyOption,
    Size,
    Timing,
)
from bw.store.meta import insert_with_id


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object]
) -> list[tuple[Any, ...]]:
    return con.execute(sql, params).fetchall()


def insert_option_set(
    con: duckdb.DuckDBPyConnection,
    *,
    region_code: str,
    title: str,
    question: str | None,
    by: str,
    at: datetime,
) -> int:
    """Add an option set row; return its id."""
    return insert_with_id(
        con,
        "policy_option_sets",
        "policy_option_set_ids",
        [
            "region_code",
            "title",
            "question",
            "created_by",
            "created_at",
            "updated_by",
            "updated_at",
        ],
        [region_code, title, question, by, at, by, at],
    )


def insert_option(
    con: duckdb.DuckDBPyConnection,
    set_id: int,
    *,
    position: int,
    name: str,
    description: str | None,
    by: str,
    at: datetime,
) -> int:
    """Add an option row at ``position`` in its set; return its id."""
    return insert_with_id(
        con,
        "policy_options",
        "policy_option_ids",
        [
            "set_id",
            "position",
            "name",
            "description",
            "created_by",
            "created_at",
            "updated_by",
            "updated_at",
        ],
        [set_id, position, name, description, by, at, by, at],
    )


def touch_set(con: duckdb.DuckDBPyConnection, set_id: int, *, by: str, at: datetime) -> None:
    """Record who changed the set (or one of its options or effects) last, and when."""
    con.execute(
        "UPDATE policy_option_sets SET updated_by = ?, updated_at = ? WHERE id = ?",
        [by, at, set_id],
    )


def set_exists(con: duckdb.DuckDBPyConnection, set_id: int) -> bool:
    """Whether an option set with this id exists."""
    return bool(_rows(con, "SELECT 1 FROM policy_option_sets WHERE id = ?", [set_id]))


def read_set_of_option(con: duckdb.DuckDBPyConnection, option_id: int) -> int | None:
    """The set an option belongs to, or None for an unknown option."""
    found = _rows(con, "SELECT set_id FROM policy_options WHERE id = ?", [option_id])
    return int(found[0][0]) if found else None


def count_options(con: duckdb.DuckDBPyConnection, set_id: int) -> int:
    """How many options a set holds."""
    return int(_rows(con, "SELECT count(*) FROM policy_options WHERE set_id = ?", [set_id])[0][0])


def read_option_names(con: duckdb.DuckDBPyConnection, set_id: int) -> list[str]:
    """The names of a set's options, in position order."""
    return [
        r[0]
        for r in _rows(
            con, "SELECT name FROM policy_options WHERE set_id = ? ORDER BY position", [set_id]
        )
    ]


def next_position(con: duckdb.DuckDBPyConnection, set_id: int) -> int:
    """The position after the set's last option (1 for an empty set)."""
    return int(
        _rows(
            con,
            "SELECT coalesce(max(position), 0) + 1 FROM policy_options WHERE set_id = ?",
            [set_id],
        )[0][0]
    )


def read_effect_ids(con: duckdb.DuckDBPyConnection, option_id: int) -> list[int]:
    """The ids of an option's expected effects."""
    return [
        int(r[0])
        for r in _rows(con, "SELECT id FROM policy_effects WHERE option_id = ?", [option_id])
    ]


def archive_effect(
    con: duckdb.DuckDBPyConnection, effect_id: int, *, by: str, at: datetime, change: str
) -> None:
    """Copy an effect as it stands into the history, saying who replaced it, when and how."""
    con.execute(
        "INSERT INTO policy_effect_history SELECT id, option_id, indicator_id, effect, size, "
        "confidence, timing, place, expected_change, note, updated_by, updated_at, ?, ?, ? "
        "FROM policy_effects WHERE id = ?",
        [by, at, change, effect_id],
    )


def delete_option(con: duckdb.DuckDBPyConnection, option_id: int) -> None:
    """Remove an option and its effects (archive the effects first)."""
    con.execute("DELETE FROM policy_effects WHERE option_id = ?", [option_id])
    con.execute("DELETE FROM policy_options WHERE id = ?", [option_id])


def read_effect_id(
    con: duckdb.DuckDBPyConnection,
    option_id: int,
    *,
    indicator_id: str,
    timing: Timing,
    place: Place,
) -> int | None:
    """The id of an option's effect on an indicator at a time and place, or None."""
    found = _rows(
        con,
        "SELECT id FROM policy_effects WHERE option_id = ? AND indicator_id = ? "
        "AND timing = ? AND place = ?",
        [option_id, indicator_id, str(timing), str(place)],
    )
    return int(found[0][0]) if found else None


def update_effect(
    con: duckdb.DuckDBPyConnection,
    effect_id: int,
    *,
    effect: Effect,
    size: Size,
    confidence: Confidence,
    expected_change: float | None,
    note: str | None,
    by: str,
    at: datetime,
) -> None:
    """Replace the judgement of an existing effect (archive the old one first)."""
    con.execute(
        "UPDATE policy_effects SET effect = ?, size = ?, confidence = ?, expected_change = ?, "
        "note = ?, updated_by = ?, updated_at = ? WHERE id = ?",
        [str(effect), str(size), str(confidence), expected_change, note, by, at, effect_id],
    )


def insert_effect(
    con: duckdb.DuckDBPyConnection,
    option_id: int,
    *,
    indicator_id: str,
    timing: Timing,
    place: Place,
    effect: Effect,
    size: Size,
    confidence: Confidence,
    expected_change: float | None,
    note: str | None,
    by: str,
    at: datetime,
) -> int:
    """Add an expected effect row; return its id."""
    return insert_with_id(
        con,
        "policy_effects",
        "policy_effect_ids",
        [
            "option_id",
            "indicator_id",
            "timing",
            "place",
            "effect",
            "size",
            "confidence",
            "expected_change",
            "note",
            "updated_by",
            "updated_at",
        ],
        [
            option_id,
            indicator_id,
            str(timing),
            str(place),
            str(effect),
            str(size),
            str(confidence),
            expected_change,
            note,
            by,
            at,
        ],
    )


def read_option_of_effect(con: duckdb.DuckDBPyConnection, effect_id: int) -> int | None:
    """The option an effect belongs to, or None for an unknown effect."""
    found = _rows(con, "SELECT option_id FROM policy_effects WHERE id = ?", [effect_id])
    return int(found[0][0]) if found else None


def delete_effect(con: duckdb.DuckDBPyConnection, effect_id: int) -> None:
    """Remove an effect row (archive it first)."""
    con.execute("DELETE FROM policy_effects WHERE id = ?", [effect_id])


def read_option_sets(
    con: duckdb.DuckDBPyConnection, region_code: str | None = None
) -> list[OptionSet]:
    """Every option set (of one region, when given) with its options but without effects."""
    where, params = ("WHERE region_code = ?", [region_code]) if region_code else ("", [])
    heads = _rows(
        con,
        "SELECT id, region_code, title, question, created_by, created_at, updated_by, "
        f"updated_at FROM policy_option_sets {where} ORDER BY id",
        params,
    )  # noqa: S608
    options: dict[int, list[PolicyOption]] = {}
    for r in _rows(
        con,
        "SELECT id, set_id, position, name, description FROM policy_options "
        "ORDER BY set_id, position",
        [],
    ):
        options.setdefault(r[1], []).append(PolicyOption(*r))
    return [
        OptionSet(
            id=h[0],
            region_code=h[1],
            title=h[2],
            question=h[3],
            created_by=h[4],
            created_at=h[5],
            updated_by=h[6],
            updated_at=h[7],
            options=tuple(options.get(h[0], ())),
        )
        for h in heads
    ]


def read_option_set(con: duckdb.DuckDBPyConnection, set_id: int) -> OptionSet | None:
    """One option set with its options and their expected effects; None when unknown."""
    head = next((s for s in read_option_sets(con) if s.id == set_id), None)
    if head is None:
        return None
    effects: dict[int, list[ExpectedEffect]] = {}
    for r in _rows(
        con,
        "SELECT e.id, e.option_id, e.indicator_id, e.effect, e.size, e.confidence, e.timing, "
        "e.place, e.expected_change, e.note, e.updated_by, e.updated_at FROM policy_effects e "
        "JOIN policy_options o ON o.id = e.option_id WHERE o.set_id = ? ORDER BY e.id",
        [set_id],
    ):
        effects.setdefault(r[1], []).append(
            ExpectedEffect(
                id=r[0],
                option_id=r[1],
                indicator_id=r[2],
                effect=Effect(r[3]),
                size=Size(r[4]),
                confidence=Confidence(r[5]),
                timing=Timing(r[6]),
                place=Place(r[7]),
                expected_change=r[8],
                note=r[9],
                updated_by=r[10],
                updated_at=r[11],
            )
        )
    options = tuple(
        PolicyOption(
            o.id, o.set_id, o.position, o.name, o.description, tuple(effects.get(o.id, ()))
        )
        for o in head.options
    )
    return OptionSet(
        head.id,
        head.region_code,
        head.title,
        head.question,
        head.created_by,
        head.created_at,
        head.updated_by,
        head.updated_at,
        options,
    )


def read_effect_history(con: duckdb.DuckDBPyConnection, set_id: int) -> pd.DataFrame:
    """Earlier versions of the set's effects, newest first (also of removed options)."""
    return con.execute(
        "SELECT h.* FROM policy_effect_history h WHERE h.option_id IN (SELECT id FROM "
        "policy_options WHERE set_id = ?) OR h.option_id NOT IN (SELECT id FROM policy_options) "
        "ORDER BY h.replaced_at DESC, h.effect_id",
        [set_id],
    ).df()
