"""Assessments of methods.md: tables of examples per rule, the worked examples, invariants."""

import math
from dataclasses import FrozenInstanceError

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bw.assess import (
    DEFAULT_THRESHOLDS,
    ComparisonClass,
    ComparisonPeriod,
    ProgressClass,
    ProgressMethod,
    StatusClass,
    Thresholds,
    TrendClass,
    aggregate_group,
    assess_progress,
    assess_recent_change,
    assess_trend,
    classify_quartile,
    classify_status,
    compare_with_reference,
    competition_ranks,
    is_change,
    project_theil_sen,
    select_base_period,
    select_comparison_period,
    select_trend_window,
)
from bw.model import Direction, Quartile

NAN = float("nan")
S, T, C, P = StatusClass, TrendClass, ComparisonClass, ProgressClass

# ------------------------------------------------------------------------------------------
# Thresholds and vocabularies
# ------------------------------------------------------------------------------------------


def test_default_thresholds_are_those_of_methods_md():
    expected = Thresholds(
        trend_window_years=8,
        min_trend_points=3,
        p_value=0.05,
        materiality=0.01,
        comparable_band=0.05,
        comparison_coverage=0.80,
        on_track=0.95,
        acceleration=0.60,
        group_coverage=0.80,
        projection_horizon=2050,
    )
    assert expected == DEFAULT_THRESHOLDS
    with pytest.raises(FrozenInstanceError):
        DEFAULT_THRESHOLDS.p_value = 0.1  # type: ignore[misc]


@pytest.mark.parametrize(
    "bad",
    [
        {"min_trend_points": 2},
        {"p_value": 0},
        {"acceleration": 0.99},
        {"trend_window_years": 0},
        {"comparison_coverage": 0},
        {"comparison_coverage": 1.2},
    ],
)
def test_thresholds_reject_nonsense(bad):
    with pytest.raises(ValueError):
        Thresholds(**bad)


@pytest.mark.parametrize(
    ("enum", "words"),
    [
        (
            S,
            {
                "below_minimum",
                "above_minimum",
                "ambition_reached",
                "above_ceiling",
                "no_target",
                "no_data",
            },
        ),
        (T, {"improving", "worsening", "stable", "rising", "falling", "insufficient_data"}),
        (C, {"better", "comparable", "worse", "higher", "lower"}),
        (
            P,
            {
                "on_track",
                "acceleration_needed",
                "limited_progress",
                "moving_away",
                "target_reached",
                "insufficient_data",
            },
        ),
    ],
)
def test_class_words_are_those_of_methods_md(enum, words):
    assert {member.value for member in enum} == words


# ------------------------------------------------------------------------------------------
# §1 Status
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "direction", "minimum", "ambition", "ceiling", "status", "distance", "gap"),
    [
        # up: higher is better
        (4.0, "up", 5, 10, None, S.BELOW_MINIMUM, -1.0, -0.2),
        (5.0, "up", 5, 10, None, S.ABOVE_MINIMUM, 0.0, 0.0),  # equal to the minimum meets it
        (7.5, "up", 5, 15, None, S.ABOVE_MINIMUM, 2.5, 0.25),
        (10.0, "up", 5, 10, None, S.AMBITION_REACHED, 5.0, 1.0),  # equal to the ambition
        (12.0, "up", 5, 10, 11, S.ABOVE_CEILING, 7.0, 1.4),
        (11.0, "up", 5, 10, 11, S.AMBITION_REACHED, 6.0, 1.2),  # at the ceiling is not above
        # down: lower is better, mirrored
        (41.0, "down", 40, 35, None, S.BELOW_MINIMUM, -1.0, -0.2),
        (40.0, "down", 40, 35, None, S.ABOVE_MINIMUM, 0.0, 0.0),
        (38.0, "down", 40, 35, None, S.ABOVE_MINIMUM, 2.0, 0.4),
        (35.0, "down", 40, 35, None, S.AMBITION_REACHED, 5.0, 1.0),
        (30.0, "down", 40, 35, None, S.AMBITION_REACHED, 10.0, 2.0),
        (50.0, "down", 40, 35, 45, S.ABOVE_CEILING, -10.0, -2.0),  # the ceiling overrides
        # missing targets
        (3.0, "up", None, None, None, S.NO_TARGET, None, None),
        (6.0, "up", 5, None, None, S.ABOVE_MINIMUM, 1.0, None),
        (4.0, "up", 5, None, None, S.BELOW_MINIMUM, -1.0, None),
        (8.0, "up", None, 10, None, S.ABOVE_MINIMUM, None, None),  # no minimum counts as met
        (10.0, "up", None, 10, None, S.AMBITION_REACHED, None, None),
        (9.0, "down", None, 10, None, S.AMBITION_REACHED, None, None),
        (5.0, "up", None, None, 10, S.ABOVE_MINIMUM, None, None),  # only a ceiling, respected
        (11.0, "down", None, None, 10, S.ABOVE_CEILING, None, None),  # an upper limit for down
        (5.0, "up", 5, 5, None, S.AMBITION_REACHED, 0.0, None),  # ambition = minimum: no gap
        (5.0, "up", NAN, NAN, NAN, S.NO_TARGET, None, None),  # NaN targets are no targets
        # no value
        (None, "up", 5, 10, None, S.NO_DATA, None, None),
        (NAN, "down", 40, 35, None, S.NO_DATA, None, None),
        (None, "up", None, None, None, S.NO_DATA, None, None),  # no value wins over no target
        # neutral: only when the targets imply a direction
        (7.0, "neutral", 5, 10, None, S.ABOVE_MINIMUM, 2.0, 0.4),
        (7.0, "neutral", 10, 5, None, S.ABOVE_MINIMUM, 3.0, 0.6),
        (12.0, "neutral", 10, 5, None, S.BELOW_MINIMUM, -2.0, -0.4),
        (7.0, "neutral", 5, None, None, S.NO_TARGET, None, None),
        (7.0, "neutral", None, 5, None, S.NO_TARGET, None, None),
        (7.0, "neutral", 5, 5, None, S.NO_TARGET, None, None),
        (12.0, "neutral", None, None, 10, S.ABOVE_CEILING, None, None),
        (6.0, Direction.UP, 5, 10, None, S.ABOVE_MINIMUM, 1.0, 0.2),
    ],
)
def test_classify_status(value, direction, minimum, ambition, ceiling, status, distance, gap):
    result = classify_status(
        value, direction=direction, minimum=minimum, ambition=ambition, ceiling=ceiling
    )
    assert result.status == status
    assert result.distance_to_minimum == (None if distance is None else pytest.approx(distance))
    assert result.gap_share == (None if gap is None else pytest.approx(gap))


