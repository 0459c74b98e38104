"""Regions and region groups: written, corrected and read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from bw.model import GroupKind, Level, Region
from bw.store.errors import StoreError


def insert_regions(
    con: duckdb.DuckDBPyConnection,
    regions: Iterable[Region],
    *,
    created_by_load: int | None = None,
) -> None:
    """Add regions."""
    rows = [
        [
            r.code,
            r.name,
            str(r.level),
            r.landsdeel_code,
            r.province_code,
            r.corop_code,
            r.gemeente_code,
            r.first_year,
            r.last_year,
            r.size_class,
            r.urbanity,
            created_by_load,
        ]
        for r in regions
    ]
    if rows:
        con.executemany(
            "INSERT INTO regions (code, name, level, landsdeel_code, province_code, corop_code, "
            "gemeente_code, first_year, last_year, size_class, urbanity, created_by_load) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def update_region_attributes(
    con: duckdb.DuckDBPyConnection, regions: Iterable[Region], *, load_id: int
) -> int:
    """Set province, COROP, landsdeel, size class and urbanity of existing regions.

    The previous attributes are kept per load in ``region_attribute_history`` for undo.
    Returns how many regions were updated.
    """
    rows = [
        [r.province_code, r.corop_code, r.landsdeel_code, r.size_class, r.urbanity, r.code]
        for r in regions
    ]
    for row in rows:
        con.execute(
            "INSERT INTO region_attribute_history SELECT ?, code, province_code, corop_code, "
            "landsdeel_code, size_class, urbanity FROM regions WHERE code = ?",
            [load_id, row[-1]],
        )
        con.execute(
            "UPDATE regions SET province_code = ?, corop_code = ?, landsdeel_code = ?, "
            "size_class = ?, urbanity = ? WHERE code = ?",
            row,
        )
    return len(rows)


def insert_group(
    con: duckdb.DuckDBPyConnection,
    *,
    code: str,
    name: str,
    kind: GroupKind,
    member_codes: Sequence[str],
    description: str | None = None,
) -> None:
    """Add a region group (a Regio Deal, a peer group, …) with its members."""
    missing = _unknown_codes(con, member_codes)
    if missing:
        raise StoreError(f"group {code} names unknown regions: {missing}")
    insert_regions(con, [Region(code=code, name=name, level=Level.GROUP)])
    con.execute("INSERT INTO region_groups VALUES (?, ?, ?)", [code, str(kind), description])
    con.executemany(
        "INSERT INTO region_group_members VALUES (?, ?)", [[code, m] for m in member_codes]
    )


def insert_region_mergers(
    con: duckdb.DuckDBPyConnection, mergers: Iterable[tuple[str, str, int, float]]
) -> None:
    """Record herindelingen: (old code, new code, year, share of the old population)."""
    rows = [list(merger) for merger in mergers]
    if rows:
        con.executemany("INSERT INTO region_mergers VALUES (?, ?, ?, ?)", rows)


def _unknown_codes(con: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> list[str]:
    known = {row[0] for row in con.execute("SELECT code FROM regions").fetchall()}
    return sorted(set(codes) - known)


def read_regions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All regions, ordered by level (NL first, groups last) and name."""
    return con.execute(
        "SELECT code, name, level, province_code, corop_code, landsdeel_code, size_class, "
        "urbanity, first_year, last_year FROM regions "
        "ORDER BY CASE level WHEN 'NL' THEN 1 WHEN 'LD' THEN 2 WHEN 'PV' THEN 3 WHEN 'CR' THEN 4 "
        "WHEN 'GM' THEN 5 WHEN 'WK' THEN 6 WHEN 'BU' THEN 7 ELSE 8 END, name, code"
    ).df()


#: The columns of regions that make a :class:`bw.model.Region`, in its field names.
REGION_FIELDS = (
    "code",
    "name",
    "level",
    "province_code",
    "corop_code",
    "landsdeel_code",
    "gemeente_code",
    "first_year",
    "last_year",
    "size_class",
    "urbanity",
)
#: Where a row of :func:`read_region_rows` holds the level.
REGION_LEVEL = REGION_FIELDS.index("level")


def read_region(con: duckdb.DuckDBPyConnection, code: str) -> Region | None:
    """One region by its code, or None."""
    row = con.execute(
        f"SELECT {', '.join(REGION_FIELDS)} FROM regions WHERE code = ?", [code]
    ).fetchone()
    return None if row is None else region_of_row(row)


def read_region_rows(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[Any, ...]]:
    """Every region's row (the fields of a Region, in order) by code; see region_of_row."""
    rows = con.execute(f"SELECT {', '.join(REGION_FIELDS)} FROM regions").fetchall()
    return {row[0]: row for row in rows}


def region_of_row(row: Sequence[Any]) -> Region:
    """A region read by :func:`read_region_rows` as a record."""
    return Region(**dict(zip(REGION_FIELDS, row, strict=True)))


def read_region_and_province(
    con: duckdb.DuckDBPyConnection, code: str
) -> tuple[Region | None, Region | None]:
    """A region and its province; no province for a province itself or without one.

    Two lookups by primary key: one query with a subquery made DuckDB scan the whole table.
    """
    region = read_region(con, code)
    if region is None or region.level == "PV" or not region.province_code:
        return region, None
    return region, read_region(con, region.province_code)


def read_group_members(con: duckdb.DuckDBPyConnection, group_code: str) -> list[str]:
    """The member region codes of a region group."""
    rows = con.execute(
        "SELECT region_code FROM region_group_members WHERE group_code = ? ORDER BY region_code",
        [group_code],
    ).fetchall()
    return [row[0] for row in rows]


@dataclass(frozen=True, slots=True)
class RegionGroup:
    """A region group (a Regio Deal, a peer group, …) with its members."""

    code: str  # 'RD_ZUID_LIMBURG'
    kind: GroupKind  # GroupKind.REGIO_DEAL
    description: str | None
    members: tuple[str, ...]  # ('GM0882', 'GM0888', …), by code


def read_group(con: duckdb.DuckDBPyConnection, group_code: str) -> RegionGroup | None:
    """A region group's kind, description and members, or None when it is no group."""
    row = con.execute(
        "SELECT kind, description FROM region_groups WHERE code = ?", [group_code]
    ).fetchone()
    if row is None:
        return None
    members = tuple(read_group_members(con, group_code))
    return RegionGroup(group_code, GroupKind(row[0]), row[1], members)


def peer_key_of(region: Region) -> str | None:
    """The default peer class of a gemeente: size class and urbanity, as '4-3'.

    >>> peer_key_of(Region("GM0001", "Een", "GM", size_class=4, urbanity=3))
    '4-3'
    """
    if region.size_class is None or region.urbanity is None:
        return None
    return f"{region.size_class}-{region.urbanity}"
