"""What computing NL, landsdeel, province and COROP values from gemeenten reads and writes.

The rule (methods.md §6) lives in :func:`bw.cbs_store.aggregate_from_gemeenten` and
:func:`bw.assess.aggregate_group`; these are its queries.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd


def read_current_gemeenten(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The gemeenten that still exist, with the codes of the regions they lie in."""
    return con.execute(
        "SELECT code, province_code, corop_code, landsdeel_code FROM regions "
        "WHERE level = 'GM' AND last_year IS NULL"
    ).df()


def read_aggregations(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The aggregation rule of every indicator that aggregates over regions, by id."""
    return dict(
        con.execute("SELECT id, aggregation FROM indicators WHERE aggregation <> 'none'").fetchall()
    )


def read_gemeente_values(
    con: duckdb.DuckDBPyConnection,
) -> list[tuple[str, str, int, float, str]]:
    """Yearly values of current gemeenten: (indicator, gemeente, year, value, status) tuples.

    Plain tuples: iterating pandas' Arrow-backed strings cost 1.8 s of a 15 s build.
    """
    return con.execute(
        "SELECT o.indicator_id, o.region_code, o.year, o.value, o.status FROM observations o "
        "JOIN regions r ON r.code = o.region_code "
        "WHERE r.level = 'GM' AND r.last_year IS NULL AND o.value IS NOT NULL "
        "AND o.period = CAST(o.year AS VARCHAR)"
    ).fetchall()


def read_parent_value_keys(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, int]]:
    """(indicator, region, year) of every value NL, a landsdeel, province or COROP has."""
    return {
        (i, r, y)
        for i, r, y in con.execute(
            "SELECT o.indicator_id, o.region_code, o.year FROM observations o "
            "JOIN regions r ON r.code = o.region_code "
            "WHERE r.level IN ('NL', 'LD', 'PV', 'CR') AND o.value IS NOT NULL"
        ).fetchall()
    }


def read_parent_codes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The codes of NL, the landsdelen, provinces and COROP regions the store holds."""
    return {
        code
        for (code,) in con.execute(
            "SELECT code FROM regions WHERE level IN ('NL', 'LD', 'PV', 'CR')"
        ).fetchall()
    }


def insert_aggregated_values(
    con: duckdb.DuckDBPyConnection,
    load_id: int,
    provenance: Sequence[tuple[str, str, str, float, int, int]],
) -> None:
    """Record each computed value's coverage.

    Rows of (indicator, region, period, coverage, members, members with data).
    """
    if provenance:
        con.executemany(
            "INSERT INTO aggregated_values VALUES (?, ?, ?, ?, ?, ?, ?)",
            [[load_id, *row] for row in provenance],
        )