def test_classify_status_rejects_unknown_direction():
    with pytest.raises(ValueError, match="direction"):
        classify_status(1.0, direction="sideways", minimum=0)


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(value=finite, minimum=st.none() | finite, ambition=st.none() | finite)
def test_status_up_equals_status_down_of_negated_values(value, minimum, ambition):
    up = classify_status(value, direction="up", minimum=minimum, ambition=ambition)
    down = classify_status(
        -value,
        direction="down",
        minimum=None if minimum is None else -minimum,
        ambition=None if ambition is None else -ambition,
    )
    assert up == down


# ------------------------------------------------------------------------------------------
# §2 Trend
# ------------------------------------------------------------------------------------------

YEARS8 = list(range(2016, 2024))
RISING = [10.0, 10.9, 12.2, 12.8, 14.1, 15.0, 15.8, 17.2]
NOISE = [10.0, 12.0, 9.0, 11.5, 10.5, 9.5, 12.0, 10.0]


@pytest.mark.parametrize(
    ("years", "values", "direction", "trend", "n", "first_year", "last_year"),
    [
        (YEARS8, RISING, "up", T.IMPROVING, 8, 2016, 2023),
        (YEARS8, RISING, "down", T.WORSENING, 8, 2016, 2023),
        (YEARS8, RISING, "neutral", T.RISING, 8, 2016, 2023),
        (YEARS8, RISING[::-1], "up", T.WORSENING, 8, 2016, 2023),
        (YEARS8, RISING[::-1], "down", T.IMPROVING, 8, 2016, 2023),
        (YEARS8, RISING[::-1], Direction.NEUTRAL, T.FALLING, 8, 2016, 2023),
        (YEARS8, NOISE, "up", T.STABLE, 8, 2016, 2023),  # not significant
        (YEARS8, [5.0] * 8, "up", T.STABLE, 8, 2016, 2023),  # flat
        (YEARS8, [0.0] * 8, "down", T.STABLE, 8, 2016, 2023),  # all zero
        # a smooth drift of 0.07 on ~100 (p = 0) is not material: stable
        (YEARS8, [100 + 0.01 * i for i in range(8)], "up", T.STABLE, 8, 2016, 2023),
        # exactly 1% of the mean absolute value over the window is material
        (YEARS8, [99.5 + i / 7 for i in range(8)], "up", T.IMPROVING, 8, 2016, 2023),
        # the window: a steep rise before 2016 is outside it, the last 8 years are flat
        (
            list(range(2008, 2024)),
            [float(i) for i in range(8)] + [8.0] * 8,
            "up",
            T.STABLE,
            8,
            2016,
            2023,
        ),
        # gaps in years: the window is calendar years, not the last 8 values
        ([2016, 2019, 2023], [16.0, 19.0, 23.0], "up", T.IMPROVING, 3, 2016, 2023),
        ([2015, 2021, 2022, 2023], [1.0, 2.0, 3.0, 4.0], "up", T.IMPROVING, 3, 2021, 2023),
        ([2015, 2016, 2023], [1.0, 2.0, 3.0], "up", T.INSUFFICIENT_DATA, 2, 2016, 2023),
        # the window ends at the latest year with a value, not the latest year given
        (
            [2020, 2021, 2022, 2023, 2024],
            [1.0, 2.0, 3.0, 4.0, NAN],
            "up",
            T.IMPROVING,
            4,
            2020,
            2023,
        ),
        ([2020, 2021, 2022], [1.0, None, 3.0], "up", T.INSUFFICIENT_DATA, 2, 2020, 2022),
        ([2022, 2023], [1.0, 2.0], "up", T.INSUFFICIENT_DATA, 2, 2022, 2023),  # two points
        ([], [], "up", T.INSUFFICIENT_DATA, 0, None, None),  # region without data
        ([2021, 2022, 2023], [None, None, None], "up", T.INSUFFICIENT_DATA, 0, None, None),
        ([2023, 2021, 2022], [3.0, 1.0, 2.0], "up", T.IMPROVING, 3, 2021, 2023),  # unsorted
    ],
)
def test_assess_trend(years, values, direction, trend, n, first_year, last_year):
    result = assess_trend(years, values, direction=direction)
    assert (result.trend, result.n, result.first_year, result.last_year) == (
        trend,
        n,
        first_year,
        last_year,
    )
    if trend is T.INSUFFICIENT_DATA:
        assert result.slope_per_year is None and result.p_value is None
        assert not result.significant
    else:
        assert result.significant == (trend not in {T.STABLE})


def test_trend_records_the_fit():
    result = assess_trend(YEARS8, RISING, direction="up")
    slope, intercept = np.polyfit(YEARS8, RISING, 1)
    assert result.slope_per_year == pytest.approx(slope)
    assert result.intercept == pytest.approx(intercept)
    assert result.p_value < 1e-6
    assert result.fitted_change == pytest.approx(result.slope_per_year * 7)


