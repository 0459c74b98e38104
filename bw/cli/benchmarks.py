"""``bench``: the benchmarks of the top-level ``bench`` package, run from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from bw.cli.common import EXIT_DATA_ERROR, EXIT_OK, Verbs, positive_int


def add_bench(verbs: Verbs) -> None:
    """``bench [--observations N] [--repeat K] [--json]``, ``--ingest …``, ``--incremental``."""
    bench = verbs.add_parser(
        "bench",
        help="time every page's queries on a synthetic store (in a temporary folder) "
        "against a pandas baseline",
    )
    bench.add_argument(
        "--observations",
        type=positive_int,
        default=10_000_000,
        help="size of the synthetic store (default 10000000)",
    )
    bench.add_argument(
        "--repeat", type=positive_int, default=20, help="timed runs per query (default 20)"
    )
    bench.add_argument("--json", action="store_true", help="print JSON instead of lines")
    bench.add_argument(
        "--ingest",
        action="store_true",
        help="time intake instead: a long CSV through load_file against a pandas + row-by-row "
        "INSERT baseline, and a waarstaatjegemeente delivery",
    )
    bench.add_argument(
        "--incremental",
        action="store_true",
        help="time a 1000-row load into the synthetic store of --observations instead",
    )
    bench.add_argument(
        "--lake",
        action="store_true",
        help="time the page queries and a load on a lake store (PostgreSQL: BW_LAKE_POSTGRES, "
        "or a throw-away cluster) beside the embedded store of --observations instead",
    )
    bench.add_argument(
        "--load-rows",
        type=positive_int,
        default=1_000_000,
        help="with --lake: changed values in the timed load (default 1000000)",
    )
    bench.add_argument(
        "--rows",
        type=positive_int,
        default=10_000_000,
        help="with --ingest: rows of the long CSV (default 10000000)",
    )
    bench.add_argument(
        "--wide-gemeenten",
        type=positive_int,
        default=400,
        help="with --ingest: gemeenten in the delivery (default 400)",
    )
    bench.add_argument(
        "--wide-columns",
        type=positive_int,
        default=400,
        help="with --ingest: indicator columns in the delivery (default 400)",
    )
    bench.add_argument(
        "--baseline-rows",
        type=positive_int,
        default=50_000,
        help="with --ingest: rows the row-by-row baseline inserts (default 50000)",
    )
    bench.set_defaults(run=run_bench)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_bench(args: argparse.Namespace) -> int:
    """``bench [--observations N] [--repeat K] [--json]``; exit 1 when store and baseline differ."""
    if args.ingest:
        return run_bench_ingest(args)
    if args.incremental:
        return run_bench_incremental(args)
    if args.lake:
        return run_bench_lake(args)
    # Outside the domain package, with multiprocessing: only this verb pays for importing it.
    from bench import page_queries

    result = page_queries.run_bench(
        observations=args.observations, repeat=args.repeat, progress=_progress
    )
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        for line in page_queries.format_result(result):
            print(line)
    if result.mismatches:
        print(
            f"error: the store and the pandas baseline disagree ({len(result.mismatches)} "
            "differences): the derived tables are wrong",
            file=sys.stderr,
        )
        for mismatch in result.mismatches[:50]:
            print(f"error: mismatch: {mismatch}", file=sys.stderr)
        return EXIT_DATA_ERROR
    return EXIT_OK


def run_bench_ingest(args: argparse.Namespace) -> int:
    """``bench --ingest [--rows N] [--json]``; exit 1 when a file is refused or counts differ."""
    # Outside the domain package, with multiprocessing: only this verb pays for importing it.
    from bench import ingest

    result = ingest.run_ingest_bench(
        rows=args.rows,
        wide_gemeenten=args.wide_gemeenten,
        wide_columns=args.wide_columns,
        baseline_rows=args.baseline_rows,
        progress=_progress,
    )
    if args.json:
        print(json.dumps(result.summary(), indent=2))
        if not (result.long_met and result.wide_met):  # the breakdown, off stdout
            for line in ingest.format_result(result):
                print(line, file=sys.stderr)
    else:
        for line in ingest.format_result(result):
            print(line)
    if result.problems:
        for problem in result.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_DATA_ERROR
    return EXIT_OK


def run_bench_incremental(args: argparse.Namespace) -> int:
    """``bench --incremental [--observations N] [--json]``; exit 1 when the load is refused."""
    from bench import incremental

    result = incremental.run_incremental_bench(observations=args.observations, progress=_progress)
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        for line in incremental.format_result(result):
            print(line)
    if not result.ok:
        for error in result.errors or ("the load was refused",):
            print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    return EXIT_OK


def run_bench_lake(args: argparse.Namespace) -> int:
    """``bench --lake [--observations N] [--load-rows N] [--json]``; exit 1 when they differ."""
    from bench import lake

    result = lake.run_lake_bench(
        observations=args.observations,
        load_rows=args.load_rows,
        repeat=args.repeat,
        progress=_progress,
    )
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        for line in lake.format_result(result):
            print(line)
    refused = [kind for kind, timing in result.stores.items() if not timing.load_ok]
    for problem in result.mismatches:
        print(f"error: {problem}", file=sys.stderr)
    for kind in refused:
        print(f"error: the load into the {kind} store was refused", file=sys.stderr)
    return EXIT_DATA_ERROR if result.mismatches or refused else EXIT_OK
