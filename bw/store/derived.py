"""The derived tables (ranks, comparison periods, references, latest values) and their readers."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bw import config
from bw.assess import DEFAULT_THRESHOLDS, ComparisonPeriod, Thresholds
from bw.model import ObservationStatus
from bw.store.catalogue import DIMENSION_ORDER
from bw.store.judgements import refresh_judgements
from bw.store.meta import memory_limit, scalar
from bw.store.regions import REGION_FIELDS

if TYPE_CHECKING:
    from bw.store.region_page import SharedReads


@dataclass(frozen=True, slots=True)
class SeriesSummary:
    """One row of ``latest_values``: a region's latest value of an indicator and its series."""

    indicator_id: str  # 'wonen.woonquote'
    region_code: str  # 'GM0363'
    year: int  # the latest year with a value: 2024
    value: float  # 71.2
    load_id: int  # provenance of the latest value: 7
    rank: int | None  # position in the comparison period of the level (1 = best), if ranked
    n_ranked: int | None  # regions ranked in that year: 342
    quartile: str | None  # 'best_quartile'
    years: tuple[int, ...]  # (2012, 2014, …, 2024), ascending
    values: tuple[float, ...]  # (70.1, 70.9, …, 71.2)
    ci_low: tuple[float | None, ...]  # None where there is no interval
    ci_high: tuple[float | None, ...]
    status: tuple[str, ...]  # ('definitief', …, 'voorlopig')


_SUMMARY_COLUMNS = (
    "indicator_id",
    "region_code",
    "year",
    "value",
    "load_id",
    "rank",
    "n_ranked",
    "quartile",
    "series_json",  # the series' five lists in one text: fetched much faster (migrations/v7)
)


@dataclass(frozen=True, slots=True)
class Position:
    """A region's rank among the regions of its level in one year (methods.md §3)."""

    rank: int  # 1 = best (highest for neutral indicators)
    n: int  # regions with a value: 342
    quartile: str  # 'best_quartile'; neutral indicators: 'highest_quartile', …


@dataclass(frozen=True, slots=True)
class MissingPeriod:
    """The newest period a source left empty after a series' latest value, and why."""

    indicator_id: str  # 'gezondheid.ervaren_gezondheid'
    year: int  # 2022
    missing_reason: str | None  # 'te_weinig_respondenten'
    n_missing: int  # empty periods after the latest value: 1


@dataclass(frozen=True, slots=True)
class AggregatedValue:
    """A latest value bw computed from gemeenten (methods.md §6), with its coverage."""

    indicator_id: str  # 'arbeid.werkloosheid'
    year: int  # 2024
    coverage: float  # population share of the members with a value: 0.93
    n_members: int  # 12
    n_with_value: int  # 11


# Only yearly periods feed the derived tables: the methods judge calendar years.
_YEARLY = "o.value IS NOT NULL AND o.period = CAST(o.year AS VARCHAR)"

# Written into {into}: latest_values, or a full refresh's staging table (_in_region_order).
_REFRESH_LATEST = """
INSERT INTO {into}
SELECT s.indicator_id, s.region_code, s.series_years[-1], s.series_values[-1],
       s.series_ci_low[-1], s.series_ci_high[-1], s.series_status[-1], s.load_id,
       s.series_years[-2], s.series_values[-2], len(s.series_years),
       r.rank, r.n, r.quartile,
       s.series_years, s.series_values, s.series_ci_low, s.series_ci_high, s.series_status,
       -- the five lists as one text, which pages fetch much faster (migrations/v7), kept
       -- short: the text is held three times over in a full refresh (its staging and sort),
       -- so an interval list without any interval is null and the statuses are those other
       -- than definitief with their positions (python -m bw bench, 10 million: 694 -> 331
       -- characters a row; series_summary_of)
       to_json({{'y': s.series_years, 'v': s.series_values,
                 'l': CASE WHEN list_count(s.series_ci_low) > 0 THEN s.series_ci_low END,
                 'h': CASE WHEN list_count(s.series_ci_high) > 0 THEN s.series_ci_high END,
                 'p': list_filter(range(len(s.series_status)),
                                  lambda i: s.series_status[i + 1] IS DISTINCT FROM 'definitief'),
                 'q': list_filter(s.series_status,
                                  lambda x: x IS DISTINCT FROM 'definitief')}})::VARCHAR
FROM (
    -- One ordered list of structs per series, split afterwards: one sort per group, not five
    -- (python -m bw bench, 10 million observations: 15 s -> 6 s, identical rows). The list is
    -- sorted after it is built rather than by an ordered aggregate: a series has each year
    -- once and the year is the struct's first field, so the order is the same (python -m bw
    -- bench --ingest, 10 million rows: 4.0 s -> 3.4 s).
    SELECT indicator_id, region_code, load_id,
           list_transform(points, lambda p: p.year) AS series_years,
           list_transform(points, lambda p: p.value) AS series_values,
           list_transform(points, lambda p: p.ci_low) AS series_ci_low,
           list_transform(points, lambda p: p.ci_high) AS series_ci_high,
           list_transform(points, lambda p: p.status) AS series_status
    FROM (
        SELECT o.indicator_id, o.region_code,
               list_sort(list({{'year': o.year, 'value': o.value, 'ci_low': o.ci_low,
                               'ci_high': o.ci_high, 'status': o.status}}),
                         'ASC', 'NULLS FIRST') AS points,
               arg_max(o.load_id, o.year) AS load_id
        FROM observations o
        WHERE {yearly} AND {scope}
        GROUP BY o.indicator_id, o.region_code
    )
) s
-- The position in the comparison period of the region's level (methods.md §3), not in the
-- series' latest year: a region without a value in that period has none. The ranks are those
-- of the batch's indicators ({ranked}, its ids again): in a full refresh the ranks written so
-- far sit in the transaction's own storage, which DuckDB scans whole for a join, so without
-- that filter each batch read all earlier batches' ranks (python -m bw bench, 10 million
-- observations: latest values 25 s -> 6 s of the refresh, the time growing with each batch).
-- Written in the order pages read them, by region (see _in_region_order); a load of many
-- indicators at once gets that order without staging, and the index takes sorted keys faster.
LEFT JOIN regions g ON g.code = s.region_code
LEFT JOIN comparison_periods c ON c.indicator_id = s.indicator_id AND c.level = g.level
LEFT JOIN (SELECT * FROM ranks r WHERE {ranked}) r
  ON r.indicator_id = s.indicator_id AND r.region_code = s.region_code AND r.year = c.year
ORDER BY s.region_code, s.indicator_id
"""

