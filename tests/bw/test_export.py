"""Tests for bw.export: formula neutralisation and CSV shape per language."""

import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bw.export import (
    FORMULA_PREFIXES,
    PLAIN_NUMBER,
    neutralise_cell,
    neutralise_frame,
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
