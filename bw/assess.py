"""Assessments of methods.md: status, trend, position, progress, projection, group values.

Pure functions of visible inputs (no store, no I/O), so the app can show the inputs next to
every verdict and the "Methode" pages can quote the rules verbatim. The thresholds live in one
place, :class:`Thresholds`; every function takes ``thresholds=`` keyword-only.

Missing values are ``None``, ``NaN`` or ``pandas.NA``; directions are :class:`bw.model.Direction`
or the plain strings ``'up'``, ``'down'``, ``'neutral'``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import median

import numpy as np
from scipy import special, stats

from bw.model import Aggregation, Direction, Quartile, Target, is_missing

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Comparison",
    "ComparisonClass",
    "ComparisonPeriod",
    "GroupValue",
    "ProgressClass",
    "ProgressMethod",
    "ProgressResult",
    "Projection",
    "RecentChange",
    "StatusClass",
    "StatusResult",
    "Thresholds",
    "TrendClass",
    "TrendResult",
    "aggregate_group",
    "assess_progress",
    "assess_recent_change",
    "assess_trend",
    "classify_quartile",
    "classify_status",
    "compare_with_reference",
    "competition_ranks",
    "is_change",
    "project_theil_sen",
    "select_base_period",
    "select_comparison_period",
    "select_trend_window",
]


# --------------------------------------------------------------------------------------------
# Thresholds: the one place for every number in methods.md
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The configurable numbers of methods.md, with its defaults."""

    trend_window_years: int = 8  # §2: the last 8 calendar years up to the latest value
    min_trend_points: int = 3  # §2: fewer values in the window -> insufficient_data
    p_value: float = 0.05  # §2: two-sided t-test on the slope, significant when p < this
    materiality: float = 0.01  # §2: fitted change >= 1% of the mean absolute value
    comparable_band: float = 0.05  # §3: within ±5% of the reference is comparable (CBS)
    # §3: the comparison period is the latest year in which at least this share of the regions
    # of a level that reported in the trend window have a value (so two early 2025 values do
    # not make a ranking of two).
    comparison_coverage: float = 0.80
    on_track: float = 0.95  # §4: R >= 0.95 is on_track
    acceleration: float = 0.60  # §4: 0.6 <= R < 0.95 is acceleration_needed
    group_coverage: float = 0.80  # §6: show a group value from 80% population coverage
    projection_horizon: int = 2050  # §5: "not before 2050"

    def __post_init__(self) -> None:
        if self.trend_window_years < 1:
            raise ValueError("trend_window_years must be at least 1")
        if self.min_trend_points < 3:
            raise ValueError("min_trend_points must be at least 3 (the t-test needs n - 2 > 0)")
        if not 0 < self.p_value < 1:
            raise ValueError("p_value must lie between 0 and 1")
        if not 0 <= self.acceleration <= self.on_track:
            raise ValueError("need 0 <= acceleration <= on_track")
        if not 0 < self.comparison_coverage <= 1:
            raise ValueError("comparison_coverage must lie in (0, 1]")


#: The defaults of methods.md.
DEFAULT_THRESHOLDS = Thresholds()

# Ratio thresholds (±5%, R = 0.95, 80% coverage) are met "at" the boundary: a share computed
# from decimals written by people (1.05 / 1.00 - 1 = 0.0500000000000000444) must not fall just
# outside. Comparisons of a value with a target stay exact.
_REL_TOL = 1e-9


def _at_least(x: float, bound: float) -> bool:
    """Whether ``x >= bound``, forgiving floating-point noise at the boundary."""
    return x >= bound or math.isclose(x, bound, rel_tol=_REL_TOL, abs_tol=1e-12)


def _at_most(x: float, bound: float) -> bool:
    """Whether ``x <= bound``, forgiving floating-point noise at the boundary."""
    return x <= bound or math.isclose(x, bound, rel_tol=_REL_TOL, abs_tol=1e-12)


# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------


class StatusClass(StrEnum):
    """Latest value against minimum, ambition and ceiling (methods.md §1)."""

    BELOW_MINIMUM = "below_minimum"
    ABOVE_MINIMUM = "above_minimum"
    AMBITION_REACHED = "ambition_reached"
    ABOVE_CEILING = "above_ceiling"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"


