"""Every indicator of a region judged: store reads combined with the pure methods of bw.assess.

The judgements themselves live in :mod:`bw.assess`; this module only gathers their inputs from
the derived tables (one small row per indicator), so a page never scans all observations.
Region groups are aggregated from their members here (methods.md §6).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb
import pandas as pd

from bw import assess, store
from bw.catalogue import POPULATION_INDICATOR_ID
from bw.export import ROUNDING, round_number
from bw.model import Region, Target

#: The keys of ``python -m bw assess --json``, in order (issue #3, methods.md class words).
RECORD_KEYS = (
    "indicator",
    "dimensions",
    "theme",
    "unit",
    "direction",
    "period",
    "value",
    "ci_low",
    "ci_high",
    "status",
    "minimum",
    "ambition",
    "ceiling",
    "target_year",
    "trend",
    "slope_per_year",
    "p_value",
    "recent_change",
    "rank",
    "n",
    "quartile",
    "comparison_period",
    "vs_nl",
    "vs_nl_class",
    "progress",
    "progress_ratio",
    "projected_value",
    "year_minimum_reached",
    # issue 12: where the value came from, and why a newer one is absent
    "origin",
    "coverage",
    "missing_reason",
    "missing_period",
)


@dataclass(frozen=True, slots=True)
class Series:
    """A yearly series with its intervals and publication status, ascending by year."""

    years: tuple[int, ...]  # (2012, 2014, …)
    values: tuple[float, ...]  # (71.2, 72.0, …)
    ci_low: tuple[float | None, ...] = ()  # same length as years, None without an interval
    ci_high: tuple[float | None, ...] = ()
    status: tuple[str, ...] = ()  # ('definitief', …, 'voorlopig')

    def until(self, year: int | None) -> Series:
        """The part of the series up to and including ``year`` (all of it for None)."""
        if year is None:
            return self
        keep = [i for i, y in enumerate(self.years) if y <= year]
        return Series(*(tuple(column[i] for i in keep) for column in self._columns()))

    def _columns(self) -> tuple[tuple[Any, ...], ...]:
        n = len(self.years)
        return (
            self.years,
            self.values,
            self.ci_low or (None,) * n,
            self.ci_high or (None,) * n,
            self.status or ("definitief",) * n,
        )

    def frame(self) -> pd.DataFrame:
        """The series as a DataFrame with year, value, ci_low, ci_high, status."""
        years, values, ci_low, ci_high, status = self._columns()
        return pd.DataFrame(
            {
                "year": pd.Series(years, dtype="int64"),
                "value": pd.Series(values, dtype="float64"),
                "ci_low": pd.Series(ci_low, dtype="float64"),
                "ci_high": pd.Series(ci_high, dtype="float64"),
                "status": pd.Series(status, dtype="object"),
            }
        )


@dataclass(frozen=True, slots=True)
class IndicatorAssessment:
    """The three judgements (and progress, projection) of one indicator for one region."""

    indicator: str  # 'wonen.woonquote'
    name_nl: str
    name_en: str
    dimensions: tuple[str, ...]  # ('hier_en_nu',)
    theme: str  # main theme id: 'wonen'
    theme_ids: tuple[str, ...]  # every theme it counts for
    unit: str  # '%'
    decimals: int  # 1
    direction: str  # 'down'
    aggregation: str  # 'weighted_mean': how it aggregates over regions
    source: str  # 'CBS, …'
    period: int | None  # year of the latest value: 2024
    value: float | None
    ci_low: float | None
    ci_high: float | None
    value_status: str | None  # publication status: 'voorlopig'
    load_id: int | None  # provenance of the latest value
    status: str  # methods.md §1 class: 'below_minimum'
    distance_to_minimum: float | None  # positive = better than the minimum
    gap_share: float | None  # share of the way from minimum to ambition
    minimum: float | None
    ambition: float | None
    ceiling: float | None
    target_year: int | None
    baseline_year: int | None
    trend: str  # §2 class: 'improving'
    slope_per_year: float | None
    p_value: float | None
    trend_first_year: int | None
    trend_last_year: int | None
    recent_change: float | None  # latest minus previous value
    recent_change_relative: float | None
    previous_period: int | None
    recent_change_is_change: bool | None  # False when survey intervals overlap
    rank: int | None  # §3: 1 = best
    n: int | None
    quartile: str | None  # 'best_quartile'; neutral indicators: 'highest_quartile', …
    # §3: the year of rank, quartile and every vs_*: for ranked levels the comparison period of
    # the level (2024, while period may be 2025), for NL and region groups their own period.
    comparison_period: int | None
    comparison_latest_year: int | None  # 2025: the newest year any region of the level has
    comparison_n_latest: int | None  # 2: regions of the level with a value in that year
    comparison_n_reporting: int | None  # 340: regions of the level that reported in the window
    vs_nl: float | None  # relative difference with NL
    vs_nl_class: str | None
    vs_province: float | None
    vs_province_class: str | None
    vs_peer: float | None
    vs_peer_class: str | None
    progress: str | None  # §4 class, None without a target year
    progress_ratio: float | None
    observed_growth: float | None  # §4 g_obs per year (share, or unit per year when linear)
    required_growth: float | None  # §4 g_req
    progress_method: str | None  # 'growth' or 'linear'
    projected_value: float | None  # §5 Theil–Sen value in the target year
    year_minimum_reached: int | None
    minimum_not_before_horizon: bool  # True: the projection meets the minimum not before 2050
    coverage: float | None  # computed values: population share of members with data
    origin: str | None  # 'source' (read from a source), 'aggregated' (computed), None: no value
    missing_reason: str | None  # why a newer period has no value: 'te_weinig_respondenten'
    missing_period: int | None  # the newest such period: 2022
    cbs_code: str | None  # '09_E_V_13': the indicator's code in its CBS monitor
    target_source: str | None  # where the target comes from: 'voorbeeld (bw)' marks an example
    series: Series = field(repr=False)
    projection: assess.Projection | None = field(default=None, repr=False)

    def rounded(self) -> IndicatorAssessment:
        """A copy with every number of :data:`bw.export.ROUNDING` rounded by its rule.

        For what leaves the app (CSV, JSON, factsheet); the judgements were made on the exact
        numbers, and the series and projection are left as they are.
        """
        decimals = int(self.decimals)
        rounded: dict[str, Any] = {
            name: round_number(getattr(self, name), rule, decimals)
            for name, rule in ROUNDING.items()
        }
        return replace(self, **rounded)

    def record(self) -> dict[str, Any]:
        """The documented JSON record of ``python -m bw assess``.

        Numbers are rounded by :data:`bw.export.ROUNDING` (the indicator's decimals, shares to
        3 decimals, p-values to 3 significant digits): no float noise in the JSON (issue 13).
        """
        item = self.rounded()
        values = {
            "indicator": item.indicator,
            "dimensions": list(item.dimensions),
            "theme": item.theme,
            "unit": item.unit,
            "direction": item.direction,
            "period": item.period,
            "value": item.value,
            "ci_low": item.ci_low,
            "ci_high": item.ci_high,
            "status": item.status,
            "minimum": item.minimum,
            "ambition": item.ambition,
            "ceiling": item.ceiling,
            "target_year": item.target_year,
            "trend": item.trend,
            "slope_per_year": item.slope_per_year,
            "p_value": item.p_value,
            "recent_change": item.recent_change,
            "rank": item.rank,
            "n": item.n,
            "quartile": item.quartile,
            "comparison_period": item.comparison_period,
            "vs_nl": item.vs_nl,
            "vs_nl_class": item.vs_nl_class,
            "progress": item.progress,
            "progress_ratio": item.progress_ratio,
            "projected_value": item.projected_value,
            "year_minimum_reached": item.year_minimum_reached,
            "origin": item.origin,
            # methods.md §6: the population share behind a computed value; null for a source's
            "coverage": item.coverage if item.origin == "aggregated" else None,
            "missing_reason": item.missing_reason,
            "missing_period": item.missing_period,
        }
        return {key: _plain(values[key]) for key in RECORD_KEYS}


@dataclass(frozen=True, slots=True)
class RegionAssessment:
    """All indicators of one region judged, with what the judgements were compared against."""

    region: Region
    period: int | None  # the year asked for, or None for the latest
    province: Region | None  # the province used as reference
    peer_key: str | None  # '4-3': size class and urbanity of the default peer group
    members: tuple[str, ...]  # member codes of a region group, else ()
    items: tuple[IndicatorAssessment, ...]
    # indicator id -> kind ('NL', 'PV', 'peer') -> the reference series the items compare with
    references: dict[str, dict[str, store.ReferenceSeries]] = field(repr=False)

    def item(self, indicator_id: str) -> IndicatorAssessment | None:
        """The assessment of one indicator, or None."""
        return next((i for i in self.items if i.indicator == indicator_id), None)

    def reference_series(self, indicator_id: str, kind: str) -> pd.DataFrame:
        """One reference series (kind 'NL', 'PV' or 'peer') as year, value, ci_low, ci_high."""
        ref = self.references.get(indicator_id, {}).get(kind)
        return pd.DataFrame(
            {
                "year": pd.Series(ref.years if ref else (), dtype="int32"),
                "value": pd.Series(ref.values if ref else (), dtype="float64"),
                "ci_low": pd.Series(ref.ci_low if ref else (), dtype="float64"),
                "ci_high": pd.Series(ref.ci_high if ref else (), dtype="float64"),
            }
        )


def assess_region(
    con: duckdb.DuckDBPyConnection,
    region_code: str,
    *,
    period: int | None = None,
    thresholds: assess.Thresholds = assess.DEFAULT_THRESHOLDS,
    shared: store.SharedReads | None = None,
) -> RegionAssessment:
    """Judge every indicator of a region (or group) as of ``period`` (default: latest).

    ``shared``: the store-wide parts of the store's current version
    (:func:`bw.store.read_shared_reads`), when the caller keeps them; else they are read here.
    """
    if shared is None:
        region, province = store.read_region_and_province(con, region_code)
    else:
        region, province = shared.region_and_province(region_code)
    if region is None:
        raise store.StoreError(f"unknown region {region_code!r}")
    peer_key = store.peer_key_of(region) if region.level == "GM" else None
    province_code = province.code if province else None
    ranked_level = region.level not in _UNRANKED_LEVELS
    if region.level != "group" and period is None and thresholds == assess.DEFAULT_THRESHOLDS:
        # The refresh judged every stored series with the default thresholds as of its latest
        # value: one pre-joined read of the derived tables has everything to finish the job.
        rows = store.read_region_page(
            con,
            region_code,
            level=region.level if ranked_level else None,
            province_code=province_code,
            peer_key=peer_key,
            shared=shared,
        )
        items = tuple(_assess_page_row(row, ranked_level=ranked_level) for row in rows)
        references = {row.indicator.id: row.references for row in rows}
        members: tuple[str, ...] = ()
    else:
        references = (
            store.read_reference_series(con, province_code=province_code, peer_key=peer_key)
            if shared is None
            else shared.references(province_code=province_code, peer_key=peer_key)
        )
        items, members = _assess_now(
            con, region, period=period, thresholds=thresholds, references=references
        )
    return RegionAssessment(
        region=region,
        period=period,
        province=province,
        peer_key=peer_key,
        members=members,
        items=items,
        references=references,
    )


def _assess_page_row(row: store.RegionPageRow, *, ranked_level: bool) -> IndicatorAssessment:
    """One indicator judged from its pre-joined derived row (stored judgement, default rules)."""
    summary = row.summary
    rank = None
    if ranked_level and summary and summary.rank is not None and summary.n_ranked is not None:
        rank = store.Position(summary.rank, summary.n_ranked, str(summary.quartile))
    return _assess_indicator(
        row.indicator,
        _series_of(summary) if summary else Series((), ()),
        target=row.target,
        rank=rank,
        comparison=row.comparison,
        ranked_level=ranked_level,
        references=row.references,
        coverage=row.coverage,
        aggregated_year=row.aggregated_year,
        missing=(row.missing.year, str(row.missing.missing_reason)) if row.missing else None,
        in_group=False,
        load_id=summary.load_id if summary else None,
        judged=row.judgement,
        thresholds=assess.DEFAULT_THRESHOLDS,
    )


def _assess_now(
    con: duckdb.DuckDBPyConnection,
    region: Region,
    *,
    period: int | None,
    thresholds: assess.Thresholds,
    references: dict[str, dict[str, store.ReferenceSeries]],
) -> tuple[tuple[IndicatorAssessment, ...], tuple[str, ...]]:
    """Every indicator judged here (a group, an earlier period, other thresholds); members."""
    region_code = region.code
    # Indicators still to be classified have no dimension yet: the Data page lists them.
    catalogue = store.read_indicators(con, classified_only=True)
    group = store.read_group(con, region_code) if region.level == "group" else None
    members = group.members if group else ()
    missing: dict[str, tuple[int, str]] = {}
    latest_rows: dict[str, store.SeriesSummary] = {}
    stored: dict[str, assess.SeriesJudgement] = {}
    if not group and period is None and thresholds == assess.DEFAULT_THRESHOLDS:
        stored = store.read_judgements(con, region_code)
    if group:
        series, coverage = _group_series(con, members, catalogue, thresholds)
        aggregated_years = {i: s.years[-1] for i, s in series.items() if s.years}
    else:
        summaries = store.read_series_summaries(con, [region_code])
        series = {row.indicator_id: _series_of(row) for row in summaries}
        latest_rows = {row.indicator_id: row for row in summaries}
        computed = store.read_aggregated(con, region_code)
        coverage = {i: value.coverage for i, value in computed.items()}
        aggregated_years = {i: value.year for i, value in computed.items()}
        missing = {
            i: (gap.year, str(gap.missing_reason))
            for i, gap in store.read_missing(con, region_code).items()
        }
    targets = {t.indicator_id: t for t in store.read_current_targets(con, region_code)}
    periods = _comparison_periods(con, region, period=period, thresholds=thresholds)
    ranks = _ranks(
        con, region, period=period, latest_rows=latest_rows, periods=periods, thresholds=thresholds
    )
    items = tuple(
        _assess_indicator(
            meta,
            series.get(meta.id, Series((), ())).until(period),
            target=targets.get(meta.id),
            rank=ranks.get(meta.id),
            comparison=periods.get(meta.id),
            ranked_level=region.level not in _UNRANKED_LEVELS,
            references=references.get(meta.id, {}),
            coverage=coverage.get(meta.id),
            aggregated_year=aggregated_years.get(meta.id),
            missing=_missing_as_of(missing.get(meta.id), period),
            in_group=bool(group),
            load_id=_latest_load(latest_rows.get(meta.id), period),
            judged=stored.get(meta.id),
            thresholds=thresholds,
        )
        for meta in catalogue
    )
    return items, members


def _missing_as_of(missing: tuple[int, str] | None, period: int | None) -> tuple[int, str] | None:
    """The derived 'why no newer value' row, unless the view looks at an earlier year."""
    if missing is None or (period is not None and missing[0] > period):
        return None
    return missing


def _series_of(summary: store.SeriesSummary) -> Series:
    return Series(summary.years, summary.values, summary.ci_low, summary.ci_high, summary.status)


def _latest_load(row: store.SeriesSummary | None, period: int | None) -> int | None:
    """The load of the judged value; the derived row knows only the latest value's load."""
    if row is None or (period is not None and row.year > period):
        return None
    return row.load_id


