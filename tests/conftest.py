"""Shared fixtures for the whole test suite (append new fixtures; keep this file small)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from bw import config


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
