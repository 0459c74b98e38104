"""A lake of an older schema version is upgraded on its first writable open (real PostgreSQL).

The lake is made at version 5 (before the stored judgements) holding what an embedded store
loaded; opening it with this bw creates what the later steps add and rebuilds the derived
tables, so it then holds the same derived rows as the embedded store.
"""

from __future__ import annotations

from contextlib import closing

import pytest

from bw import config, store
from bw.store import connection, lake, lake_schema, meta
from tests.bw.tiny_store import tiny_store_file
from tests.lake.test_lake_creation import _open_all_at_once

OLD_VERSION = 5
BASE_TABLES = ("themes", "indicators", "indicator_themes", "regions", "loads", "observations")
ROWS = [
    (indicator, region, year, value + year % 7 + int(region[-1]))
    for indicator, value in (("t.up", 40.0), ("t.down", 12.0), ("t.count", 900.0))
    for region in ("GM0001", "GM0002", "GM0003", "GM0004", "GM0005", "PV27", "NL01")
    for year in range(2015, 2024)
]


@pytest.fixture
def embedded(tmp_path):
    """An embedded store with the tiny catalogue and one load, closed; its path."""
    return tiny_store_file(tmp_path / "embedded.duckdb", ROWS)


def _old_lake_holding(lake_db, embedded) -> None:
    """Make ``lake_db`` at schema version 5 and copy the embedded store's loaded rows into it."""
    con = lake.open_lake(str(lake_db), data_path=config.lake_data_path())
    try:
        lake_schema.create_schema(
            con, connection._all_scripts(up_to=OLD_VERSION), version=OLD_VERSION
        )
        con.execute(f"ATTACH '{embedded}' AS embedded (READ_ONLY)")
        con.execute("BEGIN TRANSACTION")
        for table in BASE_TABLES:
            columns = ", ".join(
                f'"{name}"'
                for (name,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE database_name = ? "
                    "AND table_name = ? ORDER BY column_index",
                    [lake.LAKE_ALIAS, table],
                ).fetchall()
            )
            con.execute(
                f"INSERT INTO {lake.LAKE_ALIAS}.{table} ({columns}) "
                f"SELECT {columns} FROM embedded.{table}"
            )
        con.execute("COMMIT")
    finally:
        con.close()


def _derived(con, table: str) -> list[tuple]:
    return store.cursor(con).execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_an_older_lake_is_upgraded_on_its_first_writable_open_and_rebuilds_its_derived_rows(
    lake_db, embedded
):
    _old_lake_holding(lake_db, embedded)
    with pytest.raises(store.SchemaTooOldError, match="open it once for writing"):
        store.connect(lake_db, read_only=True)  # a reader does not migrate
    with closing(store.connect(embedded, read_only=True)) as con:
        expected = {table: _derived(con, table) for table in store.DERIVED_TABLES}
    assert expected["judgements"] and expected["latest_values"]
    with closing(store.connect_for_reading(lake_db)) as con:  # one writable open migrates
        assert store.schema_version(con) == store.SCHEMA_VERSION
        for table, rows in expected.items():
            assert _derived(con, table) == rows, table
        # The views were made anew and read the lake's tables.
        targets = store.cursor(con).execute("SELECT count(*) FROM current_targets").fetchall()
        assert targets == [(0,)]
    with closing(store.connect(lake_db)) as con:  # the next open finds nothing to do
        versions = (
            store.cursor(con)
            .execute("SELECT value FROM meta WHERE key = 'schema_version'")
            .fetchall()
        )
        assert versions == [(str(store.SCHEMA_VERSION),)]


def test_instances_opening_an_older_lake_at_once_upgrade_it_once(lake_db, embedded, tmp_path):
    _old_lake_holding(lake_db, embedded)
    seen = _open_all_at_once(lake_db, tmp_path)
    assert all("error" not in one for one in seen), seen
    assert {one["version"] for one in seen} == {store.SCHEMA_VERSION}
    with closing(store.connect(embedded, read_only=True)) as con:
        expected = _derived(con, "judgements")
    with closing(store.connect(lake_db, read_only=True)) as con:
        assert _derived(con, "judgements") == expected  # rebuilt once, not once per instance
        upgraded = (
            store.cursor(con)
            .execute(
                f"SELECT count(*) FROM {lake.LAKE_ALIAS}.snapshots() "
                "WHERE list_contains(map_extract(changes, 'tables_created')[1], 'main.judgements')"
            )
            .fetchone()
        )
        assert upgraded == (1,)


def test_an_upgrade_the_lake_cannot_replay_is_refused_and_changes_nothing(lake_db, monkeypatch):
    store.connect(lake_db).close()
    newer = store.SCHEMA_VERSION + 1
    steps = {**connection.MIGRATIONS, store.SCHEMA_VERSION: ["UPDATE regions SET name = name;"]}
    monkeypatch.setattr(connection, "MIGRATIONS", steps)
    monkeypatch.setattr(connection, "SCHEMA_VERSION", newer)
    with pytest.raises(store.StoreError, match=r"changes rows .*\(UPDATE regions SET"):
        store.connect(lake_db)
    monkeypatch.undo()
    with closing(store.connect(lake_db, read_only=True)) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION


def test_an_upgrade_adds_tables_columns_and_id_sequences_the_lake_then_uses(lake_db, monkeypatch):
    with closing(store.connect(lake_db)) as con, store.transaction(con):
        con.execute("INSERT INTO regions (code, name, level) VALUES ('NL01', 'Nederland', 'NL')")
    step = (
        "CREATE SEQUENCE note_ids START 1;"
        "CREATE TABLE notes (id INTEGER DEFAULT nextval('note_ids') NOT NULL, text VARCHAR);"
        "ALTER TABLE regions ADD COLUMN note VARCHAR DEFAULT 'geen';"
    )
    monkeypatch.setattr(
        connection, "MIGRATIONS", {**connection.MIGRATIONS, store.SCHEMA_VERSION: [step]}
    )
    for module in (connection, meta):  # the bw that opens it, and its writes
        monkeypatch.setattr(module, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    with closing(store.connect(lake_db)) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION + 1
        with store.transaction(con):
            con.execute("INSERT INTO notes VALUES (?, 'eerste')", [store.new_id(con, "note_ids")])
            con.execute("INSERT INTO regions (code, name, level) VALUES ('PV27', 'N-H', 'PV')")
        assert con.execute("SELECT id, text FROM notes").fetchall() == [(1, "eerste")]
        # The default fills the row that was there before the upgrade too.
        notes = con.execute("SELECT code, note FROM regions ORDER BY code").fetchall()
        assert notes == [("NL01", "geen"), ("PV27", "geen")]


def test_an_instance_of_the_older_bw_writes_nothing_into_a_lake_upgraded_since(lake_db):
    with closing(store.connect(lake_db)) as older, closing(store.connect(lake_db)) as newer:
        with store.transaction(newer, upgrading=True):  # as a newer bw's upgrade would
            store.set_meta(newer, "schema_version", str(store.SCHEMA_VERSION + 1))
        refused = pytest.raises(store.SchemaTooNewError, match="another instance upgraded it")
        with refused, store.transaction(older):
            older.execute("INSERT INTO regions (code, name, level) VALUES ('NL01', 'NL', 'NL')")
        assert older.execute("SELECT count(*) FROM regions").fetchall() == [(0,)]
