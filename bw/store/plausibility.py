"""The queries of the plausibility checks, run on a sandbox holding a file's staged values.

:mod:`bw.plausibility` holds the rules (ranges per unit and indicator) and the messages; these
functions stage the observations and the rules side by side and find the values that break
them. Each finder returns how many observations it found and the first ``limit`` of them as
dicts (``line``, ``indicator_id``, ``region_code``, ``period``, ``year``, ``value``, and for
range checks the rule's ``low``, ``high``, ``basis``, ``kind`` and ``unit``), ordered by line.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from bw.store.meta import scalar

#: Observations found by one check: how many, and the first few as dicts.
Found = tuple[int, list[dict[str, Any]]]

_OUTSIDE = "(coalesce(o.value < r.low, false) OR coalesce(o.value > r.high, false))"
#: The first day of a period: a year's 1 January, a quarter's or month's first day.
_PERIOD_START = (
    "make_date(year, CASE WHEN period LIKE '%KW%' THEN "
    "(CAST(right(period, 2) AS INTEGER) - 1) * 3 + 1 WHEN period LIKE '%MM%' THEN "
    "CAST(right(period, 2) AS INTEGER) ELSE 1 END, 1)"
)


def stage_checks(db: duckdb.DuckDBPyConnection, observations: pa.Table, rules: pa.Table) -> None:
    """Register the staged observations (as ``obs``) and the rules per indicator on ``db``."""
    db.register("staged", observations)
    line = "line" if "line" in observations.column_names else "NULL::BIGINT"
    db.execute(
        f"CREATE VIEW obs AS SELECT {line} AS line, indicator_id, region_code, "
        "period, year, value FROM staged"
    )
    db.register("rules", rules)


def find_years_outside(
    db: duckdb.DuckDBPyConnection, *, first: int, last: int, limit: int
) -> Found:
    """Observations whose year lies before ``first`` or after ``last``."""
    return _find(db, f"year < {int(first)} OR year > {int(last)}", limit=limit)


def find_future_periods(
    db: duckdb.DuckDBPyConnection, *, first: int, last: int, today: date, limit: int
) -> Found:
    """Observations with a year in range whose period starts after ``today``."""
    return _find(
        db,
        f"year BETWEEN {int(first)} AND {int(last)} AND {_PERIOD_START} > "
        f"DATE '{today.isoformat()}'",
        limit=limit,
    )


def find_values_outside(db: duckdb.DuckDBPyConnection, *, severity: str, limit: int) -> Found:
    """Values outside the range of their indicator's rule of this severity."""
    if severity not in ("error", "warning"):
        raise ValueError(f"unknown severity {severity!r}")
    return _find(db, f"r.severity = '{severity}' AND {_OUTSIDE}", limit=limit, joined=True)


def find_count_fractions(db: duckdb.DuckDBPyConnection, *, limit: int) -> Found:
    """Values of counts with a fraction (within their range)."""
    return _find(
        db, f"r.is_count AND o.value <> round(o.value) AND NOT {_OUTSIDE}", limit=limit, joined=True
    )


def find_fraction_percentages(db: duckdb.DuckDBPyConnection) -> list[tuple[str, int, Any]]:
    """Indicators in % with at least 3 values, all between 0 and 1: (id, count, first line)."""
    rows = db.execute("""
        SELECT o.indicator_id, count(*), min(o.line), max(o.value)
        FROM obs o JOIN rules r USING (indicator_id)
        WHERE r.is_percent AND o.value IS NOT NULL
        GROUP BY o.indicator_id
        HAVING count(*) >= 3 AND max(o.value) <= 1 AND max(o.value) > 0 AND min(o.value) >= 0
        ORDER BY 1
    """).fetchall()
    return [(indicator, count, first) for indicator, count, first, _ in rows]


def _find(
    db: duckdb.DuckDBPyConnection, condition: str, *, limit: int, joined: bool = False
) -> Found:
    source = "obs o JOIN rules r USING (indicator_id)" if joined else "obs o"
    fields = "o.*, r.low, r.high, r.basis, r.kind, r.unit" if joined else "o.*"
    total = scalar(db.execute(f"SELECT count(*) FROM {source} WHERE {condition}"))
    if not total:
        return 0, []
    rows = (
        db.execute(
            f"SELECT {fields} FROM {source} WHERE {condition} ORDER BY o.line, "
            f"o.indicator_id, o.region_code, o.period LIMIT {int(limit)}"
        )
        .df()
        .to_dict("records")
    )
    cleaned: list[dict[str, Any]] = []
    for row in rows:
        clean = {
            str(k): (None if isinstance(v, float) and math.isnan(v) and k != "value" else v)
            for k, v in row.items()
        }
        line = clean["line"]
        clean["line"] = None if line is None or pd.isna(line) else int(line)
        cleaned.append(clean)
    return int(total), cleaned
