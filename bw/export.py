"""Exports that are safe to open in a spreadsheet: CSV with formula-like cells neutralised."""

from __future__ import annotations

import pandas as pd

#: A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe.

    Numbers stay numbers: only text is touched.

    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell("-12")
    "'-12"
    >>> neutralise_cell(-12.5)
    -12.5
    >>> neutralise_cell("Amsterdam")
    'Amsterdam'
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame with every text cell and column name neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(column)) for column in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame, *, lang: str = "nl") -> bytes:
    """CSV for download: Dutch spreadsheets get ';' and a decimal comma, English ',' and '.'.

    UTF-8 with a byte order mark, so Excel shows ë and ĳ correctly.
    """
    separator, decimal = (";", ",") if lang == "nl" else (",", ".")
    text = neutralise_frame(frame).to_csv(index=False, sep=separator, decimal=decimal)
    return text.encode("utf-8-sig")