#: Levels without positions: NL is the reference, a group is compared through its members.
_UNRANKED_LEVELS = ("NL", "group")


def _comparison_periods(
    con: duckdb.DuckDBPyConnection,
    region: Region,
    *,
    period: int | None,
    thresholds: assess.Thresholds,
) -> dict[str, assess.ComparisonPeriod]:
    """The comparison period of every indicator at the region's level (methods.md §3).

    As of ``period`` when one is asked for: the latest year up to it that meets the rule, as if
    the store held nothing newer. NL and groups have none (their own period is used).
    """
    if region.level in _UNRANKED_LEVELS:
        return {}
    return store.read_comparison_periods(
        con, level=region.level, as_of=period, thresholds=thresholds
    )


def _ranks(
    con: duckdb.DuckDBPyConnection,
    region: Region,
    *,
    period: int | None,
    latest_rows: dict[str, store.SeriesSummary],
    periods: dict[str, assess.ComparisonPeriod],
    thresholds: assess.Thresholds,
) -> dict[str, store.Position]:
    """Rank, n and quartile per indicator in the comparison period of the region's level."""
    if region.level in _UNRANKED_LEVELS:
        return {}
    if period is None and store.has_stored_comparison_rule(thresholds):
        # The refresh stored the position in the comparison period of these thresholds.
        return {
            indicator: store.Position(row.rank, row.n_ranked, str(row.quartile))
            for indicator, row in latest_rows.items()
            if row.rank is not None and row.n_ranked is not None
        }
    result: dict[str, store.Position] = {}
    wanted: dict[int, set[str]] = {}
    for indicator, comparison in periods.items():
        if comparison.year is not None:
            wanted.setdefault(comparison.year, set()).add(indicator)
    for year in sorted(wanted):
        for indicator, position in store.read_ranks_in_year(con, region.code, year=year).items():
            if indicator in wanted[year]:
                result[indicator] = position
    return result


