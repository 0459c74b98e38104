"""Processes sharing one lake: loads at the same time, the same key, and a killed writer."""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from bw import store
from bw.store import lake
from tests.reliability.helpers import check_consistent, create_base_store, start_load

N_GEMEENTEN = 300


def _write_csv(path: Path, *, years: range, shift: float = 0.0) -> int:
    """A long CSV of t.up and t.down for the first N_GEMEENTEN gemeenten in ``years``."""
    lines = ["indicator,region,period,value"]
    for indicator in ("t.up", "t.down"):
        for n in range(1, N_GEMEENTEN + 1):
            lines += [f"{indicator},GM{n:04d},{y},{(n * 7 + y) % 97 + shift:.1f}" for y in years]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def _finish(process) -> tuple[int, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, err


def test_two_processes_loading_different_files_at_once_both_land(lake_db, tmp_path):
    create_base_store(lake_db)
    early, late = tmp_path / "early.csv", tmp_path / "late.csv"
    rows_early = _write_csv(early, years=range(2000, 2010))
    rows_late = _write_csv(late, years=range(2010, 2020))
    processes = [start_load(lake_db, early), start_load(lake_db, late)]
    results = [_finish(p) for p in processes]
    assert [code for code, _ in results] == [0, 0], results
    loads = check_consistent(lake_db)
    assert sorted(written for _, written, _ in loads[1:]) == sorted([rows_early, rows_late])


def test_a_write_begins_only_after_another_instances_write_has_committed(lake_db):
    create_base_store(lake_db)
    holding = threading.Event()

    def first_writer() -> None:
        with closing(store.connect(lake_db)) as first, store.transaction(first):
            store.set_meta(first, "probe", "first")
            holding.set()
            time.sleep(1.0)  # the second writer asks for the lock meanwhile

    writer = threading.Thread(target=first_writer)
    with closing(store.connect(lake_db)) as second:
        writer.start()
        assert holding.wait(timeout=120)
        with store.transaction(second):
            # Begun after the first committed (it began while the first held the lock), so it
            # reads and builds on the first's write.
            assert store.read_meta(second, "probe") == "first"
            store.set_meta(second, "probe", "second")
        writer.join(timeout=120)
        assert store.read_meta(second, "probe") == "second"


def test_a_write_that_waits_too_long_is_refused_as_busy_and_writes_nothing(lake_db, monkeypatch):
    create_base_store(lake_db)
    monkeypatch.setattr(lake, "WRITE_LOCK_WAIT_SECONDS", 1)
    with closing(store.connect(lake_db)) as first, closing(store.connect(lake_db)) as second:
        with store.transaction(first):
            store.set_meta(first, "probe", "first")
            with pytest.raises(store.LakeBusyError) as refused, store.transaction(second):
                store.set_meta(second, "probe", "second")
        # The same type as a write conflict, so pages and retries treat it as "bezig".
        assert isinstance(refused.value, duckdb.TransactionException)
        assert isinstance(refused.value, store.StoreInUseError)
        assert "nothing of this was written" in str(refused.value)
        assert store.read_meta(second, "probe") == "first"
        # The lock is free again once the first has committed.
        with store.transaction(second):
            store.set_meta(second, "probe", "second")
        assert store.read_meta(first, "probe") == "second"


def test_two_processes_writing_the_same_keys_one_wins_and_the_other_is_told(lake_db, tmp_path):
    create_base_store(lake_db)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    # Years inside the comparison window of the base load's 2020 values, so every gemeente of
    # the files has a rank that check_consistent can miss.
    rows = _write_csv(first, years=range(2010, 2020))
    _write_csv(second, years=range(2010, 2020), shift=0.5)
    processes = [start_load(lake_db, first), start_load(lake_db, second)]
    results = [_finish(p) for p in processes]
    codes = sorted(code for code, _ in results)
    for code, err in results:
        assert code == 0 or (code == 1 and "try again" in err), err
    assert 0 in codes
    loads = check_consistent(lake_db)
    assert len(loads) == 1 + codes.count(0)
    assert all(written == rows for _, written, _ in loads[1:])


def test_a_killed_writer_leaves_its_load_fully_present_or_fully_absent(lake_db, tmp_path):
    create_base_store(lake_db)
    csv = tmp_path / "big.csv"
    rows = _write_csv(csv, years=range(1980, 2020))
    outcomes = []
    for delay in (1.5, 4.0):
        process = start_load(lake_db, csv)
        time.sleep(delay)
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=600)
        loads = check_consistent(lake_db)
        assert loads[0] == (loads[0][0], 2, 2), "the earlier load is untouched"
        assert all(written == present == rows for _, written, present in loads[1:])
        outcomes.append((killed, len(loads)))
    # The lake stays usable: the same file loads completely afterwards.
    again = start_load(lake_db, csv)
    code, err = _finish(again)
    assert code == 0 or "already loaded" in err, err
    print(outcomes)
