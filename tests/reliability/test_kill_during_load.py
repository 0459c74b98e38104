"""SIGKILL during ``python -m bw load``: afterwards the store opens, is consistent, and the load
is either fully present or fully absent, wherever in the load the kill landed.

The kill moments follow what the load does to the files rather than a clock (this machine is
shared): while it validates, while the keyed insert writes blocks into the store file, while
the commit writes and checkpoints the write-ahead log, and after the log is gone.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from tests.reliability.helpers import (
    check_consistent,
    create_base_store,
    recovery_lines,
    start_load,
    write_long_csv,
)


def _started(db: Path) -> Callable[[], bool]:
    return lambda: True


def _file_grows(db: Path) -> Callable[[], bool]:
    size = db.stat().st_size
    return lambda: db.stat().st_size > size


def _wal_appears(db: Path) -> Callable[[], bool]:
    return lambda: db.with_name(db.name + ".wal").exists()


def _wal_gone(db: Path) -> Callable[[], bool]:
    seen = _wal_appears(db)
    state = {"seen": False}

    def gone() -> bool:
        state["seen"] = state["seen"] or seen()
        return state["seen"] and not seen()

    return gone


#: (name, event, seconds after it): validating; the insert writing blocks into the file; the
#: commit (the log written and checkpointed); the log gone, before the process exits.
KILLS = [
    ("validating", _started, 0.6),
    ("insert_starts", _file_grows, 0.0),
    ("insert_runs", _file_grows, 0.15),
    ("refresh", _file_grows, 0.4),
    ("commit_starts", _wal_appears, 0.0),
    ("checkpoint", _wal_appears, 0.03),
    ("after_commit", _wal_gone, 0.0),
]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """The base store (one earlier load) and a long CSV of 300.000 rows for it."""
    folder = tmp_path_factory.mktemp("kill")
    base, csv = folder / "base.duckdb", folder / "big.csv"
    create_base_store(base)
    rows = write_long_csv(csv)
    return base, csv, rows


def kill_when(process, event: Callable[[], bool], delay: float) -> bool:
    """SIGKILL the process ``delay`` seconds after ``event`` holds; False if it ended first."""
    while process.poll() is None and not event():
        time.sleep(0.002)
    if delay:
        time.sleep(delay)
    if process.poll() is not None:
        return False
    os.kill(process.pid, signal.SIGKILL)
    return True


def _replayed_without_its_load(db: Path) -> bool:
    """Whether DuckDB's log replays values of a load whose record it does not replay
    (duckdb/duckdb#25931), read without repairing: bw's next open must remove them."""
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        return con.execute(
            "SELECT count(*) FROM observations ANTI JOIN loads ON loads.id = observations.load_id"
        ).fetchone() != (0,)


@pytest.mark.parametrize(("moment", "event", "delay"), KILLS, ids=[k[0] for k in KILLS])
def test_a_killed_load_is_fully_present_or_fully_absent(setup, tmp_path, moment, event, delay):
    base, csv, rows = setup
    db = tmp_path / "bw.duckdb"
    shutil.copy(base, db)
    process = start_load(db, csv)
    killed = kill_when(process, event(db), delay)
    process.communicate(timeout=300)
    leftovers = _replayed_without_its_load(db)
    loads = check_consistent(db)  # bw's open repairs what the replay brought back
    if leftovers:
        print(f"{moment}: the log replayed values of the unrecorded load; repaired on open")
        assert len(recovery_lines(db)) == 1, "the repair is in the audit log"
    assert loads[0] == (1, 2, 2), "the earlier load is untouched"
    assert loads in ([(1, 2, 2)], [(1, 2, 2), (2, rows, rows)])
    present = len(loads) == 2
    print(
        f"{moment}: {'killed' if killed else 'finished first'}, load "
        f"{'present' if present else 'absent'}"
    )
    if not killed:
        assert present
    if not present and moment == "commit_starts":
        # The store stays usable: the same file loads completely afterwards.
        again = start_load(db, csv)
        assert again.wait(timeout=300) == 0, again.stderr.read()
        # Complete, and the only load after the earlier one. Its id may skip the killed load's:
        # ids are unique and increasing, not dense (a crashed commit can have used its id, as
        # a PostgreSQL sequence would).
        (first, (load_id, written, present)) = check_consistent(db)
        assert first == (1, 2, 2)
        assert load_id > 1
        assert written == present == rows