# NL and provinces are their own observations; a peer class is the plain mean of the gemeenten
# of one size class and urbanity (methods.md §3: "the peer group mean").
_REFRESH_REFERENCES = """
INSERT INTO reference_values
SELECT o.indicator_id, o.year, r.level, r.code, o.value, o.ci_low, o.ci_high, 1
FROM observations o JOIN regions r ON r.code = o.region_code
WHERE {yearly} AND r.level IN ('NL', 'PV') AND {scope}
UNION ALL
SELECT o.indicator_id, o.year, 'peer', r.size_class || '-' || r.urbanity, avg(o.value), NULL, NULL,
       count(*)
FROM observations o JOIN regions r ON r.code = o.region_code
WHERE {yearly} AND r.level = 'GM' AND r.size_class IS NOT NULL AND r.urbanity IS NOT NULL
  AND {scope}
GROUP BY ALL
"""

# Competition ranking (1, 2, 2, 4) in the good direction; neutral indicators high-to-low, and
# their quarters are called highest/lowest, never best/worst (methods.md §3; migration v4).
# Written in the order pages read it (indicator, level, year), so the min/max of each row group
# lets a ranking skip the others (python -m bw bench: 79 of 82 row groups scanned -> 2).
# The window and the sort carry an indicator's position in the sorted batch (the first
# parameter) instead of its id, a string too long to sort cheaply, and the id is looked up
# again after the sort: the same rows in the same order (python -m bw bench --ingest, 10
# million rows: 4.0 s -> 3.4 s). Parameters: the batch as a list, three times, then its ids.
_REFRESH_RANKS = """
INSERT INTO ranks
SELECT list_extract(?, number), region_code, level, year, value, rank, n,
       CASE WHEN rank <= ceil(n / 4) THEN CASE WHEN neutral THEN 'highest_quartile'
                                               ELSE 'best_quartile' END
            WHEN rank > n - ceil(n / 4) THEN CASE WHEN neutral THEN 'lowest_quartile'
                                                  ELSE 'worst_quartile' END
            ELSE 'middle' END
FROM (
    SELECT o.region_code, r.level, o.year, o.value, i.number, i.direction = 'neutral' AS neutral,
           rank() OVER levelyear AS rank,
           count(*) OVER (PARTITION BY i.number, r.level, o.year) AS n
    FROM observations o
    JOIN regions r ON r.code = o.region_code
    JOIN (SELECT id, direction, list_position(?, id)::UINTEGER AS number
          FROM indicators WHERE list_contains(?, id)) i ON i.id = o.indicator_id
    WHERE {yearly} AND r.level NOT IN ('NL', 'group')
      AND {scope}
    WINDOW levelyear AS (
        PARTITION BY i.number, r.level, o.year
        ORDER BY CASE WHEN i.direction = 'down' THEN o.value ELSE -o.value END
    )
)
ORDER BY number, level, year, rank
"""


