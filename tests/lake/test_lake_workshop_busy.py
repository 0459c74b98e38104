"""A workshop participant posting while another instance holds the lake's write lock (a load).

The post either lands after the other write has committed or, when that takes longer than the
lock's wait, is refused at once with a clear message; nothing of it is written, and the
participant page keeps the typed text so the participant can send it again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import store, workshops
from bw.auth import cli_actor
from bw.store import lake
from tests.app.helpers import APP, TIMEOUT, open_page
from tests.bw.tiny_store import create_tiny_store

PROJECT = Path(__file__).resolve().parents[2]

# A second process that holds the lake's write lock in a transaction of its own (as a long
# load does) until the release file exists, commits, and prints the lake's newest snapshot.
_HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from contextlib import closing
from bw import store
from bw.store import lake
db, holding, release = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
with closing(store.connect(db)) as con:
    with store.transaction(con):
        store.set_meta(con, "probe", "the long load")
        holding.touch()
        deadline = time.monotonic() + 120
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    print(lake.snapshot_id(con))
"""


@pytest.fixture
def workshop_code(lake_db: Path) -> str:
    """A lake with the tiny catalogue and one open workshop; its join code."""
    with closing(create_tiny_store(lake_db)) as con:
        with store.transaction(con):  # what init records, so the app builds no store over it
            store.set_meta(con, "demo", "false")
            store.set_meta(con, "source", "empty")
        session = workshops.create_session(
            con,
            title="Achter een lange load",
            region_code="GM0001",
            phase="agendering",
            themes=["gezondheid"],
            actor=cli_actor("facilitator"),
        )
    return session.code


@contextmanager
def _lock_held_elsewhere(lake_db: Path, tmp_path: Path) -> Iterator[tuple[Path, list[int]]]:
    """Another process holds the write lock in the block until the release file is made.

    Yields the release file and a list that gets the snapshot the holder committed, after it.
    """
    holding, release = tmp_path / "holding", tmp_path / "release"
    holding.unlink(missing_ok=True)
    release.unlink(missing_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_THE_LOCK, str(lake_db), str(holding), str(release)],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while not holding.exists():
            assert holder.poll() is None, holder.communicate()
            assert time.monotonic() < deadline, "the holder did not take the lock"
            time.sleep(0.02)
        yield release, committed
    finally:
        release.touch()
        out, err = holder.communicate(timeout=120)
    assert holder.returncode == 0, err
    committed.append(int(out.strip()))


def _arguments(con, session_code: str) -> list[str]:
    session = workshops.read_session(con, session_code)
    assert session is not None
    return [a.text for a in workshops.read_state(con, session.id).visible()]


def _post(con, code: str, text: str) -> int:
    return workshops.add_argument(
        con,
        code,
        theme_id="gezondheid",
        text=text,
        sentiment="positief",
        scale="wijk",
        time_frame="nu",
    )


def test_a_post_behind_a_short_load_waits_and_lands_after_it(lake_db, workshop_code, tmp_path):
    with closing(store.connect(lake_db)) as con:
        with _lock_held_elsewhere(lake_db, tmp_path) as (release, committed):
            # The holder lets go while the post waits for the lock (well within its wait).
            letting_go = threading.Timer(2.0, release.touch)
            letting_go.start()
            _post(con, workshop_code, "Na de load")
            letting_go.join()
        assert _arguments(con, workshop_code) == ["Na de load"]
        assert store.read_meta(con, "probe") == "the long load"
        # The lake as the load left it has no argument yet: the post began after its commit.
        (before,) = con.execute(
            f"SELECT count(*) FROM workshop_events AT (VERSION => {committed[0]}) "
            "WHERE kind = 'argument'"
        ).fetchone()
        assert before == 0


def test_a_post_behind_a_long_load_is_refused_at_once_and_writes_nothing(
    lake_db, workshop_code, tmp_path, monkeypatch
):
    monkeypatch.setattr(lake, "WRITE_LOCK_WAIT_SECONDS", 1)
    with closing(store.connect(lake_db)) as con:
        events_before = con.execute("SELECT count(*) FROM workshop_events").fetchone()
        with _lock_held_elsewhere(lake_db, tmp_path):
            with pytest.raises(workshops.WorkshopError) as refused:
                _post(con, workshop_code, "Tijdens de load")
            # One wait for the lock, not one per conflict retry: the lock already waited.
            assert refused.value.code == "lake_busy"
            assert "nothing was written" in str(refused.value)
            with pytest.raises(workshops.WorkshopError, match="nothing was written"):
                workshops.add_comment(con, workshop_code, text="Een opmerking")  # a reviewer's
            assert con.execute("SELECT count(*) FROM workshop_events").fetchone() == events_before
        assert _arguments(con, workshop_code) == []
        _post(con, workshop_code, "Tijdens de load")  # sent again once the load is done
        assert _arguments(con, workshop_code) == ["Tijdens de load"]


@pytest.fixture
def participant_app(lake_db, workshop_code, monkeypatch) -> Iterator[AppTest]:
    """The workshop page on the lake, opened by a participant's join link."""
    monkeypatch.setenv("BW_DB", str(lake_db))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"workshop": workshop_code})
    yield open_page(at, "workshop")
    st.cache_resource.clear()  # closes the app's lake connection


def test_the_participant_page_says_busy_in_dutch_and_keeps_the_typed_text(
    participant_app, lake_db, workshop_code, tmp_path, monkeypatch
):
    monkeypatch.setattr(lake, "WRITE_LOCK_WAIT_SECONDS", 1)
    at = participant_app
    assert not at.exception and not at.error, [e.value for e in at.error]
    typed = "Meer bankjes langs de dijk, zodat ouderen kunnen rusten"
    with _lock_held_elsewhere(lake_db, tmp_path):
        at.selectbox(key="workshop_theme").set_value("gezondheid")
        at.text_area(key="workshop_text").input(typed)
        at.button(key="workshop_submit").click().run()
        assert not at.exception, at.exception
        errors = [e.value for e in at.error]
        assert len(errors) == 1 and "niet opgeslagen" in errors[0], errors
        assert "probeer het zo opnieuw" in errors[0]
        assert not at.success
        assert at.text_area(key="workshop_text").value == typed  # the participant keeps it
    with closing(store.connect(lake_db)) as con:
        assert _arguments(con, workshop_code) == []
    at.button(key="workshop_submit").click().run()  # the same text, sent again
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Je argument is toegevoegd." in [s.value for s in at.success]
    with closing(store.connect(lake_db)) as con:
        assert _arguments(con, workshop_code) == [typed]
