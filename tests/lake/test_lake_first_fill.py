"""Two instances filling one new lake: one store, never two copies of it."""

from __future__ import annotations

from contextlib import closing

import pytest

from bw import bootstrap, store


def _counts(con) -> tuple[int, int]:
    cursor = store.cursor(con)
    return cursor.execute("SELECT count(*), count(DISTINCT id) FROM indicators").fetchone()


def test_an_instance_that_found_the_lake_empty_writes_nothing_once_another_filled_it(lake_db):
    # found in review: two app instances starting on one new lake both found it empty; the
    # second waited for the first's write lock and then wrote every row again (a lake has no
    # keys to refuse the copies). Here both have looked; the first one fills it.
    with closing(store.connect(lake_db)) as first, closing(store.connect(lake_db)) as second:
        assert bootstrap.lake_needs_init(lake_db)
        bootstrap.write_empty(first)
        filled = _counts(first)
        with pytest.raises(store.StoreFilledError, match="filled this store meanwhile"):
            bootstrap.write_empty(second)
        with pytest.raises(store.StoreFilledError):
            bootstrap.write_demo(second)
        assert _counts(second) == filled
        assert filled[0] == filled[1] > 0
    assert not bootstrap.lake_needs_init(lake_db)
    assert bootstrap.ensure_store(lake_db, kind="demo") is False  # and the app's start agrees
