"""Exports that are safe to open in a spreadsheet: CSV with formula-like cells neutralised."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

#: A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: A number written as text: not a formula, so never neutralised.
PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+([.,][0-9]+)?([eE][-+]?[0-9]+)?")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe.

    Numbers stay numbers, also when written as text ("-12" is a number, not a formula).

    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell("-12")
    '-12'
    >>> neutralise_cell("-12+cmd")
    "'-12+cmd"
    >>> neutralise_cell(-12.5)
    -12.5
    >>> neutralise_cell("Amsterdam")
    'Amsterdam'
    """
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
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


def export_long_csv(
    con, path: Path, *, indicator: str | None = None, region: str | None = None
) -> int:
    """Write current observations as the long CSV that the long loader reads; return the rows.

    Missing values are written as ``.`` when the source said "unknown" and as empty otherwise,
    so loading the export again gives the same observations.
    """
    conditions, params = [], []
    if indicator:
        conditions.append("indicator_id = ?")
        params.append(indicator)
    if region:
        conditions.append("region_code = ?")
        params.append(region)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    frame = con.execute(
        "SELECT indicator_id AS indicator, region_code AS region, period, "
        "CASE WHEN value IS NOT NULL THEN CAST(value AS VARCHAR) "
        "     WHEN missing_reason = 'onbekend (.)' THEN '.' ELSE '' END AS value, "
        "CAST(ci_low AS VARCHAR) AS ci_low, CAST(ci_high AS VARCHAR) AS ci_high, status "
        f"FROM observations {where} ORDER BY indicator_id, region_code, period",
        params,
    ).df()
    Path(path).write_bytes(neutralise_frame(frame).to_csv(index=False).encode("utf-8"))
    return len(frame)
