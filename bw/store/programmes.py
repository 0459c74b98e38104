"""The programme tables: programmes, their regions, opgaven, doelen, activiteiten, linked
indicators and measurement moments (``bw/store/schema.sql``).

Plain reads and writes with bound parameters; :mod:`bw.programmes` checks the input and who
may write before it calls these, and records every write in the audit log.
"""

from __future__ import annotations

from datetime import date

import duckdb

from bw.records.programmes import (
    Activiteit,
    ActivityStatus,
    Doel,
    IndicatorLevel,
    MeasurementMoment,
    Opgave,
    Programme,
    ProgrammeKind,
)
from bw.store.meta import insert_with_id

#: The tables whose rows :func:`exists` may look up (never user input).
_TABLES = frozenset({"programmes", "opgaven", "doelen", "activiteiten"})


def exists(con: duckdb.DuckDBPyConnection, table: str, row_id: int) -> bool:
    """Whether the programme table ``table`` has a row with this id."""
    if table not in _TABLES:
        raise ValueError(f"{table!r} is not a programme table")
    query = f"SELECT count(*) FROM {table} WHERE id = ?"  # noqa: S608 (a fixed table name)
    return bool(con.execute(query, [row_id]).fetchall()[0][0])


def insert_programme(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str,
    kind: ProgrammeKind,
    region_codes: list[str],
    owner: str | None,
    start_year: int | None,
    end_year: int | None,
    description: str | None,
) -> int:
    """Add a programme row and its regions; return its id."""
    programme_id = insert_with_id(
        con,
        "programmes",
        "programme_ids",
        ["name", "kind", "owner", "start_year", "end_year", "description"],
        [name, str(kind), owner, start_year, end_year, description],
    )
    for code in region_codes:
        con.execute("INSERT INTO programme_regions VALUES (?, ?)", [programme_id, code])
    return programme_id


def insert_opgave(
    con: duckdb.DuckDBPyConnection, programme_id: int, *, title: str, description: str | None
) -> int:
    """Add an opgave row; return its id."""
    return insert_with_id(
        con,
        "opgaven",
        "opgave_ids",
        ["programme_id", "title", "description"],
        [programme_id, title, description],
    )


def insert_doel(
    con: duckdb.DuckDBPyConnection,
    opgave_id: int,
    *,
    text: str,
    indicator_id: str | None,
    target_value: float | None,
    target_year: int | None,
    owner: str | None,
    feasibility_note: str | None,
) -> int:
    """Add a doel row; return its id."""
    return insert_with_id(
        con,
        "doelen",
        "doel_ids",
        [
            "opgave_id",
            "text",
            "indicator_id",
            "target_value",
            "target_year",
            "owner",
            "feasibility_note",
        ],
        [opgave_id, text, indicator_id, target_value, target_year, owner, feasibility_note],
    )


def insert_activiteit(
    con: duckdb.DuckDBPyConnection,
    doel_id: int,
    *,
    title: str,
    status: ActivityStatus,
    share_done: float,
    budget: float | None,
) -> int:
    """Add an activiteit row; return its id."""
    return insert_with_id(
        con,
        "activiteiten",
        "activiteit_ids",
        ["doel_id", "title", "status", "share_done", "budget"],
        [doel_id, title, str(status), share_done, budget],
    )


def update_activiteit(
    con: duckdb.DuckDBPyConnection,
    activiteit_id: int,
    *,
    status: ActivityStatus | None = None,
    share_done: float | None = None,
) -> None:
    """Set an activiteit's status and/or share done; a field given as None keeps its value."""
    changes: dict[str, object] = {}
    if status is not None:
        changes["status"] = str(status)
    if share_done is not None:
        changes["share_done"] = share_done
    if not changes:
        return
    con.execute(
        f"UPDATE activiteiten SET {', '.join(f'{name} = ?' for name in changes)} "  # noqa: S608
        "WHERE id = ?",
        [*changes.values(), activiteit_id],
    )


def read_programme_id_of(
    con: duckdb.DuckDBPyConnection, level: IndicatorLevel, ref_id: int
) -> int | None:
    """The programme an opgave or doel belongs to, or None when there is no such row."""
    if level == IndicatorLevel.OPGAVE:
        rows = con.execute("SELECT programme_id FROM opgaven WHERE id = ?", [ref_id]).fetchall()
    else:
        rows = con.execute(
            "SELECT o.programme_id FROM doelen d JOIN opgaven o ON o.id = d.opgave_id "
            "WHERE d.id = ?",
            [ref_id],
        ).fetchall()
    return int(rows[0][0]) if rows else None


def insert_indicator_link(
    con: duckdb.DuckDBPyConnection,
    programme_id: int,
    *,
    level: IndicatorLevel,
    ref_id: int,
    indicator_id: str,
) -> None:
    """Link an indicator to an opgave or doel; linking twice is harmless."""
    con.execute(
        # MERGE rather than ON CONFLICT: a lake store has no primary key to conflict on.
        "MERGE INTO programme_indicators AS p USING (SELECT ? AS programme_id, ? AS level, "
        "? AS ref_id, ? AS indicator_id) AS n ON p.programme_id = n.programme_id "
        "AND p.level = n.level AND p.ref_id = n.ref_id AND p.indicator_id = n.indicator_id "
        "WHEN NOT MATCHED THEN INSERT VALUES (n.programme_id, n.level, n.ref_id, n.indicator_id)",
        [programme_id, str(level), ref_id, indicator_id],
    )


