"""The lake benchmark, ``python -m bw bench --lake``: the lake store beside the embedded one.

It builds the page benchmark's synthetic store (:func:`bench.page_queries.build_synthetic_store`)
in a DuckDB file, copies every table into a new lake (a fresh catalogue database in PostgreSQL,
Parquet files in a temporary folder), and then, in the same run, times on both stores what each
page asks (the page benchmark's queries, regions and repeats, each on a fresh cursor) and one
load of changed values through :func:`bw.intake.load_file`. The answers of the two stores must
agree. PostgreSQL is ``BW_LAKE_POSTGRES`` when set, otherwise a throw-away cluster that
``tools/lake_postgres.py`` starts and removes. Nothing here asserts a time.
"""

from __future__ import annotations

import csv
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.child import run_in_child

#: The stores compared, in the order they are printed.
KINDS = ("embedded", "lake")


@dataclass(frozen=True, slots=True)
class StoreTiming:
    """One store's page queries (milliseconds per run) and its load of changed values."""

    queries: dict[str, tuple[float, ...]]
    load_seconds: float
    load_ok: bool
    load_errors: tuple[str, ...] = ()

    def summary(self, load_rows: int) -> dict[str, object]:
        """p50/p95 per query and the load's seconds and rows per second."""
        from bench.page_queries import percentile

        return {
            "queries": {
                name: {
                    "p50_ms": round(percentile(ms, 50), 2),
                    "p95_ms": round(percentile(ms, 95), 2),
                }
                for name, ms in self.queries.items()
            },
            "load_seconds": round(self.load_seconds, 3),
            "load_rows_per_s": round(load_rows / self.load_seconds, 1) if self.load_seconds else 0,
            "load_ok": self.load_ok,
        }


@dataclass(frozen=True, slots=True)
class LakeBenchResult:
    """Both stores measured in one run, with the copy into the lake and any disagreement."""

    observations: int
    load_rows: int
    copy_s: float
    stores: dict[str, StoreTiming]
    mismatches: tuple[str, ...]

    def summary(self) -> dict[str, object]:
        """The documented JSON of ``python -m bw bench --lake --json``."""
        return {
            "observations": self.observations,
            "load_rows": self.load_rows,
            "copy_into_lake_s": round(self.copy_s, 3),
            **{kind: self.stores[kind].summary(self.load_rows) for kind in KINDS},
            "answers_agree": not self.mismatches,
        }


def write_changed_values(store_path: Path, csv_path: Path, rows: int) -> int:
    """A long CSV of ``rows`` changed percentages of local regions, the newest years first."""
    from bw import store

    con = store.connect_for_reading(store_path)
    try:
        picked = con.execute(
            "SELECT o.indicator_id, o.region_code, o.period, o.value FROM observations o "
            "JOIN regions r ON r.code = o.region_code "
            "JOIN indicators i ON i.id = o.indicator_id "
            "WHERE r.level IN ('GM', 'WK', 'BU') AND o.value IS NOT NULL AND i.unit = '%' "
            "ORDER BY o.year DESC, 1, 2, 3 LIMIT ?",
            [rows],
        ).fetchall()
    finally:
        con.close()
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "region", "period", "value"])
        for indicator, region, period, value in picked:
            # A changed value that stays within a percentage's range.
            changed = value + 0.1 if value < 99.0 else value - 0.1
            writer.writerow([indicator, region, period, f"{changed:.3f}"])
    return len(picked)


def copy_into_lake(store_path: str, location: str) -> float:
    """Copy every table of the store file into the new lake at ``location``; return seconds.

    The lake keeps its own ``meta`` rows (it says it is a lake) and takes the file's others; its
    PostgreSQL sequences continue where the file's sequences stopped, so new ids never clash.
    """
    from bw import store
    from bw.store.lake import LAKE_ALIAS, METADATA_ALIAS, SEQUENCE_PREFIX

    con = store.connect(Path(location))
    try:
        started = time.perf_counter()
        con.execute(f"ATTACH '{store_path}' AS src (READ_ONLY)")
        tables = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src' "
                "AND schema_name = 'main' ORDER BY table_name"
            ).fetchall()
        ]
        sequences = con.execute(
            "SELECT sequence_name, last_value FROM duckdb_sequences() "
            "WHERE database_name = 'src' AND last_value IS NOT NULL"
        ).fetchall()
        with store.transaction(con):
            for table in tables:
                target = f"{LAKE_ALIAS}.main.{table}"
                if table == "meta":
                    con.execute(
                        f"INSERT INTO {target} SELECT * FROM src.meta "
                        f"WHERE key NOT IN (SELECT key FROM {target})"
                    )
                else:
                    con.execute(f"INSERT INTO {target} BY NAME SELECT * FROM src.{table}")
        for name, last_value in sequences:
            con.execute(
                "CALL postgres_execute(?, ?)",
                [METADATA_ALIAS, f"SELECT setval('{SEQUENCE_PREFIX}{name}', {int(last_value)})"],
            )
        con.execute("DETACH src")
        return time.perf_counter() - started
    finally:
        con.close()


