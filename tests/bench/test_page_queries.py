"""Tests for bench.page_queries: ``python -m bw bench`` JSON shape and store/baseline agreement.

Times are never asserted: only that the numbers exist and the two ways of answering agree.
"""

from __future__ import annotations

import json

import pytest

from bench import page_queries
from bw import cli


@pytest.fixture(scope="module")
def tiny_result():
    """One tiny benchmark run, shared by the tests that only read its result."""
    return page_queries.run_bench(observations=20_000, repeat=2)


def test_bench_json_has_the_documented_shape_and_exits_0(capsys):
    assert cli.main(["bench", "--observations", "20000", "--repeat", "2", "--json"]) == cli.EXIT_OK
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert set(printed) == {
        "observations",
        "build_s",
        "refresh_s",
        "peak_rss_mb",
        "shared_reads_ms",
        "queries",
    }
    assert isinstance(printed["observations"], int) and printed["observations"] > 15_000
    for key in ("build_s", "refresh_s", "peak_rss_mb", "shared_reads_ms"):
        assert isinstance(printed[key], float) and printed[key] > 0
    assert list(printed["queries"]) == ["overzicht", "vergelijken", "series", "wijk_overzicht"]
    for numbers in printed["queries"].values():
        assert set(numbers) == {"p50_ms", "p95_ms", "baseline_p50_ms", "ratio"}
        assert all(isinstance(v, float) and v > 0 for v in numbers.values())
        assert numbers["p50_ms"] <= numbers["p95_ms"]
    assert "mismatch" not in captured.err


def test_store_and_baseline_agree_on_every_run(tiny_result):
    assert tiny_result.mismatches == ()
    assert all(len(q.store_ms) == 2 and len(q.baseline_ms) == 2 for q in tiny_result.queries)


def test_the_synthetic_store_has_every_level_and_the_real_catalogue(tiny_result):
    assert {"NL", "LD", "PV", "GM", "WK", "BU"} <= set(tiny_result.regions)
    assert tiny_result.indicators >= 30
    assert tiny_result.years == 20


def test_readable_output_names_every_query_and_the_goals(tiny_result):
    text = "\n".join(page_queries.format_result(tiny_result))
    for name in page_queries.QUERY_NAMES:
        assert name in text
    assert "goals:" in text and "agree" in text


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        (10_000_000, {"GM": 244, "WK": 2192, "BU": 9742}),
        (1, {"GM": 2, "WK": 1, "BU": 4}),
    ],
)
def test_plan_regions_derives_the_levels_from_the_size(observations, expected):
    assert page_queries.plan_regions(observations, indicators=41, years=20) == expected


def test_synthetic_regions_follow_cbs_codes_and_parents():
    counts = {"GM": 5, "WK": 12, "BU": 40}
    regions = page_queries.synthetic_regions(counts, provinces=[("PV20", "LD01"), ("PV27", "LD03")])
    assert regions["level"].value_counts().to_dict() == counts
    by_code = regions.set_index("code")
    for row in regions.itertuples():
        if row.level == "GM":
            assert len(row.code) == 6 and row.province_code in ("PV20", "PV27")
            assert 1 <= row.size_class <= 8 and 1 <= row.urbanity <= 5
        elif row.level == "WK":
            assert len(row.code) == 8 and row.gemeente_code == "GM" + row.code[2:6]
        else:
            assert len(row.code) == 10 and row.gemeente_code == "GM" + row.code[2:6]
            assert "WK" + row.code[2:8] in by_code.index
        if row.level != "GM":
            parent = by_code.loc[row.gemeente_code]
            assert row.province_code == parent["province_code"]
    assert regions["code"].is_unique


def test_a_wrong_store_answer_is_reported_as_a_mismatch():
    store_answer = {"a.x": (2024, 1.0, 2023, 0.5, 3, 10)}
    baseline_answer = {"a.x": (2024, 1.0, 2023, 0.5, 4, 10)}
    assert page_queries._differences(store_answer, baseline_answer) != []
    assert page_queries._differences(store_answer, dict(store_answer)) == []
    assert page_queries._differences({"a": 1.0}, {}) == ["a: only the store has it"]


def test_percentiles_interpolate_between_ranks():
    assert page_queries.percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert page_queries.percentile([10.0, 20.0], 95) == pytest.approx(19.5)