@pytest.mark.parametrize(
    ("values", "p_value", "slope"),
    [
        ([3.0, 5.0, 7.0], 0.0, 2.0),  # perfect fit, slope non-zero: p = 0
        ([4.0, 4.0, 4.0], 1.0, 0.0),  # all equal: p = 1
    ],
)
def test_trend_without_residual_variance(values, p_value, slope):
    result = assess_trend([2021, 2022, 2023], values, direction="up")
    assert (result.p_value, result.slope_per_year) == (p_value, slope)


def test_trend_class_ignores_intervals():
    plain = assess_trend(YEARS8, RISING, direction="up")
    survey = assess_trend(
        YEARS8,
        RISING,
        direction="up",
        ci_low=[v - 5 for v in RISING],
        ci_high=[v + 5 for v in RISING],
    )
    assert survey == plain


def test_trend_window_and_points_are_configurable():
    short = Thresholds(trend_window_years=3)
    result = assess_trend(YEARS8, RISING, direction="up", thresholds=short)
    assert (result.n, result.first_year) == (3, 2021)
    assert select_trend_window(YEARS8, RISING, thresholds=short) == (
        [2021, 2022, 2023],
        RISING[-3:],
    )
    strict = Thresholds(min_trend_points=9)
    assert assess_trend(YEARS8, RISING, direction="up", thresholds=strict).trend is (
        T.INSUFFICIENT_DATA
    )


@pytest.mark.parametrize(
    ("years", "values"),
    [([2020, 2020, 2021], [1.0, 2.0, 3.0]), ([2020, 2021], [1.0])],
)
def test_trend_rejects_malformed_series(years, values):
    with pytest.raises(ValueError):
        assess_trend(years, values, direction="up")


year_sets = st.sets(st.integers(min_value=2000, max_value=2023), min_size=0, max_size=10)
series = year_sets.flatmap(
    lambda ys: st.tuples(
        st.just(sorted(ys)),
        st.lists(st.floats(min_value=-1e4, max_value=1e4), min_size=len(ys), max_size=len(ys)),
    )
)
SWAP = {T.IMPROVING: T.WORSENING, T.WORSENING: T.IMPROVING}


@settings(max_examples=60, deadline=None)
@given(series)
def test_flipping_direction_swaps_improving_and_worsening(data):
    years, values = data
    up = assess_trend(years, values, direction="up")
    down = assess_trend(years, values, direction="down")
    assert down.trend == SWAP.get(up.trend, up.trend)
    assert down.slope_per_year == up.slope_per_year


@settings(max_examples=60, deadline=None)
@given(series, st.floats(min_value=-1e4, max_value=1e4))
def test_adding_a_constant_keeps_the_slope(data, constant):
    years, values = data
    before = assess_trend(years, values, direction="up")
    after = assess_trend(years, [v + constant for v in values], direction="up")
    if before.slope_per_year is None:
        assert after.slope_per_year is None
    else:
        assert after.slope_per_year == pytest.approx(before.slope_per_year, abs=1e-6)


# ------------------------------------------------------------------------------------------
# §2 Recent change
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "values", "ci_low", "ci_high", "expected"),
    [
        ([2022, 2023], [50.0, 55.0], None, None, (2023, 55.0, 2022, 50.0, 5.0, 0.1, None)),
        # a missing year: the previous *available* period
        (
            [2019, 2020, 2021],
            [50.0, None, 45.0],
            None,
            None,
            (2021, 45.0, 2019, 50.0, -5.0, -0.1, None),
        ),
        ([2022, 2023], [0.0, 3.0], None, None, (2023, 3.0, 2022, 0.0, 3.0, None, None)),
        ([2022, 2023], [-10.0, -5.0], None, None, (2023, -5.0, 2022, -10.0, 5.0, 0.5, None)),
        # survey: overlapping, separate and touching intervals
        (
            [2022, 2023],
            [70.0, 72.0],
            [68.0, 70.0],
            [72.0, 74.0],
            (2023, 72.0, 2022, 70.0, 2.0, 2 / 70, True),
        ),
        (
            [2022, 2023],
            [70.0, 76.0],
            [68.0, 74.0],
            [72.0, 78.0],
            (2023, 76.0, 2022, 70.0, 6.0, 6 / 70, False),
        ),
        (
            [2022, 2023],
            [70.0, 75.0],
            [68.0, 72.0],
            [72.0, 78.0],
            (2023, 75.0, 2022, 70.0, 5.0, 5 / 70, True),
        ),
        # an interval for only one period: no interval rule
        (
            [2022, 2023],
            [70.0, 72.0],
            [68.0, None],
            [72.0, None],
            (2023, 72.0, 2022, 70.0, 2.0, 2 / 70, None),
        ),
    ],
)
def test_assess_recent_change(years, values, ci_low, ci_high, expected):
    recent = assess_recent_change(years, values, ci_low=ci_low, ci_high=ci_high)
    got = (
        recent.year,
        recent.value,
        recent.previous_year,
        recent.previous_value,
        recent.absolute,
        recent.relative,
        recent.intervals_overlap,
    )
    assert got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("years", "values"), [([], []), ([2023], [1.0]), ([2022, 2023], [None, 1.0])]
)
def test_recent_change_needs_two_values(years, values):
    assert assess_recent_change(years, values) is None


@pytest.mark.parametrize(
    ("values", "ci_low", "ci_high", "expected"),
    [
        ([70.0, 72.0], None, None, True),
        ([70.0, 70.0], None, None, False),  # no change at all
        ([70.0, 72.0], [68.0, 70.0], [72.0, 74.0], False),  # intervals overlap
        ([70.0, 76.0], [68.0, 74.0], [72.0, 78.0], True),
        ([70.0], None, None, False),  # nothing to compare
    ],
)
def test_is_change(values, ci_low, ci_high, expected):
    years = [2023 - len(values) + 1 + i for i in range(len(values))]
    recent = assess_recent_change(years, values, ci_low=ci_low, ci_high=ci_high)
    assert is_change(recent) is expected


