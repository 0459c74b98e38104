"""Number fields that show and accept the decimal comma, as the rest of the app writes numbers.

``st.number_input`` always shows a decimal point (and English stepper labels), so forms use a
text field: :func:`number_field` draws it, :func:`show_number` puts a stored value in it the
way the language writes it, and :func:`read_number` / :func:`read_year` read what was typed
with :func:`bw.formatting.parse_typed_number`, giving a clear message instead of a guess.
"""

from __future__ import annotations

import streamlit as st

from bw.errors import BwError
from bw.formatting import NumberInputError, format_typed_number, parse_typed_number
from bw.model import is_missing
from ui.i18n import current_language, t


class FieldError(BwError, ValueError):
    """A typed value the form cannot use; the message is in the UI language."""

    default_code = "invalid_field"


def show_number(value: object) -> str:
    """A stored number as its field shows it for editing ('3,4' in Dutch, '' when missing)."""
    return format_typed_number(value, lang=current_language())


def number_field(label: str, *, key: str, help: str | None = None, container=st) -> str:
    """A text field for a number (its value is the typed text; read it with read_number)."""
    return container.text_input(label, key=key, help=help, placeholder=t("number.hint"))


def read_number(
    text: object, label: str, *, low: float | None = None, high: float | None = None
) -> float | None:
    """The number typed in a field (None when empty); raises :class:`FieldError` if unusable."""
    lang = current_language()
    try:
        value = parse_typed_number(None if text is None else str(text), lang=lang)
    except NumberInputError as error:
        readings = [format_typed_number(r, lang=lang) for r in error.readings]
        if error.code == "ambiguous":
            raise FieldError(
                t(
                    "number.ambiguous",
                    label=label,
                    text=error.text,
                    whole=readings[0],
                    decimal=readings[1],
                )
            ) from None
        if error.code == "thousands_separator":
            raise FieldError(
                t("number.thousands_separator", label=label, text=error.text, example=readings[0])
            ) from None
        raise FieldError(t("number.not_a_number", label=label, text=error.text)) from None
    if value is None:
        return None
    shown = format_typed_number(value, lang=lang)
    if low is not None and high is not None and not low <= value <= high:
        raise FieldError(
            t(
                "number.range",
                label=label,
                value=shown,
                low=format_typed_number(low, lang=lang),
                high=format_typed_number(high, lang=lang),
            )
        )
    if low is not None and value < low:
        raise FieldError(
            t("number.at_least", label=label, value=shown, low=format_typed_number(low, lang=lang))
        )
    return value


def read_year(text: object, label: str, *, low: int, high: int) -> int | None:
    """A year typed in a field (None when empty); raises :class:`FieldError` if unusable."""
    typed = "" if text is None else str(text).strip()
    if not typed:
        return None
    if not typed.isdigit():
        raise FieldError(t("number.not_a_year", label=label, text=typed))
    year = int(typed)
    if not low <= year <= high:
        raise FieldError(t("number.year_range", label=label, year=year, low=low, high=high))
    return year


def show_year(value: object) -> str:
    """A stored year as its field shows it ('' when missing)."""
    return "" if is_missing(value) else str(int(value))  # type: ignore[call-overload]
