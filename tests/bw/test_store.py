"""Tests for bw.store: schema, migrations, writes with history, derived tables, reads."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bw import assess, config, store
from bw.model import Target, Theme
from bw.store import connection
from bw.store import observations as observations_store
from tests.bw.tiny_store import load, observations


def _set_schema_version(monkeypatch, version: int) -> None:
    """Pretend the code writes ``version``: set where connect reads it and on the facade."""
    monkeypatch.setattr(connection, "SCHEMA_VERSION", version)
    monkeypatch.setattr(store, "SCHEMA_VERSION", version)


def test_new_store_records_the_schema_version(tmp_path):
    con = store.connect(tmp_path / "new.duckdb")
    assert store.schema_version(con) == store.SCHEMA_VERSION
    con.close()


def test_reopening_a_store_keeps_its_data(tmp_path, con):
    load(con, [("t.up", "GM0001", 2020, 1.0)])
    path = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    con.close()
    reopened = store.connect(path, read_only=True)
    assert reopened.execute("SELECT count(*) FROM observations").fetchone()[0] == 1
    reopened.close()


def test_a_newer_store_gives_a_clear_error(tmp_path):
    path = tmp_path / "future.duckdb"
    con = store.connect(path)
    store.set_meta(con, "schema_version", str(store.SCHEMA_VERSION + 1))
    con.close()
    with pytest.raises(store.SchemaTooNewError, match="newer than this bw"):
        store.connect(path)


def test_an_older_store_is_upgraded_on_open(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    store.connect(path).close()  # written at the current version
    _set_schema_version(monkeypatch, store.SCHEMA_VERSION + 1)
    monkeypatch.setitem(
        store.MIGRATIONS,
        store.SCHEMA_VERSION - 1,
        ["ALTER TABLE regions ADD COLUMN note VARCHAR"],
    )
    con = store.connect(path)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    columns = {row[0] for row in con.execute("DESCRIBE regions").fetchall()}
    assert "note" in columns
    con.close()


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    store.connect(path).close()
    old_version = store.SCHEMA_VERSION
    _set_schema_version(monkeypatch, old_version + 1)
    monkeypatch.setitem(
        store.MIGRATIONS,
        old_version,
        ["ALTER TABLE regions ADD COLUMN note VARCHAR", "THIS IS NOT SQL"],
    )
    with pytest.raises(duckdb.Error):
        store.connect(path)
    _set_schema_version(monkeypatch, old_version)
    con = store.connect(path)
    assert store.schema_version(con) == old_version
    assert "note" not in {row[0] for row in con.execute("DESCRIBE regions").fetchall()}
    con.close()


def test_a_missing_migration_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    store.connect(path).close()
    _set_schema_version(monkeypatch, store.SCHEMA_VERSION + 1)
    with pytest.raises(store.StoreError, match="no migration"):
        store.connect(path)


def test_a_foreign_duckdb_file_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    other = duckdb.connect(str(path))
    other.execute("CREATE TABLE something (x INTEGER)")
    other.close()
    with pytest.raises(store.StoreError, match="not a bw store"):
        store.connect(path)


def test_read_only_open_of_a_missing_store_is_refused(tmp_path):
    with pytest.raises(store.StoreError, match="does not exist"):
        store.connect(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("status", "ongeveer"),
        ("period", "2020Q1"),
        ("period", "2020MM13"),
    ],
)
def test_schema_checks_refuse_bad_observations(con, column, value):
    frame = observations([("t.up", "GM0001", 2020, 1.0)])
    frame[column] = value
    with pytest.raises(duckdb.ConstraintException), store.transaction(con):
        load_id = store.create_load(con, source="bad", format="test")
        store.write_observations(con, frame, load_id=load_id)
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM loads").fetchone()[0] == 0


def test_a_missing_value_needs_a_reason(con):
    frame = observations([("t.up", "GM0001", 2020, None)])
    with pytest.raises(duckdb.ConstraintException), store.transaction(con):
        store.write_observations(con, frame, load_id=store.create_load(con, source="x", format="t"))
    frame["missing_reason"] = "Impossible"
    with store.transaction(con):
        store.write_observations(con, frame, load_id=store.create_load(con, source="x", format="t"))
    row = con.execute("SELECT value, missing_reason FROM observations").fetchone()
    assert row == (None, "Impossible")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("t.unknown", "GM0001", 2020, 1.0)], "unknown indicators"),
        ([("t.up", "GM9999", 2020, 1.0)], "unknown regions"),
        ([("t.up", "GM0001", 2020, 1.0), ("t.up", "GM0001", 2020, 2.0)], "more than once"),
    ],
)
def test_bad_references_write_nothing(con, rows, message):
    with pytest.raises(store.StoreError, match=message), store.transaction(con):
        load_id = store.create_load(con, source="bad", format="test")
        store.write_observations(con, observations(rows), load_id=load_id)
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM loads").fetchone()[0] == 0


def test_a_newer_value_supersedes_and_keeps_history(con):
    first = load(con, [("t.up", "GM0001", 2020, 1.0), ("t.up", "GM0002", 2020, 2.0)])
    second = load(con, [("t.up", "GM0001", 2020, 1.5), ("t.up", "GM0001", 2021, 3.0)])
    current = dict(
        con.execute(
            "SELECT period, value FROM observations WHERE region_code = 'GM0001'"
        ).fetchall()
    )
    assert current == {"2020": 1.5, "2021": 3.0}
    history = con.execute(
        "SELECT value, load_id, superseded_by FROM observations_superseded"
    ).fetchall()
    assert history == [(1.0, first, second)]
    counts = con.execute(
        "SELECT n_inserted, n_superseded FROM loads WHERE id = ?", [second]
    ).fetchone()
    assert counts == (1, 1)


def test_latest_values_take_the_last_year_and_the_one_before(con):
    load(
        con,
        [
            ("t.up", "GM0001", 2018, 1.0),
            ("t.up", "GM0001", 2020, 2.0),
            ("t.up", "GM0001", 2022, 4.0),
        ],
    )
    row = con.execute(
        "SELECT year, value, previous_year, previous_value, n_years, series_years, series_values, "
        "rank, n_ranked, quartile FROM latest_values"
    ).fetchone()
    assert row == (
        2022,
        4.0,
        2020,
        2.0,
        3,
        [2018, 2020, 2022],
        [1.0, 2.0, 4.0],
        1,
        1,
        "best_quartile",
    )


def test_series_are_in_year_order_whatever_order_they_were_written_in(con):
    # Values that sort opposite to their years, written newest first over two loads: the
    # series lists must follow the years, every field aligned with its year.
    load(con, [("t.up", "GM0001", 2023, 1.0), ("t.up", "GM0001", 2019, 9.0)])
    frame = observations([("t.up", "GM0001", 2021, 5.0), ("t.up", "GM0001", 2020, 7.0)])
    frame["ci_low"] = [4.0, None]
    frame["ci_high"] = [6.0, None]
    frame["status"] = ["voorlopig", "definitief"]
    with store.transaction(con):
        store.write_observations(con, frame, load_id=store.create_load(con, source="x", format="t"))
        store.refresh_derived(con, indicator_ids=["t.up"])
    row = con.execute(
        "SELECT year, value, previous_year, series_years, series_values, series_ci_low, "
        "series_ci_high, series_status FROM latest_values"
    ).fetchone()
    assert row == (
        2023,
        1.0,
        2021,
        [2019, 2020, 2021, 2023],
        [9.0, 7.0, 5.0, 1.0],
        [None, None, 4.0, None],
        [None, None, 6.0, None],
        ["definitief", "definitief", "voorlopig", "definitief"],
    )


def test_latest_values_keep_intervals_and_status_per_year(con):
    frame = observations([("t.up", "GM0001", 2020, 2.0), ("t.up", "GM0001", 2021, 3.0)])
    frame["ci_low"] = [1.5, None]
    frame["ci_high"] = [2.5, None]
    frame["status"] = ["definitief", "voorlopig"]
    with store.transaction(con):
        store.write_observations(con, frame, load_id=store.create_load(con, source="x", format="t"))
        store.refresh_derived(con)
    row = con.execute(
        "SELECT ci_low, status, series_ci_low, series_ci_high, series_status FROM latest_values"
    ).fetchone()
    assert row == (None, "voorlopig", [1.5, None], [2.5, None], ["definitief", "voorlopig"])


def test_ranks_follow_the_good_direction_with_competition_ties(con):
    values = {"GM0001": 10.0, "GM0002": 20.0, "GM0003": 20.0, "GM0004": 5.0, "GM0005": 1.0}
    load(con, [(ind, code, 2020, v) for code, v in values.items() for ind in ("t.up", "t.down")])
    ranks = {
        (ind, code): (rank, n, quartile)
        for ind, code, rank, n, quartile in con.execute(
            "SELECT indicator_id, region_code, rank, n, quartile FROM ranks"
        ).fetchall()
    }
    # higher is better: 20, 20 share rank 1; then 10 is rank 3 (competition ranking)
    assert ranks[("t.up", "GM0002")] == (1, 5, "best_quartile")
    assert ranks[("t.up", "GM0003")] == (1, 5, "best_quartile")
    assert ranks[("t.up", "GM0001")] == (3, 5, "middle")
    assert ranks[("t.up", "GM0005")] == (5, 5, "worst_quartile")
    # ceil(5/4) = 2: rank > 5 - 2 = 3 is the worst quartile
    assert ranks[("t.up", "GM0004")] == (4, 5, "worst_quartile")
    # lower is better mirrors it
    assert ranks[("t.down", "GM0005")] == (1, 5, "best_quartile")
    assert ranks[("t.down", "GM0002")] == (4, 5, "worst_quartile")


def test_references_hold_nl_province_and_peer_means(con):
    load(
        con,
        [
            ("t.up", "NL01", 2020, 50.0),
            ("t.up", "PV27", 2020, 40.0),
            ("t.up", "GM0003", 2020, 10.0),
            ("t.up", "GM0004", 2020, 20.0),
            ("t.up", "GM0001", 2020, 7.0),
        ],
    )
    refs = {
        (kind, key): (value, n)
        for kind, key, value, n in con.execute(
            "SELECT kind, ref_key, value, n_regions FROM reference_values"
        ).fetchall()
    }
    assert refs == {
        ("NL", "NL01"): (50.0, 1),
        ("PV", "PV27"): (40.0, 1),
        ("peer", "5-2"): (15.0, 2),
        ("peer", "4-3"): (7.0, 1),
    }


def test_refresh_for_some_indicators_leaves_others(con):
    load(con, [("t.up", "GM0001", 2020, 1.0), ("t.down", "GM0001", 2020, 1.0)])
    con.execute("DELETE FROM observations WHERE indicator_id = 't.down'")
    store.refresh_derived(con, indicator_ids=["t.up"])
    assert con.execute("SELECT count(*) FROM latest_values").fetchone()[0] == 2
    store.refresh_derived(con, indicator_ids=["t.down"])
    assert con.execute("SELECT indicator_id FROM latest_values").fetchall() == [("t.up",)]


def test_targets_keep_their_history(con):
    first = Target("GM0001", "t.up", minimum=10, ambition=20, target_year=2030, baseline_year=2020)
    store.write_targets(con, [first], set_by="raad")
    store.write_targets(con, [Target("GM0001", "t.up", minimum=12, ambition=25)], set_by="raad")
    current = store.read_current_targets(con, "GM0001")
    assert [(t.minimum, t.ambition) for t in current] == [(12.0, 25.0)]
    assert con.execute("SELECT count(*) FROM targets").fetchone()[0] == 2


def test_target_years_must_be_in_order(con):
    with pytest.raises(duckdb.ConstraintException):
        store.write_targets(
            con,
            [Target("GM0001", "t.up", 1, 2, target_year=2020, baseline_year=2025)],
            set_by="x",
        )


def test_read_latest_by_theme_lists_every_indicator_per_theme(con):
    load(con, [("t.up", "GM0001", 2020, 1.0)])
    frame = store.read_latest_by_theme(con, "GM0001")
    assert sorted(zip(frame.indicator_id, frame.theme_id, strict=True)) == [
        ("t.count", "gezondheid"),
        ("t.down", "milieu_en_grondstoffen"),
        ("t.up", "gezondheid"),
        ("t.up", "menselijk_kapitaal"),
    ]
    assert list(frame.dimension.unique()) == ["hier_en_nu", "later", "elders"]
    count_row = frame[frame.indicator_id == "t.count"].iloc[0]
    assert math.isnan(count_row.value)


def test_read_info_counts_per_level_and_dimension(con):
    load(con, [("t.up", "GM0001", 2020, 1.0)])
    store.write_targets(con, [Target("GM0001", "t.up", 1, 2)], set_by="x")
    info = store.read_info(con)
    assert info == {
        "regions": {"GM": 5, "NL": 1, "PV": 1},
        "indicators": {"hier_en_nu": 2, "later": 1, "elders": 1, "total": 3},
        "observations": 1,
        "targets": 1,
        "loads": 1,
        "demo": False,
        "source": "empty",  # a store without the meta key that is not demo
    }


def test_groups_need_known_members(con):
    with pytest.raises(store.StoreError, match="unknown regions"):
        store.insert_group(con, code="G1", name="Groep", kind="custom", member_codes=["GM9999"])
    store.insert_group(
        con, code="G1", name="Groep", kind="regio_deal", member_codes=["GM0001", "GM0002"]
    )
    assert store.read_group_members(con, "G1") == ["GM0001", "GM0002"]
    assert store.read_region(con, "G1").level == "group"


def test_connect_for_reading_upgrades_an_older_store_first(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    store.connect(path).close()
    _set_schema_version(monkeypatch, store.SCHEMA_VERSION + 1)
    monkeypatch.setitem(store.MIGRATIONS, store.SCHEMA_VERSION - 1, ["SELECT 1"])
    with pytest.raises(store.SchemaTooOldError):
        store.connect(path, read_only=True)
    con = store.connect_for_reading(path)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    with pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE x (y INTEGER)")  # the reading connection cannot write
    con.close()


def test_two_processes_can_read_one_store_at_once(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "shared.duckdb"
    store.connect(path).close()
    reader = store.connect_for_reading(path)
    try:
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from bw import store; "
                "c = store.connect_for_reading(sys.argv[1]); print(store.schema_version(c))",
                str(path),
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=config.PROJECT_ROOT,
        )
    finally:
        reader.close()
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == str(store.SCHEMA_VERSION)


def test_refreshing_twice_keeps_one_rank_per_key(con):
    load(con, [("t.up", code, 2020, float(i)) for i, code in enumerate(["GM0001", "GM0002"])])
    store.refresh_derived(con)
    store.refresh_derived(con, indicator_ids=["t.up"])
    duplicates = con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM ranks GROUP BY indicator_id, region_code, year "
        "HAVING count(*) > 1)"
    ).fetchone()[0]
    assert duplicates == 0
    assert con.execute("SELECT count(*) FROM ranks").fetchone()[0] == 2


def test_read_ranking_lists_one_indicator_across_a_level(con):
    load(
        con,
        [
            ("t.down", "GM0001", 2020, 3.0),
            ("t.down", "GM0002", 2020, 1.0),
            ("t.down", "GM0002", 2021, 2.0),
        ],
    )
    # 2021 has a value for 1 of the 2 gemeenten that reported: the default is the comparison
    # period 2020 (methods.md §3), not a ranking of one.
    default = store.read_ranking(con, "t.down", level="GM")
    assert default[["code", "year", "value", "rank", "n"]].values.tolist() == [
        ["GM0002", 2020, 1.0, 1, 2],
        ["GM0001", 2020, 3.0, 2, 2],
    ]
    latest = store.read_ranking(con, "t.down", level="GM", year=2021)
    assert latest[["code", "year", "value", "rank", "n"]].values.tolist() == [
        ["GM0002", 2021, 2.0, 1, 1]
    ]
    assert store.read_ranking(con, "t.up", level="GM").empty


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(st.integers(min_value=-3, max_value=3), min_size=1, max_size=5),
    direction=st.sampled_from(["t.up", "t.down"]),
)
def test_sql_ranks_agree_with_the_pure_ranking_rule(con, values, direction):
    codes = ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"][: len(values)]
    con.execute("DELETE FROM observations")
    load(con, [(direction, code, 2020, float(v)) for code, v in zip(codes, values, strict=True)])
    got = dict(
        con.execute(
            "SELECT region_code, rank FROM ranks WHERE indicator_id = ?", [direction]
        ).fetchall()
    )
    expected = assess.competition_ranks(values, direction="up" if direction == "t.up" else "down")
    assert [got[code] for code in codes] == expected
    quartiles = dict(con.execute("SELECT region_code, quartile FROM ranks").fetchall())
    assert [quartiles[c] for c in codes] == [
        str(assess.classify_quartile(rank, len(values))) for rank in expected
    ]


def test_a_store_held_for_writing_by_another_process_gives_a_clear_error(tmp_path):
    import subprocess
    import sys
    import time

    path = tmp_path / "busy.duckdb"
    store.connect(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from bw import store; c = store.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=config.PROJECT_ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        with pytest.raises(store.StoreInUseError, match="in use by another process"):
            store.connect_for_reading(path)
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_version_1_store_is_upgraded_by_the_migration_folders(tmp_path):
    path = tmp_path / "v1.duckdb"
    raw = duckdb.connect(str(path))
    raw.execute((Path(store.__file__).with_name("schema.sql")).read_text(encoding="utf-8"))
    raw.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    raw.close()
    con = store.connect(path)
    assert store.schema_version(con) == store.SCHEMA_VERSION >= 2
    fresh = store.connect(tmp_path / "fresh.duckdb")
    tables = "SELECT table_name FROM information_schema.tables ORDER BY 1"
    assert con.execute(tables).fetchall() == fresh.execute(tables).fetchall()
    assert "users" in {row[0] for row in con.execute(tables).fetchall()}
    con.close()
    fresh.close()


# --- observations without a primary key (migration v3) ----------------------------------------


def _observation_constraints(con) -> list[str]:
    return sorted(
        row[0]
        for row in con.execute(
            "SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'observations'"
        ).fetchall()
    )


def test_observations_have_no_primary_key_but_keep_their_checks(con):
    kinds = _observation_constraints(con)
    assert "PRIMARY KEY" not in kinds and "UNIQUE" not in kinds
    assert kinds.count("CHECK") == 5  # status, value or reason, interval, period, year
    assert kinds.count("NOT NULL") == 6


def test_a_key_given_twice_among_many_is_refused_and_writes_nothing(con):
    rows = [
        ("t.up", f"GM000{g}", year, float(year)) for g in range(1, 6) for year in range(1990, 2030)
    ]
    load(con, rows[:10])
    before = con.execute("SELECT * FROM observations ORDER BY ALL").fetchall()
    repeated = [*rows, ("t.down", "GM0003", 2001, 1.0), ("t.down", "GM0003", 2001, 1.0)]
    with pytest.raises(store.StoreError, match=r"more than once: t\.down x GM0003 x 2001 \(2"):
        load(con, repeated)
    assert con.execute("SELECT * FROM observations ORDER BY ALL").fetchall() == before


def test_the_exact_query_clears_a_hash_collision(con, monkeypatch):
    # Two different keys with one hash must not be taken for a repeat: the exact query decides.
    frame = observations([("t.up", "GM0001", 2020, 1.0), ("t.up", "GM0002", 2020, 2.0)])
    store.register_frame(con, "incoming_observations", frame)
    real = con.execute

    class Colliding:
        def execute(self, sql, *args):
            if "count(DISTINCT hash(" in sql:
                return real("SELECT count(*), 1 FROM incoming_observations")
            return real(sql, *args)

    observations_store._check_unique_keys(Colliding())  # no error: the keys differ
    store.unregister_frame(con, "incoming_observations")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(["t.up", "t.down"]),
                st.sampled_from(["GM0001", "GM0002", "NL01"]),
                st.integers(2018, 2021),
                st.integers(0, 3),
            ),
            min_size=1,
            max_size=12,
            unique_by=lambda r: r[:3],
        ),
        min_size=1,
        max_size=4,
    )
)
def test_loads_and_undos_keep_one_row_per_key(con, loads):
    con.execute("DELETE FROM observations; DELETE FROM observations_superseded")
    snapshots, ids = [], []
    for rows in loads:
        snapshots.append(
            con.execute("SELECT * EXCLUDE (load_id) FROM observations ORDER BY ALL").fetchall()
        )
        ids.append(load(con, [(i, r, y, float(v)) for i, r, y, v in rows]))
        repeats = con.execute(
            "SELECT count(*) FROM (SELECT 1 FROM observations GROUP BY "
            "indicator_id, region_code, period HAVING count(*) > 1)"
        ).fetchone()
        assert repeats == (0,)
    for load_id, before in zip(reversed(ids), reversed(snapshots), strict=True):
        with store.transaction(con):
            store.undo_load(con, load_id)
        assert (
            con.execute("SELECT * EXCLUDE (load_id) FROM observations ORDER BY ALL").fetchall()
            == before
        )


def test_a_version_2_store_keeps_its_observations_when_upgraded(tmp_path):
    path = tmp_path / "v2.duckdb"
    old = duckdb.connect(str(path))
    with store.transaction(old):  # the store as bw wrote it at schema version 2
        old.execute(connection._SCHEMA_FILE.read_text(encoding="utf-8"))
        for script in store.MIGRATIONS[1]:
            old.execute(script)
        store.set_meta(old, "schema_version", "2")
    old.execute(
        "INSERT INTO observations VALUES "
        "('t.up', 'GM0002', '2021', 2021, 2.5, 2.0, 3.0, 'voorlopig', NULL, 1), "
        "('t.up', 'GM0001', '2020KW03', 2020, NULL, NULL, NULL, 'definitief', 'geheim', 2),"
        "('t.down', 'GM0001', '2020', 2020, -1.0, NULL, NULL, 'definitief', NULL, 1)"
    )
    expected = old.execute("SELECT * FROM observations ORDER BY ALL").fetchall()
    assert "PRIMARY KEY" in _observation_constraints(old)
    old.close()

    con = store.connect(path)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    assert con.execute("SELECT * FROM observations ORDER BY ALL").fetchall() == expected
    # In key order, so the zone maps of indicator_id skip row groups.
    assert [row[:3] for row in con.execute("SELECT * FROM observations").fetchall()] == [
        ("t.down", "GM0001", "2020"),
        ("t.up", "GM0001", "2020KW03"),
        ("t.up", "GM0002", "2021"),
    ]
    assert "PRIMARY KEY" not in _observation_constraints(con)
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO observations VALUES "
            "('t.up', 'GM0003', '2020Q1', 2020, 1.0, NULL, NULL, 'definitief', NULL, 3)"
        )
    con.close()


# --- comparison periods (methods.md §3, migration v4) ------------------------------------------

GEMEENTEN = ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"]


def _comparison_periods(con, indicator="t.up") -> dict:
    rows = con.execute(
        "SELECT level, year, n_with_value, n_reporting, latest_year, n_latest "
        "FROM comparison_periods WHERE indicator_id = ?",
        [indicator],
    ).fetchall()
    return {row[0]: assess.ComparisonPeriod(*row[1:]) for row in rows}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(GEMEENTEN),
        st.sets(st.integers(min_value=2012, max_value=2025), min_size=1, max_size=5),
        min_size=1,
    ),
    st.none() | st.integers(min_value=2012, max_value=2025),
)
def test_sql_comparison_periods_agree_with_the_pure_rule(con, years_by_region, as_of):
    con.execute("DELETE FROM observations")
    load(
        con,
        [
            ("t.up", code, year, float(year % 7))
            for code, years in years_by_region.items()
            for year in years
        ],
    )
    expected = assess.select_comparison_period(years_by_region)
    assert _comparison_periods(con) == {"GM": expected}
    got = list(store.read_comparison_periods(con, level="GM", as_of=as_of).values())
    wanted = assess.select_comparison_period(years_by_region, as_of=as_of)
    assert got == ([] if wanted is None else [wanted])


def test_latest_values_hold_the_rank_in_the_comparison_period(con):
    rows = [("t.up", code, 2024, float(i)) for i, code in enumerate(GEMEENTEN[:4])]
    rows += [("t.up", "GM0001", 2025, 9.0), ("t.up", "GM0005", 2023, 5.0)]
    load(con, rows)
    # 2025: 1 of the 5 that reported in the window; 2024: 4 of 5 = 80%: compared over 2024.
    assert _comparison_periods(con)["GM"] == assess.ComparisonPeriod(2024, 4, 5, 2025, 1)
    latest = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT region_code, year, value, rank, n_ranked, quartile FROM latest_values "
            "WHERE indicator_id = 't.up'"
        ).fetchall()
    }
    assert latest["GM0001"] == (2025, 9.0, 4, 4, "worst_quartile")  # 2025's value, 2024's rank
    assert latest["GM0004"] == (2024, 3.0, 1, 4, "best_quartile")
    assert latest["GM0005"] == (2023, 5.0, None, None, None)  # no value in 2024: no position
    ranking = store.read_ranking(con, "t.up", level="GM")
    assert set(ranking["year"]) == {2024} and len(ranking) == 4
    assert store.read_comparison_period(con, "t.up", level="GM") == {
        "indicator_id": "t.up",
        "level": "GM",
        "year": 2024,
        "n_with_value": 4,
        "n_reporting": 5,
        "latest_year": 2025,
        "n_latest": 1,
    }
    assert store.read_comparison_period(con, "t.down", level="GM") is None


def test_levels_have_their_own_comparison_period(con):
    load(
        con,
        [("t.up", code, 2024, 1.0) for code in GEMEENTEN]
        + [("t.up", "PV27", year, 1.0) for year in (2024, 2025)]
        + [("t.up", "GM0001", 2025, 2.0), ("t.up", "NL01", 2025, 1.0)],
    )
    periods = _comparison_periods(con)
    assert sorted(periods) == ["GM", "PV"]  # NL is the reference, not ranked
    assert (periods["GM"].year, periods["PV"].year) == (2024, 2025)


def test_a_neutral_indicator_stores_highest_and_lowest_quartiles(con):
    load(con, [("t.count", code, 2024, float(i)) for i, code in enumerate(GEMEENTEN)])
    quartiles = dict(
        con.execute(
            "SELECT region_code, quartile FROM ranks WHERE indicator_id = 't.count'"
        ).fetchall()
    )
    assert quartiles == {
        "GM0005": "highest_quartile",
        "GM0004": "highest_quartile",
        "GM0003": "middle",
        "GM0002": "lowest_quartile",
        "GM0001": "lowest_quartile",
    }
    stored = {row[0] for row in con.execute("SELECT quartile FROM latest_values").fetchall()}
    assert stored == {"highest_quartile", "middle", "lowest_quartile"}


def test_refreshing_a_subset_keeps_the_comparison_periods_of_the_others(con):
    load(con, [(i, code, 2024, 1.0) for i in ("t.up", "t.down") for code in GEMEENTEN])
    before = _comparison_periods(con, "t.down")
    con.execute("DELETE FROM observations WHERE indicator_id = 't.up' AND region_code <> 'GM0001'")
    store.refresh_derived(con, indicator_ids=["t.up"])
    assert _comparison_periods(con, "t.down") == before
    assert _comparison_periods(con)["GM"] == assess.ComparisonPeriod(2024, 1, 1, 2024, 1)


def test_a_version_3_store_gets_comparison_periods_when_upgraded(tmp_path):
    path = tmp_path / "v3.duckdb"
    con = store.connect(path)
    from tests.bw.tiny_store import INDICATORS, REGIONS, THEMES

    with store.transaction(con):
        store.insert_themes(con, THEMES)
        store.insert_indicators(con, INDICATORS)
        store.insert_regions(con, REGIONS)
    load(
        con,
        [("t.up", code, 2024, float(i)) for i, code in enumerate(GEMEENTEN)]
        + [("t.up", "GM0001", 2025, 9.0), ("t.count", "GM0001", 2024, 1.0)],
    )
    expected = con.execute("SELECT * FROM latest_values ORDER BY ALL").fetchall()
    # The store as bw wrote it at version 3: no comparison periods, ranks in the latest year and
    # the old CHECK on quartiles.
    with store.transaction(con):
        con.execute("DROP TABLE comparison_periods")
        con.execute("DROP TABLE aggregated_values")  # and the rest of version 4 (real data)
        con.execute("DROP TABLE latest_missing")
        con.execute("ALTER TABLE indicators DROP COLUMN cbs_code")
        con.execute("ALTER TABLE indicators DROP COLUMN value_min")  # version 5 (ranges)
        con.execute("ALTER TABLE indicators DROP COLUMN value_max")
        con.execute("DROP TABLE login_failures")  # and version 5 (issue 14)
        con.execute("DROP TABLE judgements")  # and version 6 (issue 16)
        con.execute("DROP INDEX latest_values_region")  # and version 7: the series text
        con.execute("ALTER TABLE latest_values DROP COLUMN series_json")
        con.execute("CREATE INDEX latest_values_region ON latest_values (region_code)")
        con.execute("DROP TABLE ranks")

        con.execute(
            "CREATE TABLE ranks (indicator_id VARCHAR NOT NULL, region_code VARCHAR "
            "NOT NULL, level VARCHAR NOT NULL, year INTEGER NOT NULL, value DOUBLE NOT "
            "NULL, rank INTEGER NOT NULL, n INTEGER NOT NULL, quartile VARCHAR NOT NULL "
            "CHECK (quartile IN ('best_quartile', 'middle', 'worst_quartile')))"
        )
        con.execute("UPDATE latest_values SET rank = 1, n_ranked = 1, quartile = 'best_quartile'")
        store.set_meta(con, "schema_version", "3")
    con.close()

    con = store.connect(path)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    assert store.read_meta(con, "refresh_derived") is None  # rebuilt, and the request cleared
    assert con.execute("SELECT * FROM latest_values ORDER BY ALL").fetchall() == expected
    assert _comparison_periods(con)["GM"].year == 2024
    assert (
        con.execute("SELECT count(value_min) + count(value_max) FROM indicators").fetchone()[0] == 0
    )  # version 5: no indicator has a range of its own
    con.execute(
        "INSERT INTO ranks VALUES ('t.count', 'GM0002', 'GM', 2020, 1, 1, 1, 'lowest_quartile')"
    )  # the new CHECK takes the neutral classes
    con.close()


def test_a_rebuild_a_stopped_upgrade_left_undone_runs_on_the_next_open(tmp_path, con):
    load(con, [("t.up", code, 2024, float(i)) for i, code in enumerate(GEMEENTEN)])
    path = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    con.execute("DELETE FROM comparison_periods")
    store.set_meta(con, "refresh_derived", "true")
    con.close()
    reopened = store.connect(path)
    assert _comparison_periods(reopened)["GM"].year == 2024
    assert store.read_meta(reopened, "refresh_derived") is None
    reopened.close()


def test_indicator_records_list_their_themes_in_the_catalogue_order(tmp_path):
    # read_indicators orders in Python what read_indicator_catalogue orders in SQL.
    from tests.bw.tiny_store import INDICATORS, THEMES, create_tiny_store

    con = create_tiny_store(tmp_path / "tiny.duckdb")
    store.insert_themes(con, [Theme("wonen", "hier_en_nu", "Wonen", "Housing", 5)])
    mixed = replace(INDICATORS[0], id="t.mixed", theme_ids=(t.id for t in reversed(THEMES)))
    store.insert_indicators(con, [replace(mixed, theme_ids=(*mixed.theme_ids, "wonen"))])
    store.insert_indicators(
        con, [replace(INDICATORS[0], id="t.new")], classification="te_classificeren"
    )
    con.execute("DELETE FROM indicator_themes WHERE indicator_id = 't.new'")
    frame = store.read_indicator_catalogue(con).set_index("indicator_id")
    records = {i.id: i for i in store.read_indicators(con)}
    assert records["t.mixed"].theme_ids == (
        "gezondheid",
        "wonen",
        "menselijk_kapitaal",
        "milieu_en_grondstoffen",
    )
    assert [str(d) for d in records["t.mixed"].dimensions] == ["hier_en_nu", "later", "elders"]
    assert list(records) == sorted(records) == sorted(frame.index)
    for indicator_id, record in records.items():
        assert list(record.theme_ids) == list(frame.loc[indicator_id, "theme_ids"])
        assert [str(d) for d in record.dimensions] == list(frame.loc[indicator_id, "dimensions"])
    assert "t.new" not in {i.id for i in store.read_indicators(con, classified_only=True)}
