"""Every refusal in bw derives from the one coded base, and keeps the built-in base it had."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import bw
from bw.auth import PermissionDenied
from bw.data_files import DataFileError
from bw.errors import BwError
from bw.fetch import FetchError
from bw.formatting import NumberInputError
from bw.geo import BoundaryError
from bw.loaders.common import HeaderError
from bw.policy_options import PolicyOptionsError
from bw.programmes import ProgrammeError
from bw.store import StoreError
from bw.users import UserError
from bw.workshops import WorkshopError


def _bw_modules() -> list[str]:
    names = [bw.__name__]
    for info in pkgutil.walk_packages(bw.__path__, prefix=f"{bw.__name__}."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def _exception_classes() -> list[type[BaseException]]:
    found = []
    for name in _bw_modules():
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == name:
                found.append(value)
    return found


def test_walk_finds_the_refusals() -> None:
    names = {cls.__name__ for cls in _exception_classes()}
    assert {"StoreError", "UserError", "WorkshopError", "HeaderError", "FetchError"} <= names


@pytest.mark.parametrize("error_class", _exception_classes(), ids=lambda cls: cls.__qualname__)
def test_every_exception_class_in_bw_derives_from_the_base(error_class: type) -> None:
    assert issubclass(error_class, BwError), f"{error_class.__module__}.{error_class.__name__}"


@pytest.mark.parametrize(
    ("error_class", "builtin"),
    [
        (PermissionDenied, PermissionError),
        (UserError, ValueError),
        (WorkshopError, ValueError),
        (NumberInputError, ValueError),
        (DataFileError, ValueError),
        (HeaderError, ValueError),
        (BoundaryError, ValueError),
        (ProgrammeError, StoreError),
        (PolicyOptionsError, StoreError),
    ],
)
def test_refusals_keep_the_builtin_base_callers_catch(error_class: type, builtin: type) -> None:
    assert issubclass(error_class, builtin)


@pytest.mark.parametrize(
    ("error", "code", "params", "message"),
    [
        (BwError("plain"), "refused", {}, "plain"),
        (
            UserError("too short", code="password_too_short", minimum=10),
            "password_too_short",
            {"minimum": 10},
            "too short",
        ),
        (
            WorkshopError("closed", "the session is closed", session="K7PX3M"),
            "closed",
            {"session": "K7PX3M"},
            "the session is closed",
        ),
        (
            PolicyOptionsError("too_many_options", "at most 3", n=4),
            "too_many_options",
            {"n": 4},
            "at most 3",
        ),
        (FetchError("offline", "no network"), "offline", {}, "no network"),
        (BoundaryError("no_features", "no features"), "no_features", {}, "no features"),
        (
            NumberInputError("ambiguous", "1.234", "ambiguous number"),
            "ambiguous",
            {},
            "ambiguous number",
        ),
        (StoreError("cannot open"), "refused", {}, "cannot open"),
        (PermissionDenied("x may not load_data"), "refused", {}, "x may not load_data"),
    ],
)
def test_every_refusal_has_a_code_params_and_a_message(
    error: BwError, code: str, params: dict, message: str
) -> None:
    assert (error.code, error.params, str(error)) == (code, params, message)
