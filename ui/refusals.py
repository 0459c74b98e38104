"""A refusal from ``bw`` (:class:`bw.errors.BwError`) as a sentence in the session's language.

Every page catches the one base type and asks here for its words: the catalogue key
``<prefix><code>`` (``beheer.err_password_too_short``) filled with the error's parameters.
A code the page's catalogue has no sentence for falls back to what the page chooses, usually
bw's English message made inert for Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping

from bw.errors import BwError
from ui.i18n import STRINGS, current_language


def refusal_text(
    error: BwError,
    prefix: str,
    *,
    params: Mapping[str, object] | None = None,
    lang: str | None = None,
) -> str | None:
    """The sentence ``<prefix><code>`` for ``error`` in the session's language, or None.

    ``params`` replace the error's own parameters (a page that translates or escapes some);
    None also when the sentence asks for a parameter the error does not have. ``lang`` is the
    session's language unless given.

    >>> from bw.users import UserError
    >>> refusal_text(UserError("no such account", code="unknown_account", name="ana"),
    ...              "beheer.err_", lang="en")
    "there is no account 'ana'."
    """
    template = STRINGS[lang or current_language()].get(f"{prefix}{error.code}")
    if template is None:
        return None
    values = dict(error.params if params is None else params)
    if not values and "{" not in template:
        return template
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return None
