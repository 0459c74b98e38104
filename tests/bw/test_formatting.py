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
    NumberInputError,
    format_interval,
    format_number,
    format_period,
    format_typed_number,
    parse_number,
    parse_typed_number,
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
        # more digits than Decimal's default precision of 28: the decimals are still written
        (
            Decimal("1234567890123456789012345678.95"),
            1,
            "nl",
            "1.234.567.890.123.456.789.012.345.679,0",
        ),
        (-(10**30), 2, "en", f"{MINUS}1,000,000,000,000,000,000,000,000,000,000.00"),
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


# --- numbers typed in forms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("3,4", "nl", 3.4),
        ("3.4", "nl", 3.4),  # a point is a decimal point too when it cannot group thousands
        ("3,4", "en", 3.4),
        ("-12", "nl", -12.0),
        (f"{MINUS}0,5", "nl", -0.5),  # the minus sign format_number writes
        ("+7", "nl", 7.0),
        ("0,125", "nl", 0.125),
        ("0.125", "nl", 0.125),  # a leading zero cannot be a thousands group
        ("1234,5", "nl", 1234.5),
        ("1234.5", "nl", 1234.5),
        ("1,234", "nl", 1.234),  # a comma is the Dutch decimal mark
        ("1.234", "en", 1.234),
        (",5", "nl", 0.5),
        ("5,", "nl", 5.0),
        ("  42 ", "nl", 42.0),
        ("", "nl", None),
        ("   ", "nl", None),
        (None, "nl", None),
    ],
)
def test_parse_typed_number(text, lang, expected):
    assert parse_typed_number(text, lang=lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("vier", "nl", "not_a_number"),
        ("3,4x", "nl", "not_a_number"),
        ("1e3", "nl", "not_a_number"),
        ("-", "nl", "not_a_number"),
        (",", "nl", "not_a_number"),
        ("nan", "nl", "not_a_number"),
        ("1.234,5", "nl", "thousands_separator"),
        ("1,234.5", "nl", "thousands_separator"),
        ("1.234.567", "nl", "thousands_separator"),
        ("1 234", "nl", "thousands_separator"),
        ("1.234", "nl", "ambiguous"),  # 1234 to a Dutch reader, 1,234 to an English one
        ("-12.500", "nl", "ambiguous"),
        ("1,234", "en", "ambiguous"),
    ],
)
def test_parse_typed_number_refuses(text, lang, code):
    with pytest.raises(NumberInputError) as refused:
        parse_typed_number(text, lang=lang)
    assert refused.value.code == code


typed = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@given(value=typed, lang=st.sampled_from(["nl", "en"]))
def test_a_prefilled_value_reads_back_exactly(value, lang):
    # An edit form shows format_typed_number(value); saving it unchanged must change nothing.
    assert parse_typed_number(format_typed_number(value, lang=lang), lang=lang) == value + 0.0


@given(
    value=st.floats(min_value=-999.4, max_value=999.4, allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=0, max_value=6),
    lang=st.sampled_from(["nl", "en"]),
)
def test_what_format_number_shows_can_be_typed_back(value, decimals, lang):
    # Below a thousand format_number groups nothing, so what a table shows can be typed in.
    shown = format_number(value, decimals, lang=lang)
    assert parse_typed_number(shown, lang=lang) == float(parse_number(shown, lang=lang))


@given(
    value=st.floats(min_value=1000, max_value=1e12, allow_nan=False),
    decimals=st.integers(min_value=0, max_value=3),
)
def test_a_grouped_dutch_number_is_refused_not_misread(value, decimals):
    shown = format_number(value, decimals, lang="nl")  # '1.234,5': grouped
    with pytest.raises(NumberInputError) as refused:
        parse_typed_number(shown, lang="nl")
    assert refused.value.code in ("thousands_separator", "ambiguous")
