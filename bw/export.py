"""Exports that are safe to open in a spreadsheet and free of float noise.

CSV cells that a spreadsheet would run as a formula are neutralised. Numbers are written as
precisely as they are known, never with binary float noise (``0.6999999999999957``,
``0.05612019255146093``, issue 13); one rule, :data:`ROUNDING`, serves the CSV downloads,
``python -m bw assess --json`` and the factsheet:

* values in the indicator's unit (value, interval, targets, projection, differences of two
  values): the indicator's ``decimals``;
* slopes per year: ``decimals + 2`` (a trend of 0,04 per year on a value with one decimal
  still reads as a change);
* shares and ratios (relative differences, progress ratio, coverage, growth rates): 3 decimals;
* p-values: 3 significant digits (0.0561, 1.23e-05).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pandas as pd

from bw import store

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


def to_csv_bytes(frame: pd.DataFrame, *, lang: str = "nl", decimals: int | None = None) -> bytes:
    """CSV for download: Dutch spreadsheets get ';' and a decimal comma, English ',' and '.'.

    UTF-8 with a byte order mark, so Excel shows ë and ĳ correctly. With ``decimals`` every
    float column is rounded to that many decimals first (a table of one indicator's values).
    """
    separator, decimal = (";", ",") if lang == "nl" else (",", ".")
    if decimals is not None:
        frame = round_frame(frame, decimals)
    text = neutralise_frame(frame).to_csv(index=False, sep=separator, decimal=decimal)
    return text.encode("utf-8-sig")


# --- rounding: numbers as precise as they are known ---------------------------------------------


def round_decimals(value: float | None, decimals: int) -> float | None:
    """``value`` rounded half away from zero to ``decimals``, as :func:`format_number` shows it.

    Missing stays None; the result prints without float noise.

    >>> round_decimals(0.6999999999999957, 1), round_decimals(2.675, 2), round_decimals(-0.05, 1)
    (0.7, 2.68, -0.1)
    >>> round_decimals(None, 2) is None, round_decimals(float("nan"), 2) is None
    (True, True)
    >>> round_decimals(1234.5, 0)
    1235.0
    """
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    if math.isnan(number):
        return None
    if math.isinf(number):
        return number
    try:
        exact = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: already far too precise
        return number
    return float(exact)


def round_significant(value: float | None, digits: int = 3) -> float | None:
    """``value`` rounded to ``digits`` significant digits (p-values), half away from zero.

    >>> round_significant(0.05612019255146093), round_significant(1.23456e-05)
    (0.0561, 1.23e-05)
    >>> round_significant(0.0), round_significant(None) is None
    (0.0, True)
    """
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    if math.isnan(number):
        return None
    if number == 0 or math.isinf(number):
        return number
    exact = Decimal(repr(number))
    return float(
        exact.quantize(Decimal(1).scaleb(exact.adjusted() - digits + 1), rounding=ROUND_HALF_UP)
    )


def round_frame(frame: pd.DataFrame, decimals: int) -> pd.DataFrame:
    """A copy of ``frame`` with every float column rounded to ``decimals`` (see above)."""
    rounded = frame.copy()
    for column in rounded.columns:
        if pd.api.types.is_float_dtype(rounded[column]):
            rounded[column] = (
                rounded[column].map(lambda v: round_decimals(v, decimals)).astype("float64")
            )
    return rounded


#: Shares and ratios: three decimals (0.056 = 5,6%).
SHARE_DECIMALS = 3
#: Significant digits of a p-value.
P_DIGITS = 3

#: How each number of an assessment is rounded: "value" (the indicator's decimals), "slope"
#: (decimals + 2), "share" (SHARE_DECIMALS) or "p" (P_DIGITS significant digits).
ROUNDING: dict[str, str] = {
    "value": "value",
    "ci_low": "value",
    "ci_high": "value",
    "minimum": "value",
    "ambition": "value",
    "ceiling": "value",
    "projected_value": "value",
    "recent_change": "value",
    "distance_to_minimum": "value",
    "slope_per_year": "slope",
    "p_value": "p",
    "vs_nl": "share",
    "vs_province": "share",
    "vs_peer": "share",
    "progress_ratio": "share",
    "coverage": "share",
    "gap_share": "share",
    "recent_change_relative": "share",
}


def round_number(value: float | None, rule: str, decimals: int) -> float | None:
    """One number by its :data:`ROUNDING` rule, for an indicator with ``decimals``.

    >>> round_number(0.05612019255146093, "p", 1), round_number(0.12345, "share", 1)
    (0.0561, 0.123)
    >>> round_number(71.2499999, "value", 1), round_number(0.0412345, "slope", 1)
    (71.2, 0.041)
    """
    if rule == "value":
        return round_decimals(value, decimals)
    if rule == "slope":
        return round_decimals(value, decimals + 2)
    if rule == "share":
        return round_decimals(value, SHARE_DECIMALS)
    if rule == "p":
        return round_significant(value, P_DIGITS)
    raise ValueError(f"unknown rounding rule {rule!r}; use value, slope, share or p")


def export_long_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    indicator: str | None = None,
    region: str | None = None,
) -> int:
    """Write current observations as the long CSV that the long loader reads; return the rows.

    Missing values are written as ``.`` when the source said "unknown" and as empty otherwise,
    so loading the export again gives the same observations.
    """
    frame = store.read_observations_for_export(con, indicator=indicator, region=region)
    Path(path).write_bytes(neutralise_frame(frame).to_csv(index=False).encode("utf-8"))
    return len(frame)