# ------------------------------------------------------------------------------------------
# §3 Ranks, quartiles and references
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "direction", "ranks"),
    [
        ([3.0, 5.0, 5.0, 1.0], "up", [3, 1, 1, 4]),
        ([3.0, 5.0, 5.0, 1.0], "down", [2, 3, 3, 1]),
        ([3.0, 5.0, 5.0, 1.0], "neutral", [3, 1, 1, 4]),  # neutral: high-to-low
        ([1.0, 2.0, 2.0, 3.0], "up", [4, 2, 2, 1]),  # 1, 2, 2, 4 from the top
        ([1.0, 2.0, 2.0, 3.0], "down", [1, 2, 2, 4]),
        ([2.0, NAN, None, 1.0], "up", [1, None, None, 2]),  # missing: unranked, not counted
        ([-1.0, -3.0, 0.0], Direction.DOWN, [2, 1, 3]),
        ([7.0, 7.0, 7.0], "up", [1, 1, 1]),
        ([None, NAN], "up", [None, None]),
        ([], "up", []),
    ],
)
def test_competition_ranks(values, direction, ranks):
    assert competition_ranks(values, direction=direction) == ranks


@pytest.mark.parametrize(
    ("n", "quartiles"),
    [
        (1, "B"),  # rank 1 is also > n - 1: the best check wins
        (2, "BW"),
        (3, "BMW"),
        (4, "BMMW"),
        (5, "BBMWW"),
        (8, "BBMMMMWW"),
        (9, "BBBMMMWWW"),
    ],
)
def test_classify_quartile_small_n(n, quartiles):
    letter = {Quartile.BEST: "B", Quartile.MIDDLE: "M", Quartile.WORST: "W"}
    assert "".join(letter[classify_quartile(r, n)] for r in range(1, n + 1)) == quartiles


@pytest.mark.parametrize(
    ("rank", "quartile"),
    [(86, Quartile.BEST), (87, Quartile.MIDDLE), (256, Quartile.MIDDLE), (257, Quartile.WORST)],
)
def test_classify_quartile_among_342_gemeenten(rank, quartile):
    assert classify_quartile(rank, 342) is quartile


@pytest.mark.parametrize(("rank", "n"), [(0, 5), (6, 5), (1, 0)])
def test_classify_quartile_rejects_ranks_out_of_range(rank, n):
    with pytest.raises(ValueError):
        classify_quartile(rank, n)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.none() | st.integers(min_value=-5, max_value=5).map(float), max_size=12).flatmap(
        lambda vs: st.tuples(st.just(vs), st.permutations(range(len(vs))))
    ),
    st.sampled_from(["up", "down", "neutral"]),
)
def test_competition_ranks_are_permutation_stable(data, direction):
    values, order = data
    ranks = competition_ranks(values, direction=direction)
    permuted = competition_ranks([values[i] for i in order], direction=direction)
    assert permuted == [ranks[i] for i in order]
    ranked = [r for r in ranks if r is not None]
    n = sum(v is not None for v in values)
    assert len(ranked) == n
    assert all(1 <= r <= n for r in ranked)
    assert n == 0 or min(ranked) == 1


@given(st.lists(finite, unique=True, min_size=2, max_size=20))  # n = 1 is best either way
def test_flipping_direction_mirrors_ranks_and_quartiles(values):
    up = competition_ranks(values, direction="up")
    assert competition_ranks([-v for v in values], direction="down") == up
    down = competition_ranks(values, direction="down")
    n = len(values)
    mirror = {Quartile.BEST: Quartile.WORST, Quartile.WORST: Quartile.BEST}
    for r_up, r_down in zip(up, down, strict=True):
        q = classify_quartile(r_up, n)
        assert classify_quartile(r_down, n) == mirror.get(q, q)


# Neutral indicators (no good direction) are ranked high-to-low; their quarters are the highest
# and lowest, never best or worst (methods.md §3, issue 12 item 8).
@pytest.mark.parametrize(
    ("n", "quartiles"),
    [(1, "H"), (2, "HL"), (4, "HMML"), (5, "HHMLL"), (8, "HHMMMMLL")],
)
def test_classify_quartile_neutral_says_highest_and_lowest(n, quartiles):
    letter = {Quartile.HIGHEST: "H", Quartile.MIDDLE: "M", Quartile.LOWEST: "L"}
    ranks = range(1, n + 1)
    assert "".join(letter[classify_quartile(r, n, direction="neutral")] for r in ranks) == quartiles


@given(
    st.integers(min_value=1, max_value=500).flatmap(
        lambda n: st.tuples(st.integers(min_value=1, max_value=n), st.just(n))
    )
)
def test_a_neutral_indicator_never_gets_a_verdict_quartile(rank_n):
    rank, n = rank_n
    neutral = classify_quartile(rank, n, direction=Direction.NEUTRAL)
    assert neutral not in (Quartile.BEST, Quartile.WORST)
    # The same position as for "up", named without a judgement.
    words = {Quartile.BEST: Quartile.HIGHEST, Quartile.WORST: Quartile.LOWEST}
    up = classify_quartile(rank, n, direction="up")
    assert neutral == words.get(up, up)
    assert classify_quartile(rank, n, direction="down") not in (Quartile.HIGHEST, Quartile.LOWEST)


def _reporting(counts: dict[int, int], *, total: int, first: int = 2018) -> dict[str, list[int]]:
    """``total`` regions that all report from ``first`` on, of which ``counts[year]`` (the first
    ones) have a value in ``year``; years not in ``counts`` have a value for every region."""
    last = max(counts, default=first)
    return {
        f"GM{i:04d}": [y for y in range(first, last + 1) if i < counts.get(y, total)]
        for i in range(total)
    }