class TrendClass(StrEnum):
    """Trend over the window (methods.md §2); rising/falling for neutral indicators."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    STABLE = "stable"
    RISING = "rising"
    FALLING = "falling"
    INSUFFICIENT_DATA = "insufficient_data"


class ComparisonClass(StrEnum):
    """Value against a reference such as NL (methods.md §3); higher/lower for neutral ones."""

    BETTER = "better"
    COMPARABLE = "comparable"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"


class ProgressClass(StrEnum):
    """Progress towards a target year (methods.md §4)."""

    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    MOVING_AWAY = "moving_away"
    TARGET_REACHED = "target_reached"
    INSUFFICIENT_DATA = "insufficient_data"


class ProgressMethod(StrEnum):
    """Which rates §4 used: compound growth, or linear when a value is <= 0."""

    GROWTH = "growth"
    LINEAR = "linear"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusResult:
    """The status of a latest value with its distance to the minimum."""

    status: StatusClass  # StatusClass.ABOVE_MINIMUM
    distance_to_minimum: float | None  # 2.5: in the unit, > 0 means better than the minimum
    gap_share: float | None  # 0.25: (value - minimum) / (ambition - minimum)


@dataclass(frozen=True, slots=True)
class TrendResult:
    """An OLS trend over the window and its class."""

    trend: TrendClass  # TrendClass.IMPROVING
    slope_per_year: float | None  # 0.42: β, in the unit per year
    intercept: float | None  # -801.3: α, the fitted value in year 0
    p_value: float | None  # 0.003: two-sided t-test on β with n - 2 degrees of freedom
    n: int  # 8: values in the window
    first_year: int | None  # 2016: first year in the window with a value
    last_year: int | None  # 2023: latest year with a value
    significant: bool  # True: p < 0.05 and the fitted change is material
    fitted_change: float | None  # 2.94: β · (last_year - first_year)


@dataclass(frozen=True, slots=True)
class RecentChange:
    """The latest value against the previous available period."""

    year: int  # 2023
    value: float  # 78.4
    previous_year: int  # 2022 (or earlier when a year is missing)
    previous_value: float  # 77.1
    absolute: float  # 1.3: in the unit
    relative: float | None  # 0.0169: absolute / |previous_value|; None when previous is 0
    intervals_overlap: bool | None  # True: both 95% intervals given and they overlap


@dataclass(frozen=True, slots=True)
class Comparison:
    """A value against a reference (NL, province, peer group mean)."""

    relative_difference: float | None  # -0.031: (value - reference) / |reference|
    comparison: ComparisonClass | None  # ComparisonClass.COMPARABLE


@dataclass(frozen=True, slots=True)
class ComparisonPeriod:
    """The one period in which the regions of a level are ranked and compared (methods.md §3)."""

    year: int | None  # 2024; None when no year of the window reaches the share
    n_with_value: int | None  # 338: regions of the level with a value in that year
    n_reporting: int  # 340: regions of the level with a value in any year of the window
    latest_year: int  # 2025: the latest year in which any region of the level has a value
    n_latest: int  # 2: regions of the level with a value in the latest year


@dataclass(frozen=True, slots=True)
class ProgressResult:
    """Progress towards a target value in a target year, with the rates behind it."""

    progress: ProgressClass  # ProgressClass.ACCELERATION_NEEDED
    ratio: float | None  # 0.65: R = observed / required growth
    observed_growth: float | None  # -0.0292: per year (a share for growth, a unit for linear)
    required_growth: float | None  # -0.0452
    method: ProgressMethod | None  # ProgressMethod.GROWTH


@dataclass(frozen=True, slots=True)
class Projection:
    """A Theil–Sen projection of the trend window, never to be shown as data."""

    slope: float  # 0.8: median of pairwise slopes, per year
    intercept: float  # -1600.2: median(values) - slope · median(years)
    projected_value: float | None  # 31.4: on the line in the target year
    year_minimum_reached: int | None  # 2027: first year the line meets the minimum
    not_before_horizon: bool  # True: the line does not meet the minimum by 2050
    band_low: tuple[float, ...]  # (27.9, 28.4, …): lower edge of the 95% slope band per year
    band_high: tuple[float, ...]  # (28.3, 29.5, …)
    years: tuple[int, ...]  # (2023, 2024, …, 2030): from the latest year to the target year
    values: tuple[float, ...]  # (28.1, 28.9, …, 33.7): the line in those years


@dataclass(frozen=True, slots=True)
class GroupValue:
    """An indicator value for a region group, with its population coverage."""

    value: float | None  # 41.7; None when not aggregable or coverage is too low
    coverage: float | None  # 0.93: population of members with a value / population of all
    n_members: int  # 12
    n_with_data: int  # 11


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _number(value: object) -> float | None:
    """A float, or None for a missing value."""
    return None if is_missing(value) else float(value)  # type: ignore[arg-type]


def _direction(direction: Direction | str) -> Direction:
    """Accept a Direction or its plain string."""
    try:
        return Direction(direction)
    except ValueError:
        message = f"unknown direction {direction!r}; use 'up', 'down' or 'neutral'"
        raise ValueError(message) from None


def _optional_list(values: Iterable[object] | None, n: int, name: str) -> list[object] | None:
    """A list of ``n`` items, or None when not given."""
    if values is None:
        return None
    out = list(values)
    if len(out) != n:
        raise ValueError(f"{name} has {len(out)} items, expected {n}")
    return out


def _series(
    years: Iterable[int],
    values: Iterable[float | None],
    ci_low: Iterable[float | None] | None = None,
    ci_high: Iterable[float | None] | None = None,
) -> list[tuple[int, float, float | None, float | None]]:
    """(year, value, ci_low, ci_high) for the years that have a value, sorted by year."""
    ys, vs = list(years), list(values)
    if len(ys) != len(vs):
        raise ValueError(f"years has {len(ys)} items but values has {len(vs)}")
    lows = _optional_list(ci_low, len(ys), "ci_low")
    highs = _optional_list(ci_high, len(ys), "ci_high")
    rows = []
    for i, (year, value) in enumerate(zip(ys, vs, strict=True)):
        if is_missing(value):
            continue
        lo = None if lows is None else _number(lows[i])
        hi = None if highs is None else _number(highs[i])
        rows.append((int(year), float(value), lo, hi))  # type: ignore[arg-type]
    rows.sort(key=lambda row: row[0])
    seen = [row[0] for row in rows]
    if len(set(seen)) != len(seen):
        raise ValueError("a year occurs twice among the values")
    return rows


def _window(
    rows: list[tuple[int, float, float | None, float | None]], thresholds: Thresholds
) -> list[tuple[int, float, float | None, float | None]]:
    """The rows in the last ``trend_window_years`` calendar years up to the latest value."""
    if not rows:
        return []
    first = rows[-1][0] - thresholds.trend_window_years + 1
    return [row for row in rows if row[0] >= first]


def _overlap(lo1: float, hi1: float, lo2: float, hi2: float) -> bool:
    """Whether two closed intervals overlap (touching counts: not a proven difference)."""
    return lo1 <= hi2 and lo2 <= hi1


def _meets(value: float, target: float, direction: Direction) -> bool:
    """Whether a value meets a target in the good direction (equal counts as meeting)."""
    return value >= target if direction is Direction.UP else value <= target


# --------------------------------------------------------------------------------------------
# §1 Status against targets
# --------------------------------------------------------------------------------------------


def classify_status(
    value: float | None,
    *,
    direction: Direction | str,
    minimum: float | None = None,
    ambition: float | None = None,
    ceiling: float | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> StatusResult:
    """Classify a latest value against minimum, ambition and ceiling (methods.md §1).

    Rules, checked in this order:

    - no value -> ``no_data`` (even when no target is set: there is nothing to judge);
    - a ceiling is an upper limit the value must not exceed, whatever the direction (the
      doughnut's ecological ceiling): ``value > ceiling`` -> ``above_ceiling``, overriding
      the others;
    - worse than the minimum -> ``below_minimum`` (equal to it counts as meeting it);
    - at least the ambition -> ``ambition_reached``;
    - otherwise -> ``above_minimum``. A missing minimum counts as met, so ``above_minimum``
      means "not below any minimum, ambition not (yet) reached"; with only an ambition that is
      not reached, or only a ceiling that is respected, the status is ``above_minimum``;
    - no minimum, ambition or ceiling -> ``no_target``.

    For ``down`` every comparison with minimum and ambition is mirrored. A ``neutral``
    indicator has no good direction of its own: minimum and ambition are used only when they
    imply one (ambition above minimum reads as ``up``, below as ``down``); otherwise they are
    ignored, and without a ceiling the status is ``no_target``.

    ``distance_to_minimum`` is value - minimum, sign flipped for ``down`` so that positive
    always means better than the minimum; ``gap_share`` is (value - minimum) / (ambition -
    minimum): 0 at the minimum, 1 at the ambition.

    >>> r = classify_status(7.5, direction="up", minimum=5, ambition=15)
    >>> r.status, r.distance_to_minimum, r.gap_share
    (<StatusClass.ABOVE_MINIMUM: 'above_minimum'>, 2.5, 0.25)
    >>> classify_status(38.0, direction="down", minimum=40, ambition=35).status
    <StatusClass.ABOVE_MINIMUM: 'above_minimum'>
    >>> classify_status(None, direction="up", minimum=5).status
    <StatusClass.NO_DATA: 'no_data'>
    """
    resolved = _direction(direction)
    m, a, c = _number(minimum), _number(ambition), _number(ceiling)

    if resolved is Direction.NEUTRAL:
        if m is not None and a is not None and a != m:
            resolved = Direction.UP if a > m else Direction.DOWN
        else:
            m = a = None  # no direction to judge them by

    x = _number(value)
    if x is None:
        return StatusResult(StatusClass.NO_DATA, None, None)
    distance = gap_share = None
    if m is not None:
        distance = x - m if resolved is Direction.UP else m - x
        if a is not None and a != m:
            gap_share = (x - m) / (a - m)

    if m is None and a is None and c is None:
        status = StatusClass.NO_TARGET
    elif c is not None and x > c:
        status = StatusClass.ABOVE_CEILING
    elif m is not None and not _meets(x, m, resolved):
        status = StatusClass.BELOW_MINIMUM
    elif a is not None and _meets(x, a, resolved):
        status = StatusClass.AMBITION_REACHED
    else:
        status = StatusClass.ABOVE_MINIMUM
    return StatusResult(status, distance, gap_share)


# --------------------------------------------------------------------------------------------
# §2 Trend and recent change
# --------------------------------------------------------------------------------------------


def select_trend_window(
    years: Iterable[int],
    values: Iterable[float | None],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[list[int], list[float]]:
    """The years and values of the trend window: the last 8 calendar years up to the latest value.

    Missing values are dropped first, so the window ends at the latest year that has a value.

    >>> select_trend_window([2010, 2015, 2016, 2022, 2023], [1.0, 2.0, None, 3.0, float("nan")])
    ([2015, 2022], [2.0, 3.0])
    """
    rows = _window(_series(years, values), thresholds)
    return [row[0] for row in rows], [row[1] for row in rows]


def assess_trend(
    years: Iterable[int],
    values: Iterable[float | None],
    *,
    direction: Direction | str,
    ci_low: Iterable[float | None] | None = None,
    ci_high: Iterable[float | None] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> TrendResult:
    """Fit an OLS trend over the window and classify it (methods.md §2).

    Significant when the two-sided t-test on the slope gives p < 0.05 (n - 2 degrees of
    freedom) and the fitted change over the window is at least 1% of the window's mean absolute
    value (when that mean is 0, any non-zero slope is material). A perfect fit has p = 0 when
    the slope is non-zero; a flat series has slope 0 and p = 1.

    ``ci_low``/``ci_high`` are accepted so a survey series can be passed whole; they do not
    change the trend class. The interval rule of §2 is about the latest annual change: see
    :func:`assess_recent_change` and :func:`is_change`.

    >>> r = assess_trend([2019, 2020, 2021, 2022, 2023], [10, 11, 12, 13, 14], direction="down")
    >>> r.trend, r.slope_per_year, r.p_value, r.fitted_change
    (<TrendClass.WORSENING: 'worsening'>, 1.0, 0.0, 4.0)
    >>> assess_trend([2022, 2023], [1, 2], direction="up").trend
    <TrendClass.INSUFFICIENT_DATA: 'insufficient_data'>
    """
    resolved = _direction(direction)
    rows = _series(years, values, ci_low, ci_high)  # checks lengths and repeated years
    # One series is a batch of one: the same arithmetic as judge_series_batch, so the stored
    # judgements equal a fresh computation to the last bit.
    columns = _trend_columns(
        np.zeros(len(rows), dtype=np.int64),
        np.array([row[0] for row in rows], dtype=np.int64),
        np.array([row[1] for row in rows], dtype=np.float64),
        [resolved],
        thresholds,
    )
    return columns.result(0)


_TINY = 1.0e-20  # scipy.stats.linregress's guard against r = ±1 in the t statistic


@dataclass(frozen=True, slots=True)
class TrendColumns:
    """The §2 trend of every series of a batch, one array entry per series."""

    trend: tuple[TrendClass, ...]
    slope: np.ndarray
    intercept: np.ndarray
    p_value: np.ndarray
    n: np.ndarray
    first_year: np.ndarray
    last_year: np.ndarray
    significant: np.ndarray
    fitted_change: np.ndarray

    def result(self, i: int) -> TrendResult:
        """The trend of series ``i`` as the record :func:`assess_trend` returns."""
        n = int(self.n[i])
        first = int(self.first_year[i]) if n else None
        last = int(self.last_year[i]) if n else None
        if self.trend[i] is TrendClass.INSUFFICIENT_DATA:
            return TrendResult(
                TrendClass.INSUFFICIENT_DATA, None, None, None, n, first, last, False, None
            )
        return TrendResult(
            self.trend[i],
            float(self.slope[i]),
            float(self.intercept[i]),
            float(self.p_value[i]),
            n,
            first,
            last,
            bool(self.significant[i]),
            float(self.fitted_change[i]),
        )


def _at_least_array(x: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """:func:`_at_least` element by element (``math.isclose`` written out for arrays)."""
    diff = np.abs(x - bound)
    close = (diff <= np.abs(_REL_TOL * bound)) | (diff <= np.abs(_REL_TOL * x)) | (diff <= 1e-12)
    met: np.ndarray = (x >= bound) | close
    return met


def _trend_columns(
    series: np.ndarray,
    years: np.ndarray,
    values: np.ndarray,
    directions: Sequence[Direction],
    thresholds: Thresholds,
) -> TrendColumns:
    """OLS trends of many series at once (methods.md §2), as scipy.stats.linregress computes them.

    ``series[k]`` says which series point k belongs to; years within a series are distinct and
    NaN values are dropped. Each series becomes one row of a (series x window years) matrix, so
    a batch of one and a batch of thousands do the same arithmetic in the same order.
    """
    n_series, width = len(directions), thresholds.trend_window_years
    present = ~np.isnan(values)
    series, years, values = series[present], years[present], values[present]
    latest = np.full(n_series, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(latest, series, years)
    slot = years - (latest[series] - width + 1)
    inside = slot >= 0
    series, slot, values = series[inside], slot[inside], values[inside]
    mask = np.zeros((n_series, width), dtype=bool)
    grid = np.zeros((n_series, width), dtype=np.float64)
    mask[series, slot] = True
    grid[series, slot] = values
    n = mask.sum(axis=1)
    columns = np.arange(width)
    first_slot = np.where(mask, columns, width).min(axis=1)
    last_slot = np.where(mask, columns, -1).max(axis=1)
    first_year = latest - width + 1 + first_slot
    sufficient = n >= thresholds.min_trend_points
    with np.errstate(all="ignore"):
        # Years centred on the window's first value: fitting against 2016…2023 directly loses
        # digits in the intercept.
        x = np.where(mask, (columns - first_slot[:, None]).astype(np.float64), 0.0)
        y = np.where(mask, grid, 0.0)
        count = n.astype(np.float64)
        x_mean = x.sum(axis=1) / count
        y_mean = y.sum(axis=1) / count
        dx = np.where(mask, x - x_mean[:, None], 0.0)
        dy = np.where(mask, y - y_mean[:, None], 0.0)
        ss_x = (dx * dx).sum(axis=1) / count
        ss_xy = (dx * dy).sum(axis=1) / count
        ss_y = (dy * dy).sum(axis=1) / count
        r = np.clip(ss_xy / np.sqrt(ss_x * ss_y), -1.0, 1.0)
        r = np.where((ss_x == 0) | (ss_y == 0), 0.0, r)
        slope = ss_xy / ss_x
        intercept = (y_mean - slope * x_mean) - slope * first_year
        df = count - 2
        t = r * np.sqrt(df / ((1.0 - r + _TINY) * (1.0 + r + _TINY)))
        p_value = 2 * special.stdtr(df, -np.abs(t))
        stderr = np.sqrt((1 - r**2) * ss_y / ss_x / df)
        # A perfect fit has no residual variance: p = 0 when the slope is not 0.
        perfect = (stderr == 0) | np.isnan(p_value)
        p_value = np.where(perfect, np.where(slope != 0, 0.0, 1.0), p_value)
        # A flat series: slope 0 and p = 1, the line through its one value.
        flat = np.where(mask, grid, np.inf).min(axis=1) == np.where(mask, grid, -np.inf).max(axis=1)
        first_value = grid[np.arange(n_series), np.minimum(first_slot, width - 1)]
        slope = np.where(flat, 0.0, slope)
        intercept = np.where(flat, first_value, intercept)
        p_value = np.where(flat, 1.0, p_value)
        fitted_change = slope * (last_slot - first_slot).astype(np.float64)
        mean_abs = np.abs(y).sum(axis=1) / count
        material = np.where(
            mean_abs > 0,
            _at_least_array(np.abs(fitted_change), thresholds.materiality * mean_abs),
            slope != 0,
        )
    significant = sufficient & (p_value < thresholds.p_value) & material & (slope != 0)
    up = np.array([d is Direction.UP for d in directions], dtype=bool)
    neutral = np.array([d is Direction.NEUTRAL for d in directions], dtype=bool)
    rising = slope > 0
    codes = np.select(
        [~sufficient, ~significant, neutral & rising, neutral, rising == up],
        [0, 1, 2, 3, 4],
        default=5,
    )
    classes = (
        TrendClass.INSUFFICIENT_DATA,
        TrendClass.STABLE,
        TrendClass.RISING,
        TrendClass.FALLING,
        TrendClass.IMPROVING,
        TrendClass.WORSENING,
    )
    return TrendColumns(
        trend=tuple(classes[code] for code in codes.tolist()),
        slope=slope,
        intercept=intercept,
        p_value=p_value,
        n=n,
        first_year=first_year,
        last_year=latest,
        significant=significant,
        fitted_change=fitted_change,
    )


def assess_recent_change(
    years: Iterable[int],
    values: Iterable[float | None],
    *,
    ci_low: Iterable[float | None] | None = None,
    ci_high: Iterable[float | None] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> RecentChange | None:
    """The latest value against the previous available period; None with fewer than 2 values.

    The previous period is the latest earlier year with a value, however far back (not limited
    to the trend window). ``intervals_overlap`` is set only when both periods have a 95%
    interval; touching intervals count as overlapping.

    >>> r = assess_recent_change([2020, 2021, 2022], [50.0, None, 55.0])
    >>> r.previous_year, r.absolute, r.relative, r.intervals_overlap
    (2020, 5.0, 0.1, None)
    """
    rows = _series(years, values, ci_low, ci_high)
    if len(rows) < 2:
        return None
    (y0, v0, lo0, hi0), (y1, v1, lo1, hi1) = rows[-2], rows[-1]
    absolute = v1 - v0
    relative = absolute / abs(v0) if v0 != 0 else None
    overlap = None
    if lo0 is not None and hi0 is not None and lo1 is not None and hi1 is not None:
        overlap = _overlap(lo0, hi0, lo1, hi1)
    return RecentChange(y1, v1, y0, v0, absolute, relative, overlap)


def is_change(recent: RecentChange | None) -> bool:
    """Whether a recent change may be called a change: not when intervals overlap or it is zero.

    >>> is_change(assess_recent_change([2022, 2023], [70, 72], ci_low=[68, 70], ci_high=[72, 74]))
    False
    >>> is_change(assess_recent_change([2022, 2023], [70, 72]))
    True
    """
    if recent is None or recent.absolute == 0:
        return False
    return recent.intervals_overlap is not True


# --------------------------------------------------------------------------------------------
# §3 Position among regions and against references
# --------------------------------------------------------------------------------------------


def competition_ranks(
    values: Iterable[float | None],
    *,
    direction: Direction | str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[int | None]:
    """Competition ranks (1, 2, 2, 4), rank 1 best; missing values get None and are not counted.

    ``up`` ranks high-to-low, ``down`` low-to-high, ``neutral`` high-to-low (labelled as
    such in the app). The number ranked, ``n``, is the count of non-None ranks. The store
    computes the same ranks in SQL (``rank() OVER``); this is the reference version.

    >>> competition_ranks([3.0, 5.0, 5.0, None, 1.0], direction="up")
    [3, 1, 1, None, 4]
    >>> competition_ranks([3.0, 5.0, 5.0, None, 1.0], direction="down")
    [2, 3, 3, None, 1]
    """
    resolved = _direction(direction)
    sign = 1.0 if resolved is Direction.DOWN else -1.0  # sort key: smaller key = better
    keys = [None if v is None else sign * v for v in map(_number, values)]
    present = [k for k in keys if k is not None]
    return [None if k is None else 1 + sum(1 for other in present if other < k) for k in keys]


def classify_quartile(
    rank: int,
    n: int,
    *,
    direction: Direction | str = Direction.UP,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Quartile:
    """The quartile of a rank among ``n`` ranked regions (methods.md §3).

    ``best_quartile`` when rank <= ⌈n/4⌉, ``worst_quartile`` when rank > n - ⌈n/4⌉, else
    ``middle``. With very small ``n`` both can hold; the best check wins. A ``neutral``
    indicator is ranked high-to-low and gets ``highest_quartile`` / ``lowest_quartile``
    instead: position words never judge an indicator without a good direction.

    >>> [classify_quartile(r, 8).value for r in range(1, 9)]  # doctest: +NORMALIZE_WHITESPACE
    ['best_quartile', 'best_quartile', 'middle', 'middle', 'middle', 'middle',
     'worst_quartile', 'worst_quartile']
    >>> classify_quartile(1, 1)
    <Quartile.BEST: 'best_quartile'>
    >>> classify_quartile(8, 8, direction="neutral")
    <Quartile.LOWEST: 'lowest_quartile'>
    """
    if n < 1 or not 1 <= rank <= n:
        raise ValueError(f"rank {rank} out of range for n = {n}")
    neutral = _direction(direction) is Direction.NEUTRAL
    quarter = math.ceil(n / 4)
    if rank <= quarter:
        return Quartile.HIGHEST if neutral else Quartile.BEST
    if rank > n - quarter:
        return Quartile.LOWEST if neutral else Quartile.WORST
    return Quartile.MIDDLE


def select_comparison_period(
    years_by_region: Mapping[str, Iterable[int]],
    *,
    as_of: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> ComparisonPeriod | None:
    """The comparison period of one indicator at one level (methods.md §3); None without values.

    ``years_by_region`` gives, per region of the level, the years in which it has a value.
    The window is the last ``trend_window_years`` calendar years up to the latest year in
    which any region has a value (only years up to ``as_of`` count when it is given, as if
    the store held nothing newer). The regions reporting are those with a value in any year of
    the window; the comparison period is the latest year of the window in which at least
    ``comparison_coverage`` (80%) of them have a value, equal counting as enough. No such year
    gives ``year=None``: then no region of the level has a position. The store computes the
    same in SQL (``comparison_periods``); this is the reference version.

    >>> regions = {f"GM{i:04d}": [2023, 2024] for i in range(340)}
    >>> regions["GM0000"] = [2023, 2024, 2025]; regions["GM0001"] = [2023, 2024, 2025]
    >>> select_comparison_period(regions)
    ComparisonPeriod(year=2024, n_with_value=340, n_reporting=340, latest_year=2025, n_latest=2)
    >>> select_comparison_period(regions, as_of=2023).year
    2023
    """
    sets = {
        code: {int(y) for y in years if as_of is None or int(y) <= as_of}
        for code, years in years_by_region.items()
    }
    sets = {code: years for code, years in sets.items() if years}
    if not sets:
        return None
    latest = max(max(years) for years in sets.values())
    first = latest - thresholds.trend_window_years + 1
    in_window = {code: {y for y in years if y >= first} for code, years in sets.items()}
    n_reporting = sum(1 for years in in_window.values() if years)
    counts = {
        year: sum(1 for years in in_window.values() if year in years)
        for year in range(first, latest + 1)
    }
    met = [
        year
        for year, n in counts.items()
        if _at_least(n / n_reporting, thresholds.comparison_coverage)
    ]
    year = max(met) if met else None
    return ComparisonPeriod(
        year=year,
        n_with_value=counts[year] if year is not None else None,
        n_reporting=n_reporting,
        latest_year=latest,
        n_latest=counts[latest],
    )


def compare_with_reference(
    value: float | None,
    reference: float | None,
    *,
    direction: Direction | str,
    ci_low: float | None = None,
    ci_high: float | None = None,
    ref_ci_low: float | None = None,
    ref_ci_high: float | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Comparison | None:
    """Compare a value with a reference such as NL (methods.md §3); None without a comparison.

    The relative difference is (value - reference) / |reference|. When both the value and the
    reference carry a 95% interval (survey data) they are ``comparable`` when the intervals
    overlap; otherwise ``comparable`` within ±5% inclusive. Else ``better``/``worse`` in the
    indicator's good direction, ``higher``/``lower`` for neutral indicators. Returns None when
    the value or the reference is missing, or the reference is 0 (no relative difference).

    >>> compare_with_reference(104.0, 100.0, direction="up")
    Comparison(relative_difference=0.04, comparison=<ComparisonClass.COMPARABLE: 'comparable'>)
    >>> compare_with_reference(90.0, 100.0, direction="down").comparison
    <ComparisonClass.BETTER: 'better'>
    """
    resolved = _direction(direction)
    x, r = _number(value), _number(reference)
    if x is None or r is None or r == 0:
        return None
    relative = (x - r) / abs(r)
    intervals = (ci_low, ci_high, ref_ci_low, ref_ci_high)
    if not any(is_missing(b) for b in intervals):
        lo, hi, rlo, rhi = (float(b) for b in intervals)  # type: ignore[arg-type]
        comparable = _overlap(lo, hi, rlo, rhi)
    else:
        comparable = _at_most(abs(relative), thresholds.comparable_band)
    if comparable:
        cls = ComparisonClass.COMPARABLE
    elif resolved is Direction.NEUTRAL:
        cls = ComparisonClass.HIGHER if x > r else ComparisonClass.LOWER
    elif (x > r) == (resolved is Direction.UP):
        cls = ComparisonClass.BETTER
    else:
        cls = ComparisonClass.WORSE
    return Comparison(relative, cls)


# --------------------------------------------------------------------------------------------
# §4 Progress towards a target year
# --------------------------------------------------------------------------------------------


def select_base_period(
    years: Iterable[int],
    values: Iterable[float | None],
    *,
    baseline_year: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> tuple[int, float] | None:
    """The base (year, value) of §4: the target's baseline year if set, else the window's first.

    None when there are no values, or the baseline year is set but has no value (the app then
    says so rather than silently using another year).

    >>> select_base_period([2012, 2016, 2023], [1.0, 2.0, 3.0])
    (2016, 2.0)
    >>> select_base_period([2012, 2016, 2023], [1.0, 2.0, 3.0], baseline_year=2012)
    (2012, 1.0)
    """
    rows = _series(years, values)
    if baseline_year is not None:
        match = [row for row in rows if row[0] == baseline_year]
        return (match[0][0], match[0][1]) if match else None
    window = _window(rows, thresholds)
    return (window[0][0], window[0][1]) if window else None


def assess_progress(
    *,
    base_year: int | None,
    base_value: float | None,
    latest_year: int | None,
    latest_value: float | None,
    target_value: float | None,
    target_year: int | None,
    direction: Direction | str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> ProgressResult:
    """Progress towards a target year by the Open SDG / Eurostat ratio method (methods.md §4).

    ``g_obs = (xt/x0)^(1/(t - t0)) - 1`` and ``g_req = (x*/x0)^(1/(T - t0)) - 1``, or the
    linear rates ``(xt - x0)/(t - t0)`` and ``(x* - x0)/(T - t0)`` when x0, xt or x* is <= 0.
    ``R = g_obs / g_req`` needs no mirroring for ``down``: both rates are negative when the
    series falls towards a lower target.

    Order of the rules: any input missing -> ``insufficient_data``; the latest value meets the
    target (up: >=, down: <=) -> ``target_reached``; t <= t0 or T <= t0 ->
    ``insufficient_data``; the base value met the target but the latest value does not ->
    ``moving_away`` with ratio None (R is undefined when the target equals the base, and
    positive but meaningless when the target lies behind the base); otherwise by R.

    A ``neutral`` indicator takes its direction from the target (above the base reads as
    ``up``); a target equal to the base gives ``insufficient_data``.

    >>> r = assess_progress(base_year=2015, base_value=10, latest_year=2023, latest_value=20,
    ...                     target_value=40, target_year=2030, direction="up")
    >>> r.progress, round(r.ratio, 2)
    (<ProgressClass.ACCELERATION_NEEDED: 'acceleration_needed'>, 0.93)
    """
    insufficient = ProgressResult(ProgressClass.INSUFFICIENT_DATA, None, None, None, None)
    resolved = _direction(direction)
    inputs = (base_year, base_value, latest_year, latest_value, target_value, target_year)
    if any(is_missing(v) for v in inputs):
        return insufficient
    t0, t, big_t = int(base_year), int(latest_year), int(target_year)  # type: ignore[arg-type]
    x0, xt, xs = float(base_value), float(latest_value), float(target_value)  # type: ignore[arg-type]

    if resolved is Direction.NEUTRAL:
        if xs == x0:
            return insufficient
        resolved = Direction.UP if xs > x0 else Direction.DOWN

    method = ProgressMethod.LINEAR if min(x0, xt, xs) <= 0 else ProgressMethod.GROWTH

    def rate(x: float, years: int) -> float:
        if method is ProgressMethod.GROWTH:
            # A positive float to a real power: a float (typeshed types float ** float as Any).
            factor: float = (x / x0) ** (1 / years)
            return factor - 1
        return (x - x0) / years

    g_obs = rate(xt, t - t0) if t > t0 else None
    g_req = rate(xs, big_t - t0) if big_t > t0 else None
    ratio = g_obs / g_req if g_obs is not None and g_req else None

    if _meets(xt, xs, resolved):
        return ProgressResult(ProgressClass.TARGET_REACHED, ratio, g_obs, g_req, method)
    if g_obs is None or g_req is None:
        return ProgressResult(ProgressClass.INSUFFICIENT_DATA, None, g_obs, g_req, method)
    if _meets(x0, xs, resolved) or ratio is None:
        # The base met the target (g_req is 0 or points the wrong way) and the latest value
        # does not: R would be undefined or, worse, positive for a series moving away. A target
        # a rounding error beyond the base also gives g_req == 0 (growth rate 1e-17 is 0.0).
        return ProgressResult(ProgressClass.MOVING_AWAY, None, g_obs, g_req, method)
    if _at_least(ratio, thresholds.on_track):
        progress = ProgressClass.ON_TRACK
    elif _at_least(ratio, thresholds.acceleration):
        progress = ProgressClass.ACCELERATION_NEEDED
    elif ratio >= 0:
        progress = ProgressClass.LIMITED_PROGRESS
    else:
        progress = ProgressClass.MOVING_AWAY
    return ProgressResult(progress, ratio, g_obs, g_req, method)


# --------------------------------------------------------------------------------------------
# §5 Projection
# --------------------------------------------------------------------------------------------


def project_theil_sen(
    years: Iterable[int],
    values: Iterable[float | None],
    *,
    target_year: int | None,
    direction: Direction | str,
    minimum: float | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Projection | None:
    """Project the trend window with a Theil–Sen line (methods.md §5); None with < 3 values.

    Slope = median of pairwise slopes, intercept = median(values) - slope · median(years)
    (``scipy.stats.theilslopes``, method 'separate'). The band is the pair of lines with the
    95% confidence slopes through the same median point. The line runs from the latest year to
    ``max(target_year, latest year)``; ``projected_value`` is on it in the target year (None
    without a target year).

    ``year_minimum_reached``: the latest year when the latest observed value already meets the
    minimum; else the first whole year after it, up to 2050, in which the line meets it
    (``not_before_horizon`` when none does). None for a neutral indicator or without minimum.

    >>> p = project_theil_sen([2019, 2020, 2021, 2022], [10, 12, 14, 16], target_year=2025,
    ...                       minimum=20, direction="up")
    >>> p.slope, p.projected_value, p.year_minimum_reached, p.years
    (2.0, 22.0, 2024, (2022, 2023, 2024, 2025))
    """
    fit = fit_theil_sen(years, values, thresholds=thresholds)
    if fit is None:
        return None
    return project_from_fit(
        fit, target_year=target_year, direction=direction, minimum=minimum, thresholds=thresholds
    )


@dataclass(frozen=True, slots=True)
class TheilSenFit:
    """The Theil–Sen line of a trend window: what a projection is drawn from (methods.md §5)."""

    slope: float  # 0.8: median of pairwise slopes, per year
    intercept: float  # -1600.2: median(values) - slope · median(years)
    low_slope: float  # 0.5: lower end of the 95% confidence interval of the slope
    high_slope: float  # 1.1
    mid_x: float  # 2019.5: median year of the window
    mid_y: float  # 28.0: median value of the window
    latest_year: int  # 2023: the window's latest year
    latest_value: float  # 28.1


def fit_theil_sen(
    years: Iterable[int],
    values: Iterable[float | None],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> TheilSenFit | None:
    """The Theil–Sen fit of the trend window (``scipy.stats.theilslopes``); None with < 3 values.

    >>> fit_theil_sen([2019, 2020, 2021, 2022], [10, 12, 14, 16]).slope
    2.0
    """
    rows = _window(_series(years, values), thresholds)
    if len(rows) < thresholds.min_trend_points:
        return None
    xs = [row[0] for row in rows]
    vs = [row[1] for row in rows]
    x_ref = xs[0]  # centre the years for the same reason as in assess_trend
    fit = stats.theilslopes(vs, [x - x_ref for x in xs], alpha=0.95, method="separate")
    slope = float(fit.slope)
    return TheilSenFit(
        slope=slope,
        intercept=float(fit.intercept) - slope * x_ref,
        low_slope=float(fit.low_slope),
        high_slope=float(fit.high_slope),
        mid_x=float(median(xs)),
        mid_y=float(median(vs)),
        latest_year=xs[-1],
        latest_value=vs[-1],
    )


def project_from_fit(
    fit: TheilSenFit,
    *,
    target_year: int | None,
    direction: Direction | str,
    minimum: float | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Projection:
    """The projection of :func:`project_theil_sen` drawn from a fit made before (or stored)."""
    resolved = _direction(direction)
    slope, intercept, mid_x, mid_y = fit.slope, fit.intercept, fit.mid_x, fit.mid_y

    def line(year: int) -> float:
        return intercept + slope * year

    latest_year, latest_value = fit.latest_year, fit.latest_value
    end = latest_year if target_year is None else max(int(target_year), latest_year)
    line_years = tuple(range(latest_year, end + 1))
    low = [mid_y + fit.low_slope * (y - mid_x) for y in line_years]
    high = [mid_y + fit.high_slope * (y - mid_x) for y in line_years]

    reached: int | None = None
    not_before = False
    m = _number(minimum)
    if m is not None and resolved is not Direction.NEUTRAL:
        if _meets(latest_value, m, resolved):
            reached = latest_year
        else:
            horizon = thresholds.projection_horizon
            reached = next(
                (y for y in range(latest_year + 1, horizon + 1) if _meets(line(y), m, resolved)),
                None,
            )
            not_before = reached is None

    return Projection(
        slope=slope,
        intercept=intercept,
        projected_value=None if target_year is None else line(int(target_year)),
        year_minimum_reached=reached,
        not_before_horizon=not_before,
        band_low=tuple(min(lo, hi) for lo, hi in zip(low, high, strict=True)),
        band_high=tuple(max(lo, hi) for lo, hi in zip(low, high, strict=True)),
        years=line_years,
        values=tuple(line(y) for y in line_years),
    )


# --------------------------------------------------------------------------------------------
# §6 Aggregating to a region group
# --------------------------------------------------------------------------------------------


def aggregate_group(
    values: Iterable[float | None],
    populations: Iterable[float | None],
    *,
    aggregation: Aggregation | str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> GroupValue:
    """Aggregate member values of a region group for one year (methods.md §6).

    ``values`` and ``populations`` are aligned per member, populations from the same year.
    ``coverage`` is the population of members with a value over the population of all
    members (None when a member's population is missing or the total is 0). The group value is
    None below 80% coverage, and always for ``none`` (not aggregable: the app says so).

    - ``weighted_mean``: the population-weighted mean of the members with a value.
    - ``sum``: only when every member has a value. A sum over 80% of the members is an
      undercount of the group total, not an estimate of it, so it is never shown.

    >>> aggregate_group([10.0, 20.0, None], [100, 300, 50], aggregation="weighted_mean")
    GroupValue(value=17.5, coverage=0.8888888888888888, n_members=3, n_with_data=2)
    >>> aggregate_group([10.0, 20.0, None], [100, 300, 50], aggregation="sum").value is None
    True
    """
    kind = Aggregation(aggregation)
    vs, pops = [_number(v) for v in values], [_number(p) for p in populations]
    if len(vs) != len(pops):
        raise ValueError(f"values has {len(vs)} items but populations has {len(pops)}")
    if any(p is not None and p < 0 for p in pops):
        raise ValueError("a population is negative")
    members = list(zip(vs, pops, strict=True))
    with_data = [(v, p) for v, p in members if v is not None]
    n_members, n_with_data = len(members), len(with_data)

    # The members with a value and a population; every member with a value whenever the
    # coverage is known (it needs every population).
    weighted = [(v, p) for v, p in with_data if p is not None]

    coverage = None
    if members and None not in pops:
        total = sum(p for p in pops if p is not None)
        if total > 0:
            coverage = sum(p for _, p in weighted) / total

    value = None
    covered = coverage is not None and _at_least(coverage, thresholds.group_coverage)
    if kind is Aggregation.SUM and n_members and n_with_data == n_members:
        value = sum(v for v, _ in with_data)
    elif kind is Aggregation.WEIGHTED_MEAN and covered:
        weight = sum(p for _, p in weighted)
        if weight > 0:
            value = sum(v * p for v, p in weighted) / weight
    return GroupValue(value, coverage, n_members, n_with_data)


# --------------------------------------------------------------------------------------------
# A series judged whole (§1, §2, §4, §5), one at a time or in batch
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesJudgement:
    """What methods.md §1, §2, §4 and §5 say of one series against its current target."""

    status: StatusResult
    trend: TrendResult
    progress: ProgressResult | None  # None without a target year or a target value
    projection_fit: TheilSenFit | None  # None without minimum and target year, or < 3 values
    projection: Projection | None


def progress_towards_target(
    years: Sequence[int],
    values: Sequence[float],
    *,
    direction: Direction | str,
    target: Target | None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> ProgressResult | None:
    """methods.md §4 towards the ambition (else the minimum); None without a target year.

    ``years`` ascend and every value is present. A baseline year without a value gives no
    base: progress is then ``insufficient_data``.
    """
    if target is None:
        return None
    target_value = target.ambition if target.ambition is not None else target.minimum
    if target.target_year is None or target_value is None:
        return None
    base = select_base_period(
        years, values, baseline_year=target.baseline_year, thresholds=thresholds
    )
    has_value = bool(years)
    return assess_progress(
        base_year=base[0] if base else None,
        base_value=base[1] if base else None,
        latest_year=years[-1] if has_value else None,
        latest_value=values[-1] if has_value else None,
        target_value=target_value,
        target_year=target.target_year,
        direction=direction,
        thresholds=thresholds,
    )


def judge_series(
    years: Sequence[int],
    values: Sequence[float],
    *,
    direction: Direction | str,
    target: Target | None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> SeriesJudgement:
    """Status, trend, progress and projection of one series (ascending years, no gaps as None).

    The projection is made only towards a target year or a minimum: without either there is
    nothing to project to.

    >>> j = judge_series([2021, 2022, 2023], [10.0, 11.0, 12.0], direction="up", target=None)
    >>> j.status.status, j.trend.trend, j.progress, j.projection
    (<StatusClass.NO_TARGET: 'no_target'>, <TrendClass.IMPROVING: 'improving'>, None, None)
    """
    trend = assess_trend(years, values, direction=direction, thresholds=thresholds)
    return _judge_with_trend(years, values, trend, _direction(direction), target, thresholds)


def _judge_with_trend(
    years: Sequence[int],
    values: Sequence[float],
    trend: TrendResult,
    direction: Direction,
    target: Target | None,
    thresholds: Thresholds,
) -> SeriesJudgement:
    """The judgements of one series whose trend is known."""
    value = values[-1] if values else None
    minimum = target.minimum if target else None
    target_year = target.target_year if target else None
    status = classify_status(
        value,
        direction=direction,
        minimum=minimum,
        ambition=target.ambition if target else None,
        ceiling=target.ceiling if target else None,
    )
    progress = progress_towards_target(
        years, values, direction=direction, target=target, thresholds=thresholds
    )
    fit = projection = None
    if values and (minimum is not None or target_year is not None):
        fit = fit_theil_sen(years, values, thresholds=thresholds)
        if fit is not None:
            projection = project_from_fit(
                fit,
                target_year=target_year or years[-1],
                direction=direction,
                minimum=minimum,
                thresholds=thresholds,
            )
    return SeriesJudgement(status, trend, progress, fit, projection)


@dataclass(frozen=True, slots=True)
class SeriesBatch:
    """Many yearly series to judge at once: their points as flat arrays, a direction each."""

    series: np.ndarray  # (points,) int64: the series of each point, 0 … len(directions) - 1
    years: np.ndarray  # (points,) int64; distinct within a series
    values: np.ndarray  # (points,) float64; NaN is a missing value
    directions: tuple[Direction, ...]  # one per series
    targets: tuple[Target | None, ...]  # one per series: its current streefwaarde, if any

    def __post_init__(self) -> None:
        n_points, n_series = len(self.series), len(self.directions)
        if len(self.years) != n_points or len(self.values) != n_points:
            raise ValueError("series, years and values must have one entry per point")
        if len(self.targets) != n_series:
            raise ValueError(f"targets has {len(self.targets)} items, expected {n_series}")
        if n_points and not (int(self.series.min()) >= 0 and int(self.series.max()) < n_series):
            raise ValueError("a point names a series outside the batch")

    @classmethod
    def of(
        cls,
        series: Sequence[tuple[Sequence[int], Sequence[float | None]]],
        *,
        directions: Sequence[Direction | str],
        targets: Sequence[Target | None] | None = None,
    ) -> SeriesBatch:
        """A batch from (years, values) pairs, one per series."""
        sizes = [len(years) for years, _ in series]
        return cls(
            series=np.repeat(np.arange(len(series), dtype=np.int64), sizes),
            years=np.array([y for years, _ in series for y in years], dtype=np.int64),
            values=np.array(
                [math.nan if is_missing(v) else v for _, values in series for v in values],
                dtype=np.float64,
            ),
            directions=tuple(_direction(d) for d in directions),
            targets=tuple(targets) if targets is not None else (None,) * len(series),
        )

    def __len__(self) -> int:
        return len(self.directions)


def judge_series_batch(
    batch: SeriesBatch, *, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> list[SeriesJudgement]:
    """:func:`judge_series` for every series of a batch, equal to it series by series.

    The trend, the costly part (a least-squares fit and a t-test per series), is computed for
    all series at once with numpy; status, progress and projection depend on the target and
    are judged per series that has one (status alone, without a fit, for the others).
    """
    columns = judge_series_columns(batch, thresholds=thresholds)
    return [columns.judgement(i) for i in range(len(batch))]


@dataclass(frozen=True, slots=True)
class BatchJudgements:
    """:func:`judge_series_batch` as columns: every series' trend, the rest where a target is.

    A series without a target is judged by its trend and whether it has a value at all
    (``no_target`` or ``no_data``, no progress, no projection), so a batch of a million series
    without targets needs no Python object per series.
    """

    trend: TrendColumns
    has_value: np.ndarray  # (series,) bool: the series has at least one value
    targeted: dict[int, SeriesJudgement]  # series number -> the whole judgement, with a target

    def judgement(self, i: int) -> SeriesJudgement:
        """The judgement of series ``i``, as :func:`judge_series` gives it."""
        judged = self.targeted.get(i)
        if judged is not None:
            return judged
        status = StatusClass.NO_TARGET if self.has_value[i] else StatusClass.NO_DATA
        return SeriesJudgement(
            StatusResult(status, None, None), self.trend.result(i), None, None, None
        )


def judge_series_columns(
    batch: SeriesBatch, *, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> BatchJudgements:
    """The judgements of every series of a batch as columns (see :class:`BatchJudgements`)."""
    keep = ~np.isnan(batch.values)
    series, years, values = batch.series[keep], batch.years[keep], batch.values[keep]
    order = np.lexsort((years, series))
    series, years, values = series[order], years[order], values[order]
    repeated = (series[1:] == series[:-1]) & (years[1:] == years[:-1])
    if repeated.any():
        at = int(np.flatnonzero(repeated)[0])
        raise ValueError(f"a year occurs twice among the values of series {int(series[at])}")
    trends = _trend_columns(series, years, values, batch.directions, thresholds)
    bounds = np.searchsorted(series, np.arange(len(batch) + 1))
    targeted = {}
    with_target = [i for i, target in enumerate(batch.targets) if target is not None]
    if with_target:
        year_list, value_list = years.tolist(), values.tolist()
        for i in with_target:
            lo, hi = int(bounds[i]), int(bounds[i + 1])
            targeted[i] = _judge_with_trend(
                year_list[lo:hi],
                value_list[lo:hi],
                trends.result(i),
                batch.directions[i],
                batch.targets[i],
                thresholds,
            )
    return BatchJudgements(trends, np.diff(bounds) > 0, targeted)