# Why the newest periods have no value: per series, the newest missing period after the latest
# value (or with no value at all), with its reason. Yearly periods only, like the others.
_REFRESH_MISSING = """
INSERT INTO latest_missing
SELECT m.indicator_id, m.region_code, max(m.year), arg_max(m.missing_reason, m.year), count(*)
FROM observations m
LEFT JOIN (
    SELECT o.indicator_id, o.region_code, max(o.year) AS latest_year
    FROM observations o WHERE {yearly} AND {scope} GROUP BY ALL
) l ON l.indicator_id = m.indicator_id AND l.region_code = m.region_code
WHERE m.value IS NULL AND m.period = CAST(m.year AS VARCHAR)
  AND {outer_scope}
  AND (l.latest_year IS NULL OR m.year > l.latest_year)
GROUP BY ALL
"""


# The comparison period per indicator and level (methods.md §3), counted from the ranks, which
# hold every region with a yearly value except NL and groups, with its level: the window is the
# last trend_window_years up to the latest year with a value (up to the as-of year, when given);
# the period is the window's latest year in which a share of the regions that reported in the
# window have a value. bw.assess.select_comparison_period is the reference version. Parameters:
# see _comparison_params.
_COMPARISON_PERIODS = """
WITH counts AS (
    SELECT o.indicator_id, o.level, o.year, count(*) AS n_with_value
    FROM ranks o
    WHERE o.year <= coalesce(?, o.year) AND {scope} {level}
    GROUP BY ALL
), latest AS (
    SELECT indicator_id, level, max(year) AS latest_year,
           arg_max(n_with_value, year) AS n_latest
    FROM counts GROUP BY ALL
), reporting AS (
    SELECT o.indicator_id, o.level, count(DISTINCT o.region_code) AS n_reporting
    FROM ranks o JOIN latest l ON l.indicator_id = o.indicator_id AND l.level = o.level
    WHERE o.year <= coalesce(?, o.year) AND {scope} {level} AND o.year > l.latest_year - ?
    GROUP BY ALL
), met AS (
    -- Equal to the share counts as enough; the tolerance forgives 0.8 * 35 = 28.000000000000004.
    SELECT c.indicator_id, c.level, c.year, c.n_with_value
    FROM counts c
    JOIN latest l ON l.indicator_id = c.indicator_id AND l.level = c.level
    JOIN reporting p ON p.indicator_id = c.indicator_id AND p.level = c.level
    WHERE c.year > l.latest_year - ?
      AND c.n_with_value >= ? * p.n_reporting * (1 - 1e-9)
)
SELECT l.indicator_id, l.level, max(m.year) AS year, arg_max(m.n_with_value, m.year),
       p.n_reporting, l.latest_year, l.n_latest
FROM latest l
JOIN reporting p ON p.indicator_id = l.indicator_id AND p.level = l.level
LEFT JOIN met m ON m.indicator_id = l.indicator_id AND m.level = l.level
GROUP BY l.indicator_id, l.level, p.n_reporting, l.latest_year, l.n_latest
"""


def _comparison_params(
    scope: Sequence[object], as_of: int | None, thresholds: Thresholds
) -> list[object]:
    """The parameters of :data:`_COMPARISON_PERIODS`; ``scope`` those of its scope and level."""
    window = thresholds.trend_window_years
    return [as_of, *scope, as_of, *scope, window, window, thresholds.comparison_coverage]


#: The derived tables :func:`refresh_derived` rebuilds, in the order it deletes them.
DERIVED_TABLES = (
    "ranks",
    "comparison_periods",
    "reference_values",
    "latest_values",
    "latest_missing",
    "judgements",
)


