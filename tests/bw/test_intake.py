"""Tests for bw.intake: one transaction per load, identical reloads, undo, dry runs, export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bw import bootstrap, cli, intake, store
from bw.auth import cli_actor
from bw.export import export_long_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "long_csv"

#: What "the store answers every query exactly as before" compares.
SNAPSHOT_QUERIES = (
    "SELECT * FROM observations ORDER BY ALL",
    "SELECT * FROM observations_superseded ORDER BY ALL",
    "SELECT * EXCLUDE (series_years, series_values, series_ci_low, series_ci_high, series_status)"
    " FROM latest_values ORDER BY ALL",
    "SELECT * FROM ranks ORDER BY ALL",
    "SELECT * FROM reference_values ORDER BY ALL",
    "SELECT * FROM regions ORDER BY ALL",
    "SELECT * FROM indicators ORDER BY ALL",
    "SELECT id, checksum, n_inserted, n_superseded, undone_at IS NULL FROM loads ORDER BY id",
)


def snapshot(con) -> list:
    """Everything the views and loads depend on, to compare a store before and after."""
    return [con.execute(query).fetchall() for query in SNAPSHOT_QUERIES]


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """A demo store made once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("intake") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


@pytest.fixture
def con(demo_template, tmp_path):
    """A writable copy of the demo store."""
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_template, path)
    connection = store.connect(path)
    yield connection
    connection.close()


def test_a_load_writes_new_and_changed_values_and_refreshes_the_views(con):
    outcome = intake.load_file(
        con, FIXTURES / "long_semicolon_decimal_comma_bom.csv", actor=cli_actor("test")
    )
    assert outcome.report.ok and outcome.load_id is not None
    assert outcome.counts == {"new": 3, "changed": 0, "unchanged": 0, "missing": 0}
    latest = con.execute(
        "SELECT year, value, status, load_id FROM latest_values "
        "WHERE indicator_id = 'arbeid.werkloosheid' AND region_code = 'GM0917'"
    ).fetchone()
    assert latest == (2025, 4.4, "voorlopig", outcome.load_id)


def test_loading_the_same_file_again_changes_nothing(con):
    intake.load_file(con, FIXTURES / "long_comma_decimal_point.csv", actor=cli_actor("test"))
    before = snapshot(con)
    again = intake.load_file(
        con, FIXTURES / "long_comma_decimal_point.csv", actor=cli_actor("test")
    )
    assert again.load_id is None
    assert [i.code for i in again.report.issues] == ["already_loaded"]
    assert snapshot(con) == before


def test_a_newer_value_supersedes_and_undo_restores_exactly(con, tmp_path):
    before = snapshot(con)
    path = tmp_path / "revision.csv"
    path.write_text("indicator,region,period,value\narbeid.werkloosheid,GM0917,2024,9.9\n")
    outcome = intake.load_file(con, path, actor=cli_actor("test"))
    assert outcome.counts["changed"] == 1
    assert con.execute(
        "SELECT value FROM observations WHERE indicator_id = 'arbeid.werkloosheid' "
        "AND region_code = 'GM0917' AND period = '2024'"
    ).fetchone() == (9.9,)
    with store.transaction(con):
        store.undo_load(con, outcome.load_id)
    after = snapshot(con)
    assert after[:-1] == before[:-1]  # the load itself stays in the history, marked undone
    assert store.read_loads(con).iloc[0]["undone_at"] is not None


def test_undo_is_refused_while_a_later_load_replaced_its_values(con, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("indicator,region,period,value\narbeid.werkloosheid,GM0917,2025,5.0\n")
    second.write_text("indicator,region,period,value\narbeid.werkloosheid,GM0917,2025,6.0\n")
    a = intake.load_file(con, first, actor=cli_actor("test")).load_id
    b = intake.load_file(con, second, actor=cli_actor("test")).load_id
    with pytest.raises(store.StoreError, match="undo those first"), store.transaction(con):
        store.undo_load(con, a)
    with store.transaction(con):
        store.undo_load(con, b)
        store.undo_load(con, a)
    assert con.execute(
        "SELECT count(*) FROM observations WHERE period = '2025' AND region_code = 'GM0917' "
        "AND indicator_id = 'arbeid.werkloosheid'"
    ).fetchone() == (0,)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.csv")))
def test_a_refused_or_dry_run_file_leaves_the_store_exactly_as_it_was(con, name):
    before = snapshot(con)
    outcome = intake.load_file(con, FIXTURES / name, dry_run=True, actor=cli_actor("test"))
    assert outcome.load_id is None
    if not outcome.report.ok:
        assert intake.load_file(con, FIXTURES / name, actor=cli_actor("test")).load_id is None
    assert snapshot(con) == before


def test_cli_load_json_report_has_the_documented_keys(con, tmp_path, capsys):
    path = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]
    con.close()
    code = cli.main(["--db", path, "load", str(FIXTURES / "not_a_number.csv"), "--json"])
    assert code == cli.EXIT_DATA_ERROR
    import json

    report = json.loads(capsys.readouterr().out)
    assert {"ok", "format", "load_id", "new", "changed", "unchanged", "missing", "issues"} <= set(
        report
    )
    assert report["ok"] is False and report["load_id"] is None
    assert {"severity", "code", "line", "message"} == set(report["issues"][0])
    assert cli.main(["--db", path, "check", str(FIXTURES / "not_a_number.csv")]) == 1
    assert "not_a_number.csv:3: error: not_a_number" in capsys.readouterr().err


