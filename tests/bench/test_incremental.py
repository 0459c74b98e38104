"""Tests for bench.incremental: ``python -m bw bench --incremental`` JSON shape and the load.

Times are never asserted: only that the numbers exist and the small load went through.
"""

from __future__ import annotations

import json

from bw import cli


def test_bench_incremental_json_has_the_documented_keys(capsys):
    assert cli.main(["bench", "--incremental", "--observations", "50000", "--json"]) == 0
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert set(printed) == {"rows", "store_observations", "seconds", "phases"}
    assert printed["rows"] == 1_000
    assert printed["store_observations"] >= 40_000
    assert isinstance(printed["seconds"], float) and printed["seconds"] > 0
    assert "refresh_derived" in printed["phases"]
    assert "store write (write_observations)" in printed["phases"]
    assert "error:" not in captured.err
