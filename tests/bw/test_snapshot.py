"""Tests for bw.snapshot and its verbs: backup, restore and publish are complete copies."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing, contextmanager
from datetime import datetime

import duckdb
import pytest

from bw import cli, snapshot, store
from tests.bw.tiny_store import create_tiny_store, load, tiny_store_file

ROWS_A = [("t.up", "GM0001", 2020, 1.0), ("t.up", "GM0001", 2021, 2.0)]
ROWS_B = [("t.down", "GM0002", 2022, 5.0)]


def observation_count(path) -> int:
    """Observations in a store file, read through a fresh read-only connection."""
    with closing(duckdb.connect(str(path), read_only=True)) as con:
        return con.execute("SELECT count(*) FROM observations").fetchone()[0]


@pytest.fixture
def store_file(tmp_path):
    """A closed tiny store file with one load of two observations."""
    return tiny_store_file(tmp_path / "bw.duckdb", ROWS_A)


@contextmanager
def held_open(path):
    """Another process holding ``path`` open for writing until the block ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
            "sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_backup_of_a_file_is_a_complete_store_whose_sequences_continue(store_file, tmp_path):
    out = snapshot.backup(store_file, tmp_path / "copies" / "b.duckdb")
    assert observation_count(out) == 2
    with closing(store.connect(out)) as copy:
        next_load = load(copy, ROWS_B)
        assert next_load == 2  # the load id sequence was copied, not restarted
    assert not list((tmp_path / "copies").glob(".*partial*"))


def test_backup_of_a_live_connection_sees_committed_data_only(tmp_path):
    with closing(create_tiny_store(tmp_path / "live.duckdb")) as con:
        load(con, ROWS_A)
        writer = con.cursor()
        writer.execute("BEGIN TRANSACTION")
        load_id = store.create_load(writer, source="open", format="test")
        writer.execute(
            "INSERT INTO observations (indicator_id, region_code, period, year, value, "
            "load_id) VALUES ('t.up', 'GM0003', '2020', 2020, 9, ?)",
            [load_id],
        )
        out = snapshot.backup(con, tmp_path / "b.duckdb")
        writer.execute("ROLLBACK")
    assert observation_count(out) == 2


def test_backup_without_out_goes_beside_the_store(store_file):
    out = snapshot.backup(store_file)
    assert out.parent == store_file.parent and ".backup-" in out.name


def test_restore_puts_the_backup_in_place_and_keeps_the_previous_store(store_file, tmp_path):
    backup = snapshot.backup(store_file, tmp_path / "b.duckdb")
    with closing(store.connect(store_file)) as con:
        load(con, ROWS_B)
    assert observation_count(store_file) == 3
    result = snapshot.restore(backup, store_file, now=lambda: datetime(2026, 1, 2, 3, 4, 5))
    assert result.path == store_file and result.schema_version == store.SCHEMA_VERSION
    assert result.previous.name == "bw.backup-20260102-030405.duckdb"
    assert observation_count(store_file) == 2
    assert observation_count(result.previous) == 3
    assert not store_file.with_name("bw.duckdb.wal").exists()
    again = snapshot.restore(backup, store_file, now=lambda: datetime(2026, 1, 2, 3, 4, 5))
    assert again.previous != result.previous and again.previous.exists()  # never overwritten


@pytest.mark.parametrize("kind", ["not_duckdb", "not_bw", "newer_schema"])
def test_restore_refuses_a_file_it_cannot_use_and_changes_nothing(store_file, tmp_path, kind):
    bad = tmp_path / "bad.duckdb"
    if kind == "not_duckdb":
        bad.write_text("indicator,region\n", encoding="utf-8")
    elif kind == "not_bw":
        with closing(duckdb.connect(str(bad))) as con:
            con.execute("CREATE TABLE t (x INTEGER)")
    else:
        snapshot.backup(store_file, bad)
        with closing(duckdb.connect(str(bad))) as con:
            store.set_meta(con, "schema_version", str(store.SCHEMA_VERSION + 1))
    before = store_file.read_bytes()
    with pytest.raises(store.StoreError):
        snapshot.restore(bad, store_file)
    assert store_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.duckdb", "bw.duckdb"]


