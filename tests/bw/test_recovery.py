"""A store whose writer crashed is repaired on its next open (bw.store.recovery).

DuckDB 1.5 can replay the inserted rows of a commit that never finished (duckdb/duckdb#25931).
These tests leave such rows in the write-ahead log on purpose: a child process commits them and
exits without a checkpoint, as a killed writer would, so the next open replays them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from bw import snapshot, store
from bw.store.recovery import wal_path
from tests.bw.tiny_store import create_tiny_store, load
from tests.reliability.helpers import recovery_lines

_TABLES = {
    "observations": "indicator_id, region_code, period, load_id",
    "observations_superseded": "indicator_id, region_code, period, load_id",
    "aggregated_values": "indicator_id, region_code, period",
    "latest_values": "indicator_id, region_code",
    "judgements": "indicator_id, region_code",
    "ranks": "ALL",
    "regions": "code",
    "region_attribute_history": "ALL",
    "indicators": "id",
    "indicator_themes": "ALL",
}


@pytest.fixture
def db(tmp_path) -> Path:
    """A closed tiny store: load 1, and load 2 which replaced one value of load 1."""
    path = tmp_path / "bw.duckdb"
    with closing(create_tiny_store(path)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0), ("t.up", "GM0001", 2021, 2.0)])
        load(con, [("t.up", "GM0001", 2021, 3.0), ("t.up", "GM0003", 2020, 5.0)])
    return path


def _state(path: Path) -> dict[str, list[tuple]]:
    """Every row of the tables a load writes, in a fixed order (the log replayed, read-only)."""
    with closing(duckdb.connect(str(path), read_only=True)) as con:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
            for table, order in _TABLES.items()
        }


def _crash_after(path: Path, *statements: str) -> None:
    """Commit ``statements`` in a child process that then dies with its log not checkpointed."""
    script = textwrap.dedent(
        f"""
        import os, duckdb
        con = duckdb.connect({str(path)!r})
        con.execute("PRAGMA disable_checkpoint_on_shutdown")
        con.execute("SET checkpoint_threshold = '1GB'")
        for statement in {list(statements)!r}:
            con.execute(statement)
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert wal_path(path).exists(), "the child left its log, as a crashed writer does"


# The leftovers DuckDB can replay of a killed load 3: its values, the values it moved into the
# history (their removal from observations is a delete, which is not replayed) and its
# aggregated values; of a killed undo of load 2: the value it put back.
_KILLED_LOAD = (
    "INSERT INTO observations VALUES "
    "('t.up', 'GM0001', '2020', 2020, 9.0, NULL, NULL, 'definitief', NULL, 3), "
    "('t.down', 'GM0004', '2020', 2020, 7.0, NULL, NULL, 'definitief', NULL, 3)",
    "INSERT INTO observations_superseded SELECT *, 3 FROM observations "
    "WHERE indicator_id = 't.up' AND region_code = 'GM0001' AND period = '2020' AND load_id = 1",
    "INSERT INTO aggregated_values VALUES (3, 't.down', 'PV27', '2020', 0.2, 5, 1)",
)
_KILLED_UNDO = (
    "INSERT INTO observations SELECT * EXCLUDE (superseded_by) FROM observations_superseded "
    "WHERE superseded_by = 2",
)


def test_values_of_a_load_that_was_never_recorded_are_removed_on_open(db):
    before = _state(db)
    _crash_after(db, *_KILLED_LOAD)
    assert _state(db) != before, "the replay brings the leftovers back"
    with closing(store.connect(db)):
        pass
    assert _state(db) == before
    [line] = recovery_lines(db)
    assert line == (
        "removed 2 values of a load that is not recorded; 1 computed values of a load that is "
        "not recorded; derived tables rebuilt"
    )
    assert not wal_path(db).exists()


def test_a_value_whose_removal_was_replayed_too_is_put_back(db):
    before = _state(db)
    _crash_after(
        db,
        *_KILLED_LOAD,
        "DELETE FROM observations WHERE indicator_id = 't.up' AND region_code = 'GM0001' "
        "AND period = '2020' AND load_id = 1",
    )
    with closing(store.connect(db)):
        pass
    assert _state(db) == before
    assert "1 replaced values put back" in recovery_lines(db)[0]


def test_a_value_an_unfinished_undo_put_back_is_removed(db):
    before = _state(db)
    _crash_after(db, *_KILLED_UNDO)
    with closing(store.connect(db)):
        pass
    assert _state(db) == before
    assert recovery_lines(db) == [
        "removed 1 values that an unfinished undo put back; derived tables rebuilt"
    ]


def test_opening_for_reading_repairs_first(db):
    before = _state(db)
    _crash_after(db, *_KILLED_LOAD)
    with closing(store.connect_for_reading(db)) as con:
        assert con.execute("SELECT count(*) FROM observations WHERE load_id = 3").fetchone() == (0,)
    assert _state(db) == before
    assert len(recovery_lines(db)) == 1


