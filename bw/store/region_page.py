"""Everything the Overzicht needs of one region, read in one pre-joined query.

Per classified indicator: its catalogue entry, the derived latest value and series, the stored
judgement, the current target, whether the latest value was computed (and its coverage), why
a newer period is empty, the comparison period of the region's level and the NL, province and
peer reference series as lists. Every part comes from a small derived table found by the
region's index, so a page costs one statement, not ten (python -m bw bench: see README).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from bw.assess import ComparisonPeriod, SeriesJudgement
from bw.model import Target
from bw.store.catalogue import _CATALOGUE, CatalogueIndicator, indicator_from_row
from bw.store.derived import COMPARISON_PERIOD_COLUMNS, MissingPeriod, SeriesSummary
from bw.store.judgements import _COLUMNS as _JUDGEMENT_COLUMNS
from bw.store.judgements import judgement_from_row

#: The kinds of reference series, in the order of the query's columns.
REFERENCE_KINDS = ("NL", "PV", "peer")


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


_SUMMARY = (
    "l.indicator_id, l.region_code, l.year, l.value, l.load_id, l.rank, l.n_ranked, "
    "l.quartile, l.series_years, l.series_values, l.series_ci_low, l.series_ci_high, "
    "l.series_status"
)
_TARGET = (
    "t.region_code, t.indicator_id, t.minimum, t.ambition, t.ceiling, t.target_year, "
    "t.baseline_year, t.rationale, t.source"
)
_REFERENCE = "{k}.ref_key, {k}.years, {k}.vals, {k}.ci_low, {k}.ci_high, {k}.n_regions"

# The reference rows of NL, the province and the peer class, one list per indicator and kind.
_REFERENCES = """
SELECT indicator_id, kind, min(ref_key) AS ref_key,
       list(year ORDER BY year, ref_key) AS years,
       list(value ORDER BY year, ref_key) AS vals,
       list(ci_low ORDER BY year, ref_key) AS ci_low,
       list(ci_high ORDER BY year, ref_key) AS ci_high,
       list(n_regions ORDER BY year, ref_key) AS n_regions
FROM reference_values
WHERE kind = 'NL' OR (kind = 'PV' AND ref_key = $province) OR (kind = 'peer' AND ref_key = $peer)
GROUP BY indicator_id, kind
"""

# Each derived table is narrowed to the region in its own subquery, so every one is found by
# its region index (or is small) instead of joined in full.
_REGION_PAGE = f"""
WITH catalogue AS ({_CATALOGUE}),
refs AS ({_REFERENCES})
SELECT c.*,
       {_SUMMARY},
       {", ".join("j." + column for column in _JUDGEMENT_COLUMNS)},
       {_TARGET},
       a.coverage,
       m.indicator_id, m.year, m.missing_reason, m.n_missing,
       p.indicator_id IS NOT NULL,
       {", ".join("p." + column for column in COMPARISON_PERIOD_COLUMNS[2:])},
       {", ".join(_REFERENCE.format(k=kind.lower()) for kind in REFERENCE_KINDS)}
FROM catalogue c
LEFT JOIN (SELECT * FROM latest_values WHERE region_code = $code) l
  ON l.indicator_id = c.indicator_id
LEFT JOIN (SELECT * FROM judgements WHERE region_code = $code) j
  ON j.indicator_id = c.indicator_id
LEFT JOIN (SELECT * FROM current_targets WHERE region_code = $code) t
  ON t.indicator_id = c.indicator_id
LEFT JOIN (SELECT * FROM aggregated_values WHERE region_code = $code) a
  ON a.indicator_id = l.indicator_id AND a.period = CAST(l.year AS VARCHAR)
 AND a.load_id = l.load_id
LEFT JOIN (SELECT * FROM latest_missing WHERE region_code = $code) m
  ON m.indicator_id = c.indicator_id
LEFT JOIN (SELECT * FROM comparison_periods WHERE level = $level) p
  ON p.indicator_id = c.indicator_id