def test_restore_refuses_while_another_process_has_the_store_open(store_file, tmp_path):
    backup = snapshot.backup(store_file, tmp_path / "b.duckdb")
    with held_open(store_file), pytest.raises(store.StoreInUseError):
        snapshot.restore(backup, store_file)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.duckdb", "bw.duckdb"]


def test_publish_swaps_the_file_under_an_open_reader_without_disturbing_it(store_file, tmp_path):
    published = tmp_path / "published" / "snapshot.duckdb"
    snapshot.publish(store_file, published)
    replica = snapshot.SnapshotReader(published)
    try:
        before = os.stat(published)
        with closing(store.connect(store_file)) as con:
            load(con, ROWS_B)
            snapshot.publish(con, published)  # the writer publishes through its own connection
        after = os.stat(published)
        assert (after.st_ino, after.st_mtime_ns) != (before.st_ino, before.st_mtime_ns)
        # The open replica keeps reading its (old) file; a reopen sees the new one.
        assert replica.cursor().execute("SELECT count(*) FROM observations").fetchone()[0] == 2
        with closing(snapshot.SnapshotReader(published)) as reopened:
            assert reopened.cursor().execute("SELECT count(*) FROM observations").fetchone() == (3,)
        assert replica.cursor().execute("SELECT count(*) FROM loads").fetchone()[0] == 1
    finally:
        replica.close()
    assert sorted(p.name for p in published.parent.iterdir()) == ["snapshot.duckdb"]


def test_publish_refuses_a_snapshot_with_a_write_ahead_log_or_the_store_itself(store_file):
    with pytest.raises(store.StoreError, match="another file"):
        snapshot.publish(store_file, store_file)
    target = store_file.with_name("snap.duckdb")
    target.with_name("snap.duckdb.wal").write_bytes(b"")
    with pytest.raises(store.StoreError, match="BW_READ_ONLY=1"):
        snapshot.publish(store_file, target)
    assert not target.exists()


def test_cli_backup_publish_restore_round_trip(store_file, tmp_path, capsys):
    db = ["--db", str(store_file)]
    assert cli.main([*db, "backup", "--out", str(tmp_path / "b.duckdb")]) == cli.EXIT_OK
    assert "backup written" in capsys.readouterr().out
    assert cli.main([*db, "publish", str(tmp_path / "snap.duckdb")]) == cli.EXIT_OK
    assert observation_count(tmp_path / "snap.duckdb") == 2
    assert cli.main([*db, "restore", str(tmp_path / "b.duckdb"), "--yes"]) == cli.EXIT_OK
    assert "previous store kept as" in capsys.readouterr().out
    assert cli.main([*db, "restore", str(tmp_path / "missing.duckdb"), "--yes"]) == 1


def test_cli_restore_without_yes_and_without_a_terminal_is_a_usage_error(store_file, tmp_path):
    snapshot.backup(store_file, tmp_path / "b.duckdb")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bw",
            "--db",
            str(store_file),
            "restore",
            str(tmp_path / "b.duckdb"),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == cli.EXIT_USAGE
    assert "--yes" in result.stderr


@pytest.mark.parametrize("verb", [["backup"], ["load", "missing.csv"], ["info"]])
def test_cli_says_busy_when_another_process_holds_the_store(store_file, tmp_path, verb):
    with held_open(store_file):
        result = subprocess.run(
            [sys.executable, "-m", "bw", "--db", str(store_file), *verb],
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == cli.EXIT_DATA_ERROR
    assert "error: busy, try again shortly: store" in result.stderr


def test_a_snapshot_reader_refuses_a_missing_or_foreign_file(tmp_path):
    with pytest.raises(store.StoreError, match="does not exist"):
        snapshot.SnapshotReader(tmp_path / "nothing.duckdb")
    with closing(duckdb.connect(str(tmp_path / "other.duckdb"))) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(store.StoreError, match="not a bw store"):
        snapshot.SnapshotReader(tmp_path / "other.duckdb")