def refresh_derived(
    con: duckdb.DuckDBPyConnection,
    *,
    indicator_ids: Sequence[str] | None = None,
    region_codes: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> None:
    """Rebuild ranks, comparison periods, references, latest values and judgements, for some or all.

    Run it inside the transaction of the write that made it necessary. All indicators are
    rebuilt one at a time, so the memory a refresh needs grows with one indicator's
    observations, not with the store (python -m bw bench, 10 million: 3.5 GB -> 1.1 GB).
    With ``region_codes`` (and ``indicator_ids``), only what observations of those regions
    (in ``years``, when given) can change is rebuilt: see :func:`_refresh_scoped`. The
    comparison periods use the share and window of ``bw.assess.DEFAULT_THRESHOLDS``
    (methods.md §3); :func:`read_comparison_periods` computes them for other thresholds.
    """
    if indicator_ids is None:
        if region_codes is not None or years is not None:
            raise ValueError("region_codes and years narrow a refresh of given indicator_ids")
        # A full rebuild rewrites every derived row in one transaction, and DuckDB 1.5 holds a
        # transaction's new rows in memory: at 10 million observations that is more than the
        # reading limit (out of memory at 768MB), so it gets a large load's limit meanwhile.
        with memory_limit(con, config.load_memory_limit(), after=config.memory_limit()):
            _refresh_all(con)
        return
    _refresh_some(con, indicator_ids=indicator_ids, region_codes=region_codes, years=years)


def _refresh_all(con: duckdb.DuckDBPyConnection) -> None:
    """Empty every derived table and rebuild it one indicator at a time."""
    for table in DERIVED_TABLES:
        con.execute(f"DELETE FROM {table}")
    ids = con.execute("SELECT id FROM indicators ORDER BY id").fetchall()
    with _in_region_order(con, "latest_values") as staging:
        _rebuild(con, [[row[0]] for row in ids], latest_into=staging)
    with _in_region_order(con, "judgements") as staging:
        refresh_judgements(con, indicator_ids=None, region_codes=None, into=staging)


@contextmanager
def _in_region_order(con: duckdb.DuckDBPyConnection, table: str) -> Iterator[str]:
    """A staging table for ``table``'s new rows, moved into it sorted by region at the end.

    Pages read latest values and judgements by region; written one indicator at a time, a
    region's 41 rows lay one per batch, and DuckDB fetched each from another part of the table
    (python -m bw bench, 10 million observations: the two lookups 5.6 -> 3.2 ms per region).
    Staging costs the full refresh about a second; rows a later load rewrites are appended.
    On an error the staging table is left to the rollback: a failed transaction refuses any
    statement, so dropping it then would hide the error behind "transaction is aborted".
    """
    staging = f"staged_{table}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {staging} AS SELECT * FROM {table} LIMIT 0")
    yield staging
    con.execute(f"INSERT INTO {table} SELECT * FROM {staging} ORDER BY region_code, indicator_id")
    con.execute(f"DROP TABLE {staging}")


def _refresh_some(
    con: duckdb.DuckDBPyConnection,
    *,
    indicator_ids: Sequence[str],
    region_codes: Sequence[str] | None,
    years: Sequence[int] | None,
) -> None:
    """Rebuild what observations of some indicators (and regions, years) can change."""
    if region_codes is not None:
        _refresh_scoped(con, Scope.of(indicator_ids, region_codes, years))
    else:
        batch = sorted(set(indicator_ids))
        for table in DERIVED_TABLES:
            con.execute(f"DELETE FROM {table} o WHERE {_scope(batch)}", batch)
        _rebuild(con, [batch] if batch else [])
    refresh_judgements(con, indicator_ids=indicator_ids, region_codes=region_codes)


def _rebuild(
    con: duckdb.DuckDBPyConnection, batches: list[list[str]], *, latest_into: str = "latest_values"
) -> None:
    """Insert the derived rows of each batch of indicators (their old rows are gone)."""
    for batch in batches:
        # Ranks first, then the comparison periods counted from them: latest_values copies each
        # series' rank in the comparison period of its level.
        comparison = "INSERT INTO comparison_periods " + _COMPARISON_PERIODS
        for insert, params in (
            (_REFRESH_RANKS, [batch, batch, batch, *batch]),
            (comparison, _comparison_params(batch, None, DEFAULT_THRESHOLDS)),
            (_REFRESH_REFERENCES, batch * 2),
            (_REFRESH_LATEST, batch * 2),
        ):
            con.execute(
                insert.format(
                    scope=_scope(batch),
                    yearly=_YEARLY,
                    level="",
                    ranked=_scope(batch, alias="r"),
                    into=latest_into,
                ),
                params,
            )
        con.execute(
            _REFRESH_MISSING.format(
                scope=_scope(batch), yearly=_YEARLY, outer_scope=_scope(batch, alias="m")
            ),
            batch * 2,
        )


def _scope(indicator_ids: Sequence[str], *, alias: str = "o") -> str:
    # Literal placeholders (not a subquery) let DuckDB skip row groups of other indicators.
    return f"{alias}.indicator_id IN ({_marks(indicator_ids)})"


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


@dataclass(frozen=True, slots=True)
class Scope:
    """What a write touched: indicators, regions and (None: any) years, sorted and distinct."""

    indicator_ids: list[str]  # ['wonen.woonquote']
    region_codes: list[str]  # ['GM0363', 'GM0599']
    years: list[int] | None  # [2023, 2024]; None when every year may have changed

    @classmethod
    def of(
        cls,
        indicator_ids: Sequence[str],
        region_codes: Sequence[str],
        years: Sequence[int] | None,
    ) -> Scope:
        """The scope of these values, each list sorted and without repeats."""
        return cls(
            sorted(set(indicator_ids)),
            sorted(set(region_codes)),
            None if years is None else sorted({int(year) for year in years}),
        )

    def where(
        self, *, alias: str = "o", regions: bool = True, years: bool = False
    ) -> tuple[str, list[object]]:
        """A condition on the scope's indicators (and regions, years) and its parameters."""
        sql = [_scope(self.indicator_ids, alias=alias)]
        params: list[object] = list(self.indicator_ids)
        if regions:
            sql.append(f"{alias}.region_code IN ({_marks(self.region_codes)})")
            params += self.region_codes
        if years and self.years is not None:
            sql.append(f"{alias}.year IN ({_marks(self.years)})")
            params += self.years
        return " AND ".join(sql), params