@pytest.mark.parametrize(
    ("years_by_region", "as_of", "expected"),
    [
        # 340 gemeenten reported up to 2024; 2 have an early 2025 value: compared over 2024.
        (_reporting({2024: 340, 2025: 2}, total=340), None, (2024, 340, 340, 2025, 2)),
        # exactly 80% is enough: 28 of 35 (0.8 * 35 = 28.000000000000004 in floats)
        (_reporting({2025: 28}, total=35), None, (2025, 28, 35, 2025, 28)),
        (_reporting({2025: 27}, total=35), None, (2024, 35, 35, 2025, 27)),
        (_reporting({2025: 4}, total=5), None, (2025, 4, 5, 2025, 4)),
        # a year below 80% in between does not matter: the latest year that meets it counts
        (_reporting({2023: 3, 2024: 5, 2025: 1}, total=5), None, (2024, 5, 5, 2025, 1)),
        # as of 2024 the store holds nothing newer
        (_reporting({2024: 340, 2025: 2}, total=340), 2024, (2024, 340, 340, 2024, 340)),
        (_reporting({2024: 2}, total=340), 2024, (2023, 340, 340, 2024, 2)),
        # a region that reported only before the window (2018-2025) is not counted
        (
            {"GM0001": [2024, 2025], "GM0002": [2024, 2025], "GM0003": [2010, 2017]},
            None,
            (2025, 2, 2, 2025, 2),
        ),
        # ... but one that reported once in the window is: 2 of 3 is below 80%
        (
            {"GM0001": [2024, 2025], "GM0002": [2024, 2025], "GM0003": [2018]},
            None,
            (None, None, 3, 2025, 2),
        ),
        # half report in even years, half in odd years: no year reaches 80%, no positions
        (
            {"GM0001": [2020, 2022, 2024], "GM0002": [2021, 2023, 2025]},
            None,
            (None, None, 2, 2025, 1),
        ),
        # one region, one value
        ({"GM0001": [2019]}, None, (2019, 1, 1, 2019, 1)),
    ],
)
def test_select_comparison_period(years_by_region, as_of, expected):
    got = select_comparison_period(years_by_region, as_of=as_of)
    assert got == ComparisonPeriod(*expected)


@pytest.mark.parametrize(
    "years_by_region",
    [{}, {"GM0001": []}, {"GM0001": [2026]}],
)
def test_select_comparison_period_without_values_is_none(years_by_region):
    assert select_comparison_period(years_by_region, as_of=2025) is None


def test_select_comparison_period_follows_the_thresholds():
    regions = _reporting({2025: 30}, total=40)  # 75% in 2025
    assert select_comparison_period(regions).year == 2024
    assert (
        select_comparison_period(regions, thresholds=Thresholds(comparison_coverage=0.75)).year
        == 2025
    )
    # a window of 1 year counts only the regions of the latest year: all of them report
    assert select_comparison_period(
        regions, thresholds=Thresholds(trend_window_years=1)
    ) == ComparisonPeriod(2025, 30, 30, 2025, 30)


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"GM{i:04d}" for i in range(8)]),
        st.sets(st.integers(min_value=2010, max_value=2025), max_size=6),
    )
)
def test_the_comparison_period_meets_the_share_and_no_later_year_does(years_by_region):
    got = select_comparison_period(years_by_region)
    if got is None:
        assert not any(years_by_region.values())
        return
    first = got.latest_year - DEFAULT_THRESHOLDS.trend_window_years + 1
    reporting = [ys for ys in years_by_region.values() if any(y >= first for y in ys)]
    assert got.n_reporting == len(reporting)

    def share(year: int) -> float:
        return sum(year in ys for ys in reporting) / len(reporting)

    later = range((got.year or first - 1) + 1, got.latest_year + 1)
    assert all(share(year) < 0.8 - 1e-9 for year in later)
    if got.year is not None:
        assert first <= got.year <= got.latest_year
        assert share(got.year) >= 0.8 - 1e-9
        assert got.n_with_value == sum(got.year in ys for ys in reporting)


@pytest.mark.parametrize(
    ("value", "reference", "direction", "relative", "comparison"),
    [
        (104.0, 100.0, "up", 0.04, C.COMPARABLE),
        (105.0, 100.0, "up", 0.05, C.COMPARABLE),  # ±5% is inclusive
        (95.0, 100.0, "up", -0.05, C.COMPARABLE),
        (1.05, 1.0, "up", 0.05, C.COMPARABLE),  # inclusive despite 1.05 - 1 > 0.05 in floats
        (105.01, 100.0, "up", 0.0501, C.BETTER),
        (94.99, 100.0, "up", -0.0501, C.WORSE),
        (110.0, 100.0, "down", 0.1, C.WORSE),
        (90.0, 100.0, "down", -0.1, C.BETTER),
        (110.0, 100.0, "neutral", 0.1, C.HIGHER),
        (90.0, 100.0, "neutral", -0.1, C.LOWER),
        (100.0, 100.0, "neutral", 0.0, C.COMPARABLE),
        (-90.0, -100.0, "up", 0.1, C.BETTER),  # divided by |reference|
        (-110.0, -100.0, "down", -0.1, C.BETTER),
    ],
)
def test_compare_with_reference(value, reference, direction, relative, comparison):
    result = compare_with_reference(value, reference, direction=direction)
    assert result.relative_difference == pytest.approx(relative)
    assert result.comparison is comparison


@pytest.mark.parametrize(
    ("value", "reference"), [(5.0, None), (5.0, NAN), (None, 5.0), (NAN, 5.0), (5.0, 0.0)]
)
def test_compare_without_reference_is_none(value, reference):
    assert compare_with_reference(value, reference, direction="up") is None


