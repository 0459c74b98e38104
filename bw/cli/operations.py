"""What an operator asks of a running store: ``health`` (and ``asof``, the store as of a load)."""

from __future__ import annotations

import argparse
import json
from contextlib import closing

from bw import config
from bw.cli.common import EXIT_DATA_ERROR, EXIT_OK, Verbs, open_existing, positive_int
from bw.cli.output import json_safe, terminal_safe
from bw.store.health import Health, check_health
from bw.store.history import load_snapshot, read_observations_as_of


def add_health(verbs: Verbs) -> None:
    """``health [--json]``."""
    health = verbs.add_parser(
        "health",
        help="check that this instance can open the store, query its catalogue and read its "
        "data (exit 0 ok, 1 not ok: for a load balancer or systemd)",
    )
    health.add_argument("--json", action="store_true", help="print JSON instead of lines")
    health.set_defaults(run=run_health)


def run_health(args: argparse.Namespace) -> int:
    """``health [--json]``: one line per check and ``healthy``/``NOT healthy``; exit 0 or 1."""
    location = args.db or config.store_path()
    health = check_health(location, writable=not config.app_read_only())
    if args.json:
        print(json.dumps(health.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_health(health))
    return EXIT_OK if health.ok else EXIT_DATA_ERROR


def format_health(health: Health) -> str:
    """The lines ``health`` prints: ``ok``/``FAIL``, the check's name, what it found."""
    lines = [f"store      {health.store}"]
    for check in health.checks:
        lines.append(f"{'ok' if check.ok else 'FAIL':<4}  {check.name:<9}  {check.detail}")
    lines.append("healthy" if health.ok else "NOT healthy")
    return terminal_safe("\n".join(lines)).replace("\\n", "\n")


def add_asof(verbs: Verbs) -> None:
    """``asof LOAD_ID [--region CODE] [--indicator ID] [--json]``."""
    asof = verbs.add_parser(
        "asof",
        help="the observations as they were right after a load, before later loads "
        "(lake store only)",
    )
    asof.add_argument("load_id", type=positive_int, metavar="LOAD_ID")
    asof.add_argument("--region", default=None, help="only this region code")
    asof.add_argument("--indicator", default=None, help="only this indicator id")
    asof.add_argument("--json", action="store_true", help="print JSON")
    asof.set_defaults(run=run_asof)


def run_asof(args: argparse.Namespace) -> int:
    """``asof LOAD_ID …``: the lake read at the snapshot that load committed."""
    with closing(open_existing(args.db)) as con:
        found = load_snapshot(con, args.load_id)
        frame = read_observations_as_of(
            con, found.snapshot_id, region=args.region, indicator=args.indicator
        )
    if args.json:
        rows = json.loads(frame.to_json(orient="records"))
        document = {
            "load_id": found.load_id,
            "snapshot_id": found.snapshot_id,
            "committed_at": found.committed_at,
            "observations": rows,
        }
        print(json_safe(json.dumps(document, ensure_ascii=False, indent=2)))
        return EXIT_OK
    print(
        f"store as of load {found.load_id} (lake snapshot {found.snapshot_id}, committed "
        f"{found.committed_at}): {len(frame)} observations"
    )
    for row in frame.to_dict("records"):
        value = row["value"]
        shown = "" if value is None or value != value else f"{float(value):g}"  # NaN: none
        print(
            terminal_safe(
                f"{row['indicator_id']:<32}  {row['region_code']:<8}  {row['period']:<8}  "
                f"{shown:>12}  {row['status']}  load {row['load_id']}"
            )
        )
    return EXIT_OK