def _refresh_scoped(con: duckdb.DuckDBPyConnection, scope: Scope) -> None:
    """Rebuild what observations of ``scope`` can change, and nothing else.

    A region's own rows (latest_values, latest_missing) depend on its series alone. What is
    counted over all regions of a level is rebuilt for the touched indicators x levels (x years):
    the ranks, the comparison periods counted from them, the references (NL, province, peer
    mean) and the position each latest value copies from them, for every region of those levels.
    The levels are read from the regions and from the old ranks, so a region an undo removed
    still takes its level's ranks along. The same rows as a full refresh (test_incremental_refresh).
    """
    if not scope.indicator_ids or not scope.region_codes:
        return
    ids, codes = scope.indicator_ids, scope.region_codes
    levels = [
        row[0]
        for row in con.execute(
            f"SELECT level FROM regions WHERE code IN ({_marks(codes)}) UNION "
            f"SELECT level FROM ranks o WHERE {scope.where()[0]} ORDER BY 1",
            [*codes, *scope.where()[1]],
        ).fetchall()
    ]
    own, own_params = scope.where()
    own_m, _ = scope.where(alias="m")
    years_only, years_params = scope.where(regions=False, years=True)
    ranked_sql = f"{years_only} AND {_levels(levels, 'o')}"
    ranked_params = [*years_params, *levels]
    for table, where, params in (
        ("ranks", ranked_sql, ranked_params),
        ("comparison_periods", f"{_scope(ids)} AND {_levels(levels, 'o')}", [*ids, *levels]),
        ("reference_values", years_only, years_params),
        ("latest_values", own, own_params),
        ("latest_missing", own, own_params),
    ):
        con.execute(f"DELETE FROM {table} o WHERE {where}", params)
    region_level = f"{years_only} AND {_levels(levels, 'r')}"
    con.execute(
        _REFRESH_RANKS.format(scope=region_level, yearly=_YEARLY),
        [ids, ids, ids, *ranked_params],
    )
    con.execute(
        "INSERT INTO comparison_periods "
        + _COMPARISON_PERIODS.format(scope=_scope(ids), level=f"AND {_levels(levels, 'o')}"),
        _comparison_params([*ids, *levels], None, DEFAULT_THRESHOLDS),
    )
    con.execute(_REFRESH_REFERENCES.format(scope=years_only, yearly=_YEARLY), years_params * 2)
    con.execute(
        _REFRESH_LATEST.format(
            scope=own, yearly=_YEARLY, ranked=_scope(ids, alias="r"), into="latest_values"
        ),
        [*own_params, *ids],
    )
    con.execute(
        _REFRESH_MISSING.format(scope=own, yearly=_YEARLY, outer_scope=own_m), own_params * 2
    )
    # Ranks and comparison periods of whole levels moved: so did the positions other regions'
    # latest values copy from them (a new value in the comparison year changes every n).
    con.execute(
        _REPOSITION_LATEST.format(indicators=_scope(ids, alias="v"), levels=_levels(levels, "g")),
        [*ids, *levels],
    )


def _levels(levels: Sequence[str], alias: str) -> str:
    # No levels (no region of the scope exists or was ranked): nothing of a level to rebuild.
    return f"{alias}.level IN ({_marks(levels)})" if levels else "FALSE"


# The position columns of latest_values again, as _REFRESH_LATEST joins them, for every region
# of the touched indicators x levels; only rows whose position changed are written.
_REPOSITION_LATEST = """
UPDATE latest_values AS l
SET rank = x.rank, n_ranked = x.n, quartile = x.quartile
FROM (
    SELECT v.indicator_id, v.region_code, r.rank, r.n, r.quartile
    FROM latest_values v
    JOIN regions g ON g.code = v.region_code
    LEFT JOIN comparison_periods c ON c.indicator_id = v.indicator_id AND c.level = g.level
    LEFT JOIN ranks r
      ON r.indicator_id = v.indicator_id AND r.region_code = v.region_code AND r.year = c.year
    WHERE {indicators} AND {levels}
) x
WHERE l.indicator_id = x.indicator_id AND l.region_code = x.region_code
  AND (l.rank IS DISTINCT FROM x.rank OR l.n_ranked IS DISTINCT FROM x.n
       OR l.quartile IS DISTINCT FROM x.quartile)
"""


