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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from bw.assess import ComparisonPeriod, SeriesJudgement
from bw.model import Region, Target
from bw.store.catalogue import CatalogueIndicator, read_indicators
from bw.store.current_targets import read_all_current_targets, read_current_targets
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
from bw.store.regions import REGION_LEVEL, read_region_rows, region_of_row


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
       l.quartile, l.series_json
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

# Every reference row, for the parts every page shares (SharedReads).
_ALL_REFERENCES = """
SELECT indicator_id, kind, ref_key, year, value, ci_low, ci_high, n_regions
FROM reference_values
"""


@dataclass(frozen=True, slots=True)
class SharedReads:
    """What every region's Overzicht reads alike, read once per store version and shared.

    The regions, the classified catalogue, the comparison periods per level, the reference
    series of NL, every province and every peer class, and the current streefwaarden: more than
    half of the Overzicht's 17 ms at 10 million observations (references 4,5 ms, catalogue 2,1,
    targets 1,5, periods 0,5, region 1,1), and the same for every region until the next write.
    Callers keep it no longer than the store version it was read from (the UI: keyed on it and
    cleared by every write).
    """

    # every region's row by code, made a Region when asked: 12.195 records at 10 million
    # observations took 100 ms to make, the rows 15 ms to read
    region_rows: Mapping[str, tuple[Any, ...]]
    catalogue: tuple[CatalogueIndicator, ...]  # classified only, in the catalogue's order
    periods: Mapping[str, Mapping[str, ComparisonPeriod]]  # level -> indicator -> period
    national: Mapping[str, Mapping[str, ReferenceSeries]]  # indicator -> {'NL': series}
    # ('PV', 'PV27') or ('peer', '4-3') -> indicator -> {kind: series}
    keyed: Mapping[tuple[str, str], Mapping[str, Mapping[str, ReferenceSeries]]]
    # region or group code -> its current streefwaarden by indicator id (1,5 ms a page at 10M:
    # the view's window over every target version)
    targets: Mapping[str, tuple[Target, ...]]

    def region(self, code: str) -> Region | None:
        """One region by its code, as :func:`bw.store.read_region` reads it; None if unknown."""
        row = self.region_rows.get(code)
        return None if row is None else region_of_row(row)

    def region_and_province(self, code: str) -> tuple[Region | None, Region | None]:
        """A region and its province, as :func:`bw.store.read_region_and_province` reads them."""
        region = self.region(code)
        if region is None or region.level == "PV" or not region.province_code:
            return region, None
        return region, self.region(region.province_code)

    def references(
        self, *, province_code: str | None, peer_key: str | None
    ) -> dict[str, dict[str, ReferenceSeries]]:
        """As :func:`read_reference_series` reads them: indicator -> kind -> series."""
        parts = [self.national]
        for kind, key in (("PV", province_code), ("peer", peer_key)):
            if key is not None:
                parts.append(self.keyed.get((kind, key), {}))
        found: dict[str, dict[str, ReferenceSeries]] = {}
        for part in parts:  # NL, PV, peer: the kinds in REFERENCE_ORDER
            for indicator_id, by_kind in part.items():
                found.setdefault(indicator_id, {}).update(by_kind)
        return dict(sorted(found.items()))


def read_shared_reads(con: duckdb.DuckDBPyConnection) -> SharedReads:
    """Everything :class:`SharedReads` holds, read from the store in a few reads."""
    regions = read_region_rows(con)
    levels = sorted({str(row[REGION_LEVEL]) for row in regions.values()})
    table = arrow_table(con.execute(_ALL_REFERENCES).arrow())
    national = table.filter(pc.equal(table.column("kind"), "NL"))
    # The other kinds in one sort, then each (kind, key) a slice: a filter per key cost 1 ms
    # each, for 41 keys (python -m bw bench, 10 million observations).
    keyed_rows = table.filter(pc.not_equal(table.column("kind"), "NL")).sort_by(
        [("kind", "ascending"), ("ref_key", "ascending")]
    )
    pairs = zip(*(keyed_rows.column(name).to_pylist() for name in ("kind", "ref_key")), strict=True)
    keyed = {}
    start = 0
    for pair, group in groupby(pairs):
        end = start + sum(1 for _ in group)
        keyed[pair] = _series_by_indicator(keyed_rows.slice(start, end - start))
        start = end
    return SharedReads(
        region_rows=regions,
        catalogue=tuple(read_indicators(con, classified_only=True)),
        periods={level: read_comparison_periods(con, level=level) for level in levels},
        national=_series_by_indicator(national),
        keyed=keyed,
        targets=read_all_current_targets(con),
    )


def read_region_page(
    con: duckdb.DuckDBPyConnection,
    region_code: str,
    *,
    level: str | None,
    province_code: str | None,
    peer_key: str | None,
    shared: SharedReads | None = None,
) -> list[RegionPageRow]:
    """Per classified indicator (by id), the derived inputs of a region's judgements.

    ``level`` picks the comparison periods (None: none, for NL and groups); ``province_code``
    and ``peer_key`` the references besides NL (None: that kind is left out). ``shared``: the
    store-wide parts already read (:func:`read_shared_reads`), else they are read here.
    """
    catalogue: Sequence[CatalogueIndicator]
    periods: Mapping[str, ComparisonPeriod]
    current_targets: Sequence[Target]
    if shared is None:
        catalogue = read_indicators(con, classified_only=True)
        periods = read_comparison_periods(con, level=level) if level else {}
        references = read_reference_series(con, province_code=province_code, peer_key=peer_key)
        current_targets = read_current_targets(con, region_code)
    else:
        catalogue = shared.catalogue
        periods = shared.periods.get(level, {}) if level else {}
        references = shared.references(province_code=province_code, peer_key=peer_key)
        current_targets = shared.targets.get(region_code, ())
    latest = {row[0]: row for row in con.execute(_LATEST, [region_code]).fetchall()}
    coverages = {row[:3]: row[3] for row in con.execute(_COVERAGE, [region_code]).fetchall()}
    judged = {row[0]: row for row in con.execute(_JUDGEMENTS, [region_code]).fetchall()}
    targets = {t.indicator_id: t for t in current_targets}
    missing = read_missing(con, region_code)
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
    return _series_by_indicator(table)


def _series_by_indicator(table: pa.Table) -> dict[str, dict[str, ReferenceSeries]]:
    """Reference rows (the columns of _REFERENCES) as indicator -> kind -> series."""
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
