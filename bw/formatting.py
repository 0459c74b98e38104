"""Number and period formatting for display: Dutch by default (1.234,5), English on request.

Pure functions, no Streamlit: the UI and the reports (HTML/PDF) format numbers the same way.
The separators and digit grouping come from CLDR's locale data through Babel (``nl_NL``,
``en_GB``); rounding, the minus sign and the missing mark are the house's own choices.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import cache
from numbers import Real

from babel import Locale
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol, parse_pattern

from bw.errors import BwError
from bw.model import is_missing

#: What a missing value looks like in a table (an en dash, never a zero).
MISSING = "–"

#: The minus sign in front of negative numbers: U+2212, which screen readers speak as "minus"
#: and which does not break a line the way a hyphen may.
MINUS = "−"

#: The CLDR locale of each UI language: Dutch as written in the Netherlands, British English.
LOCALES: dict[str, Locale] = {"nl": Locale.parse("nl_NL"), "en": Locale.parse("en_GB")}

#: Thousands and decimal separators per language, from the locale data: ('.', ',') in Dutch.
_SEPARATORS: dict[str, tuple[str, str]] = {
    lang: (get_group_symbol(locale), get_decimal_symbol(locale)) for lang, locale in LOCALES.items()
}

#: Suffixes CBS uses for the publication status of a period (``2024*`` is provisional).
STATUS_MARKS: dict[str, str] = {"definitief": "", "voorlopig": "*", "nader_voorlopig": "**"}


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
    if lang not in LOCALES:
        raise ValueError(f"unknown language {lang!r}; use one of {sorted(LOCALES)}")
    if is_missing(value):
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
            # Babel only groups and marks the rounded digits, in this context, so a number of
            # more than 28 digits keeps them all. The sign is ours: CLDR's Dutch minus is a
            # hyphen, and Babel would write -0.04 as "-0,0".
            digits: str = _pattern(decimals).apply(abs(rounded), LOCALES[lang])  # untyped
    except InvalidOperation as error:
        raise ValueError(f"cannot format {value!r} with {decimals} decimals") from error
    return (MINUS if rounded < 0 else "") + digits


@cache
def _pattern(decimals: int) -> NumberPattern:
    """The CLDR pattern for grouped digits and exactly ``decimals`` decimals: ``#,##0.0``."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


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


#: A number as a person types it: digits with at most one decimal mark, a comma or a point.
_TYPED = re.compile(r"(?P<sign>[+-]?)(?P<whole>\d*)(?:(?P<mark>[.,])(?P<fraction>\d*))?")
#: Minus signs people paste or type: the true minus (U+2212), hyphen-minus, en dash.
_MINUSES = str.maketrans({MINUS: "-", "–": "-"})
#: Digits grouped by a space, a (narrow) no-break space or an apostrophe: 1 234, 1'234.
_GROUP_SPACE = re.compile(r"\d[\s\u00a0\u202f']+\d")


def _ungrouped(body: str) -> tuple[str, str]:
    """The whole part and fraction of a number typed with grouping ('1.234,5' -> 1234, 5).

    >>> _ungrouped("1.234,5"), _ungrouped("1,234.56"), _ungrouped("1 234 567")
    (('1234', '5'), ('1234', '56'), ('1234567', ''))
    """
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", body)
    last = max(cleaned.rfind("."), cleaned.rfind(","))
    if last >= 0 and len(cleaned) - last - 1 != 3:
        return re.sub(r"[.,]", "", cleaned[:last]), cleaned[last + 1 :]
    return re.sub(r"[.,]", "", cleaned), ""


class NumberInputError(BwError, ValueError):
    """Typed text that is not a number; ``code`` says why, so the UI can say it in Dutch.

    Codes: ``not_a_number`` ('vier'), ``thousands_separator`` ('1.234,5', '1 234'),
    ``ambiguous`` ('1.234' in Dutch: one thousand two hundred and thirty-four, or 1,234?).
    """

    def __init__(
        self, code: str, text: str, message: str, readings: tuple[float, ...] = ()
    ) -> None:
        super().__init__(message)
        self.code = code  # 'ambiguous'
        self.text = text  # '1.234'
        self.readings = readings  # (1234.0, 1.234): what the text may have meant


