"""The command line, ``python -m bw VERB``: exit 0 ok, 1 data or validation error, 2 usage."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bw import bootstrap, config, store

EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_USAGE = 2

_LEVEL_ORDER = ("NL", "LD", "PV", "CR", "GM", "WK", "BU", "group")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every verb; later verbs join here."""
    parser = argparse.ArgumentParser(
        prog="python -m bw",
        description="bw: het brede welvaart dashboard (store, demo monitor, command line).",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"store file (default: BW_DB or {config.store_path()})",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    init = verbs.add_parser("init", help="create the store (demo monitor by default)")
    kind = init.add_mutually_exclusive_group()
    kind.add_argument("--demo", action="store_true", help="fill it with the demo monitor (default)")
    kind.add_argument(
        "--empty", action="store_true", help="only the catalogue and the NL/province frame"
    )
    init.add_argument(
        "--force", action="store_true", help="recreate an existing store, keeping a backup"
    )
    init.set_defaults(run=run_init)

    info = verbs.add_parser("info", help="counts of what the store holds")
    info.add_argument("--json", action="store_true", help="print JSON instead of a table")
    info.set_defaults(run=run_info)

    bench = verbs.add_parser("bench", help="benchmarks that print numbers")
    bench_what = bench.add_subparsers(dest="bench_what", required=True, metavar="WHAT")
    bench_store = bench_what.add_parser(
        "store", help="time reads and refreshes on a synthetic store (in a temporary folder)"
    )
    bench_store.add_argument(
        "--observations", type=_positive_int, default=1_000_000, help="size (default 1000000)"
    )
    bench_store.add_argument("--repeat", type=_positive_int, default=5, help="runs per timing")
    bench_store.set_defaults(run=run_bench_store)
    return parser


def _positive_int(text: str) -> int:
    value = int(text.replace("_", ""))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors and 0 on --help
        return int(exit_.code or 0)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except store.StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR


def run_init(args: argparse.Namespace) -> int:
    """``init [--demo | --empty] [--force]``."""
    result = bootstrap.init_store(
        args.db,
        with_demo=not args.empty,
        force=args.force,
        progress=lambda message: print(message, file=sys.stderr),
    )
    kind = "demo monitor (demodata, fictief)" if not args.empty else "empty store"
    print(f"created {kind}: {result.path}")
    if result.backup:
        print(f"previous store kept as {result.backup}")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    """``info [--json]``."""
    path = args.db or config.store_path()
    if not Path(path).exists():
        print(f"error: store {path} does not exist; create it with `python -m bw init`",
              file=sys.stderr)
        return EXIT_DATA_ERROR
    con = store.connect_for_reading(path)
    try:
        info = store.read_info(con)
    finally:
        con.close()
    info["regions"] = dict(sorted(info["regions"].items(), key=lambda kv: _level_rank(kv[0])))
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        print(format_info(info, path=Path(path)))
    return EXIT_OK


def run_bench_store(args: argparse.Namespace) -> int:
    """``bench store [--observations N] [--repeat K]``."""
    from bw import bench  # only this verb needs it

    for line in bench.bench_store(observations=args.observations, repeat=args.repeat):
        print(line, flush=True)
    return EXIT_OK


def _level_rank(level: str) -> int:
    return _LEVEL_ORDER.index(level) if level in _LEVEL_ORDER else len(_LEVEL_ORDER)


def format_info(info: dict, *, path: Path) -> str:
    """The human-readable form of :func:`bw.store.read_info`'s counts."""
    lines = [f"store         {path}"]
    if info["demo"]:
        lines.append("data          demodata (fictief) — demo data, fictional")
    regions = ", ".join(f"{level} {count}" for level, count in info["regions"].items())
    lines.append(f"regions       {regions or 'none'}")
    ind = info["indicators"]
    lines.append(
        f"indicators    {ind['total']} (hier en nu {ind['hier_en_nu']}, later {ind['later']}, "
        f"elders {ind['elders']}; one indicator can count for more than one dimension)"
    )
    for key in ("observations", "targets", "loads"):
        lines.append(f"{key:<13} {info[key]}")
    return "\n".join(lines)