def test_a_crash_after_complete_commits_changes_nothing(db):
    _crash_after(db, "UPDATE regions SET name = 'Een (nieuw)' WHERE code = 'GM0001'")
    before = _state(db)
    with closing(store.connect(db)) as con:
        assert con.execute("SELECT name FROM regions WHERE code = 'GM0001'").fetchone() == (
            "Een (nieuw)",
        )
    assert _state(db) == before
    assert recovery_lines(db) == []


def test_a_key_twice_that_no_leftover_explains_is_refused_and_left_alone(db):
    _crash_after(
        db,
        *_KILLED_LOAD,
        "INSERT INTO observations VALUES "
        "('t.up', 'GM0003', '2020', 2020, 6.0, NULL, NULL, 'definitief', NULL, 1)",
    )
    before = _state(db)
    for _ in range(2):  # and again: the refusal keeps the log the next open checks
        with pytest.raises(store.StoreError, match="1 indicator × region × period keys twice"):
            store.connect(db)
        assert _state(db) == before, "nothing was changed, the leftovers of load 3 included"
    assert wal_path(db).exists()
    assert recovery_lines(db) == []


def test_a_store_without_a_log_is_not_checked(db, monkeypatch):
    checked = []
    monkeypatch.setattr("bw.store.connection.recover_after_crash", lambda con: checked.append(con))
    with closing(store.connect(db)):
        pass
    assert checked == []
    _crash_after(db, "UPDATE regions SET name = 'Een (nieuw)' WHERE code = 'GM0001'")
    with closing(store.connect(db)):
        pass
    assert len(checked) == 1


def test_a_store_whose_load_counts_do_not_add_up_is_checked_key_by_key(db):
    """Stores written around the loads' counts (the bench's synthetic ones) open after a crash
    when their keys are unique, and are refused when one is there twice."""
    _crash_after(db, "UPDATE loads SET n_inserted = 0")
    before = _state(db)
    with closing(store.connect(db)):
        pass
    assert _state(db) == before
    _crash_after(
        db,
        "INSERT INTO observations VALUES "
        "('t.up', 'GM0003', '2020', 2020, 6.0, NULL, NULL, 'definitief', NULL, 1)",
        "UPDATE loads SET n_inserted = n_inserted + 1 WHERE id = 1",
    )
    with pytest.raises(store.StoreError, match="keys twice"):
        store.connect(db)


def test_regions_and_indicators_of_a_load_that_was_never_recorded_are_taken_back(db):
    before = _state(db)
    _crash_after(
        db,
        "INSERT INTO indicators SELECT * REPLACE ('t.new' AS id, 3 AS created_by_load) "
        "FROM indicators WHERE id = 't.up'",
        "INSERT INTO indicator_themes VALUES ('t.new', 'gezondheid')",
        "INSERT INTO regions SELECT * REPLACE ('GM0099' AS code, 3 AS created_by_load) "
        "FROM regions WHERE code = 'GM0001'",
        "INSERT INTO region_attribute_history SELECT 3, code, province_code, corop_code, "
        "landsdeel_code, size_class, urbanity FROM regions WHERE code = 'GM0002'",
        "UPDATE regions SET size_class = 9, urbanity = 1 WHERE code = 'GM0002'",
    )
    with closing(store.connect(db)):
        pass
    assert _state(db) == before
    assert recovery_lines(db) == [
        "removed 1 region attributes of a load that is not recorded; 1 indicators added by a "
        "load that is not recorded; 1 regions added by a load that is not recorded; derived "
        "tables rebuilt"
    ]


def test_ranks_a_rebuild_left_twice_are_rebuilt(db):
    before = _state(db)
    _crash_after(db, "INSERT INTO ranks SELECT * FROM ranks WHERE indicator_id = 't.up'")
    with closing(store.connect(db)):
        pass
    assert _state(db) == before
    assert recovery_lines(db) == ["2 rankings held rows twice; derived tables rebuilt"]


def test_a_backup_of_a_crashed_store_copies_it_repaired(db, tmp_path):
    before = _state(db)
    _crash_after(db, *_KILLED_LOAD)
    copy = snapshot.backup(db, tmp_path / "copy.duckdb")
    assert _state(copy) == before
    assert len(recovery_lines(db)) == 1


def test_a_restore_over_a_crashed_store_keeps_it_repaired(db, tmp_path):
    before = _state(db)
    kept = snapshot.backup(db, tmp_path / "kept.duckdb")
    _crash_after(db, *_KILLED_LOAD)
    result = snapshot.restore(kept, db)
    assert result.previous is not None
    assert _state(result.previous) == before
    assert not wal_path(result.previous).exists()
