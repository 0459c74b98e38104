"""bw.assess.judge_series_batch equals bw.assess.judge_series series by series (issue 16)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bw import assess
from bw.model import Direction, Target
from bw.store import judgements as judgements_store

_series = st.dictionaries(
    st.integers(min_value=1995, max_value=2026),
    st.one_of(
        st.none(),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
        st.sampled_from([0.0, 1.0, 50.0]),  # flat stretches and zeros
    ),
    max_size=14,
)
_target = st.one_of(
    st.none(),
    st.builds(
        Target,
        region_code=st.just("GM0001"),
        indicator_id=st.just("t.x"),
        minimum=st.one_of(st.none(), st.floats(min_value=-100, max_value=100)),
        ambition=st.one_of(st.none(), st.floats(min_value=-100, max_value=100)),
        ceiling=st.one_of(st.none(), st.floats(min_value=-100, max_value=100)),
        target_year=st.one_of(st.none(), st.integers(min_value=2020, max_value=2040)),
        baseline_year=st.one_of(st.none(), st.integers(min_value=1995, max_value=2026)),
    ),
)
_direction = st.sampled_from(["up", "down", "neutral"])


def _present(points: dict[int, float | None]) -> tuple[list[int], list[float]]:
    years = sorted(y for y, v in points.items() if v is not None)
    return years, [float(points[y]) for y in years]  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_series, _direction, _target), min_size=1, max_size=12))
def test_batch_equals_one_series_at_a_time(cases):
    batch = assess.SeriesBatch.of(
        [(list(points), list(points.values())) for points, _, _ in cases],
        directions=[direction for _, direction, _ in cases],
        targets=[target for _, _, target in cases],
    )
    judged = assess.judge_series_batch(batch)
    assert len(judged) == len(cases)
    for (points, direction, target), got in zip(cases, judged, strict=True):
        years, values = _present(points)
        assert got == assess.judge_series(years, values, direction=direction, target=target)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_series, _direction, _target), min_size=1, max_size=12))
def test_the_judgements_frame_equals_writing_each_series_row_by_row(cases):
    # Series without a target are written from the batch's columns at once: the rows must be
    # the ones judgements._row gives for each judgement, types and missing values included.
    batch = assess.SeriesBatch.of(
        [(list(points), list(points.values())) for points, _, _ in cases],
        directions=[direction for _, direction, _ in cases],
        targets=[target for _, _, target in cases],
    )
    ids = [f"t.x{i}" for i in range(len(cases))]
    codes = ["GM0001"] * len(cases)
    got = judgements_store.judgement_frame(ids, codes, assess.judge_series_columns(batch))
    judged = assess.judge_series_batch(batch)
    expected = pd.DataFrame(
        [judgements_store._row(i, c, j) for i, c, j in zip(ids, codes, judged, strict=True)],
        columns=list(judgements_store._COLUMNS),
    ).astype(judgements_store._COLUMNS)
    pd.testing.assert_frame_equal(got, expected)


def test_batch_trend_matches_the_ols_rule_of_methods_md():
    batch = assess.SeriesBatch.of(
        [([2019, 2020, 2021, 2022, 2023], [10, 11, 12, 13, 14]), ([2022, 2023], [1, 2])],
        directions=["down", "up"],
    )
    first, second = assess.judge_series_batch(batch)
    assert first.trend.trend is assess.TrendClass.WORSENING
    assert (first.trend.slope_per_year, first.trend.p_value) == (1.0, 0.0)
    assert second.trend.trend is assess.TrendClass.INSUFFICIENT_DATA
    assert math.isclose(first.trend.fitted_change or 0, 4.0)


def test_a_batch_refuses_a_year_twice_in_one_series():
    batch = assess.SeriesBatch.of([([2020, 2020, 2021], [1.0, 2.0, 3.0])], directions=["up"])
    with pytest.raises(ValueError, match="occurs twice"):
        assess.judge_series_batch(batch)


def test_a_batch_refuses_points_of_an_unknown_series():
    with pytest.raises(ValueError, match="outside the batch"):
        assess.SeriesBatch(
            series=np.array([3]),
            years=np.array([2020]),
            values=np.array([1.0]),
            directions=(Direction.UP,),
            targets=(None,),
        )
