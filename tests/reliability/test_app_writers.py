"""Sessions of one app writing at once through ui.store.writer: no write is lost, and one that
cannot get its turn in time fails whole with the "bezig" error."""

from __future__ import annotations

import threading
from contextlib import closing

import pytest
import streamlit as st

from bw import store
from tests.bw.tiny_store import observations
from tests.reliability.helpers import check_consistent, create_base_store
from ui import store as ui_store

N_SESSIONS = 6


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    db = tmp_path / "bw.duckdb"
    create_base_store(db)
    monkeypatch.setenv("BW_DB", str(db))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    monkeypatch.delenv("BW_PUBLISH_TO", raising=False)
    st.cache_resource.clear()
    yield db
    st.cache_resource.clear()


def session_writes(n: int, wait: float | None, outcomes: dict) -> None:
    """One session's load of one value per gemeente, as the Data page writes it."""
    rows = [("t.count", f"GM{g:04d}", 2000 + n, float(n)) for g in range(1, 301)]
    try:
        with ui_store.writer(wait=wait) as cursor:
            load_id = store.create_load(
                cursor, source=f"session {n}", format="test", n_rows=len(rows)
            )
            counts = store.write_observations(cursor, observations(rows), load_id=load_id)
            cursor.execute(
                "UPDATE loads SET n_inserted = ? WHERE id = ?", [counts.inserted, load_id]
            )
            store.refresh_derived(cursor, indicator_ids=["t.count"])
        outcomes[n] = "ok"
    except ui_store.WriteBusyError:
        outcomes[n] = "busy"


@pytest.mark.parametrize("wait", [None, 0.0], ids=["default_wait", "no_wait"])
def test_concurrent_writes_are_all_kept_or_refused_whole(app_store, wait):
    outcomes: dict[int, str] = {}
    threads = [
        threading.Thread(target=session_writes, args=(n, wait, outcomes)) for n in range(N_SESSIONS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(outcomes) == N_SESSIONS, "a session raised something other than 'bezig'"
    ok = sorted(n for n, outcome in outcomes.items() if outcome == "ok")
    assert ok, "at least one session writes"
    if wait is None:
        assert len(ok) == N_SESSIONS, "with the default wait these short writes all take turns"
    st.cache_resource.clear()  # close the app's connection before opening the file again
    assert len(check_consistent(app_store)) == 1 + len(ok)
    with closing(store.connect(app_store, read_only=True)) as con:
        years = con.execute(
            "SELECT DISTINCT year - 2000 FROM observations WHERE indicator_id = 't.count' "
            "ORDER BY 1"
        ).fetchall()
    assert [y[0] for y in years] == ok
