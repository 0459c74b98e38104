"""The scoped refresh after a load or an undo leaves the store as a full refresh would.

Every table of the store is compared, listed from the store itself: a derived table added later
is compared too, without anyone remembering to name it here.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bw import intake, store
from bw.model import OBSERVATION_COLUMNS, Region
from bw.store import derived
from bw.store.errors import StoreError
from tests.bw.tiny_store import INDICATORS, REGIONS, create_tiny_store, load

_INDICATORS = [indicator.id for indicator in INDICATORS]
_YEARS = list(range(2016, 2025))
#: Regions a load may add: two peer classes (one new), and a province of its own level.
_NEW_REGIONS = [
    Region("GM0006", "Zes", "GM", province_code="PV27", size_class=4, urbanity=3),
    Region("GM0007", "Zeven", "GM", province_code="PV27", size_class=7, urbanity=1),
    Region("PV26", "Utrecht", "PV"),
]


def _rows_strategy(region_codes: list[str]):
    """Rows of one load: distinct keys, some values missing, a few non-yearly periods."""
    row = st.tuples(
        st.sampled_from(_INDICATORS),
        st.sampled_from(region_codes),
        st.sampled_from(_YEARS),
        st.sampled_from(["", "", "", "KW02"]),
        st.one_of(
            st.none(),
            st.integers(0, 12).map(float),  # few distinct values, so ranks tie
            st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 2)),
        ),
    )
    return st.lists(row, min_size=1, max_size=25, unique_by=lambda r: (r[0], r[1], r[2], r[3]))


_STEP = st.one_of(
    st.tuples(st.just("load"), st.lists(st.sampled_from(range(len(_NEW_REGIONS))), max_size=2)),
    st.tuples(st.just("undo"), st.none()),
)


def _frame(rows) -> pa.Table:
    columns = {name: [] for name in OBSERVATION_COLUMNS}
    for indicator, region, year, suffix, value in rows:
        columns["indicator_id"].append(indicator)
        columns["region_code"].append(region)
        columns["period"].append(f"{year}{suffix}")
        columns["year"].append(year)
        columns["value"].append(value)
        columns["ci_low"].append(None)
        columns["ci_high"].append(None)
        columns["status"].append("definitief" if year < 2024 else "voorlopig")
        columns["missing_reason"].append(None if value is not None else "geheim")
    return pa.table(
        {
            name: pa.array(values, type=pa.float64())
            if name in ("value", "ci_low", "ci_high")
            else values
            for name, values in columns.items()
        }
    )


def _load_scoped(con, rows, new_regions: list[Region]) -> int:
    """One load as intake writes it: new regions, the rows, the refresh of their scope."""
    written = _frame(rows)
    with store.transaction(con):
        load_id = store.create_load(con, source="test", format="test", n_rows=len(rows))
        store.insert_regions(con, new_regions, created_by_load=load_id)
        store.write_observations(con, written, load_id=load_id)
        scope = intake.refresh_scope(written, indicator_ids=_INDICATORS, updated=False)
        assert "region_codes" in scope  # a small load takes the scoped path
        store.refresh_derived(con, **scope)
    return load_id


def _normal(value):
    """A cell as compared: floats to 12 significant digits (a mean summed in another order)."""
    if isinstance(value, float):
        return None if math.isnan(value) else float(f"{value:.12g}")
    if isinstance(value, list):
        return tuple(_normal(item) for item in value)
    return value


def _contents(con) -> dict[str, list]:
    """Every table of the store, as sorted rows."""
    tables = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND NOT temporary ORDER BY 1"
        ).fetchall()
    ]
    return {
        table: sorted(
            (
                tuple(_normal(cell) for cell in row)
                for row in con.execute(f'SELECT * FROM "{table}"').fetchall()
            ),
            key=repr,
        )
        for table in tables
    }


def _assert_same_as_full_refresh(con) -> None:
    scoped = _contents(con)
    con.execute("BEGIN TRANSACTION")
    try:
        store.refresh_derived(con)
        full = _contents(con)
    finally:
        con.execute("ROLLBACK")
    assert set(scoped) == set(full)
    for table in full:
        assert scoped[table] == full[table], table


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), steps=st.lists(_STEP, min_size=1, max_size=5))
def test_scoped_refresh_equals_full_refresh_after_random_loads_and_undos(data, steps):
    with tempfile.TemporaryDirectory() as folder:
        con = create_tiny_store(Path(folder) / "store.duckdb")
        try:
            first = [
                (i, r.code, y, float(y % 7 + k))
                for k, i in enumerate(_INDICATORS)
                for r in REGIONS
                for y in (2020, 2022)
            ]
            loads = [load(con, first)]
            for kind, new in steps:
                known = [row[0] for row in con.execute("SELECT code FROM regions").fetchall()]
                if kind == "load":
                    added = [_NEW_REGIONS[i] for i in sorted(set(new))]
                    added = [region for region in added if region.code not in known]
                    rows = data.draw(_rows_strategy(known + [r.code for r in added]))
                    loads.append(_load_scoped(con, rows, added))
                elif loads:
                    load_id = loads.pop()
                    try:
                        with store.transaction(con):
                            store.undo_load(con, load_id)
                    except StoreError:
                        loads.append(load_id)  # a later load built on it: not undoable alone
                        continue
                _assert_same_as_full_refresh(con)
        finally:
            con.close()


def test_every_table_a_full_refresh_writes_is_a_derived_table(con):
    """DERIVED_TABLES names every table refresh_derived fills, listed from the store itself."""
    rows = [
        (i, r.code, y, "", 1.0 + y % 5) for i in _INDICATORS for r in REGIONS for y in (2021, 2023)
    ]
    rows.append(("t.up", "GM0001", 2024, "", None))  # a missing value after the latest one
    with store.transaction(con):
        load_id = store.create_load(con, source="test", format="test", n_rows=len(rows))
        store.write_observations(con, _frame(rows), load_id=load_id)
        store.refresh_derived(con)
    before = _contents(con)
    with store.transaction(con):
        con.execute("DELETE FROM observations")
        store.refresh_derived(con)
    after = _contents(con)
    emptied = {table for table in before if before[table] != after[table]} - {"observations"}
    assert emptied == set(store.DERIVED_TABLES)
    assert all(not after[table] for table in store.DERIVED_TABLES)


def test_a_full_refresh_gets_a_large_loads_memory_limit_and_gives_it_back(con, monkeypatch):
    # DuckDB 1.5 holds a transaction's new rows in memory: a full rebuild of a 10-million store
    # ran out of memory at the reading limit (python -m bw bench), so it writes with more
    seen: list[str] = []
    rebuild = derived._refresh_all

    def spy(cursor):
        seen.append(cursor.execute("SELECT current_setting('memory_limit')").fetchone()[0])
        rebuild(cursor)

    monkeypatch.setenv("BW_LOAD_MEMORY_LIMIT", "1GB")
    monkeypatch.setattr(derived, "_refresh_all", spy)
    limit = lambda: con.execute("SELECT current_setting('memory_limit')").fetchone()[0]  # noqa: E731
    before = limit()
    with store.transaction(con):
        store.refresh_derived(con)
    assert seen and seen[0] != before  # 1GB, as DuckDB spells it (953.6 MiB)
    assert limit() == before


def _load_every_series_and_refresh(con) -> None:
    rows = [(i, r.code, y, "", 1.0 + y % 7) for i in _INDICATORS for r in REGIONS for y in _YEARS]
    with store.transaction(con):
        load_id = store.create_load(con, source="test", format="test", n_rows=len(rows))
        store.write_observations(con, _frame(rows), load_id=load_id)
        store.refresh_derived(con)


@pytest.mark.parametrize("whole_indicators", [False, True], ids=["full", "large_load"])
@pytest.mark.parametrize("table", ["latest_values", "judgements"])
def test_a_refresh_writes_the_rows_pages_read_by_region_in_region_order(
    con, table, whole_indicators
):
    # Pages look up a region's rows; together they are one read, not one per indicator batch.
    _load_every_series_and_refresh(con)
    if whole_indicators:  # what a load of many regions refreshes: every row again, appended
        with store.transaction(con):
            store.refresh_derived(con, indicator_ids=_INDICATORS)
    stored = con.execute(f"SELECT region_code, indicator_id FROM {table} ORDER BY rowid").fetchall()
    assert len(stored) == len(_INDICATORS) * len(REGIONS)
    assert stored == sorted(stored)


def test_a_full_refresh_that_fails_keeps_the_old_rows_and_its_error(con, monkeypatch):
    _load_every_series_and_refresh(con)
    before = _contents(con)

    def broken(cursor, **kwargs):  # a statement that fails while it runs, as out of memory does
        cursor.execute("SELECT CAST('judging failed' AS INTEGER)")

    monkeypatch.setattr(derived, "refresh_judgements", broken)
    with pytest.raises(duckdb.ConversionException, match="judging failed"), store.transaction(con):
        store.refresh_derived(con)
    assert _contents(con) == before
    monkeypatch.undo()
    with store.transaction(con):  # nothing of the failed refresh is left in the way
        store.refresh_derived(con)
    assert _contents(con) == before


def test_a_scope_without_indicators_is_refused(con):
    with pytest.raises(ValueError, match="indicator_ids"):
        store.refresh_derived(con, region_codes=["GM0001"])


def test_a_large_load_refreshes_whole_indicators():
    rows = [("t.up", f"GM{i:04d}", 2020, "", 1.0) for i in range(intake.SCOPED_REFRESH_REGIONS + 1)]
    scope = intake.refresh_scope(_frame(rows), indicator_ids=["t.up"], updated=False)
    assert scope == {"indicator_ids": ["t.up"]}
    assert intake.refresh_scope(_frame(rows[:3]), indicator_ids=["t.up"], updated=True) == {
        "indicator_ids": None
    }
