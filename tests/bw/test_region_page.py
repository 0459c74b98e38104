"""The Overzicht's read of the derived tables (issue 16 item 1) equals the reads it replaced.

monitor.assess_region reads a region's page with store.read_region_page; the per-table reads
it used before (latest values, stored judgements, aggregated values, gaps, targets, comparison
periods, the references as a DataFrame) still serve groups, earlier periods and other
thresholds. For every region of the demo store both give the same judgements and references.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bw import assess, bootstrap, monitor, store
from bw.model import Target
from tests.bw.tiny_store import tiny_store_file

KINDS = ("NL", "PV", "peer")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("region_page") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect_for_reading(path)
    yield con
    con.close()


def _codes(con) -> list[str]:
    rows = con.execute("SELECT code FROM regions WHERE level <> 'group' ORDER BY code").fetchall()
    return [row[0] for row in rows]


def test_the_page_read_equals_the_per_table_reads_for_every_region(demo):
    codes = _codes(demo)
    assert len(codes) > 20
    judged_here = 0
    for code in codes:
        page = monitor.assess_region(demo, code)
        items, members = monitor._assess_now(
            demo,
            page.region,
            period=None,
            thresholds=assess.DEFAULT_THRESHOLDS,
            references=page.references,
        )
        assert members == ()
        assert page.items == items, code
        judged_here += sum(item.period is not None for item in items)
    assert judged_here > 1000  # the demo's regions have values to judge


def test_the_references_equal_the_reference_table_for_every_region(demo):
    for code in _codes(demo):
        page = monitor.assess_region(demo, code)
        old = store.read_references(
            demo,
            province_code=page.province.code if page.province else None,
            peer_key=page.peer_key,
        )
        for indicator_id in old["indicator_id"].unique():
            for kind in KINDS:
                rows = old[(old["indicator_id"] == indicator_id) & (old["kind"] == kind)]
                expected = rows.loc[:, ["year", "value", "ci_low", "ci_high"]]
                pd.testing.assert_frame_equal(
                    page.reference_series(indicator_id, kind),
                    expected.reset_index(drop=True),
                    check_dtype=False,
                )
        if page.peer_key is not None:
            assert any("peer" in by_kind for by_kind in page.references.values())


def test_the_shared_reads_give_every_region_the_same_assessment(demo):
    shared = store.read_shared_reads(demo)
    groups = [code for code, row in shared.region_rows.items() if row[2] == "group"]
    assert groups  # the groups are judged on request: that path takes the shared reads too
    for code in [*_codes(demo), *groups]:
        alone = monitor.assess_region(demo, code)
        shared_read = monitor.assess_region(demo, code, shared=shared)
        assert shared_read == alone, code
        assert [list(by_kind) for by_kind in shared_read.references.values()] == [
            list(by_kind) for by_kind in alone.references.values()
        ]
        assert list(shared_read.references) == list(alone.references)
    earlier = monitor.assess_region(demo, "GM0917", period=2020, shared=shared)
    assert earlier == monitor.assess_region(demo, "GM0917", period=2020)
    with pytest.raises(store.StoreError, match="unknown region"):
        monitor.assess_region(demo, "GM9999", shared=shared)


def test_the_shared_references_equal_the_read_for_every_province_and_peer_class(demo):
    shared = store.read_shared_reads(demo)
    regions = [shared.region(code) for code in shared.region_rows]
    provinces = [None, "PV99", *(r.code for r in regions if r.level == "PV")]
    peers = {store.peer_key_of(r) for r in regions if r.level == "GM"}
    assert len(provinces) > 10 and len(peers) > 3
    for province_code in provinces:
        for peer_key in [None, "9-9", *sorted(peers)]:
            expected = store.read_reference_series(
                demo, province_code=province_code, peer_key=peer_key
            )
            found = shared.references(province_code=province_code, peer_key=peer_key)
            assert found == expected, (province_code, peer_key)
            assert [list(k) for k in found.values()] == [list(k) for k in expected.values()]


def test_the_shared_parts_hold_the_store_wide_reads(demo):
    shared = store.read_shared_reads(demo)
    assert list(shared.catalogue) == store.read_indicators(demo, classified_only=True)
    for code in _codes(demo):
        assert shared.region_and_province(code) == store.read_region_and_province(demo, code)
    assert shared.region_and_province("GM9999") == (None, None)
    for level in ("GM", "PV", "CR"):
        assert shared.periods[level] == store.read_comparison_periods(demo, level=level)
    assert sum(len(targets) for targets in shared.targets.values()) > 10
    for code in [*shared.region_rows, "GM9999"]:
        assert list(shared.targets.get(code, ())) == store.read_current_targets(demo, code), code


def test_the_shared_targets_are_the_current_versions(tmp_path):
    path = tiny_store_file(tmp_path / "bw.duckdb", [("t.up", "GM0001", 2020, 1.0)])
    with closing(store.connect(path)) as con:
        first = Target("GM0001", "t.up", minimum=1.0, ambition=2.0)
        store.write_targets(
            con, [first, Target("GM0002", "t.down", minimum=5.0, ambition=None)], set_by="a"
        )
        store.write_targets(con, [replace(first, minimum=1.5)], set_by="b")
        con.execute(
            "INSERT INTO targets (id, region_code, indicator_id, set_by, set_at, retracted) "
            "VALUES (99, 'GM0002', 't.down', 'c', now() + INTERVAL 1 DAY, true)"
        )
        shared = store.read_shared_reads(con)
    assert shared.targets == {"GM0001": (replace(first, minimum=1.5),)}


def test_a_ranking_with_the_shared_reads_equals_the_joined_read(demo):
    shared = store.read_shared_reads(demo)
    compared = 0
    for indicator_id in sorted(store.read_indicator_units(demo)):
        for level in ("GM", "PV", "CR", "LD"):
            years = store.read_ranking_years(demo, indicator_id, level=level)
            for year in [None, *years, 1900]:
                expected = store.read_ranking(demo, indicator_id, level=level, year=year)
                found = store.read_ranking(
                    demo, indicator_id, level=level, year=year, shared=shared
                )
                pd.testing.assert_frame_equal(found, expected)
                compared += len(expected)
    assert compared > 10_000


def test_tied_regions_of_one_name_are_ranked_by_code_in_both_reads(tmp_path):
    gemeenten = ["GM0005", "GM0003", "GM0001", "GM0004", "GM0002"]
    rows = [("t.up", code, 2024, 1.0) for code in gemeenten]  # one value: one rank for all
    path = tiny_store_file(tmp_path / "tiny.duckdb", rows)
    with closing(store.connect(path)) as con:
        con.execute("UPDATE regions SET name = 'Centrum' WHERE level = 'GM'")  # as wijken do
        shared = store.read_shared_reads(con)
        expected = store.read_ranking(con, "t.up", level="GM")
        found = store.read_ranking(con, "t.up", level="GM", shared=shared)
    pd.testing.assert_frame_equal(found, expected)
    assert list(found["code"]) == sorted(gemeenten) and found["rank"].nunique() == 1


def test_the_series_of_some_indicators_are_those_of_the_full_read(demo):
    every = store.read_series_summaries(demo, ["GM0917", "GM0363"])
    wanted = [every[0].indicator_id, every[-1].indicator_id, "no.such.indicator"]
    some = store.read_series_summaries(demo, ["GM0917", "GM0363"], indicator_ids=wanted)
    assert some == [row for row in every if row.indicator_id in wanted]
    assert len(some) >= 3  # both regions have the first and last indicator of the full read
    assert store.read_series_summaries(demo, ["GM0917"], indicator_ids=[]) == []


def test_the_series_text_holds_the_series_lists_exactly(demo):
    lists = {
        row[:2]: row[2:]
        for row in demo.execute(
            "SELECT indicator_id, region_code, series_years, series_values, series_ci_low, "
            "series_ci_high, series_status FROM latest_values"
        ).fetchall()
    }
    summaries = store.read_series_summaries(demo, _codes(demo))  # decoded from the text
    assert len(summaries) == len(lists) > 1000
    for s in summaries:
        expected = tuple(tuple(column) for column in lists[(s.indicator_id, s.region_code)])
        assert (s.years, s.values, s.ci_low, s.ci_high, s.status) == expected
    # the short forms are met: series without any interval, statuses other than definitief
    assert any(all(low is None for low in s.ci_low) for s in summaries)
    assert any(any(low is not None for low in s.ci_low) for s in summaries)
    assert {status for s in summaries for status in s.status} >= {"definitief", "voorlopig"}


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(
        st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=12
    )
)
def test_every_double_arrives_from_the_series_text_as_it_was_loaded(tmp_path_factory, values):
    path = tmp_path_factory.mktemp("series_text") / "tiny.duckdb"
    rows = [("t.up", "GM0001", 2000 + i, value) for i, value in enumerate(values)]
    with closing(store.connect(tiny_store_file(path, rows), read_only=True)) as con:
        (summary,) = store.read_series_summaries(con, ["GM0001"], indicator_ids=["t.up"])
    assert summary.values == tuple(values)  # exact: the text round-trips every double
    assert summary.years == tuple(range(2000, 2000 + len(values)))


def test_a_region_with_no_values_reads_every_indicator_without_them(demo):
    empty = monitor.assess_region(demo, "GM0917", period=1900)
    assert empty.items and all(item.value is None for item in empty.items)
    with pytest.raises(store.StoreError, match="unknown region"):
        monitor.assess_region(demo, "GM9999")


def test_the_references_keep_each_key_under_its_own_kind_only():
    # The read prefilters by ref_key alone; a key under another kind must still be left out.
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE reference_values (indicator_id VARCHAR, year INTEGER, kind VARCHAR, "
        "ref_key VARCHAR, value DOUBLE, ci_low DOUBLE, ci_high DOUBLE, n_regions INTEGER)"
    )
    rows = [
        ("a", 2021, "NL", "NL01", 1.0, None, None, 1),
        ("a", 2020, "NL", "NL01", 2.0, 1.5, 2.5, 1),
        ("a", 2020, "NL", "NL00", 9.0, None, None, 1),  # two NL regions: the first key counts
        ("a", 2020, "PV", "PV27", 3.0, None, None, 1),
        ("a", 2020, "PV", "4-3", 4.0, None, None, 1),  # the peer key under kind PV
        ("a", 2020, "peer", "PV27", 5.0, None, None, 7),  # the province under kind peer
        ("a", 2020, "peer", "4-3", 6.0, None, None, 7),
        ("a", 2020, "PV", "PV26", 8.0, None, None, 1),
    ]
    con.executemany("INSERT INTO reference_values VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    found = store.read_reference_series(con, province_code="PV27", peer_key="4-3")
    assert set(found) == {"a"}
    nl, pv, peer = found["a"]["NL"], found["a"]["PV"], found["a"]["peer"]
    assert (nl.ref_key, nl.years, nl.values) == ("NL00", (2020, 2020, 2021), (9.0, 2.0, 1.0))
    assert (nl.ci_low, nl.ci_high) == ((None, 1.5, None), (None, 2.5, None))
    assert (pv.ref_key, pv.values, peer.ref_key, peer.values) == ("PV27", (3.0,), "4-3", (6.0,))
    assert peer.n_regions == (7,)
    only_nl = store.read_reference_series(con, province_code=None, peer_key=None)
    assert set(only_nl["a"]) == {"NL"}
    frame = store.read_references(con, province_code="PV27", peer_key="4-3", indicator_ids=["a"])
    assert list(zip(frame["kind"], frame["ref_key"], frame["value"], strict=True)) == [
        ("NL", "NL00", 9.0),
        ("NL", "NL01", 2.0),
        ("NL", "NL01", 1.0),
        ("PV", "PV27", 3.0),
        ("peer", "4-3", 6.0),
    ]
