"""The one base of every refusal in ``bw``: a stable code, parameters, an English message.

Every exception ``bw`` raises to say "no" (a bad file, a refused write, a missing right)
derives from :class:`BwError`, so a page catches one type and says it in the user's language:
``code`` picks the sentence in the UI's message catalogue and ``params`` fill it in, while
``str(error)`` stays the English message the command line prints. Subclasses keep the
built-in base callers caught before (``ValueError``, ``PermissionError``), so code that
catches those behaves as it did.
"""

from __future__ import annotations


class BwError(Exception):
    """A refusal: ``code`` is a stable machine word, ``params`` its details, str() the message.

    >>> error = BwError("a password needs at least 10 characters", code="password_too_short",
    ...                 minimum=10)
    >>> error.code, error.params, str(error)
    ('password_too_short', {'minimum': 10}, 'a password needs at least 10 characters')
    >>> BwError("no code given").code
    'refused'
    """

    #: The code of an instance raised without one (a subclass may name its own).
    default_code = "refused"

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code: str = code or self.default_code  # 'password_too_short'
        self.params: dict[str, object] = params  # {'minimum': 10}
