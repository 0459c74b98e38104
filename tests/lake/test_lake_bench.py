"""``bench --lake`` at a small size: both stores answer the pages alike and take the same load."""

from __future__ import annotations

import pytest

from bench import lake as lake_bench


@pytest.mark.usefixtures("server")
def test_the_lake_bench_compares_both_stores_on_the_same_questions(server, monkeypatch):
    monkeypatch.setenv("BW_LAKE_POSTGRES", server)
    result = lake_bench.run_lake_bench(observations=20_000, load_rows=500, repeat=2)
    assert result.mismatches == ()
    assert {kind: timing.load_ok for kind, timing in result.stores.items()} == {
        "embedded": True,
        "lake": True,
    }
    assert result.load_rows == 500
    summary = result.summary()
    assert summary["answers_agree"] is True
    for kind in lake_bench.KINDS:
        queries = summary[kind]["queries"]
        assert set(queries) == {"overzicht", "vergelijken", "series", "wijk_overzicht"}
        assert all(q["p50_ms"] > 0 for q in queries.values())
