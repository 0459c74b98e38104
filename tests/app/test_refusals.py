"""ui.refusals: a bw refusal (one base type) in the UI's language, from its code and params."""

from __future__ import annotations

import pytest

from bw.auth import PermissionDenied
from bw.errors import BwError
from bw.intake import LoadRefusedError
from bw.users import UserError
from bw.workshops import WorkshopError
from ui.refusals import refusal_text


@pytest.mark.parametrize(
    ("error", "prefix", "lang", "expected"),
    [
        (
            UserError("x", code="unknown_account", name="ana"),
            "beheer.err_",
            "nl",
            "er is geen account 'ana'.",
        ),
        (
            UserError("x", code="unknown_account", name="ana"),
            "beheer.err_",
            "en",
            "there is no account 'ana'.",
        ),
        # a code the page has no sentence for: the page falls back to bw's message
        (UserError("x", code="no_such_code"), "beheer.err_", "nl", None),
        (PermissionDenied("anoniem (viewer) may not load_data"), "workshop.error.", "nl", None),
        # a sentence that needs a parameter the error lacks is not half filled in
        (UserError("x", code="unknown_account"), "beheer.err_", "nl", None),
    ],
)
def test_refusal_text(error: BwError, prefix: str, lang: str, expected: str | None) -> None:
    assert refusal_text(error, prefix, lang=lang) == expected


def test_params_given_by_the_page_replace_the_errors_own() -> None:
    error = UserError("x", code="unknown_account", name="ana")
    assert refusal_text(error, "beheer.err_", params={"name": "bob"}, lang="en") == (
        "there is no account 'bob'."
    )


def test_every_refusal_the_pages_catch_is_one_type() -> None:
    for error in (
        UserError("x"),
        WorkshopError("busy", "x"),
        PermissionDenied("x"),
        LoadRefusedError.__new__(LoadRefusedError),
    ):
        assert isinstance(error, BwError)
