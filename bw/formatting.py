"""Number and period formatting for display: Dutch by default (1.234,5), English on request.

Pure functions, no Streamlit: the UI and the reports (HTML/PDF) format numbers the same way.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from numbers import Real

#: What a missing value looks like in a table (an en dash, never a zero).
MISSING = "–"

#: The minus sign in front of negative numbers: U+2212, which screen readers speak as "minus"
#: and which does not break a line the way a hyphen may.
MINUS = "−"

#: Thousands and decimal separators per language.
_SEPARATORS: dict[str, tuple[str, str]] = {"nl": (".", ","), "en": (",", ".")}

#: Suffixes CBS uses for the publication status of a period (``2024*`` is provisional).
STATUS_MARKS: dict[str, str] = {"definitief": "", "voorlopig": "*", "nader_voorlopig": "**"}


def _is_missing(value: object) -> bool:
    """Whether a value stands for 'no value': None, NaN, pandas NA or NaT."""
    if value is None:
        return True
    if type(value).__name__ in {"NAType", "NaTType"}:
        return True
    if isinstance(value, Decimal):
        return value.is_nan()
    try:
        return math.isnan(value)  # type: ignore[arg-type]
    except TypeError:
        return False


def format_number(value: object, decimals: int = 0, *, lang: str = "nl") -> str:
    """Format a number with a fixed number of decimals and the language's separators.

    Rounds half away from zero on the decimal the number is written as (2.675 -> 2,68), so
    what a reader sees matches what they would round by hand. Negative numbers get a true
    minus sign (U+2212); a value that rounds to zero never shows as "−0".

    >>> format_number(1234.5, 1)
    '1.234,5'
    >>> format_number(1234.5, 1, lang="en")
    '1,234.5'
    >>> format_number(2.675, 2)
    '2,68'
    >>> format_number(-1234567, 0)
    '−1.234.567'
    >>> format_number(-0.04, 1)
    '0,0'
    >>> format_number(None)
    '–'
    >>> format_number(float("nan"), 2)
    '–'
    """
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    try:
        thousands, decimal_mark = _SEPARATORS[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; use one of {sorted(_SEPARATORS)}") from None
    if _is_missing(value):
        return MISSING
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise TypeError(f"cannot format {type(value).__name__} {value!r} as a number")
    if isinstance(value, float) and math.isinf(value):
        return ("" if value > 0 else MINUS) + "∞"
    try:
        # str() of a float is its shortest round-trip form: 2.675, not 2.67499999…
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
        with localcontext() as context:
            # enough digits for every whole digit plus the decimals, however large the number
            context.prec = max(28, exact.adjusted() + decimals + 2)
            rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation as error:
        raise ValueError(f"cannot format {value!r} with {decimals} decimals") from error
    sign = MINUS if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = thousands.join(groups)
    if decimals:
        text += decimal_mark + fraction
    return sign + text


def parse_number(text: str, *, lang: str = "nl") -> Decimal:
    """Read back a string written by :func:`format_number` (the inverse, for tests and input).

    >>> parse_number("−1.234,50")
    Decimal('-1234.50')
    >>> parse_number("1,234.5", lang="en")
    Decimal('1234.5')
    """
    thousands, decimal_mark = _SEPARATORS[lang]
    cleaned = text.strip().replace(MINUS, "-").replace(thousands, "").replace(decimal_mark, ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error


def format_period(year: object, status: str | None = None) -> str:
    """A year with CBS's status mark: ``2024*`` provisional, ``2024**`` revised provisional.

    >>> format_period(2024, "voorlopig")
    '2024*'
    >>> format_period(2023.0, "definitief")
    '2023'
    >>> format_period(None)
    '–'
    """
    if _is_missing(year):
        return MISSING
    mark = STATUS_MARKS.get(status or "definitief", "")
    return f"{int(year)}{mark}"  # type: ignore[call-overload]


def format_interval(low: object, high: object, decimals: int = 0, *, lang: str = "nl") -> str:
    """A 95% interval as ``low – high``, or the missing mark when either bound is missing.

    >>> format_interval(76.94, 79.9, 1)
    '76,9 – 79,9'
    >>> format_interval(None, 3.0)
    '–'
    """
    if _is_missing(low) or _is_missing(high):
        return MISSING
    return " – ".join(format_number(bound, decimals, lang=lang) for bound in (low, high))