@pytest.mark.parametrize(
    ("value", "ci", "reference", "ref_ci", "comparison"),
    [
        (120.0, (100.0, 140.0), 100.0, (95.0, 105.0), C.COMPARABLE),  # +20% but overlapping
        (101.0, (100.5, 101.5), 100.0, (99.5, 100.4), C.BETTER),  # +1% but separate
        (101.0, (100.5, 101.5), 100.0, (99.5, 100.5), C.COMPARABLE),  # touching
        (120.0, (100.0, 140.0), 100.0, (None, None), C.BETTER),  # one interval: the ±5% rule
    ],
)
def test_compare_survey_values_by_interval_overlap(value, ci, reference, ref_ci, comparison):
    result = compare_with_reference(
        value,
        reference,
        direction="up",
        ci_low=ci[0],
        ci_high=ci[1],
        ref_ci_low=ref_ci[0],
        ref_ci_high=ref_ci[1],
    )
    assert result.comparison is comparison


def test_comparable_band_is_configurable():
    wide = Thresholds(comparable_band=0.10)
    assert compare_with_reference(108.0, 100.0, direction="up", thresholds=wide).comparison is (
        C.COMPARABLE
    )


@given(finite, finite.filter(lambda r: r != 0))
def test_flipping_direction_swaps_better_and_worse(value, reference):
    up = compare_with_reference(value, reference, direction="up")
    down = compare_with_reference(value, reference, direction="down")
    swap = {C.BETTER: C.WORSE, C.WORSE: C.BETTER}
    assert down.comparison == swap.get(up.comparison, up.comparison)
    assert down.relative_difference == up.relative_difference


# ------------------------------------------------------------------------------------------
# §4 Progress
# ------------------------------------------------------------------------------------------


def progress(x0, xt, target, *, t0=2015, t=2020, big_t=2025, direction="up", **kwargs):
    return assess_progress(
        base_year=t0,
        base_value=x0,
        latest_year=t,
        latest_value=xt,
        target_value=target,
        target_year=big_t,
        direction=direction,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("label", "t0", "x0", "t", "xt", "target", "big_t", "direction", "g_obs", "g_req", "ratio"),
    [
        # published in methods.md as -2.92%/yr, -4.52%/yr, R = 0.65
        ("energy poverty", 2015, 8.0, 2022, 6.5, 4.0, 2030, "down", -0.0292, -0.0452, 0.65),
        # published as 9.05%/yr, 9.68%/yr, R = 0.93
        ("renewable share", 2015, 10.0, 2023, 20.0, 40.0, 2030, "up", 0.0905, 0.0968, 0.93),
    ],
)
def test_worked_examples_of_methods_md(
    label, t0, x0, t, xt, target, big_t, direction, g_obs, g_req, ratio
):
    result = progress(x0, xt, target, t0=t0, t=t, big_t=big_t, direction=direction)
    # by hand, straight from the formulas of §4
    hand_obs = (xt / x0) ** (1 / (t - t0)) - 1
    hand_req = (target / x0) ** (1 / (big_t - t0)) - 1
    assert result.observed_growth == pytest.approx(hand_obs, rel=1e-12)
    assert result.required_growth == pytest.approx(hand_req, rel=1e-12)
    assert result.ratio == pytest.approx(hand_obs / hand_req, rel=1e-12)
    # and as published, on the rounded values
    assert round(result.observed_growth, 4) == pytest.approx(g_obs, abs=0.005)
    assert round(result.required_growth, 4) == pytest.approx(g_req, abs=0.005)
    assert round(result.ratio, 2) == pytest.approx(ratio, abs=0.005)
    assert round(result.observed_growth, 4) == g_obs
    assert round(result.required_growth, 4) == g_req
    assert round(result.ratio, 2) == ratio
    assert result.progress is P.ACCELERATION_NEEDED
    assert result.method is ProgressMethod.GROWTH


@pytest.mark.parametrize(
    ("x0", "xt", "target", "direction", "kwargs", "expected", "method"),
    [
        (10.0, 20.0, 30.0, "up", {}, P.ON_TRACK, "growth"),  # R ≈ 1.28
        (10.0, 11.0, 20.0, "up", {}, P.LIMITED_PROGRESS, "growth"),  # R ≈ 0.27
        (10.0, 9.0, 20.0, "up", {}, P.MOVING_AWAY, "growth"),
        (10.0, 11.0, 5.0, "down", {}, P.MOVING_AWAY, "growth"),
        (10.0, 20.0, 20.0, "up", {}, P.TARGET_REACHED, "growth"),  # equal meets the target
        (10.0, 25.0, 20.0, "up", {}, P.TARGET_REACHED, "growth"),
        (8.0, 4.0, 4.0, "down", {}, P.TARGET_REACHED, "growth"),
        # linear fallback when a value is <= 0, with the same thresholds (exact ratios)
        (0.0, 47.5, 100.0, "up", {}, P.ON_TRACK, "linear"),  # R = 0.95 exactly
        (0.0, 30.0, 100.0, "up", {}, P.ACCELERATION_NEEDED, "linear"),  # R = 0.6 exactly
        (0.0, 29.0, 100.0, "up", {}, P.LIMITED_PROGRESS, "linear"),
        (0.0, 0.0, 100.0, "up", {}, P.LIMITED_PROGRESS, "linear"),  # R = 0
        (-10.0, -5.0, 5.0, "up", {"big_t": 2030}, P.ON_TRACK, "linear"),  # net migration
        (-2.0, -4.0, -10.0, "down", {"big_t": 2030}, P.ACCELERATION_NEEDED, "linear"),
        (5.0, 2.0, -1.0, "down", {}, P.ON_TRACK, "linear"),  # only the target is negative
        # target equals the base: the base met it, the latest value does not -> moving away
        (10.0, 9.0, 10.0, "up", {}, P.MOVING_AWAY, "growth"),
        (10.0, 11.0, 10.0, "down", {}, P.MOVING_AWAY, "growth"),
        # a target behind the base: R = g_obs/g_req would be positive while moving away
        (10.0, 7.0, 8.0, "up", {}, P.MOVING_AWAY, "growth"),
        (10.0, 13.0, 12.0, "down", {}, P.MOVING_AWAY, "growth"),
        (-1.0, -3.0, -2.0, "up", {}, P.MOVING_AWAY, "linear"),
        # a target one float step above the base: the required growth rounds to 0.0 (R undefined)
        (1.0, 0.9, 1.0000000000000002, "up", {}, P.MOVING_AWAY, "growth"),
        # neutral: the target gives the direction
        (10.0, 20.0, 30.0, "neutral", {}, P.ON_TRACK, "growth"),
        (10.0, 9.0, 5.0, "neutral", {}, P.LIMITED_PROGRESS, "growth"),
        # no time passed, or a target year not after the base
        (10.0, 12.0, 20.0, "up", {"t": 2015}, P.INSUFFICIENT_DATA, "growth"),
        (10.0, 12.0, 20.0, "up", {"t": 2014}, P.INSUFFICIENT_DATA, "growth"),
        (10.0, 12.0, 20.0, "up", {"big_t": 2015}, P.INSUFFICIENT_DATA, "growth"),
        (10.0, 21.0, 20.0, "up", {"t": 2015}, P.TARGET_REACHED, "growth"),  # reached is reached
    ],
)
def test_assess_progress(x0, xt, target, direction, kwargs, expected, method):
    result = progress(x0, xt, target, direction=direction, **kwargs)
    assert result.progress is expected
    assert result.method == method


