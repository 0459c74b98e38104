"""The catalogue and the streefwaarden as CSV: ``indicators`` and ``targets`` export|import."""

from __future__ import annotations

import argparse
from contextlib import closing
from pathlib import Path

from bw import indicator_csv, store, targets
from bw.auth import cli_actor
from bw.cli.common import EXIT_OK, Verbs, add_actor_option, open_existing
from bw.cli.output import print_report


def add_indicators(verbs: Verbs) -> None:
    """``indicators export FILE`` and ``indicators import FILE [--by NAME]``."""
    indicators = verbs.add_parser("indicators", help="export or import the indicator catalogue")
    indicator_verbs = indicators.add_subparsers(
        dest="indicators_verb", required=True, metavar="export|import"
    )
    indicators_export = indicator_verbs.add_parser("export", help="write the catalogue as CSV")
    indicators_export.add_argument("file", type=Path, metavar="FILE")
    indicators_export.set_defaults(run=run_indicators_export)
    indicators_import = indicator_verbs.add_parser(
        "import", help="add or update indicators from CSV (nothing written on any error)"
    )
    indicators_import.add_argument("file", type=Path, metavar="FILE")
    add_actor_option(indicators_import, help="who imports them")
    indicators_import.set_defaults(run=run_indicators_import)


def run_indicators_export(args: argparse.Namespace) -> int:
    """``indicators export FILE``."""
    with closing(open_existing(args.db)) as con:
        count = indicator_csv.export_indicators(con, args.file)
    print(f"{count} indicators written to {args.file}")
    return EXIT_OK


def run_indicators_import(args: argparse.Namespace) -> int:
    """``indicators import FILE``: validated whole; exit 1 and nothing written on any error."""
    with closing(open_existing(args.db, write=True)) as con:
        indicators, report = indicator_csv.read_indicator_file(con, args.file)
        if report.ok:
            with store.transaction(con):
                indicator_csv.import_indicators(con, indicators, actor=cli_actor(args.by))
    code = print_report(report, args.file, as_json=False, extra={})
    if code == EXIT_OK:
        print(f"{report.counts['new']} new and {report.counts['existing']} updated indicators")
    return code


def add_targets(verbs: Verbs) -> None:
    """``targets export FILE`` and ``targets import FILE [--by NAME]``."""
    targets_verb = verbs.add_parser("targets", help="export or import the streefwaarden as CSV")
    target_verbs = targets_verb.add_subparsers(
        dest="targets_verb", required=True, metavar="export|import"
    )
    targets_export = target_verbs.add_parser("export", help="write the current targets as CSV")
    targets_export.add_argument("file", type=Path, metavar="FILE")
    targets_export.set_defaults(run=run_targets_export)
    targets_import = target_verbs.add_parser(
        "import", help="add changed targets from CSV as new versions (nothing written on any error)"
    )
    targets_import.add_argument("file", type=Path, metavar="FILE")
    add_actor_option(targets_import, help="who sets the targets")
    targets_import.set_defaults(run=run_targets_import)


def run_targets_export(args: argparse.Namespace) -> int:
    """``targets export FILE``: the current targets as CSV (';' and decimal comma)."""
    with closing(open_existing(args.db)) as con:
        count = targets.export_targets(con, args.file)
    print(f"{count} targets written to {args.file}")
    return EXIT_OK


def run_targets_import(args: argparse.Namespace) -> int:
    """``targets import FILE [--by NAME]``: validated whole; exit 1 and nothing written on error."""
    con = open_existing(args.db, write=True)
    written = 0
    try:
        read, report = targets.read_targets_file(con, args.file)
        if report.ok:
            with store.transaction(con):
                written = targets.import_targets(con, read, actor=cli_actor(args.by))
    finally:
        con.close()
    code = print_report(report, args.file, as_json=False, extra={})
    if code == EXIT_OK:
        print(f"{written} targets changed (new versions), {len(read) - written} unchanged")
    return code
