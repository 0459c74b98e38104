"""Tests for bench.ingest: ``python -m bw bench --ingest`` JSON shape and loaded counts.

Times are never asserted: only that the numbers exist and every written row arrives.
"""

from __future__ import annotations

import json

import pytest

from bench import ingest
from bw import cli


@pytest.fixture(scope="module")
def tiny_result():
    """One tiny run (20 000 rows, a 20 x 20 delivery), shared by the tests that read it."""
    return ingest.run_ingest_bench(
        rows=20_000, wide_gemeenten=20, wide_columns=20, baseline_rows=2_000
    )


def test_bench_ingest_json_has_the_documented_shape_and_exits_0(capsys):
    argv = [
        "bench",
        "--ingest",
        "--rows",
        "20000",
        "--wide-gemeenten",
        "20",
        "--wide-columns",
        "20",
        "--baseline-rows",
        "2000",
        "--json",
    ]
    assert cli.main(argv) == cli.EXIT_OK
    captured = capsys.readouterr()
    printed = json.loads(captured.out)
    assert set(printed) == {"long_csv", "wide_export"}
    assert set(printed["long_csv"]) == {
        "rows",
        "seconds",
        "rows_per_s",
        "baseline_rows_per_s",
        "duckdb_read_csv_s",
        "load_vs_read_csv",
        "peak_rss_mb",
        "phases",
    }
    assert set(printed["wide_export"]) == {"gemeenten", "columns", "seconds", "peak_rss_mb"}
    assert printed["long_csv"]["rows"] == 20_000
    assert printed["wide_export"] == {**printed["wide_export"], "gemeenten": 20, "columns": 20}
    for key in ("seconds", "rows_per_s", "baseline_rows_per_s", "duckdb_read_csv_s"):
        assert isinstance(printed["long_csv"][key], float) and printed["long_csv"][key] > 0
    assert isinstance(printed["wide_export"]["seconds"], float)
    assert printed["wide_export"]["seconds"] > 0
    assert "error:" not in captured.err


def test_every_written_row_and_cell_is_loaded(tiny_result):
    assert tiny_result.problems == ()
    assert tiny_result.long_csv.report_ok and tiny_result.wide_export.report_ok
    assert tiny_result.long_csv.rows_written == tiny_result.long_csv.rows_loaded == 20_000
    assert tiny_result.long_csv.baseline_rows == 2_000
    assert tiny_result.wide_export.cells_loaded == 20 * 20


def test_readable_output_states_both_goals_and_the_sampled_baseline(tiny_result):
    text = "\n".join(ingest.format_result(tiny_result, breakdown=True))
    assert "1,000,000 rows/s" in text and "< 2 s" in text
    assert text.count("MET") + text.count("MISSED") >= 2
    assert "sample of the first 2,000 rows" in text
    assert "refresh_derived" in text and "validation queries" in text
    assert "peak RSS" in text


def test_phases_account_for_the_load_time(tiny_result):
    long = tiny_result.long_csv
    assert sum(long.phases.values()) == pytest.approx(long.seconds, rel=0.05)
    assert long.peak_rss_mb > 0 and tiny_result.wide_export.peak_rss_mb > 0


@pytest.mark.parametrize(("rows", "expected"), [(10_000_000, 8131), (20_000, 17), (1, 1)])
def test_gemeenten_for_fits_the_rows(rows, expected):
    assert ingest.gemeenten_for(rows, indicators=41) == expected


def test_json_summary_carries_peak_memory_and_phases(tiny_result):
    summary = tiny_result.summary()
    assert summary["long_csv"]["peak_rss_mb"] > 0 and summary["wide_export"]["peak_rss_mb"] > 0
    assert "refresh_derived" in summary["long_csv"]["phases"]
