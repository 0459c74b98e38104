"""``fetch cbs`` and ``fetch boundaries``: downloads saved as files, loaded only on request."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from bw import config, intake
from bw.auth import cli_actor
from bw.cli.common import EXIT_DATA_ERROR, EXIT_OK, Verbs, add_actor_option, open_existing, year
from bw.cli.output import counts_text, print_report


def add_fetch(verbs: Verbs) -> None:
    """``fetch cbs TABLE [options]`` and ``fetch boundaries YEAR [options]``."""
    fetch = verbs.add_parser(
        "fetch", help="download a CBS table or boundary GeoJSON (saved as files; --load loads)"
    )
    fetch_verbs = fetch.add_subparsers(dest="fetch_verb", required=True, metavar="WHAT")
    _add_fetch_cbs(fetch_verbs)
    _add_fetch_boundaries(fetch_verbs)


def _table_id(text: str) -> str:
    value = text.strip()
    if not (value.isascii() and value.isalnum() and 5 <= len(value) <= 20):
        raise argparse.ArgumentTypeError(
            f"expected a CBS table number such as 83625NED, got {text!r}"
        )
    return value


def _code_list(text: str) -> list[str]:
    codes = [part.strip() for part in text.split(",") if part.strip()]
    if not codes:
        raise argparse.ArgumentTypeError("expected codes separated by commas, such as GM0363,PV27")
    return codes


def _add_fetch_cbs(fetch_verbs: Verbs) -> None:
    fetch_cbs = fetch_verbs.add_parser(
        "cbs", help="download a CBS OData table into a folder the cbs_odata loaders read"
    )
    fetch_cbs.add_argument("table", type=_table_id, metavar="TABLE", help="such as 83625NED")
    fetch_cbs.add_argument(
        "--v3", action="store_true", help="use OData v3 (opendata.cbs.nl ODataFeed) instead of v4"
    )
    fetch_cbs.add_argument(
        "--regions",
        type=_code_list,
        default=None,
        help="only these regions, comma separated (GM0363,PV27)",
    )
    fetch_cbs.add_argument(
        "--periods",
        type=_code_list,
        default=None,
        help="only these periods, comma separated (2022JJ00,2023JJ00)",
    )
    fetch_cbs.add_argument(
        "--topics",
        type=_code_list,
        default=None,
        help="only these measures/topics, comma separated (M001534)",
    )
    fetch_cbs.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to save into (default: <data dir>/downloads/TABLE)",
    )
    fetch_cbs.add_argument(
        "--base-url", default=None, help="table URL template with {table} (a mirror; default CBS)"
    )
    fetch_cbs.add_argument(
        "--load", action="store_true", help="then validate and load the saved folder as one load"
    )
    fetch_cbs.add_argument(
        "--new-indicators",
        choices=("error", "create"),
        default="error",
        help="with --load, unmapped topics: an error (default) or new indicators",
    )
    add_actor_option(fetch_cbs, help="with --load: who loads it")
    fetch_cbs.set_defaults(run=run_fetch_cbs)


def _fetch_progress(text: str, counts: Mapping[str, object]) -> None:
    rows = counts.get("total_rows")
    print(f"{text}: {rows} rijen" if rows is not None else text, file=sys.stderr, flush=True)


def run_fetch_cbs(args: argparse.Namespace) -> int:
    """``fetch cbs TABLE [--v3] [--regions …] [--periods …] [--topics …] [--out D] [--load]``."""
    from bw import fetch  # requests and ssl: about 150 ms that no other verb should pay

    con = open_existing(args.db, write=True) if args.load else None  # fail before downloading
    try:
        dest = args.out or config.data_dir() / "downloads" / args.table
        function = fetch.fetch_cbs_v3 if args.v3 else fetch.fetch_cbs_v4
        options = {"base_url": args.base_url} if args.base_url else {}
        try:
            saved = function(
                args.table,
                dest=dest,
                regions=args.regions,
                periods=args.periods,
                measures=args.topics,
                progress=_fetch_progress,
                **options,
            )
        except fetch.FetchError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_DATA_ERROR
        print(f"saved {args.table} to {saved}")
        if con is None:
            print(f"load it with: python -m bw load {saved}")
            return EXIT_OK
        file = saved / ("DataProperties.json" if args.v3 else "index.json")
        outcome = intake.load_file(
            con,
            file,
            format="cbs_odata_v3" if args.v3 else "cbs_odata_v4",
            new_indicators=args.new_indicators,
            actor=cli_actor(args.by),
        )
    finally:
        if con is not None:
            con.close()
    extra = {
        "load_id": outcome.load_id,
        **{k: outcome.counts.get(k, 0) for k in ("new", "changed", "unchanged", "missing")},
    }
    code = print_report(outcome.report, saved, as_json=False, extra=extra)
    if code == EXIT_OK and outcome.load_id is not None:
        print(f"loaded as load {outcome.load_id}: {counts_text(extra)}")
    return code


def _add_fetch_boundaries(fetch_verbs: Verbs) -> None:
    fetch_boundaries = fetch_verbs.add_parser(
        "boundaries", help="download (or install with --file) a checked boundary GeoJSON"
    )
    fetch_boundaries.add_argument("year", type=year, metavar="YEAR")
    fetch_boundaries.add_argument(
        "--level",
        choices=("gemeente", "provincie"),
        default="gemeente",
        help="region level (gemeente)",
    )
    fetch_boundaries.add_argument(
        "--file", type=Path, default=None, help="install this local GeoJSON instead of downloading"
    )
    fetch_boundaries.add_argument(
        "--url",
        default=None,
        help="URL template with {level} and {year} (default: cartomap's WGS84 copy of the "
        "CBS/PDOK gebiedsindelingen; not verified offline, check it)",
    )
    fetch_boundaries.set_defaults(run=run_fetch_boundaries)


def run_fetch_boundaries(args: argparse.Namespace) -> int:
    """``fetch boundaries YEAR [--level gemeente|provincie] [--file PATH] [--url TEMPLATE]``."""
    from bw import fetch  # requests and ssl: about 150 ms that no other verb should pay

    try:
        if args.file is not None:
            path = fetch.install_boundaries(
                args.file, level=args.level, year=args.year, dest_dir=config.data_dir()
            )
        else:
            options = {"url_template": args.url} if args.url else {}
            path = fetch.fetch_boundaries(
                args.year, level=args.level, dest_dir=config.data_dir(), **options
            )
    except fetch.FetchError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    print(f"boundaries {args.level} {args.year} installed as {path}")
    return EXIT_OK