#: Publication statuses from most to least final: a group value is as final as its least.
_STATUS_ORDER = ("definitief", "nader_voorlopig", "voorlopig")


def _group_series(
    con: duckdb.DuckDBPyConnection,
    members: Sequence[str],
    catalogue: Sequence[store.CatalogueIndicator],
    thresholds: assess.Thresholds,
) -> tuple[dict[str, Series], dict[str, float]]:
    """Aggregate member series per year (methods.md §6); also the latest year's coverage."""
    per_indicator: dict[str, dict[int, dict[str, tuple[float, str]]]] = {}
    for row in store.read_series_summaries(con, members):
        by_year = per_indicator.setdefault(row.indicator_id, {})
        for year, value, status in zip(row.years, row.values, row.status, strict=True):
            by_year.setdefault(year, {})[row.region_code] = (value, status)
    population = per_indicator.get(POPULATION_INDICATOR_ID, {})
    series: dict[str, Series] = {}
    coverage: dict[str, float] = {}
    for meta in catalogue:
        by_year = per_indicator.get(meta.id, {})
        years: list[int] = []
        values: list[float] = []
        statuses: list[str] = []
        last_coverage: float | None = None
        for year in sorted(by_year):
            weights = population.get(year, {})
            cells = [by_year[year].get(code) for code in members]
            aggregated = assess.aggregate_group(
                [cell[0] if cell else None for cell in cells],
                [weights[code][0] if code in weights else None for code in members],
                aggregation=str(meta.aggregation),
                thresholds=thresholds,
            )
            last_coverage = aggregated.coverage
            if aggregated.value is not None:
                years.append(year)
                values.append(aggregated.value)
                present = [cell[1] for cell in cells if cell]
                statuses.append(max(present, key=_STATUS_ORDER.index))
        series[meta.id] = Series(tuple(years), tuple(values), status=tuple(statuses))
        if last_coverage is not None:
            coverage[meta.id] = last_coverage
    return series, coverage