def test_progress_ratio_and_rates_in_the_linear_case():
    result = progress(-2.0, -4.0, -10.0, big_t=2030, direction="down")
    assert (result.observed_growth, result.required_growth) == pytest.approx((-0.4, -8 / 15))
    assert result.ratio == pytest.approx(0.75)


def test_progress_target_equal_to_base_has_no_ratio():
    result = progress(10.0, 9.0, 10.0)
    assert (result.ratio, result.required_growth) == (None, 0.0)


@pytest.mark.parametrize(
    "missing",
    ["base_year", "base_value", "latest_year", "latest_value", "target_value", "target_year"],
)
@pytest.mark.parametrize("absent", [None, NAN])
def test_progress_with_a_missing_input_is_insufficient(missing, absent):
    inputs = {
        "base_year": 2015,
        "base_value": 10.0,
        "latest_year": 2020,
        "latest_value": 12.0,
        "target_value": 20.0,
        "target_year": 2030,
    }
    inputs[missing] = absent
    result = assess_progress(**inputs, direction="up")
    assert result.progress is P.INSUFFICIENT_DATA
    assert result.ratio is None


def test_progress_neutral_target_equal_to_base_is_insufficient():
    assert progress(10.0, 12.0, 10.0, direction="neutral").progress is P.INSUFFICIENT_DATA


@pytest.mark.parametrize(
    ("years", "values", "baseline_year", "expected"),
    [
        ([2012, 2016, 2023], [1.0, 2.0, 3.0], None, (2016, 2.0)),  # first year in the window
        ([2012, 2016, 2023], [1.0, 2.0, 3.0], 2012, (2012, 1.0)),  # the target's baseline year
        ([2012, 2016, 2023], [1.0, None, 3.0], 2016, None),  # baseline year without a value
        ([2016, 2023], [NAN, 3.0], None, (2023, 3.0)),
        ([], [], None, None),
    ],
)
def test_select_base_period(years, values, baseline_year, expected):
    assert select_base_period(years, values, baseline_year=baseline_year) == expected


# ------------------------------------------------------------------------------------------
# §5 Projection
# ------------------------------------------------------------------------------------------


def test_projection_on_a_line():
    p = project_theil_sen(
        [2019, 2020, 2021, 2022],
        [10.0, 12.0, 14.0, 16.0],
        target_year=2025,
        minimum=20,
        direction="up",
    )
    assert (p.slope, p.intercept) == pytest.approx((2.0, 10.0 - 2.0 * 2019))
    assert p.projected_value == pytest.approx(22.0)
    assert p.years == (2022, 2023, 2024, 2025)
    assert p.values == pytest.approx((16.0, 18.0, 20.0, 22.0))
    assert (p.year_minimum_reached, p.not_before_horizon) == (2024, False)
    assert p.band_low == pytest.approx(p.values) and p.band_high == pytest.approx(p.values)


@pytest.mark.parametrize(
    ("values", "minimum", "direction", "reached", "not_before"),
    [
        ([10.0, 12.0, 14.0, 16.0], 20, "up", 2024, False),
        ([10.0, 12.0, 14.0, 16.0], 16, "up", 2022, False),  # latest value meets it already
        ([10.0, 12.0, 14.0, 16.0], 10, "up", 2022, False),
        ([10.0, 12.0, 14.0, 16.0], 100, "up", None, True),  # 16 + 2·28 = 72 in 2050
        ([10.0, 12.0, 14.0, 16.0], 72, "up", 2050, False),  # exactly at the horizon
        ([16.0, 14.0, 12.0, 10.0], 5, "down", 2025, False),  # 10 - 2·3 = 4 <= 5 in 2025
        ([16.0, 14.0, 12.0, 10.0], 20, "down", 2022, False),
        ([10.0, 12.0, 14.0, 16.0], 5, "down", None, True),  # moving away from it
        ([10.0, 10.0, 10.0, 10.0], 11, "up", None, True),  # flat below the minimum
        ([10.0, 12.0, 14.0, 16.0], 20, "neutral", None, False),  # no good direction
        ([10.0, 12.0, 14.0, 16.0], None, "up", None, False),  # no minimum
        ([10.0, 12.0, 14.0, 16.0], NAN, "down", None, False),
    ],
)
def test_projection_year_minimum_reached(values, minimum, direction, reached, not_before):
    p = project_theil_sen(
        [2019, 2020, 2021, 2022], values, target_year=2030, minimum=minimum, direction=direction
    )
    assert (p.year_minimum_reached, p.not_before_horizon) == (reached, not_before)