def time_page_queries(location: str, repeat: int) -> dict[str, Any]:
    """The page benchmark's queries on the store at ``location``: milliseconds and answers."""
    from bench import page_queries
    from bw import store

    path = Path(location)
    if store.is_lake(path):
        con = store.connect(path, read_only=True)
    else:
        con = store.connect_for_reading(path)
    try:
        plan = page_queries._Plan.of(store.cursor(con), repeat=repeat)
        shared, _ = page_queries._time_shared_reads(con)
        timings, answers = page_queries._time_store(con, plan, shared)
    finally:
        con.close()
    return {"timings": timings, "answers": repr(answers)}


@contextmanager
def _new_lake(server: str, data: Path) -> Iterator[str]:
    """A new catalogue database on ``server`` with its data in ``data``; dropped afterwards."""
    from bw.store.lake import LAKE_PREFIX
    from tools import lake_postgres

    conninfo = lake_postgres.create_database(server, "bw_bench")
    name = conninfo.split("dbname=", 1)[1].split()[0]
    data.mkdir(parents=True, exist_ok=True)  # bw refuses a missing data folder
    before = os.environ.get("BW_LAKE_DATA")
    os.environ["BW_LAKE_DATA"] = str(data) + "/"  # children inherit it
    try:
        yield LAKE_PREFIX + conninfo
    finally:
        if before is None:
            os.environ.pop("BW_LAKE_DATA", None)
        else:
            os.environ["BW_LAKE_DATA"] = before
        subprocess.run(
            ["psql", server, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
            check=False,
            capture_output=True,
        )


def run_lake_bench(
    *,
    observations: int = 1_000_000,
    load_rows: int = 1_000_000,
    repeat: int = 20,
    progress: Callable[[str], None] | None = None,
) -> LakeBenchResult:
    """Build the synthetic store, copy it into a lake, time pages and a load on both."""
    from bench import incremental, page_queries

    say = progress or (lambda message: None)
    from tools import lake_postgres

    named = os.environ.get("BW_LAKE_POSTGRES", "")  # else a throw-away cluster
    with (
        tempfile.TemporaryDirectory(prefix="bw-bench-lake-") as tmp,
        lake_postgres.server(named) as server,
    ):
        folder = Path(tmp)
        store_path, csv_path = folder / "bench.duckdb", folder / "changed.csv"
        say(f"building a synthetic store of about {observations:,} observations …")
        built = run_in_child(
            page_queries.build_synthetic_store, store_path, observations=observations
        )
        written = run_in_child(write_changed_values, store_path, csv_path, load_rows)
        with _new_lake(server, folder / "lake-data") as location:
            say("copying every table into a new lake …")
            copy_s = run_in_child(copy_into_lake, str(store_path), location)
            locations = {"embedded": str(store_path), "lake": location}
            measured: dict[str, dict[str, Any]] = {}
            for kind in KINDS:
                say(f"{kind}: timing {repeat} runs per page query …")
                measured[kind] = run_in_child(time_page_queries, locations[kind], repeat)
            loads: dict[str, dict[str, Any]] = {}
            for kind in KINDS:
                say(f"{kind}: loading {written:,} changed values through intake.load_file …")
                loads[kind] = run_in_child(
                    incremental._load_in_child, locations[kind], str(csv_path)
                )
    mismatches = (
        ()
        if measured["embedded"]["answers"] == measured["lake"]["answers"]
        else ("the lake's page answers differ from the embedded store's",)
    )
    return LakeBenchResult(
        observations=int(built["observations"]),
        load_rows=written,
        copy_s=copy_s,
        stores={
            kind: StoreTiming(
                queries={name: tuple(ms) for name, ms in measured[kind]["timings"].items()},
                load_seconds=float(loads[kind]["seconds"]),
                load_ok=bool(loads[kind]["ok"]),
                load_errors=tuple(loads[kind]["errors"][:5]),
            )
            for kind in KINDS
        },
        mismatches=mismatches,
    )


def format_result(result: LakeBenchResult) -> list[str]:
    """Readable lines: each query's p50/p95 on both stores, then the load on both."""
    summary = result.summary()
    lines = [
        f"lake vs embedded: {result.observations:,} observations "
        f"(copied into the lake in {result.copy_s:.1f} s)",
        f"  {'query':<16}{'embedded p50/p95 ms':>22}{'lake p50/p95 ms':>20}",
    ]
    embedded, lake = summary["embedded"], summary["lake"]
    assert isinstance(embedded, dict) and isinstance(lake, dict)
    for name, ours in embedded["queries"].items():
        theirs = lake["queries"][name]
        lines.append(
            f"  {name:<16}{ours['p50_ms']:>11.1f} /{ours['p95_ms']:>8.1f}"
            f"{theirs['p50_ms']:>11.1f} /{theirs['p95_ms']:>6.1f}"
        )
    for kind, numbers in (("embedded", embedded), ("lake", lake)):
        lines.append(
            f"  load of {result.load_rows:,} changed values, {kind}: "
            f"{numbers['load_seconds']:.2f} s ({numbers['load_rows_per_s']:,.0f} rows/s)"
            + ("" if numbers["load_ok"] else " REFUSED")
        )
    lines += [f"PROBLEM: {problem}" for problem in result.mismatches]
    for kind, timing in result.stores.items():
        lines += [f"PROBLEM ({kind} load): {error}" for error in timing.load_errors]
    return lines
