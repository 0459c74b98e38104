"""Tests for bw.export: formula neutralisation, CSV shape per language, and rounding without
float noise (issue 13)."""

import io
import math
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bw.export import (
    FORMULA_PREFIXES,
    PLAIN_NUMBER,
    ROUNDING,
    neutralise_cell,
    neutralise_frame,
    round_decimals,
    round_frame,
    round_number,
    round_significant,
    to_csv_bytes,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 123", "'+31 20 123"),
        ("-5", "-5"),
        ("-1.5e-07", "-1.5e-07"),
        ("-5+cmd|' /C calc'!A0", "'-5+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Den Haag", "Den Haag"),
        ("", ""),
        (3.5, 3.5),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_neutralise_cell(cell, expected):
    assert neutralise_cell(cell) == expected


@given(st.text())
def test_no_neutralised_text_starts_with_a_formula_prefix_unless_a_plain_number(text):
    safe = str(neutralise_cell(text))
    assert not safe.startswith(FORMULA_PREFIXES) or PLAIN_NUMBER.fullmatch(safe)


def test_frames_keep_numbers_and_neutralise_text_and_headers():
    frame = pd.DataFrame({"=naam": ["=cmd|' /C calc'!A0", "Utrecht"], "waarde": [-1.5, 2.0]})
    safe = neutralise_frame(frame)
    assert list(safe.columns) == ["'=naam", "waarde"]
    assert safe["'=naam"].tolist() == ["'=cmd|' /C calc'!A0", "Utrecht"]
    assert safe["waarde"].tolist() == [-1.5, 2.0]


@pytest.mark.parametrize(("lang", "sep", "number"), [("nl", ";", "1234,5"), ("en", ",", "1234.5")])
def test_csv_uses_the_languages_separators(lang, sep, number):
    data = to_csv_bytes(pd.DataFrame({"regio": ["Assen"], "waarde": [1234.5]}), lang=lang)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines() == [f"regio{sep}waarde", f"Assen{sep}{number}"]
    back = pd.read_csv(io.StringIO(text), sep=sep, decimal="," if lang == "nl" else ".")
    assert back["waarde"].tolist() == [1234.5]


# --- rounding ----------------------------------------------------------------------------------


def decimals_of(number: float) -> int:
    """How many decimals the shortest text of a float has: 0.7 → 1, 1.23e-05 → 7."""
    return max(0, -Decimal(repr(number)).normalize().as_tuple().exponent)


def significant_digits_of(number: float) -> int:
    """How many significant digits the shortest text of a float has: 0.0561 → 3."""
    return len(Decimal(repr(number)).normalize().as_tuple().digits)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.6999999999999957, 1, 0.7),  # the noise the issue quotes
        (0.05612019255146093, 3, 0.056),
        (2.675, 2, 2.68),  # half away from zero on the decimal text, as format_number shows
        (-2.675, 2, -2.68),
        (71.25, 1, 71.3),
        (1234567.891, 0, 1234568.0),
        (5.0, 2, 5.0),
        (None, 1, None),
        (float("nan"), 1, None),
        (float("inf"), 1, float("inf")),
    ],
)
def test_round_decimals(value, decimals, expected):
    assert round_decimals(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.05612019255146093, 0.0561),
        (0.9996, 1.0),
        (1.23456e-05, 1.23e-05),
        (0.5, 0.5),
        (0.0, 0.0),
        (None, None),
    ],
)
def test_round_significant(value, expected):
    assert round_significant(value, 3) == expected


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 4))
def test_rounded_values_print_with_at_most_their_decimals_and_stay_close(value, decimals):
    rounded = round_decimals(value, decimals)
    assert decimals_of(rounded) <= decimals
    assert abs(rounded - value) <= 0.5 * 10**-decimals * (1 + 1e-9) + abs(value) * 1e-15


@given(st.floats(min_value=1e-300, max_value=1.0))
def test_p_values_keep_three_significant_digits(value):
    rounded = round_significant(value, 3)
    assert significant_digits_of(rounded) <= 3
    assert math.isclose(rounded, value, rel_tol=0.005)


def test_every_rule_has_a_rounding():
    for name, rule in ROUNDING.items():
        assert round_number(0.123456789, rule, 1) is not None, name
    with pytest.raises(ValueError, match="unknown rounding rule"):
        round_number(1.0, "pi", 1)


def test_a_csv_with_decimals_rounds_its_float_columns_only():
    frame = pd.DataFrame(
        {"jaar": [2021, 2022], "waarde": [0.6999999999999957, 12.345], "NL": [None, 7.05]}
    )
    assert round_frame(frame, 1)["waarde"].tolist() == [0.7, 12.3]
    text = to_csv_bytes(frame, lang="nl", decimals=1).decode("utf-8-sig")
    assert text.splitlines() == ["jaar;waarde;NL", "2021;0,7;", "2022;12,3;7,1"]
    assert "0,6999" in to_csv_bytes(frame, lang="nl").decode("utf-8-sig")  # only when asked
