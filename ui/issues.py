"""Validation issues in the UI language, from a template per issue code (``issue.*`` keys).

``bw`` writes its messages in English (the command line prints them) and keeps their parts in
``Issue.params``. Here each issue becomes a sentence in the session's language: the template
``issue.<code>.<variant>``, else ``issue.<variant>`` (shared ones such as "… and 12 more"),
else ``issue.<code>``, filled with the parameters in the language's notation. Only an issue
whose code has no template (or whose parameters do not fit it) shows bw's English message;
tests/app/test_issues.py keeps that from happening for any code bw emits.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from bw.formatting import MISSING, format_number
from bw.model import is_missing
from bw.report import Issue
from ui.i18n import STRINGS, current_language

#: Parameters whose value is a word with a translation of its own: {parameter: key prefix}.
_WORD_PARAMS = {"role": "issue.role", "kind": "issue.kind", "what": "issue.what"}
#: Whole numbers that are names rather than amounts: shown without thousands separators.
_PLAIN_INTEGERS = ("line", "row", "year", "load", "position", "first", "low", "high")


def template_keys(code: str, variant: str | None) -> list[str]:
    """The catalogue keys that may hold an issue's text, most specific first.

    >>> template_keys("not_a_number", None)
    ['issue.not_a_number']
    >>> template_keys("unknown_region", "more_lines")
    ['issue.unknown_region.more_lines', 'issue.more_lines']
    """
    if variant:
        return [f"issue.{code}.{variant}", f"issue.{variant}"]
    return [f"issue.{code}"]


def template_for(code: str, variant: str | None, lang: str) -> str | None:
    """The template of an issue in ``lang``, or None when the catalogue has none."""
    strings = STRINGS[lang]
    return next((strings[key] for key in template_keys(code, variant) if key in strings), None)


def _number(value: float, lang: str) -> str:
    try:
        exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    except InvalidOperation:
        return str(value)
    decimals = min(6, max(0, -exponent)) if isinstance(exponent, int) else 0
    return format_number(value, decimals, lang=lang)


def _param_text(name: str, value: object, lang: str) -> str:
    """One parameter as it reads in the sentence."""
    strings = STRINGS[lang]
    if is_missing(value):
        return MISSING
    if name in _WORD_PARAMS:
        return strings.get(f"{_WORD_PARAMS[name]}.{value}", str(value))

    if name == "changes":  # ((attribute, before, after), …) of a region
        return ", ".join(
            f"{strings.get(f'issue.role.{attribute}', attribute)} "
            f"{MISSING if before is None else before} → {after}"
            for attribute, before, after in value  # type: ignore[union-attr]
        )
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        plain = any(part in name for part in _PLAIN_INTEGERS)
        return str(value) if plain else format_number(value, 0, lang=lang)
    if isinstance(value, float):
        return _number(value, lang)
    return str(value)


def _where(params: dict, lang: str) -> str:
    strings = STRINGS[lang]
    if params.get("at_lines"):
        return strings["issue.where_lines"].format(lines=params["at_lines"])
    if params.get("at_ref"):
        return strings["issue.where_ref"].format(ref=params["at_ref"])
    return ""


def translate_issue(issue: Issue, lang: str) -> str | None:
    """The issue as a sentence in ``lang``; None when no template fits its code and parameters.

    >>> from bw.report import Severity
    >>> translate_issue(Issue(Severity.ERROR, "not_a_number", 3, "value 'vier' is not a number",
    ...                       {"column": "value", "value": "vier"}), "nl")
    "Kolom value: 'vier' is geen getal."
    """
    params = dict(issue.params)
    template = template_for(issue.code, params.pop("variant", None), lang)
    if template is None:
        return None
    values = {name: _param_text(name, value, lang) for name, value in params.items()}
    values["where"] = _where(params, lang)
    try:
        text = template.format(**values)
    except (KeyError, IndexError, ValueError):
        return None
    # A sentence that starts with a role word ("het minimum (…)") starts with a capital.
    return text[:1].upper() + text[1:] if template.startswith("{role}") else text


def issue_text(issue: Issue, *, lang: str | None = None) -> str:
    """The issue as a sentence in ``lang`` (the session's language by default).

    Falls back to bw's English message only for a code without a template, or when the
    template asks for a parameter the issue does not have.
    """
    translated = translate_issue(issue, lang or current_language())
    return issue.message if translated is None else translated
