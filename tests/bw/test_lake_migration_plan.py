"""How a schema step becomes a lake's statements (bw.store.lake_migration), without a lake."""

from __future__ import annotations

import pytest

from bw.store import connection, lake_migration
from bw.store.errors import StoreError

BEFORE = [
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);",
    "CREATE TABLE regions (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL);",
    "CREATE TABLE latest_values (region_code VARCHAR NOT NULL, value DOUBLE NOT NULL);",
    "CREATE VIEW named AS SELECT code FROM regions;",
]
REFRESH = "INSERT INTO meta VALUES ('refresh_derived', 'true');"


def test_new_tables_columns_views_and_sequences_become_lake_statements():
    step = [
        "CREATE SEQUENCE note_ids START 1;"
        "CREATE TABLE notes (id INTEGER DEFAULT nextval('note_ids') NOT NULL, text VARCHAR);"
        "CREATE INDEX notes_text ON notes (text);"
        "ALTER TABLE regions ADD COLUMN kind VARCHAR DEFAULT 'gemeente';"
        "ALTER TABLE regions ADD COLUMN note VARCHAR;"
    ]
    migration = lake_migration.plan(BEFORE, [step])
    assert migration.sequences == ("note_ids",)
    assert migration.refresh is False
    assert migration.statements == (
        'DROP VIEW IF EXISTS "named"',
        'ALTER TABLE "regions" ADD COLUMN "kind" VARCHAR DEFAULT \'gemeente\'',
        'ALTER TABLE "regions" ADD COLUMN "note" VARCHAR',
        'CREATE TABLE "notes" ("id" INTEGER NOT NULL, "text" VARCHAR)',
        "CREATE VIEW named AS SELECT code FROM regions;",
    )


def test_a_derived_table_that_changes_is_made_anew_when_the_step_rebuilds_them():
    step = [
        "DROP TABLE latest_values;"
        "CREATE TABLE latest_values (region_code VARCHAR NOT NULL, year INTEGER, value DOUBLE);"
        + REFRESH
    ]
    migration = lake_migration.plan(BEFORE, [step])
    assert migration.refresh is True
    assert 'DROP TABLE "latest_values"' in migration.statements
    assert migration.statements.index('DROP TABLE "latest_values"') < migration.statements.index(
        'CREATE TABLE "latest_values" ("region_code" VARCHAR NOT NULL, "year" INTEGER, '
        '"value" DOUBLE)'
    )
    without_rebuild = [step[0].replace(REFRESH, "")]
    with pytest.raises(StoreError, match="changes the columns of latest_values"):
        lake_migration.plan(BEFORE, [without_rebuild])


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("UPDATE regions SET name = upper(name);", r"changes rows \(UPDATE regions SET"),
        ("INSERT INTO regions VALUES ('NL01', 'Nederland');", "changes rows"),
        ("DELETE FROM meta;", "changes rows"),
        ("ALTER TABLE regions DROP COLUMN name;", "changes the columns of regions"),
        ("ALTER TABLE regions ALTER name TYPE INTEGER;", "changes the columns of regions"),
        ("DROP VIEW named; DROP TABLE regions;", "drops table regions"),
    ],
)
def test_a_step_the_lake_cannot_replay_is_refused_with_its_reason(step, message):
    with pytest.raises(StoreError, match=message):
        lake_migration.plan(BEFORE, [[step]])


def test_every_step_since_lakes_exist_can_be_replayed():
    # Lakes were first made at version 6; every later step must be replayable (or get code).
    first_lake_version = 6
    for version in range(first_lake_version, connection.SCHEMA_VERSION):
        before = connection._all_scripts(up_to=version)
        lake_migration.plan(before, [connection.MIGRATIONS[version]])
    step_to_six = lake_migration.plan(connection._all_scripts(up_to=5), [connection.MIGRATIONS[5]])
    assert step_to_six.refresh is True
    assert any(s.startswith('CREATE TABLE "judgements"') for s in step_to_six.statements)
