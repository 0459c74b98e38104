"""The test suite never touches the default store (issue 14 item 11).

The README's app command holds ``data/bw.duckdb`` for writing while it runs, and CI runs the
README's test command beside it; ``tests/conftest.py`` points ``BW_DB`` (for this process and
every child it starts) at a temporary folder and fails any test that opens the default store.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from bw import config, store
from tests.conftest import DEFAULT_STORE, DefaultStoreTouched


def test_bw_db_points_into_a_temporary_folder():
    configured = Path(os.environ["BW_DB"]).resolve()
    assert configured != DEFAULT_STORE
    assert config.PROJECT_ROOT.resolve() not in configured.parents
    assert config.store_path() == Path(os.environ["BW_DB"])


@pytest.mark.parametrize(
    "opener",
    [
        lambda path: duckdb.connect(str(path)),
        lambda path: duckdb.connect(str(path), read_only=True),
        lambda path: store.connect(path),
    ],
)
def test_opening_the_default_store_fails_the_test(opener):
    with pytest.raises(DefaultStoreTouched):
        opener(DEFAULT_STORE)
    relative = os.path.relpath(DEFAULT_STORE)
    with pytest.raises(DefaultStoreTouched):
        opener(Path(relative))