def _assess_indicator(
    meta: store.CatalogueIndicator,
    series: Series,
    *,
    target: Target | None,
    rank: store.Position | None,
    comparison: assess.ComparisonPeriod | None,
    ranked_level: bool,
    references: dict[str, store.ReferenceSeries],
    coverage: float | None,
    aggregated_year: int | None,
    missing: tuple[int, str] | None,
    in_group: bool,
    load_id: int | None,
    judged: assess.SeriesJudgement | None,
    thresholds: assess.Thresholds,
) -> IndicatorAssessment:
    direction = str(meta.direction)
    has_value = bool(series.years)
    value = series.values[-1] if has_value else None
    year = series.years[-1] if has_value else None
    ci_low = series.ci_low[-1] if has_value and series.ci_low else None
    ci_high = series.ci_high[-1] if has_value and series.ci_high else None
    minimum = target.minimum if target else None
    ambition = target.ambition if target else None
    ceiling = target.ceiling if target else None
    target_year = target.target_year if target else None
    baseline_year = target.baseline_year if target else None

    # Why a period newer than the judged value (or any, without one) has no value.
    newer_missing = missing if missing and (year is None or missing[0] > year) else None
    # Status, trend, progress and projection: stored at write time, else judged now.
    judged = judged or assess.judge_series(
        series.years, series.values, direction=direction, target=target, thresholds=thresholds
    )
    status, trend, progress, projection = (
        judged.status,
        judged.trend,
        judged.progress,
        judged.projection,
    )
    # Every value of a Series is present, so the last two are the latest and the previous.
    recent = assess.assess_recent_change(
        series.years[-2:],
        series.values[-2:],
        ci_low=series.ci_low[-2:] or None,
        ci_high=series.ci_high[-2:] or None,
    )
    # A count (summed over regions) of a gemeente is not comparable with NL's total.
    comparable = str(meta.aggregation) != "sum"
    # §3: one period for every region of the level. NL and region groups are compared in their
    # own period (a group value already needs 80% of the group's population, §6).
    level_wide = comparison if ranked_level else None
    compared_year = (level_wide.year if level_wide else None) if ranked_level else year
    at = series.years.index(compared_year) if compared_year in series.years else None
    compared = (
        (
            series.values[at],
            series.ci_low[at] if series.ci_low else None,
            series.ci_high[at] if series.ci_high else None,
        )
        if at is not None
        else (None, None, None)
    )
    compared_value, compared_low, compared_high = compared
    comparisons = {
        kind: _compare(
            references,
            kind,
            compared_year,
            compared_value,
            compared_low,
            compared_high,
            direction,
            thresholds,
        )
        if comparable
        else (None, None)
        for kind in ("NL", "PV", "peer")
    }

    return IndicatorAssessment(
        indicator=meta.id,
        name_nl=meta.name_nl,
        name_en=meta.name_en,
        dimensions=tuple(str(d) for d in meta.dimensions),
        theme=str(meta.theme_ids[0]),
        theme_ids=tuple(meta.theme_ids),
        unit=meta.unit,
        decimals=meta.decimals,
        direction=direction,
        aggregation=str(meta.aggregation),
        source=meta.source,
        period=year,
        value=value,
        ci_low=ci_low,
        ci_high=ci_high,
        value_status=series.status[-1] if has_value and series.status else None,
        load_id=load_id,
        status=str(status.status),
        distance_to_minimum=status.distance_to_minimum,
        gap_share=status.gap_share,
        minimum=minimum,
        ambition=ambition,
        ceiling=ceiling,
        target_year=target_year,
        baseline_year=baseline_year,
        trend=str(trend.trend),
        slope_per_year=trend.slope_per_year,
        p_value=trend.p_value,
        trend_first_year=trend.first_year,
        trend_last_year=trend.last_year,
        recent_change=recent.absolute if recent else None,
        recent_change_relative=recent.relative if recent else None,
        previous_period=recent.previous_year if recent else None,
        recent_change_is_change=assess.is_change(recent) if recent else None,
        rank=rank.rank if rank else None,
        n=rank.n if rank else None,
        quartile=rank.quartile if rank else None,
        comparison_period=compared_year,
        comparison_latest_year=level_wide.latest_year if level_wide else None,
        comparison_n_latest=level_wide.n_latest if level_wide else None,
        comparison_n_reporting=level_wide.n_reporting if level_wide else None,
        vs_nl=comparisons["NL"][0],
        vs_nl_class=comparisons["NL"][1],
        vs_province=comparisons["PV"][0],
        vs_province_class=comparisons["PV"][1],
        vs_peer=comparisons["peer"][0],
        vs_peer_class=comparisons["peer"][1],
        progress=str(progress.progress) if progress else None,
        progress_ratio=progress.ratio if progress else None,
        observed_growth=progress.observed_growth if progress else None,
        required_growth=progress.required_growth if progress else None,
        progress_method=str(progress.method) if progress and progress.method else None,
        projected_value=projection.projected_value if projection and target_year else None,
        year_minimum_reached=projection.year_minimum_reached if projection else None,
        minimum_not_before_horizon=bool(projection and projection.not_before_horizon),
        # A group's coverage is said even without a value (why there is none); a stored
        # computed value's only with that value.
        coverage=coverage if in_group or (has_value and year == aggregated_year) else None,
        origin=None if not has_value else ("aggregated" if year == aggregated_year else "source"),
        missing_reason=newer_missing[1] if newer_missing else None,
        missing_period=newer_missing[0] if newer_missing else None,
        cbs_code=meta.cbs_code,
        target_source=target.source if target else None,
        series=series,
        projection=projection,
    )


def _compare(
    references: dict[str, store.ReferenceSeries],
    kind: str,
    year: int | None,
    value: float | None,
    ci_low: float | None,
    ci_high: float | None,
    direction: str,
    thresholds: assess.Thresholds,
) -> tuple[float | None, str | None]:
    if value is None or year is None:
        return (None, None)
    ref = references.get(kind)
    at = ref.at(year) if ref else None
    if ref is None or at is None:
        return (None, None)
    comparison = assess.compare_with_reference(
        value,
        ref.values[at],
        direction=direction,
        ci_low=ci_low,
        ci_high=ci_high,
        ref_ci_low=ref.ci_low[at],
        ref_ci_high=ref.ci_high[at],
        thresholds=thresholds,
    )
    if comparison is None:  # a reference of 0 has no relative difference
        return (None, None)
    cls = comparison.comparison
    return (comparison.relative_difference, str(cls) if cls is not None else None)


def _plain(value: object) -> object:
    """JSON-friendly: NaN becomes None, numpy scalars become Python numbers."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def records(assessment: RegionAssessment) -> list[dict[str, Any]]:
    """The documented JSON records of a region's assessment, one per indicator."""
    return [item.record() for item in assessment.items]
