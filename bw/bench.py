"""Benchmarks that print numbers: ``python -m bw bench store --observations N``.

Builds a synthetic store of the requested size in a temporary folder (never the user's store),
then times the store operations that pages and loads depend on. Medians of several runs are
printed, because this kind of machine is small and noisy; nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from bw import bootstrap, store

#: First year of the synthetic yearly series.
_FIRST_YEAR = 2012


def time_median(action: Callable[[], object], *, repeat: int) -> float:
    """Median wall-clock seconds of ``repeat`` runs of ``action``."""
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def build_synthetic_store(path: Path, *, observations: int, years: int = 13) -> dict:
    """A store with the real catalogue, many synthetic regions and ``observations`` values."""
    con = store.connect(path)
    try:
        bootstrap.write_empty(con)
        n_indicators = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
        n_regions = max(1, observations // (n_indicators * years))
        with store.transaction(con):
            # Synthetic gemeenten spread over the provinces, with size class and urbanity, so
            # ranks and peer references have realistic group sizes.
            con.execute(
                "INSERT INTO regions (code, name, level, province_code, size_class, urbanity) "
                "SELECT printf('GM%06d', i), 'Synthetische gemeente ' || i, 'GM', "
                "printf('PV%02d', 20 + i % 12), 1 + i % 8, 1 + i % 5 FROM range(?) t(i)",
                [n_regions],
            )
            load_id = store.create_load(con, source="bench (synthetic)", format="bench")
            started = time.perf_counter()
            con.execute(
                """
                INSERT INTO observations
                SELECT ind.id, printf('GM%06d', r.i), CAST(y.year AS VARCHAR), y.year,
                       50 + 10 * sin(r.i * 0.37 + y.year) + hash(ind.id) % 7, NULL, NULL,
                       'definitief', NULL, ?
                FROM indicators ind, range(?) r(i), range(?, ?) y(year)
                """,
                [load_id, n_regions, _FIRST_YEAR, _FIRST_YEAR + years],
            )
            insert_seconds = time.perf_counter() - started
            started = time.perf_counter()
            store.refresh_derived(con)
            refresh_seconds = time.perf_counter() - started
        con.execute("CHECKPOINT")
        total = con.execute("SELECT count(*) FROM observations").fetchone()[0]
        return {
            "observations": total,
            "regions": n_regions,
            "indicators": n_indicators,
            "insert_seconds": insert_seconds,
            "full_refresh_seconds": refresh_seconds,
        }
    finally:
        con.close()


def bench_store(*, observations: int, repeat: int = 5, keep: Path | None = None) -> list[str]:
    """Build a synthetic store and time what pages and loads do; return printable lines."""
    with tempfile.TemporaryDirectory() as folder:
        path = keep or Path(folder) / "bench.duckdb"
        built = build_synthetic_store(path, observations=observations)
        con = store.connect(path)
        try:
            one_indicator = con.execute("SELECT min(id) FROM indicators").fetchone()[0]
            region = con.execute("SELECT min(code) FROM regions WHERE level = 'GM'").fetchone()[0]

            def cursor_read(reader: Callable[[duckdb.DuckDBPyConnection], object]) -> Callable:
                def run() -> object:
                    cursor = con.cursor()
                    try:
                        return reader(cursor)
                    finally:
                        cursor.close()
                return run

            timings = {
                "read_latest_by_theme (one region)": cursor_read(
                    lambda c: store.read_latest_by_theme(c, region)
                ),
                "read_regions": cursor_read(store.read_regions),
                "read_info": cursor_read(store.read_info),
                "refresh_derived (one indicator)": lambda: store.refresh_derived(
                    con, indicator_ids=[one_indicator]
                ),
            }
            lines = [
                f"synthetic store: {built['observations']:,} observations "
                f"({built['indicators']} indicators x {built['regions']:,} gemeenten x 13 years)",
                f"insert all observations: {built['insert_seconds']:.2f} s (once)",
                f"refresh_derived (all indicators): {built['full_refresh_seconds']:.2f} s (once)",
            ]
            for name, action in timings.items():
                seconds = time_median(action, repeat=repeat)
                lines.append(f"{name}: median {seconds * 1000:.1f} ms over {repeat} runs")
            return lines
        finally:
            con.close()
