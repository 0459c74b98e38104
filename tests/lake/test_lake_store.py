"""The lake store against a real PostgreSQL: schema, a load read back, undo, time travel."""

from __future__ import annotations

from contextlib import closing

import duckdb
import pytest

from bw import store
from bw.store import lake
from tests.bw.tiny_store import create_tiny_store, load, observations


def _columns(con: duckdb.DuckDBPyConnection, catalogue: str) -> set[tuple[str, str, str, bool]]:
    return set(
        con.execute(
            "SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() "
            "WHERE database_name = ?",
            [catalogue],
        ).fetchall()
    )


def test_a_new_lake_has_the_embedded_schema_without_its_keys(lake_db, tmp_path):
    with closing(store.connect(lake_db)) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        in_lake = _columns(con, lake.LAKE_ALIAS)
        views = {
            v
            for (v,) in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal"
            ).fetchall()
        }
    with closing(store.connect(tmp_path / "embedded.duckdb")) as con:
        embedded = _columns(con, "embedded")
    assert in_lake == embedded
    assert "current_targets" in views


def test_a_second_open_keeps_the_lake_and_an_unreachable_server_is_a_clear_error(lake_db):
    store.connect(lake_db).close()
    with closing(store.connect(lake_db, read_only=True)) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
    wrong = lake.LAKE_PREFIX + "dbname=bw host=127.0.0.1 port=1 user=postgres password=secret"
    with pytest.raises(store.LakeUnreachableError) as refused:
        store.connect(wrong)
    assert "cannot be reached" in str(refused.value)
    assert "secret" not in str(refused.value)


def test_a_load_reads_back_and_undo_restores_the_state_before_it(lake_db):
    with closing(create_tiny_store(lake_db)) as con:
        first = load(con, [("t.up", "GM0001", 2020, 1.0), ("t.down", "GM0002", 2020, 2.0)])
        second = load(con, [("t.up", "GM0001", 2020, 5.0), ("t.up", "GM0001", 2021, 6.0)])
        assert second > first
        rows = con.execute(
            "SELECT indicator_id, region_code, period, value, load_id FROM observations "
            "ORDER BY ALL"
        ).fetchall()
        assert rows == [
            ("t.down", "GM0002", "2020", 2.0, first),
            ("t.up", "GM0001", "2020", 5.0, second),
            ("t.up", "GM0001", "2021", 6.0, second),
        ]
        with store.transaction(con):
            store.undo_load(con, second)
            store.refresh_derived(con)
    # Another instance (a new connection) sees the undo.
    with closing(store.connect(lake_db)) as other:
        rows = other.execute(
            "SELECT indicator_id, region_code, period, value FROM observations ORDER BY ALL"
        ).fetchall()
        assert rows == [("t.down", "GM0002", "2020", 2.0), ("t.up", "GM0001", "2020", 1.0)]
        assert other.execute("SELECT count(*) FROM observations_superseded").fetchone()[0] == 0
        latest = other.execute(
            "SELECT value FROM latest_values WHERE indicator_id = 't.up' AND region_code = 'GM0001'"
        ).fetchone()
        assert latest == (1.0,)


def test_ids_come_from_the_shared_sequence_and_cursors_query_the_lake(lake_db):
    with closing(store.connect(lake_db)) as one, closing(store.connect(lake_db)) as two:
        ids = [
            store.new_id(one, "load_ids"),
            store.new_id(two, "load_ids"),
            store.new_id(one, "load_ids"),
        ]
        assert len(set(ids)) == 3 and ids == sorted(ids)
        cursor = store.cursor(one)
        assert cursor.execute("SELECT count(*) FROM meta").fetchone()[0] >= 2


def test_a_reader_never_sees_an_uncommitted_load(lake_db):
    with closing(create_tiny_store(lake_db)) as writer, closing(store.connect(lake_db)) as reader:
        writer.execute("BEGIN TRANSACTION")
        load_id = store.create_load(writer, source="test", format="test")
        store.write_observations(
            writer,
            observations([("t.up", "GM0001", 2020, 1.0)]),
            load_id=load_id,
        )
        assert reader.execute("SELECT count(*) FROM observations").fetchone()[0] == 0
        assert reader.execute("SELECT count(*) FROM loads").fetchone()[0] == 0
        writer.execute("COMMIT")
        assert reader.execute("SELECT count(*) FROM observations").fetchone()[0] == 1


def test_the_store_as_of_an_earlier_snapshot(lake_db):
    with closing(create_tiny_store(lake_db)) as con:
        before = lake.snapshot_id(con)
        load(con, [("t.up", "GM0001", 2020, 1.0)])
        assert lake.snapshot_id(con) > before
        then = con.execute(f"SELECT count(*) FROM observations AT (VERSION => {before})").fetchone()
        assert then == (0,)
        assert con.execute("SELECT count(*) FROM observations").fetchone() == (1,)