def read_missing(con: duckdb.DuckDBPyConnection, region_code: str) -> dict[str, MissingPeriod]:
    """Per indicator, the newest period a source left empty after the latest value, and why."""
    rows = con.execute(
        "SELECT indicator_id, year, missing_reason, n_missing FROM latest_missing "
        "WHERE region_code = ?",
        [region_code],
    ).fetchall()
    return {row[0]: MissingPeriod(*row) for row in sorted(rows, key=itemgetter(0))}


def read_aggregated(con: duckdb.DuckDBPyConnection, region_code: str) -> dict[str, AggregatedValue]:
    """Per indicator whose latest value bw computed from gemeenten: that year and its coverage.

    Joined on the latest value's load, so a source value loaded later for the same key counts
    as a source value; reads the small derived table, not the observations.
    """
    rows = con.execute(
        "SELECT a.indicator_id, l.year, a.coverage, a.n_members, a.n_with_value "
        "FROM latest_values l JOIN aggregated_values a ON a.indicator_id = l.indicator_id "
        "AND a.region_code = l.region_code AND a.period = CAST(l.year AS VARCHAR) "
        "AND a.load_id = l.load_id "
        "WHERE l.region_code = ? ORDER BY a.indicator_id",
        [region_code],
    ).fetchall()
    return {row[0]: AggregatedValue(*row) for row in rows}


def read_latest_by_theme(con: duckdb.DuckDBPyConnection, region_code: str) -> pd.DataFrame:
    """Every indicator with its latest value for a region, one row per indicator and theme."""
    return con.execute(
        f"""
        SELECT t.dimension, t.id AS theme_id, t.name_nl AS theme_nl, t.name_en AS theme_en,
               t.sort_order AS theme_order, i.id AS indicator_id, i.name_nl, i.name_en, i.unit,
               i.decimals, i.direction, l.year, l.value, l.ci_low, l.ci_high, l.status, l.load_id
        FROM indicators i
        JOIN indicator_themes it ON it.indicator_id = i.id
        JOIN themes t ON t.id = it.theme_id
        LEFT JOIN latest_values l ON l.indicator_id = i.id AND l.region_code = ?
        ORDER BY {DIMENSION_ORDER}, t.sort_order, i.name_nl
        """,
        [region_code],
    ).df()


def read_series_summaries(
    con: duckdb.DuckDBPyConnection,
    region_codes: Sequence[str],
    *,
    indicator_ids: Sequence[str] | None = None,
) -> list[SeriesSummary]:
    """The derived latest value, position and yearly series per indicator of some regions.

    Ordered by region and indicator; a NULL in the lists (no interval) arrives as None.
    ``indicator_ids`` reads those indicators only (None: all).
    """
    if not region_codes or indicator_ids is not None and not indicator_ids:
        return []
    marks = ", ".join("?" * len(region_codes))
    params = list(region_codes)
    where = f"region_code IN ({marks})"
    if indicator_ids is not None:
        where += f" AND indicator_id IN ({', '.join('?' * len(indicator_ids))})"
        params += list(indicator_ids)
    rows = con.execute(
        f"SELECT {', '.join(_SUMMARY_COLUMNS)} FROM latest_values WHERE {where}", params
    ).fetchall()
    # Ordered here: DuckDB's ORDER BY was a fifth of this read (2.6 ms at 10M observations).
    return [series_summary_of(row) for row in sorted(rows, key=itemgetter(1, 0))]


def series_summary_of(row: Sequence[Any]) -> SeriesSummary:
    """One row of latest_values' summary columns (in their order) as a SeriesSummary."""
    indicator_id, region_code, year, value, load_id, rank, n_ranked, quartile, packed = row[:9]
    series = json.loads(packed)
    years = tuple(series["y"])
    no_interval = (None,) * len(years)  # written as null (see _REFRESH_LATEST)
    status = [str(ObservationStatus.DEFINITIEF)] * len(years)  # only the others are written
    for position, other in zip(series["p"], series["q"], strict=True):
        status[position] = other
    return SeriesSummary(
        indicator_id,
        region_code,
        year,
        value,
        load_id,
        rank,
        n_ranked,
        quartile,
        years,
        tuple(series["v"]),
        no_interval if series["l"] is None else tuple(series["l"]),
        no_interval if series["h"] is None else tuple(series["h"]),
        tuple(status),
    )


