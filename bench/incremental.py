"""The incremental-load benchmark, ``python -m bw bench --incremental``: a small load's cost.

It builds the page benchmark's synthetic store (:func:`bench.page_queries.build_synthetic_store`,
default 10 million observations) in a temporary folder, then loads a long CSV of 1 000 rows
through :func:`bw.intake.load_file`: changed values of a few indicators for a few local regions
(gemeenten, wijken, buurten) over the last years. The load, validation and refresh included,
should cost what it changes, not what the store holds (goal: at most 1 second). Both steps
run in spawned processes; the phases are timed as in :mod:`bench.ingest`.
Nothing here asserts a time.
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.child import run_in_child

#: Goal of issue 16 item 2: a 1 000-row load into the 10-million store in at most this.
GOAL_SECONDS = 1.0
_INDICATORS, _YEARS = 5, 5


@dataclass(frozen=True, slots=True)
class IncrementalResult:
    """One small load into a large store."""

    rows: int  # rows in the loaded file: 1000
    store_observations: int  # observations in the store before the load
    seconds: float  # intake.load_file, everything included
    phases: dict[str, float]
    ok: bool
    errors: tuple[str, ...]

    def summary(self) -> dict[str, object]:
        """The documented JSON of ``python -m bw bench --incremental --json``."""
        return {
            "rows": self.rows,
            "store_observations": self.store_observations,
            "seconds": round(self.seconds, 3),
            "phases": {name: round(value, 3) for name, value in self.phases.items()},
        }

    @property
    def met(self) -> bool:
        return self.seconds <= GOAL_SECONDS


def write_small_load(store_path: Path, csv_path: Path, rows: int) -> int:
    """A long CSV of ``rows`` changed values: a few indicators x local regions x last years."""
    from bw import store

    con = store.connect_for_reading(store_path)
    try:
        indicators = [
            row[0]
            for row in con.execute(
                "SELECT id FROM indicators WHERE unit = '%' ORDER BY id LIMIT ?", [_INDICATORS]
            ).fetchall()
        ]
        # Twice the regions the rows need: some series have gaps (missing values).
        regions = 2 * -(-rows // (len(indicators) * _YEARS))
        picked = con.execute(
            "SELECT o.indicator_id, o.region_code, o.period, o.value FROM observations o "
            "JOIN (SELECT code FROM regions WHERE level IN ('GM', 'WK', 'BU') "
            "ORDER BY code LIMIT ?) g "
            "ON g.code = o.region_code "
            "WHERE list_contains(?, o.indicator_id) AND o.value IS NOT NULL "
            "AND o.period = CAST(o.year AS VARCHAR) "
            "AND o.year > (SELECT max(year) FROM observations) - ? "
            "ORDER BY 1, 2, 3 LIMIT ?",
            [regions, indicators, _YEARS, rows],
        ).fetchall()
    finally:
        con.close()
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "region", "period", "value"])
        for indicator, region, period, value in picked:
            # A changed value that stays within a percentage's range.
            changed = value + 0.1 if value < 99.0 else value - 0.1
            writer.writerow([indicator, region, period, f"{changed:.1f}"])
    return len(picked)


def _load_in_child(store_path: str, csv_path: str) -> dict[str, Any]:
    """Load the small file through intake.load_file, timed with its phases."""
    from bench import ingest
    from bw import bootstrap, intake, store
    from bw.loaders import long_csv
    from bw.store.meta import scalar

    ingest._quiet_stdout()
    con = store.connect(Path(store_path))
    try:
        con.execute("SET enable_progress_bar = false")
        observations = scalar(con.execute("SELECT count(*) FROM observations"))
        with ingest._timed_phases(ingest._phase_targets(long_csv)) as (phases, _rss):
            started = time.perf_counter()
            outcome = intake.load_file(con, Path(csv_path), actor=bootstrap.SYSTEM_ACTOR)
            seconds = time.perf_counter() - started
    finally:
        con.close()
    phases = dict(phases)
    phases.pop("loader total", None)
    return {
        "observations": int(observations),
        "seconds": seconds,
        "phases": phases,
        "ok": bool(outcome.report.ok and outcome.load_id is not None),
        "errors": [
            f"{i.code}: {i.message}" for i in outcome.report.issues if i.severity == "error"
        ],
    }


def run_incremental_bench(
    *,
    observations: int = 10_000_000,
    rows: int = 1_000,
    progress: Callable[[str], None] | None = None,
) -> IncrementalResult:
    """Build the synthetic store, load ``rows`` changed values into it, time that load."""
    from bench import page_queries

    say = progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="bw-bench-incremental-") as tmp:
        folder = Path(tmp)
        store_path, csv_path = folder / "bench.duckdb", folder / "small_load.csv"
        say(f"building a synthetic store of about {observations:,} observations …")
        run_in_child(page_queries.build_synthetic_store, store_path, observations=observations)
        written = run_in_child(write_small_load, store_path, csv_path, rows)
        say(f"loading {written:,} changed values through intake.load_file …")
        run = run_in_child(_load_in_child, str(store_path), str(csv_path))
    return IncrementalResult(
        rows=written,
        store_observations=run["observations"],
        seconds=run["seconds"],
        phases=run["phases"],
        ok=run["ok"],
        errors=tuple(run["errors"]),
    )


def format_result(result: IncrementalResult) -> list[str]:
    """Readable lines: the load, the goal MET or MISSED, and where the time went."""
    from bench.ingest import format_breakdown

    return [
        f"incremental load: {result.rows:,} rows into a store of "
        f"{result.store_observations:,} observations in {result.seconds:.3f} s",
        f"goal <= {GOAL_SECONDS:g} s: {'MET' if result.met else 'MISSED'}",
        "  where the time goes:",
        *format_breakdown(result.phases, result.seconds),
        *(f"PROBLEM: {error}" for error in result.errors),
    ]