def test_projection_is_robust_to_an_outlier_and_has_a_band():
    p = project_theil_sen(
        [2019, 2020, 2021, 2022, 2023],
        [1.0, 2.0, 3.0, 100.0, 5.0],
        target_year=2030,
        direction="up",
    )
    assert p.slope == pytest.approx(1.0)  # median of pairwise slopes, not OLS
    assert p.intercept == pytest.approx(3.0 - 2021)  # through the median point
    assert p.projected_value == pytest.approx(12.0)
    assert len(p.band_low) == len(p.band_high) == len(p.years) == 8
    assert all(lo <= v <= hi for lo, v, hi in zip(p.band_low, p.values, p.band_high, strict=True))
    assert p.band_high[-1] > p.band_low[-1]


@pytest.mark.parametrize(
    ("target_year", "years", "projected"),
    [(2030, tuple(range(2023, 2031)), 30.0), (2020, (2023,), 20.0), (None, (2023,), None)],
)
def test_projection_line_runs_from_the_latest_year_to_the_target_year(
    target_year, years, projected
):
    p = project_theil_sen(
        [2021, 2022, 2023], [21.0, 22.0, 23.0], target_year=target_year, direction="up"
    )
    assert p.years == years
    assert p.projected_value == (None if projected is None else pytest.approx(projected))


@pytest.mark.parametrize(
    ("years", "values"),
    [
        ([2022, 2023], [1.0, 2.0]),
        ([], []),
        ([2010, 2011, 2023], [1.0, 2.0, 3.0]),
        ([2021, 2022, 2023], [1.0, None, 3.0]),
    ],
)
def test_projection_needs_three_values_in_the_window(years, values):
    assert project_theil_sen(years, values, target_year=2030, direction="up") is None


def test_projection_uses_the_trend_window():
    years = list(range(2008, 2024))
    values = [100.0 - 10 * i for i in range(8)] + [float(i) for i in range(8)]
    p = project_theil_sen(years, values, target_year=2025, direction="up")
    assert p.slope == pytest.approx(1.0)
    assert p.projected_value == pytest.approx(9.0)


@settings(max_examples=60, deadline=None)
@given(
    # Years within one 8-year window, drawn directly (a filter rejected too many examples and
    # tripped Hypothesis's health check now and then).
    st.integers(min_value=2000, max_value=2016).flatmap(
        lambda start: st.sets(st.integers(min_value=start, max_value=start + 7), min_size=3)
    ),
    st.floats(min_value=-100, max_value=100),
    st.floats(min_value=-1000, max_value=1000),
)
def test_theil_sen_recovers_an_exact_line(years, slope, offset):
    years = sorted(years)
    values = [offset + slope * (y - 2000) for y in years]
    p = project_theil_sen(years, values, target_year=2030, direction="up")
    assert p.slope == pytest.approx(slope, abs=1e-6)
    assert p.intercept == pytest.approx(offset - slope * 2000, abs=1e-3)
    assert p.projected_value == pytest.approx(offset + slope * 30, abs=1e-6)


# ------------------------------------------------------------------------------------------
# §6 Region groups
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "populations", "aggregation", "value", "coverage", "n_with_data"),
    [
        ([10.0, 20.0], [100, 300], "weighted_mean", 17.5, 1.0, 2),
        ([10.0, 20.0, None], [100, 300, 50], "weighted_mean", 17.5, 400 / 450, 2),
        ([10.0, 20.0, None], [100, 300, 100], "weighted_mean", 17.5, 0.8, 2),  # exactly 80%
        ([10.0, 20.0, NAN], [100, 300, 101], "weighted_mean", None, 400 / 501, 2),  # < 80%
        ([10.0, 20.0], [100, 300], "sum", 30.0, 1.0, 2),
        ([10.0, 20.0, None], [100, 300, 50], "sum", None, 400 / 450, 2),  # an undercount
        ([10.0, 20.0], [None, 300], "sum", 30.0, None, 2),  # complete without populations
        ([10.0, 20.0], [None, 300], "weighted_mean", None, None, 2),  # no weight for one
        ([10.0, 20.0], [100, 300], "none", None, 1.0, 2),  # not aggregable
        ([None, None], [100, 300], "weighted_mean", None, 0.0, 0),
        ([10.0, 20.0], [0, 0], "weighted_mean", None, None, 2),
        ([], [], "weighted_mean", None, None, 0),  # a group without members
        ([], [], "sum", None, None, 0),
    ],
)
def test_aggregate_group(values, populations, aggregation, value, coverage, n_with_data):
    group = aggregate_group(values, populations, aggregation=aggregation)
    assert group.value == (None if value is None else pytest.approx(value))
    assert group.coverage == (None if coverage is None else pytest.approx(coverage))
    assert (group.n_members, group.n_with_data) == (len(values), n_with_data)


def test_group_coverage_is_configurable():
    lenient = Thresholds(group_coverage=0.5)
    group = aggregate_group(
        [10.0, None], [100, 100], aggregation="weighted_mean", thresholds=lenient
    )
    assert group.value == 10.0


@pytest.mark.parametrize(
    ("values", "populations", "aggregation"),
    [([1.0, 2.0], [100], "sum"), ([1.0], [-5], "weighted_mean"), ([1.0], [5], "median")],
)
def test_aggregate_group_rejects_malformed_input(values, populations, aggregation):
    with pytest.raises(ValueError):
        aggregate_group(values, populations, aggregation=aggregation)


def test_pure_functions_accept_numpy_and_pandas_missing_values():
    values = pd.array([1.0, None, 3.0, 4.0], dtype="Float64")
    assert assess_trend(np.arange(2020, 2024), values, direction="up").n == 3
    assert competition_ranks(values, direction="up") == [3, None, 2, 1]
    assert math.isclose(
        classify_status(np.float64(5.0), direction="up", minimum=4).distance_to_minimum, 1.0
    )
