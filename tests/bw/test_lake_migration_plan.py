"""How a schema step becomes a lake's statements (bw.store.lake_schema), without a lake."""

from __future__ import annotations

import pytest

from bw.store import connection, lake_schema
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
    migration = lake_schema.plan(BEFORE, [step])
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
    migration = lake_schema.plan(BEFORE, [step])
    assert migration.refresh is True
    assert 'DROP TABLE "latest_values"' in migration.statements
    assert migration.statements.index('DROP TABLE "latest_values"') < migration.statements.index(
        'CREATE TABLE "latest_values" ("region_code" VARCHAR NOT NULL, "year" INTEGER, '
        '"value" DOUBLE)'
    )
    without_rebuild = [step[0].replace(REFRESH, "")]
    with pytest.raises(StoreError, match="changes the columns of latest_values"):
        lake_schema.plan(BEFORE, [without_rebuild])


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("UPDATE regions SET name = upper(name);", r"changes rows .*\(UPDATE regions SET"),
        ("CREATE TABLE copy AS SELECT * FROM regions;", r"\(CREATE TABLE copy"),
        ("CREATE TABLE copy AS (SELECT 1 AS n);", r"\(CREATE TABLE copy"),
        ("CREATE MACRO twice(x) AS x * 2;", r"\(CREATE MACRO twice"),
        ("INSERT INTO meta VALUES ('units', '2');", "sets the store's metadata units"),
        ("INSERT INTO regions VALUES ('NL01', 'Nederland');", "changes rows"),
        ("DELETE FROM meta;", "changes rows"),
        ("ALTER TABLE regions DROP COLUMN name;", "changes the columns of regions"),
        ("ALTER TABLE regions ALTER name TYPE INTEGER;", "changes the columns of regions"),
        ("DROP VIEW named; DROP TABLE regions;", "drops table regions"),
    ],
)
def test_a_step_the_lake_cannot_replay_is_refused_with_its_reason(step, message):
    with pytest.raises(StoreError, match=message):
        lake_schema.plan(BEFORE, [[step]])


def test_views_are_made_after_the_views_they_read():
    step = [
        "CREATE VIEW named_upper AS SELECT upper(code) AS code FROM named;"
        "CREATE OR REPLACE VIEW named AS SELECT code, name FROM regions;"
    ]
    statements = lake_schema.plan(BEFORE, [step]).statements
    made = [s for s in statements if s.startswith("CREATE")]
    assert made == [
        'CREATE VIEW named AS SELECT code, "name" FROM regions;',
        "CREATE VIEW named_upper AS SELECT upper(code) AS code FROM named;",
    ]


def test_every_step_since_lakes_exist_can_be_replayed():
    # Lakes were first made at version 5; every later step must be replayable (or get code),
    # alone and together, as an instance upgrading a version-5 lake runs them.
    first_lake_version = 5
    for version in range(first_lake_version, connection.SCHEMA_VERSION):
        before = connection._all_scripts(up_to=version)
        lake_schema.plan(before, [connection.MIGRATIONS[version]])
    steps = [connection.MIGRATIONS[v] for v in range(first_lake_version, connection.SCHEMA_VERSION)]
    together = lake_schema.plan(connection._all_scripts(up_to=first_lake_version), steps)
    assert together.refresh is True  # version 6 added the stored judgements
    assert any(s.startswith('CREATE TABLE "judgements"') for s in together.statements)