def read_references(
    con: duckdb.DuckDBPyConnection,
    *,
    province_code: str | None,
    peer_key: str | None,
    indicator_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Reference series (NL, the given province, the given peer class) per indicator and year."""
    where = "(kind = 'NL' OR ref_key IN (?, ?))"  # see REFERENCE_ORDER
    params: list[object] = [province_code, peer_key]
    if indicator_ids is not None:
        if not indicator_ids:
            return con.execute("SELECT * FROM reference_values LIMIT 0").df()
        where += f" AND indicator_id IN ({', '.join('?' * len(indicator_ids))})"
        params.extend(indicator_ids)
    rows = con.execute(
        "SELECT indicator_id, year, kind, ref_key, value, ci_low, ci_high, n_regions "
        f"FROM reference_values WHERE {where}",
        params,
    ).arrow()
    table = own_kinds_only(arrow_table(rows), province_code=province_code, peer_key=peer_key)
    frame: pd.DataFrame = table.sort_by(REFERENCE_ORDER).to_pandas()
    return frame


#: The reference rows of NL, a province and a peer class: prefiltered by ``ref_key`` in SQL,
#: matched with their kinds and ordered in Arrow (:func:`own_kinds_only`). In DuckDB, the
#: three-way OR over kinds and keys and the ORDER BY cost 1.3 and 1.2 ms of a 5 ms read at
#: 10 million observations (``python -m bw bench``); the prefilter only keeps too much.
REFERENCE_ORDER = [(column, "ascending") for column in ("indicator_id", "kind", "year", "ref_key")]


def own_kinds_only(table: pa.Table, *, province_code: str | None, peer_key: str | None) -> pa.Table:
    """Of reference rows, NL's, the province's under kind PV and the peer class's under peer."""
    kind, ref_key = table.column("kind"), table.column("ref_key")
    keep = pc.equal(kind, "NL")
    for wanted_kind, wanted_key in (("PV", province_code), ("peer", peer_key)):
        if wanted_key is not None:
            own = pc.and_(pc.equal(kind, wanted_kind), pc.equal(ref_key, wanted_key))
            keep = pc.or_(keep, own)
    return table.filter(keep)


def arrow_table(result: pa.Table | pa.RecordBatchReader) -> pa.Table:
    """A query's Arrow result as one table (DuckDB hands a reader or a table, by version)."""
    return result.read_all() if isinstance(result, pa.RecordBatchReader) else result


def read_ranks_in_year(
    con: duckdb.DuckDBPyConnection, region_code: str, *, year: int
) -> dict[str, Position]:
    """Rank, n and quartile of a region per indicator in one year."""
    rows = con.execute(
        "SELECT indicator_id, rank, n, quartile FROM ranks WHERE region_code = ? AND year = ?",
        [region_code, year],
    ).fetchall()
    return {indicator: Position(rank, n, quartile) for indicator, rank, n, quartile in rows}


#: The columns of :func:`read_comparison_periods`.
COMPARISON_PERIOD_COLUMNS = (
    "indicator_id",
    "level",
    "year",
    "n_with_value",
    "n_reporting",
    "latest_year",
    "n_latest",
)


def read_comparison_periods(
    con: duckdb.DuckDBPyConnection,
    *,
    level: str,
    as_of: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[str, ComparisonPeriod]:
    """The comparison period of every indicator at a level (methods.md §3), by indicator id.

    A period's ``year`` is None when no year of the window has a value for 80% of the regions
    that reported. Read from the derived table; computed from the ranks instead as of a year
    (``as_of``: the store as if it held nothing newer, for ``assess --period``) or with other
    thresholds than those of the refresh.
    """
    if as_of is None and has_stored_comparison_rule(thresholds):
        rows = con.execute(
            f"SELECT {', '.join(COMPARISON_PERIOD_COLUMNS)} FROM comparison_periods "
            "WHERE level = ?",
            [level],
        ).fetchall()
        # Ordered here: DuckDB's sort of these few dozen rows was 0.3 of the read's 0.6 ms.
        rows.sort(key=itemgetter(0))
    else:
        query = _COMPARISON_PERIODS.format(scope="TRUE", level="AND o.level = ?")
        rows = con.execute(
            f"SELECT * FROM ({query}) ORDER BY 1", _comparison_params([level], as_of, thresholds)
        ).fetchall()
    return {row[0]: ComparisonPeriod(*row[2:]) for row in rows}


def has_stored_comparison_rule(thresholds: Thresholds) -> bool:
    """Whether these thresholds give the comparison periods the refresh stored (the defaults)."""
    return (thresholds.comparison_coverage, thresholds.trend_window_years) == (
        DEFAULT_THRESHOLDS.comparison_coverage,
        DEFAULT_THRESHOLDS.trend_window_years,
    )


def read_comparison_period(
    con: duckdb.DuckDBPyConnection, indicator_id: str, *, level: str
) -> dict[str, Any] | None:
    """The comparison period of one indicator at a level as a dict, or None without values."""
    row = con.execute(
        f"SELECT {', '.join(COMPARISON_PERIOD_COLUMNS)} FROM comparison_periods "
        "WHERE indicator_id = ? AND level = ?",
        [indicator_id, level],
    ).fetchone()
    return dict(zip(COMPARISON_PERIOD_COLUMNS, row, strict=True)) if row else None


def read_ranking(
    con: duckdb.DuckDBPyConnection,
    indicator_id: str,
    *,
    level: str,
    year: int | None = None,
    shared: SharedReads | None = None,
) -> pd.DataFrame:
    """One indicator across all regions of a level in one year, by rank.

    The default year is the comparison period of the level (methods.md §3), else (no year with
    80% of the regions) the latest year with a value. ``shared``: the regions and comparison
    periods already read (:func:`bw.store.read_shared_reads`), else they are read here.
    """
    if shared is not None:
        return _ranking_with(con, shared, indicator_id, level=level, year=year)
    # One statement: the default year is a subquery, not a second round trip. The ranks of
    # that year are materialised before the join: inlined, DuckDB joined every year's ranks
    # with all regions and filtered on the year afterwards (python -m bw bench, 10 million
    # observations: vergelijken p50 10.3 -> 5.9-7.0 ms).
    return con.execute(
        "WITH k AS MATERIALIZED ("
        "  SELECT region_code, year, value, rank, n, quartile FROM ranks "
        "  WHERE indicator_id = $indicator AND level = $level AND year = coalesce($year, "
        "  (SELECT year FROM comparison_periods "
        "   WHERE indicator_id = $indicator AND level = $level), "
        "  (SELECT max(year) FROM ranks WHERE indicator_id = $indicator AND level = $level))) "
        "SELECT k.region_code AS code, r.name, k.year, k.value, k.rank, k.n, k.quartile, "
        "r.size_class, r.urbanity, r.province_code "
        "FROM k JOIN regions r ON r.code = k.region_code "
        "ORDER BY k.rank, r.name, k.region_code",
        {"indicator": indicator_id, "level": level, "year": year},
    ).df()


#: The columns of :func:`read_ranking` with the dtypes DuckDB gives them (but see
#: _column_as_duckdb: NULLs and empty columns change them).
_RANKING_DTYPES = {
    "code": "str",
    "name": "str",
    "year": "int32",
    "value": "float64",
    "rank": "int32",
    "n": "int32",
    "quartile": "str",
    "size_class": "int32",
    "urbanity": "int32",
    "province_code": "str",
}
_NAME, _PROVINCE, _SIZE_CLASS, _URBANITY = (
    REGION_FIELDS.index(field) for field in ("name", "province_code", "size_class", "urbanity")
)


def _ranking_with(
    con: duckdb.DuckDBPyConnection,
    shared: SharedReads,
    indicator_id: str,
    *,
    level: str,
    year: int | None,
) -> pd.DataFrame:
    """:func:`read_ranking` with the regions and periods taken from ``shared``: only the ranks
    of the year are read (the join with every region was 6 of its 7 ms at 10 million)."""
    if year is None:
        period = shared.periods.get(level, {}).get(indicator_id)
        year = period.year if period else None
    if year is None:
        year = scalar(
            con.execute(
                "SELECT max(year) FROM ranks WHERE indicator_id = ? AND level = ?",
                [indicator_id, level],
            )
        )
    ranks = con.execute(
        "SELECT region_code, year, value, rank, n, quartile FROM ranks "
        "WHERE indicator_id = ? AND level = ? AND year = ?",
        [indicator_id, level, year],
    ).fetchall()
    rows = []
    for code, rank_year, value, rank, n, quartile in ranks:
        region = shared.region_rows.get(code)
        if region is not None:  # as the join: a rank of a region not in regions is left out
            rows.append(
                (code, region[_NAME], rank_year, value, rank, n, quartile)
                + (region[_SIZE_CLASS], region[_URBANITY], region[_PROVINCE])
            )
    rows.sort(key=itemgetter(4, 1, 0))  # rank, name, code (wijken share names: "Centrum")
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(_RANKING_DTYPES)
    frame = {
        name: _column_as_duckdb(dtype, values)
        for (name, dtype), values in zip(_RANKING_DTYPES.items(), columns, strict=True)
    }
    # Arrays, not Series: ten Series took 1,8 of a ranking's 3 ms at 10 million observations.
    return pd.DataFrame(frame, copy=False)


def _column_as_duckdb(dtype: str, values: Sequence[Any]) -> Any:
    """``values`` as the array DuckDB's ``.df()`` makes of a column of ``dtype``."""
    if dtype == "int32" and None in values:
        return pd.array(values, dtype="Int32")  # pandas' nullable integer
    if dtype == "str" and all(value is None for value in values):
        return np.array(values, dtype=object)  # also an empty column
    if dtype == "str":
        return pd.array(values, dtype="str")
    return np.array(values, dtype=dtype)


def read_ranking_years(
    con: duckdb.DuckDBPyConnection, indicator_id: str, *, level: str
) -> list[int]:
    """The years in which an indicator has ranked values at a level, newest first."""
    rows = con.execute(
        "SELECT DISTINCT year FROM ranks WHERE indicator_id = ? AND level = ? ORDER BY year DESC",
        [indicator_id, level],
    ).fetchall()
    return [row[0] for row in rows]
