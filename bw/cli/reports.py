"""Printable reports: ``programme``, ``options`` and ``workshop`` (list, and report as HTML)."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import closing
from pathlib import Path

import pandas as pd

from bw import export, policy_options, programmes, store, workshops
from bw.cli.common import (
    EXIT_DATA_ERROR,
    EXIT_OK,
    Verbs,
    add_actor_option,
    open_existing,
    positive_int,
)
from bw.reports import effect as effect_report
from bw.reports import progress as progress_report
from bw.reports import workshop as workshop_report


def _add_report_files(report: argparse.ArgumentParser, *, csv_help: str) -> None:
    report.add_argument("--out", type=Path, required=True, help="the HTML file")
    report.add_argument("--csv", type=Path, default=None, help=csv_help)
    report.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (nl)")


def _write_report(args: argparse.Namespace, html: str, table: pd.DataFrame, *, what: str) -> None:
    """Write the HTML to ``--out`` and, with ``--csv``, the table beside it."""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"{what} written to {args.out}")
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        args.csv.write_bytes(export.to_csv_bytes(table, lang=args.lang))
        print(f"table written to {args.csv}")


def add_programme(verbs: Verbs) -> None:
    """``programme list`` and ``programme report ID --out FILE.html [--csv FILE] [--lang]``."""
    programme = verbs.add_parser(
        "programme", help="programmes and their indicatorenplan: list, progress report"
    )
    programme_verbs = programme.add_subparsers(
        dest="programme_verb", required=True, metavar="list|report"
    )
    programme_list = programme_verbs.add_parser("list", help="every programme with its id")
    programme_list.set_defaults(run=run_programme)
    programme_report = programme_verbs.add_parser(
        "report", help="write the progress report (voortgangsrapportage) as printable HTML"
    )
    programme_report.add_argument("programme_id", type=positive_int, metavar="ID")
    _add_report_files(programme_report, csv_help="also write the report as a CSV table")
    programme_report.set_defaults(run=run_programme)


def run_programme(args: argparse.Namespace) -> int:
    """``programme list`` and ``programme report ID --out FILE.html [--csv FILE] [--lang]``."""
    with closing(open_existing(args.db)) as con:
        if args.programme_verb == "list":
            for p in programmes.read_programmes(con):
                years = f"{p.start_year or '…'}-{p.end_year or '…'}"
                print(f"{p.id}\t{p.kind}\t{years}\t{', '.join(p.region_codes)}\t{p.name}")
            return EXIT_OK
        if programmes.read_programme(con, args.programme_id) is None:
            print(
                f"error: unknown programme {args.programme_id}; see `python -m bw programme list`",
                file=sys.stderr,
            )
            return EXIT_DATA_ERROR
        html, table = progress_report.build_progress_report(
            con, args.programme_id, lang=args.lang, demo=store.is_demo(con)
        )
    _write_report(args, html, table, what=f"progress report of programme {args.programme_id}")
    return EXIT_OK


def add_options(verbs: Verbs) -> None:
    """``options list [--json]`` and ``options report SET_ID --out F.html [--csv F.csv]``."""
    options = verbs.add_parser("options", help="beleidsopties: option sets and their effect report")
    options_verbs = options.add_subparsers(
        dest="options_verb", required=True, metavar="list|report"
    )
    options_list = options_verbs.add_parser("list", help="every option set with its id")
    options_list.add_argument("--json", action="store_true", help="print JSON records")
    options_list.set_defaults(run=run_options)
    options_report = options_verbs.add_parser(
        "report", help="write the effect report (effectrapport) as printable HTML"
    )
    options_report.add_argument("set_id", type=positive_int, metavar="SET_ID")
    _add_report_files(options_report, csv_help="also write the effects as a CSV table")
    add_actor_option(options_report, help="who makes the report (shown in it)")
    options_report.set_defaults(run=run_options)


def run_options(args: argparse.Namespace) -> int:
    """``options list [--json]`` and ``options report SET_ID --out F.html [--csv F.csv]``."""
    with closing(open_existing(args.db)) as con:
        if args.options_verb == "list":
            sets = policy_options.read_option_sets(con)
            if args.json:
                print(
                    json.dumps(
                        [
                            {
                                "id": s.id,
                                "region": s.region_code,
                                "title": s.title,
                                "question": s.question,
                                "options": [o.name for o in s.options],
                                "updated_by": s.updated_by,
                                "updated_at": s.updated_at.isoformat(),
                            }
                            for s in sets
                        ],
                        ensure_ascii=False,
                        indent=2,
                    )
                )
                return EXIT_OK
            for s in sets:
                print(f"{s.id}\t{s.region_code}\t{len(s.options)} options\t{s.title}")
            return EXIT_OK
        if policy_options.read_option_set(con, args.set_id) is None:
            print(
                f"error: unknown option set {args.set_id}; see `python -m bw options list`",
                file=sys.stderr,
            )
            return EXIT_DATA_ERROR
        html, table = effect_report.build_effect_report(
            con, args.set_id, lang=args.lang, demo=store.is_demo(con), made_by=args.by
        )
    _write_report(args, html, table, what=f"effect report of option set {args.set_id}")
    return EXIT_OK


def add_workshop(verbs: Verbs) -> None:
    """``workshop list [--json]`` and ``workshop report CODE --out FILE.html [--lang]``."""
    workshop = verbs.add_parser("workshop", help="workshop sessions: list, session report")
    workshop_verbs = workshop.add_subparsers(
        dest="workshop_verb", required=True, metavar="list|report"
    )
    listing = workshop_verbs.add_parser("list", help="every session with its code and status")
    listing.add_argument("--json", action="store_true", help="print JSON records")
    listing.set_defaults(run=run_workshop)
    report = workshop_verbs.add_parser(
        "report", help="write a session's report (arguments, comments, proposals) as HTML"
    )
    report.add_argument("code", metavar="CODE", help="the session's join code, e.g. K7PX3M")
    report.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    report.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (nl)")
    report.set_defaults(run=run_workshop)


def run_workshop(args: argparse.Namespace) -> int:
    """Run ``workshop list`` or ``workshop report``; exit 1 for an unknown code."""
    with closing(open_existing(args.db)) as con:
        if args.workshop_verb == "list":
            sessions = workshops.read_sessions(con)
            counts = {s.id: len(workshops.read_state(con, s.id).visible()) for s in sessions}
            if args.json:
                print(
                    json.dumps(
                        [
                            {
                                "id": s.id,
                                "code": s.code,
                                "title": s.title,
                                "region": s.region_code,
                                "phase": s.phase,
                                "themes": list(s.themes),
                                "status": s.status,
                                "created_by": s.created_by,
                                "created_at": s.created_at.isoformat(),
                                "finalised_at": s.finalised_at.isoformat()
                                if s.finalised_at
                                else None,
                                "arguments": counts[s.id],
                            }
                            for s in sessions
                        ],
                        ensure_ascii=False,
                    )
                )
            else:
                for s in sessions:
                    print(
                        f"{s.code}\t{s.status}\t{s.region_code}\t{s.phase}\t"
                        f"{counts[s.id]} arguments\t{s.title}"
                    )
            return EXIT_OK
        session = workshops.read_session(con, args.code)
        if session is None:
            print(
                f"error: unknown workshop code {workshops.normalise_code(args.code)!r}; see "
                "`python -m bw workshop list`",
                file=sys.stderr,
            )
            return EXIT_DATA_ERROR
        html = workshop_report.build_workshop_report(con, session.id, lang=args.lang)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"report of workshop {session.code} written to {args.out}")
    return EXIT_OK
