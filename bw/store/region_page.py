"""Everything the Overzicht needs of one region, read from the derived tables in a few reads.

Per classified indicator: its catalogue entry, the derived latest value and series, the stored
judgement, the current target, whether the latest value was computed (and its coverage), why
a newer period is empty, the comparison period of the region's level and the NL, province and
peer reference series. Each read is a plain lookup of one small derived table by the region
(its index) or by the level: DuckDB plans one wide join of all of them much slower than it
runs these (python -m bw bench, 1 million observations: one 10-way join 159 ms, of which
131 ms optimiser; the plain reads together a fraction of it), and no DataFrame is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import duckdb

from bw.assess import ComparisonPeriod, SeriesJudgement
from bw.model import Target
from bw.store.catalogue import CatalogueIndicator, read_indicators
from bw.store.current_targets import read_current_targets
from bw.store.derived import (
    REFERENCE_ORDER,
    MissingPeriod,
    SeriesSummary,
    arrow_table,
    own_kinds_only,
    read_comparison_periods,
    read_missing,
    series_summary_of,
)
from bw.store.judgements import _COLUMNS as _JUDGEMENT_COLUMNS
from bw.store.judgements import judgement_from_row


@dataclass(frozen=True, slots=True)
class ReferenceSeries:
    """One reference (NL, a province, a peer class) of an indicator, ascending by year."""

    ref_key: str  # 'NL01', 'PV27' or the peer class '4-3'
    years: tuple[int, ...]  # (2012, …, 2024)
    values: tuple[float, ...]
    ci_low: tuple[float | None, ...]  # None without an interval
    ci_high: tuple[float | None, ...]
    n_regions: tuple[int, ...]  # regions behind each value: 1 for NL and provinces

    def at(self, year: int) -> int | None:
        """The position of ``year`` in the series, or None when it has no value then."""
        try:
            return self.years.index(year)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class RegionPageRow:
    """What the Overzicht judges one indicator of one region with, all from derived tables."""

    indicator: CatalogueIndicator
    summary: SeriesSummary | None  # the latest_values row; None without a yearly value
    judgement: SeriesJudgement | None  # the stored judgement of that series
    target: Target | None  # the current streefwaarde
    aggregated_year: int | None  # the latest value's year when bw computed it from gemeenten
    coverage: float | None  # that computed value's population coverage
    missing: MissingPeriod | None  # the newest empty period after the latest value
    comparison: ComparisonPeriod | None  # the comparison period of the region's level
    references: dict[str, ReferenceSeries]  # by kind: 'NL', 'PV', 'peer' (those that exist)


# The latest value and series of every indicator of a region: a plain lookup by region. The
# population coverage of values bw computed from gemeenten is read apart (_COVERAGE) and matched
# in Python: a join with aggregated_values made DuckDB plan a hash join over that whole table on
# every read (python -m bw bench, 10 million observations: most of Overzicht's 60 ms).
_LATEST = """
SELECT l.indicator_id, l.region_code, l.year, l.value, l.load_id, l.rank, l.n_ranked,
       l.quartile, l.series_years, l.series_values, l.series_ci_low, l.series_ci_high,
       l.series_status
FROM latest_values l
WHERE l.region_code = ?
"""

# The computed values of a region, as read_aggregated matches them: same period and load.
_COVERAGE = """
SELECT indicator_id, period, load_id, coverage FROM aggregated_values WHERE region_code = ?
"""

_JUDGEMENTS = f"SELECT {', '.join(_JUDGEMENT_COLUMNS)} FROM judgements WHERE region_code = ?"

# The reference rows of NL, the province and the peer class, prefiltered by key (see
# REFERENCE_ORDER).
_REFERENCES = """
SELECT indicator_id, kind, ref_key, year, value, ci_low, ci_high, n_regions
FROM reference_values
WHERE kind = 'NL' OR ref_key IN ($province, $peer)
"""


def read_region_page(
    con: duckdb.DuckDBPyConnection,
    region_code: str,
    *,
    level: str | None,
    province_code: str | None,
    peer_key: str | None,
) -> list[RegionPageRow]:
    """Per classified indicator (by id), the derived inputs of a region's judgements.

    ``level`` picks the comparison periods (None: none, for NL and groups); ``province_code``
    and ``peer_key`` the references besides NL (None: that kind is left out).
    """
    catalogue = read_indicators(con, classified_only=True)
    latest = {row[0]: row for row in con.execute(_LATEST, [region_code]).fetchall()}
    coverages = {row[:3]: row[3] for row in con.execute(_COVERAGE, [region_code]).fetchall()}
    judged = {row[0]: row for row in con.execute(_JUDGEMENTS, [region_code]).fetchall()}
    targets = {t.indicator_id: t for t in read_current_targets(con, region_code)}
    missing = read_missing(con, region_code)
    periods = read_comparison_periods(con, level=level) if level else {}
    references = read_reference_series(con, province_code=province_code, peer_key=peer_key)
    rows = []
    for indicator in catalogue:
        summary_row = latest.get(indicator.id)
        summary = series_summary_of(summary_row) if summary_row else None
        target = targets.get(indicator.id)
        judgement_row = judged.get(indicator.id)
        judgement = None
        if judgement_row is not None:
            minimum, target_year = (target.minimum, target.target_year) if target else (None, None)
            judgement = judgement_from_row(
                (*judgement_row, str(indicator.direction), minimum, target_year)
            )
        coverage = (
            coverages.get((indicator.id, str(summary.year), summary.load_id)) if summary else None
        )
        rows.append(
            RegionPageRow(
                indicator=indicator,
                summary=summary,
                judgement=judgement,
                target=target,
                aggregated_year=summary.year if summary and coverage is not None else None,
                coverage=coverage,
                missing=missing.get(indicator.id),
                comparison=periods.get(indicator.id),
                references=references.get(indicator.id, {}),
            )
        )
    return rows


def read_reference_series(
    con: duckdb.DuckDBPyConnection, *, province_code: str | None, peer_key: str | None
) -> dict[str, dict[str, ReferenceSeries]]:
    """The NL, province and peer-class series of every indicator: indicator -> kind -> series.

    None leaves that kind out. Where a kind has two rows in a year (two NL regions), the
    first ref_key's value is the year's.
    """
    rows = con.execute(_REFERENCES, {"province": province_code, "peer": peer_key}).arrow()
    table = own_kinds_only(arrow_table(rows), province_code=province_code, peer_key=peer_key)
    columns = [column.to_pylist() for column in table.sort_by(REFERENCE_ORDER).columns]
    indicator_ids, kinds, ref_keys, years, values, ci_low, ci_high, n_regions = columns
    found: dict[str, dict[str, ReferenceSeries]] = {}
    start = 0
    for (indicator_id, kind), group in groupby(zip(indicator_ids, kinds, strict=True)):
        end = start + sum(1 for _ in group)
        part = slice(start, end)
        found.setdefault(indicator_id, {})[kind] = ReferenceSeries(
            min(ref_keys[part]),
            tuple(years[part]),
            tuple(values[part]),
            tuple(ci_low[part]),
            tuple(ci_high[part]),
            tuple(n_regions[part]),
        )
        start = end
    return found