LEFT JOIN refs nl ON nl.indicator_id = c.indicator_id AND nl.kind = 'NL'
LEFT JOIN refs pv ON pv.indicator_id = c.indicator_id AND pv.kind = 'PV'
LEFT JOIN refs peer ON peer.indicator_id = c.indicator_id AND peer.kind = 'peer'
WHERE len(c.theme_ids) > 0
ORDER BY c.indicator_id
"""

# Where each part starts in a row of _REGION_PAGE.
_N_CATALOGUE = 17
_AT_SUMMARY = _N_CATALOGUE
_AT_JUDGEMENT = _AT_SUMMARY + 13
_AT_TARGET = _AT_JUDGEMENT + len(_JUDGEMENT_COLUMNS)
_AT_COVERAGE = _AT_TARGET + 9
_AT_MISSING = _AT_COVERAGE + 1
_AT_COMPARISON = _AT_MISSING + 4
_AT_REFERENCES = _AT_COMPARISON + 1 + len(COMPARISON_PERIOD_COLUMNS) - 2


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
    rows = con.execute(
        _REGION_PAGE,
        {"code": region_code, "level": level, "province": province_code, "peer": peer_key},
    ).fetchall()
    return [_page_row(row) for row in rows]


def _page_row(row: Sequence[Any]) -> RegionPageRow:
    """One row of :data:`_REGION_PAGE` as a record."""
    indicator = indicator_from_row(row[:_N_CATALOGUE])
    summary = _summary(row[_AT_SUMMARY:_AT_JUDGEMENT])
    target = None
    if row[_AT_TARGET] is not None:
        target = Target(*row[_AT_TARGET:_AT_COVERAGE])
    judgement = None
    if row[_AT_JUDGEMENT] is not None:
        minimum, target_year = (target.minimum, target.target_year) if target else (None, None)
        # Column 7 is the catalogue's direction, as read_judgements joins it.
        judgement = judgement_from_row(
            (*row[_AT_JUDGEMENT:_AT_TARGET], row[7], minimum, target_year)
        )
    coverage = row[_AT_COVERAGE]
    missing = None
    if row[_AT_MISSING] is not None:
        missing = MissingPeriod(*row[_AT_MISSING:_AT_COMPARISON])
    comparison = None
    if row[_AT_COMPARISON]:
        comparison = ComparisonPeriod(*row[_AT_COMPARISON + 1 : _AT_REFERENCES])
    references: dict[str, ReferenceSeries] = {}
    for i, kind in enumerate(REFERENCE_KINDS):
        ref_key, years, values, ci_low, ci_high, n_regions = row[
            _AT_REFERENCES + 6 * i : _AT_REFERENCES + 6 * (i + 1)
        ]
        if ref_key is not None:
            references[kind] = _reference(ref_key, years, values, ci_low, ci_high, n_regions)
    return RegionPageRow(
        indicator=indicator,
        summary=summary,
        judgement=judgement,
        target=target,
        aggregated_year=summary.year if summary and coverage is not None else None,
        coverage=coverage,
        missing=missing,
        comparison=comparison,
        references=references,
    )


def _summary(part: Sequence[Any]) -> SeriesSummary | None:
    """The latest_values columns of a row as a SeriesSummary; None without a latest value."""
    if part[0] is None:
        return None
    (indicator_id, region_code, year, value, load_id, rank, n_ranked, quartile,
     years, values, ci_low, ci_high, status) = part  # fmt: skip
    return SeriesSummary(
        indicator_id,
        region_code,
        year,
        value,
        load_id,
        rank,
        n_ranked,
        quartile,
        tuple(years),
        tuple(values),
        tuple(ci_low),
        tuple(ci_high),
        tuple(status),
    )


def _reference(ref_key: str, *lists: Sequence[Any]) -> ReferenceSeries:
    """A reference series from its key and its five lists (years, values, …)."""
    years, values, ci_low, ci_high, n_regions = (tuple(column) for column in lists)
    return ReferenceSeries(ref_key, years, values, ci_low, ci_high, n_regions)


def read_reference_series(
    con: duckdb.DuckDBPyConnection, *, province_code: str | None, peer_key: str | None
) -> dict[str, dict[str, ReferenceSeries]]:
    """The NL, province and peer-class series of every indicator: indicator -> kind -> series.

    The references of :func:`read_region_page`, for the judgements it does not serve (region
    groups, an earlier period, other thresholds). None leaves that kind out.
    """
    rows = con.execute(_REFERENCES, {"province": province_code, "peer": peer_key}).fetchall()
    found: dict[str, dict[str, ReferenceSeries]] = {}
    for indicator_id, kind, ref_key, *lists in rows:
        found.setdefault(indicator_id, {})[kind] = _reference(ref_key, *lists)
    return found
