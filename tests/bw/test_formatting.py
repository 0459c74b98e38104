"""Dutch (and English) number formatting: a table of examples and a round-trip property."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bw.formatting import (
    MINUS,
    MISSING,
    format_interval,
    format_number,
    format_period,
    parse_number,
)


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234.5, 1, "nl", "1.234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (1234567.891, 2, "nl", "1.234.567,89"),
        (1234567.891, 2, "en", "1,234,567.89"),
        (999.95, 1, "nl", "1.000,0"),  # rounding carries into a new thousands group
        (0.5, 0, "nl", "1"),  # half away from zero, not banker's rounding
        (1.5, 0, "nl", "2"),
        (2.5, 0, "nl", "3"),
        (-2.5, 0, "nl", f"{MINUS}3"),
        (2.675, 2, "nl", "2,68"),  # the written decimal, not the binary 2.67499…
        (1.005, 2, "en", "1.01"),
        (-1234.5, 1, "nl", f"{MINUS}1.234,5"),
        (-0.04, 1, "nl", "0,0"),  # never "−0,0"
        (-0.0, 0, "nl", "0"),
        (0, 0, "nl", "0"),
        (7, 3, "nl", "7,000"),
        (123, 0, "nl", "123"),
        (1000, 0, "nl", "1.000"),
        (1000, 0, "en", "1,000"),
        (12.0, 1, "nl", "12,0"),
        (0.000123, 4, "nl", "0,0001"),
        (1e-7, 6, "nl", "0,000000"),
        (np.float64(78.45), 1, "nl", "78,5"),
        (np.int64(48000), 0, "nl", "48.000"),
        (Decimal("1234.565"), 2, "nl", "1.234,57"),
        (None, 1, "nl", MISSING),
        (float("nan"), 1, "nl", MISSING),
        (np.nan, 2, "en", MISSING),
        (pd.NA, 0, "nl", MISSING),
        (float("inf"), 1, "nl", "∞"),
        (float("-inf"), 1, "nl", f"{MINUS}∞"),
    ],
)
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang=lang) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "error"),
    [
        ("12", 0, "nl", TypeError),  # text is not silently accepted as a number
        (True, 0, "nl", TypeError),
        (1.0, -1, "nl", ValueError),
        (1.0, 0, "de", ValueError),
    ],
)
def test_format_number_rejects(value, decimals, lang, error):
    with pytest.raises(error):
        format_number(value, decimals, lang=lang)


@pytest.mark.parametrize(
    ("year", "status", "expected"),
    [
        (2024, "definitief", "2024"),
        (2024, "voorlopig", "2024*"),
        (2024, "nader_voorlopig", "2024**"),
        (2023.0, None, "2023"),
        (np.int32(2022), "voorlopig", "2022*"),
        (None, "voorlopig", MISSING),
        (float("nan"), None, MISSING),
    ],
)
def test_format_period(year, status, expected):
    assert format_period(year, status) == expected


@pytest.mark.parametrize(
    ("low", "high", "decimals", "lang", "expected"),
    [
        (76.94, 79.9, 1, "nl", "76,9 – 79,9"),
        (1234, 5678, 0, "en", "1,234 – 5,678"),
        (-1.25, 0.5, 1, "nl", f"{MINUS}1,3 – 0,5"),
        (None, 3.0, 1, "nl", MISSING),
        (1.0, float("nan"), 1, "nl", MISSING),
    ],
)
def test_format_interval(low, high, decimals, lang, expected):
    assert format_interval(low, high, decimals, lang=lang) == expected


def _expected(value: float, decimals: int) -> Decimal:
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded + 0  # turns -0 into 0


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(value=finite, decimals=st.integers(min_value=0, max_value=6))
def test_dutch_string_parses_back_to_the_rounded_value(value, decimals):
    text = format_number(value, decimals, lang="nl")
    parsed = parse_number(text, lang="nl")
    assert parsed == _expected(value, decimals)
    # never further from the value than half a unit in the last shown decimal
    assert abs(parsed - Decimal(str(value))) <= Decimal(5).scaleb(-decimals - 1)
    # exactly the asked decimals, and a separator only where Dutch puts it
    whole, _, fraction = text.removeprefix(MINUS).partition(",")
    assert len(fraction) == decimals
    assert all(len(group) == 3 for group in whole.split(".")[1:])


@given(value=finite, decimals=st.integers(min_value=0, max_value=6))
def test_english_is_dutch_with_separators_swapped(value, decimals):
    dutch = format_number(value, decimals, lang="nl")
    english = format_number(value, decimals, lang="en")
    assert english == dutch.translate(str.maketrans({".": ",", ",": "."}))
    assert parse_number(english, lang="en") == parse_number(dutch, lang="nl")
