"""``bw.model.is_missing``: the one answer to "is this value missing?"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bw.model import is_missing


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (float("nan"), True),
        (np.nan, True),
        (np.float64("nan"), True),
        (np.float32("nan"), True),
        (pd.NA, True),
        (pd.NaT, True),
        (np.datetime64("NaT"), True),
        (Decimal("NaN"), True),
        (0, False),
        (0.0, False),
        (-0.0, False),
        (float("inf"), False),
        (False, False),
        ("", False),
        ("nan", False),
        (".", False),
        (Decimal("0"), False),
        (np.int64(0), False),
        (pd.Timestamp("2024-01-01"), False),
        (dt.date(2024, 1, 1), False),
        ([], False),
        ([None], False),
        (np.array([np.nan, 1.0]), False),  # an array is not one missing value
    ],
)
def test_is_missing(value: object, missing: bool) -> None:
    assert is_missing(value) is missing


_SCALARS = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(width=32, allow_nan=True).map(np.float32),
    st.integers(),
    st.booleans(),
    st.text(max_size=5),
    st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()),
    st.sampled_from([pd.NA, pd.NaT, np.nan, np.datetime64("NaT"), np.timedelta64("NaT")]),
    st.datetimes().map(pd.Timestamp),
)


@given(_SCALARS)
def test_is_missing_agrees_with_pandas_on_scalars(value: object) -> None:
    assert is_missing(value) is bool(pd.isna(value))


@given(st.floats(allow_nan=False))
def test_a_number_is_never_missing(value: float) -> None:
    assert not is_missing(value)
    assert not is_missing(np.float64(value))