values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
_EURO = "inkomen.besteedbaar_inkomen_mediaan"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.dictionaries(
        # Years after the demo's and not after today; an indicator in euro, whose unit allows
        # any number (a percentage outside 0-100 is implausible, bw.plausibility).
        st.tuples(
            st.sampled_from(["GM0363", "GM0917", "PV31", "NL01"]),
            st.integers(min_value=2025, max_value=2026),
        ),
        st.one_of(values, st.just(None)),
        min_size=1,
        max_size=12,
    )
)
def test_load_export_load_is_the_identity_and_twice_changes_nothing(con, tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("roundtrip")
    source = folder / "source.csv"
    lines = [
        f"{_EURO},{region},{year},{'' if v is None else repr(v)}"
        for (region, year), v in rows.items()
    ]
    source.write_text("indicator,region,period,value\n" + "\n".join(lines) + "\n")
    first = intake.load_file(con, source, actor=cli_actor("test"))
    assert first.report.ok, first.report.issues
    query = (
        "SELECT region_code, period, value, missing_reason FROM observations "
        f"WHERE indicator_id = '{_EURO}' AND year >= 2025 ORDER BY ALL"
    )
    loaded = con.execute(query).fetchall()
    exported = folder / "export.csv"
    export_long_csv(con, exported, indicator=_EURO)
    before = snapshot(con)
    again = intake.load_file(con, exported, actor=cli_actor("test"))
    assert again.report.ok, again.report.issues
    assert again.counts["new"] == 0 and again.counts["changed"] == 0
    assert con.execute(query).fetchall() == loaded
    assert snapshot(con)[:-1] == before[:-1]
    with store.transaction(con):
        if again.load_id is not None:
            store.undo_load(con, again.load_id)
        store.undo_load(con, first.load_id)


def test_a_large_load_raises_the_memory_limit_only_while_it_writes(con, tmp_path, monkeypatch):
    monkeypatch.setattr(intake, "LARGE_LOAD_ROWS", 1)
    monkeypatch.setenv("BW_LOAD_MEMORY_LIMIT", "3GB")
    seen = []
    write = store.write_observations

    def spy(connection, frame, *, load_id):
        seen.append(connection.execute("SELECT current_setting('memory_limit')").fetchone()[0])
        return write(connection, frame, load_id=load_id)

    monkeypatch.setattr(store, "write_observations", spy)
    before = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    outcome = intake.load_file(
        con, FIXTURES / "long_comma_decimal_point.csv", actor=cli_actor("test")
    )
    assert outcome.load_id is not None
    assert seen and seen[0] != before  # raised while writing
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == before


# --- several files: all of them, or none -------------------------------------------------------

_GOOD = FIXTURES / "long_semicolon_decimal_comma_bom.csv"
_OTHER_GOOD = FIXTURES / "one_new_value_heerlen_2025.csv"
_BAD = FIXTURES / "not_a_number.csv"


def test_load_files_loads_every_file_as_its_own_load(con):
    outcomes = intake.load_files(con, [_GOOD, _OTHER_GOOD], actor=cli_actor("test"))
    assert [o.staged.file_name for o in outcomes] == [_GOOD.name, _OTHER_GOOD.name]
    load_ids = [o.load_id for o in outcomes]
    assert None not in load_ids and len(set(load_ids)) == 2
    assert con.execute("SELECT count(*) FROM loads WHERE id IN (?, ?)", load_ids).fetchone() == (2,)


@pytest.mark.parametrize(
    "order",
    [(_GOOD, _BAD), (_BAD, _GOOD), (_GOOD, _OTHER_GOOD, _BAD)],
    ids=["second_bad", "first_bad", "third_bad"],
)
def test_load_files_with_one_bad_file_leaves_the_store_unchanged(con, order):
    before = snapshot(con)
    with pytest.raises(intake.LoadRefusedError) as refused:
        intake.load_files(con, list(order), actor=cli_actor("test"))
    assert refused.value.index == order.index(_BAD)
    assert refused.value.code == "file_refused" and refused.value.params["file"] == _BAD.name
    assert _BAD.name in str(refused.value)
    assert "not_a_number" in {issue.code for issue in refused.value.staged.report.issues}
    assert snapshot(con) == before


def test_load_files_in_the_callers_transaction_rolls_back_with_it(con):
    before = snapshot(con)
    with pytest.raises(intake.LoadRefusedError), store.transaction(con):
        intake.load_files(con, [_GOOD, _BAD], actor=cli_actor("test"), in_transaction=True)
    assert snapshot(con) == before


def test_load_files_refuses_an_actor_without_the_right_before_reading(con, tmp_path):
    from bw.auth import ANONYMOUS, PermissionDenied

    with pytest.raises(PermissionDenied):
        intake.load_files(con, [tmp_path / "does_not_exist.csv"], actor=ANONYMOUS)


def test_load_files_reports_each_files_phases(con):
    seen: list[tuple[int, float, str]] = []
    intake.load_files(
        con,
        [_GOOD, _OTHER_GOOD],
        actor=cli_actor("test"),
        progress=lambda index, fraction, phase: seen.append((index, fraction, phase)),
    )
    assert [index for index, _, _ in seen] == sorted(index for index, _, _ in seen)
    assert {(index, phase) for index, _, phase in seen} >= {(0, "done"), (1, "done")}
