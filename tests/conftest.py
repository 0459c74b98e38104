"""Shared fixtures for the whole test suite (append new fixtures; keep this file small)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from hypothesis import settings

from bw import config

#: The store the README's app command creates and holds for writing while it runs.
DEFAULT_STORE = (config.PROJECT_ROOT / "data" / "bw.duckdb").resolve()


class DefaultStoreTouched(AssertionError):
    """A test opened data/bw.duckdb, which a running app may hold (issue 14 item 11)."""


def _is_default_store(database: object) -> bool:
    if not isinstance(database, (str, os.PathLike)) or str(database) in ("", ":memory:"):
        return False
    try:
        return Path(database).resolve() == DEFAULT_STORE
    except OSError:
        return False


@pytest.fixture(scope="session", autouse=True)
def _never_the_default_store(tmp_path_factory):
    """No test touches ``data/bw.duckdb`` or depends on it: ``BW_DB`` names a temporary file
    for this process and every child it starts, and opening the default store fails."""
    connect = duckdb.connect

    def guarded(database=":memory:", *args, **kwargs):
        if _is_default_store(database):
            raise DefaultStoreTouched(
                f"a test opened the default store {DEFAULT_STORE}; use a "
                "store in tmp_path (the README's app may be holding it)"
            )
        return connect(database, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BW_DB", str(tmp_path_factory.mktemp("default-store") / "bw.duckdb"))
        patch.setattr(duckdb, "connect", guarded)
        yield


@pytest.fixture
def real_data() -> Path:
    """The folder of real CBS files; skip when absent, or fail when BW_REAL_DATA_REQUIRED=1."""
    folder = config.real_data_dir()
    if not folder.is_dir():
        message = f"real CBS data folder {folder} is absent"
        if config.real_data_required():
            pytest.fail(f"{message}, but BW_REAL_DATA_REQUIRED=1 says it must be there")
        pytest.skip(message)
    return folder


# CI runs the same Hypothesis examples every time, so a red run can be reproduced exactly.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