def read_moment_label(con: duckdb.DuckDBPyConnection, programme_id: int, on: date) -> str | None:
    """The label of the programme's measurement moment on ``on``, or None."""
    rows = con.execute(
        "SELECT label FROM measurement_moments WHERE programme_id = ? AND date = ?",
        [programme_id, on],
    ).fetchall()
    return rows[0][0] if rows else None


def insert_measurement_moment(
    con: duckdb.DuckDBPyConnection, programme_id: int, *, on: date, label: str
) -> None:
    """Add a measurement moment row."""
    con.execute("INSERT INTO measurement_moments VALUES (?, ?, ?)", [programme_id, on, label])


def read_programmes(con: duckdb.DuckDBPyConnection) -> list[Programme]:
    """Every programme with its regions (without the plan), by name."""
    rows = con.execute(
        "SELECT id, name, kind, owner, start_year, end_year, description FROM programmes "
        "ORDER BY name, id"
    ).fetchall()
    regions: dict[int, list[str]] = {}
    for programme_id, code in con.execute(
        "SELECT programme_id, region_code FROM programme_regions ORDER BY programme_id, region_code"
    ).fetchall():
        regions.setdefault(programme_id, []).append(code)
    return [
        Programme(
            id=r[0],
            name=r[1],
            kind=ProgrammeKind(r[2]),
            owner=r[3],
            start_year=r[4],
            end_year=r[5],
            description=r[6],
            region_codes=tuple(regions.get(r[0], ())),
        )
        for r in rows
    ]


def read_programme(con: duckdb.DuckDBPyConnection, programme_id: int) -> Programme | None:
    """A programme with its whole plan (opgaven, doelen, activiteiten, indicators, moments)."""
    head = next((p for p in read_programmes(con) if p.id == programme_id), None)
    if head is None:
        return None
    links: dict[tuple[str, int], list[str]] = {}
    for level, ref_id, indicator_id in con.execute(
        "SELECT level, ref_id, indicator_id FROM programme_indicators WHERE programme_id = ? "
        "ORDER BY level, ref_id, indicator_id",
        [programme_id],
    ).fetchall():
        links.setdefault((level, ref_id), []).append(indicator_id)
    activities: dict[int, list[Activiteit]] = {}
    for r in con.execute(
        "SELECT a.id, a.doel_id, a.title, a.status, a.share_done, a.budget FROM activiteiten a "
        "JOIN doelen d ON d.id = a.doel_id JOIN opgaven o ON o.id = d.opgave_id "
        "WHERE o.programme_id = ? ORDER BY a.id",
        [programme_id],
    ).fetchall():
        activities.setdefault(r[1], []).append(
            Activiteit(
                id=r[0],
                doel_id=r[1],
                title=r[2],
                status=ActivityStatus(r[3]),
                share_done=float(r[4]),
                budget=r[5],
            )
        )
    doelen: dict[int, list[Doel]] = {}
    for r in con.execute(
        "SELECT d.id, d.opgave_id, d.text, d.indicator_id, d.target_value, d.target_year, "
        "d.owner, d.feasibility_note FROM doelen d JOIN opgaven o ON o.id = d.opgave_id "
        "WHERE o.programme_id = ? ORDER BY d.id",
        [programme_id],
    ).fetchall():
        doelen.setdefault(r[1], []).append(
            Doel(
                id=r[0],
                opgave_id=r[1],
                text=r[2],
                indicator_id=r[3],
                target_value=r[4],
                target_year=r[5],
                owner=r[6],
                feasibility_note=r[7],
                indicators=tuple(links.get(("doel", r[0]), ())),
                activiteiten=tuple(activities.get(r[0], ())),
            )
        )
    opgaven = tuple(
        Opgave(
            id=r[0],
            programme_id=programme_id,
            title=r[1],
            description=r[2],
            indicators=tuple(links.get(("opgave", r[0]), ())),
            doelen=tuple(doelen.get(r[0], ())),
        )
        for r in con.execute(
            "SELECT id, title, description FROM opgaven WHERE programme_id = ? ORDER BY id",
            [programme_id],
        ).fetchall()
    )
    moments = tuple(
        MeasurementMoment(date=r[0], label=r[1])
        for r in con.execute(
            "SELECT date, label FROM measurement_moments WHERE programme_id = ? ORDER BY date",
            [programme_id],
        ).fetchall()
    )
    return Programme(
        id=head.id,
        name=head.name,
        kind=head.kind,
        owner=head.owner,
        start_year=head.start_year,
        end_year=head.end_year,
        description=head.description,
        region_codes=head.region_codes,
        opgaven=opgaven,
        moments=moments,
    )