def parse_typed_number(text: str | None, *, lang: str = "nl") -> float | None:
    """A number as typed in a form: a decimal comma or point, no thousands separators.

    Empty text is None (no value). Both marks are read as the decimal mark, so Dutch and
    English users can type as they are used to; a number that could mean two things is
    refused rather than guessed: ``1.234`` in Dutch (where a point groups thousands) and
    ``1,234`` in English. Thousands separators are refused too: ``1.234,5`` is clear to a
    Dutch reader but ``1,234.5`` is the same number to an English one.

    >>> parse_typed_number("3,4"), parse_typed_number("3.4"), parse_typed_number(" −12 ")
    (3.4, 3.4, -12.0)
    >>> parse_typed_number("0,125"), parse_typed_number("1234,5"), parse_typed_number(",5")
    (0.125, 1234.5, 0.5)
    >>> parse_typed_number("") is None
    True
    >>> parse_typed_number("1.234,5")
    Traceback (most recent call last):
    ...
    bw.formatting.NumberInputError: '1.234,5' has a thousands separator; type 1234,5 or 1234.5
    >>> parse_typed_number("1.234")
    Traceback (most recent call last):
    ...
    bw.formatting.NumberInputError: '1.234' can mean 1234 or 1,234; type it without the point
    >>> parse_typed_number("1.234", lang="en")
    1.234
    >>> parse_typed_number("vier")
    Traceback (most recent call last):
    ...
    bw.formatting.NumberInputError: 'vier' is not a number
    """
    if lang not in _SEPARATORS:
        raise ValueError(f"unknown language {lang!r}; use one of {sorted(_SEPARATORS)}")
    if text is None or not str(text).strip():
        return None
    typed = str(text).strip().translate(_MINUSES)
    body = typed.lstrip("+-")
    if sum(body.count(mark) for mark in ".,") > 1 or _GROUP_SPACE.search(body):
        whole, fraction = _ungrouped(body)
        sign = "-" if typed.startswith("-") else ""
        hint = (
            f"{sign}{whole},{fraction} or {sign}{whole}.{fraction}"
            if fraction
            else (f"{sign}{whole}")
        )
        raise NumberInputError(
            "thousands_separator",
            typed,
            f"{typed!r} has a thousands separator; type {hint}",
            (float(f"{sign}{whole or '0'}.{fraction or '0'}"),),
        )
    match = _TYPED.fullmatch(typed)
    if match is None or not (match["whole"] or match["fraction"]):
        raise NumberInputError("not_a_number", typed, f"{typed!r} is not a number")
    whole, mark, fraction = match["whole"], match["mark"], match["fraction"] or ""
    thousands = _SEPARATORS[lang][0]
    if mark == thousands and len(fraction) == 3 and whole.lstrip("0"):
        sign = "-" if match["sign"] == "-" else ""
        raise NumberInputError(
            "ambiguous",
            typed,
            f"{typed!r} can mean {whole}{fraction} or {whole}"
            f"{_SEPARATORS[lang][1]}{fraction}; type it without the "
            f"{'point' if mark == '.' else 'comma'}",
            (float(f"{sign}{whole}{fraction}"), float(f"{sign}{whole}.{fraction}")),
        )

    number = float(f"{match['sign']}{whole or '0'}.{fraction or '0'}")
    if not math.isfinite(number):
        raise NumberInputError("not_a_number", typed, f"{typed!r} is not a number")
    return number


def format_typed_number(value: object, *, lang: str = "nl") -> str:
    """A stored number as a form shows it for editing: every decimal it has, no grouping.

    The inverse of :func:`parse_typed_number`: an unchanged form gives back the exact value,
    so saving it changes nothing. Missing values are empty text.

    >>> format_typed_number(3.4), format_typed_number(1234.5), format_typed_number(-0.125)
    ('3,4', '1234,5', '-0,125')
    >>> format_typed_number(3.0), format_typed_number(2.5, lang="en"), format_typed_number(None)
    ('3', '2.5', '')
    """
    if is_missing(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise TypeError(f"cannot format {type(value).__name__} {value!r} as a number")
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = f"{exact.normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text.replace(".", _SEPARATORS[lang][1])


def format_period(year: object, status: str | None = None) -> str:
    """A year with CBS's status mark: ``2024*`` provisional, ``2024**`` revised provisional.

    >>> format_period(2024, "voorlopig")
    '2024*'
    >>> format_period(2023.0, "definitief")
    '2023'
    >>> format_period(None)
    '–'
    """
    if is_missing(year):
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
    if is_missing(low) or is_missing(high):
        return MISSING
    return " – ".join(format_number(bound, decimals, lang=lang) for bound in (low, high))
