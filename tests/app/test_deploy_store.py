"""ui.store for deployments: replicas reopen a published snapshot, writes of one process take
turns (or say "bezig"), and the writer publishes after every write when BW_PUBLISH_TO is set."""

from __future__ import annotations

import shutil
import threading
from contextlib import closing

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import snapshot, store
from tests.app.helpers import APP, TIMEOUT, open_page
from tests.bw.tiny_store import create_tiny_store, load
from ui import data_page
from ui import store as ui_store

CSV = "text/csv"
GOOD = b"indicator,region,period,value\narbeid.werkloosheid,GM0917,2025,4.25\n"


@pytest.fixture(autouse=True)
def _fresh_connections():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def writer_store(tmp_path, monkeypatch):
    """A tiny store with one load that this process's app opens for writing."""
    path = tmp_path / "writer" / "bw.duckdb"
    path.parent.mkdir()
    with closing(create_tiny_store(path)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    monkeypatch.delenv("BW_PUBLISH_TO", raising=False)
    return path


def test_a_replica_reads_a_newly_published_snapshot_on_its_next_read(
    writer_store, tmp_path, monkeypatch
):
    published = tmp_path / "published" / "bw.duckdb"
    snapshot.publish(writer_store, published)
    monkeypatch.setenv("BW_DB", str(published))
    monkeypatch.setenv("BW_READ_ONLY", "1")
    assert ui_store.read_info()["observations"] == 1
    old = ui_store.connection()
    with closing(store.connect(writer_store)) as con:
        load(con, [("t.up", "GM0002", 2020, 2.0)])
        snapshot.publish(con, published)
    assert ui_store.read_info()["observations"] == 2  # new file version: new connection, reads
    assert ui_store.connection() is not old
    # A session still holding the old connection finishes its query on the old file.
    cursor = old.cursor()
    assert cursor.execute("SELECT count(*) FROM observations").fetchone() == (1,)
    cursor.close()


def test_a_replica_keeps_its_connection_while_the_file_is_unchanged(writer_store, monkeypatch):
    monkeypatch.setenv("BW_READ_ONLY", "1")
    first = ui_store.connection()
    assert ui_store.connection() is first
    assert ui_store.store_version(ui_store.store_path()) != ""
    monkeypatch.delenv("BW_READ_ONLY")
    assert ui_store.store_version(ui_store.store_path()) == ""  # the writer: keyed on path only


def test_a_write_that_waits_too_long_is_busy_and_changes_nothing(writer_store):
    entered, release = threading.Event(), threading.Event()

    def slow_write():
        with ui_store.writer() as cursor:
            cursor.execute("UPDATE meta SET value = 'first' WHERE key = 'created_at'")
            entered.set()
            release.wait(30)

    first = threading.Thread(target=slow_write)
    first.start()
    try:
        assert entered.wait(30)
        with pytest.raises(ui_store.WriteBusyError) as busy, ui_store.writer(wait=0.05) as cur:
            cur.execute("UPDATE meta SET value = 'second' WHERE key = 'created_at'")
        assert isinstance(busy.value, duckdb.TransactionException)
        assert "Bezig, probeer het zo opnieuw" in str(busy.value)
    finally:
        release.set()
        first.join(30)
    with ui_store.writer() as cursor:  # the lock is free again
        assert store.read_meta(cursor, "created_at") == "first"


def test_the_data_page_says_bezig_while_another_session_writes(demo_store, tmp_path, monkeypatch):
    path = tmp_path / "bw.duckdb"
    shutil.copy(demo_store, path)
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    monkeypatch.setattr(ui_store, "WRITE_WAIT_SECONDS", 0.05)
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")
    at.file_uploader[0].set_value([("good.csv", GOOD, CSV)]).run()
    held, release = threading.Event(), threading.Event()

    def other_session_writes():
        with ui_store._write_lock:
            held.set()
            release.wait(60)

    other = threading.Thread(target=other_session_writes)
    other.start()
    try:
        assert held.wait(30)
        at.button(key=data_page.LOAD_KEY).click().run()
    finally:
        release.set()
        other.join(30)
    assert not at.exception, at.exception
    assert [w.value for w in at.warning][0].startswith("Bezig, probeer het zo opnieuw")
    assert not at.success


def test_the_writer_publishes_a_snapshot_after_each_write(writer_store, tmp_path, monkeypatch):
    published = tmp_path / "published.duckdb"
    monkeypatch.setenv("BW_PUBLISH_TO", str(published))
    with ui_store.writer() as cursor:
        store.set_meta(cursor, "note", "one")
    with closing(snapshot.SnapshotReader(published)) as replica:
        assert store.read_meta(replica.cursor(), "note") == "one"
    with ui_store.writer() as cursor:
        store.set_meta(cursor, "note", "two")
    with closing(snapshot.SnapshotReader(published)) as replica:
        assert store.read_meta(replica.cursor(), "note") == "two"


def test_a_lake_location_is_used_as_it_is_and_never_taken_for_a_missing_file(tmp_path, monkeypatch):
    # found with three instances on one lake: the location was resolved as a path, so the
    # first session built a DuckDB file named after the connection string in the working folder
    lake = "ducklake:postgres:dbname=bw host=127.0.0.1 port=5432"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BW_DB", lake)
    assert ui_store.store_path() == lake
    monkeypatch.setenv("BW_DB", "bw.duckdb")
    assert ui_store.store_path() == str(tmp_path / "bw.duckdb")
    assert list(tmp_path.iterdir()) == []
