"""``python -m bw workshop list [--json]`` and ``workshop report CODE --out FILE.html``.

Kept beside :mod:`bw.cli` so the workshop verbs join the parser in one line there.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import closing
from pathlib import Path


def add_workshop_verb(verbs) -> None:
    """Add the ``workshop`` verb with ``list`` and ``report`` to the CLI's subparsers."""
    workshop = verbs.add_parser("workshop", help="workshop sessions: list, session report")
    workshop_verbs = workshop.add_subparsers(dest="workshop_verb", required=True,
                                             metavar="list|report")
    listing = workshop_verbs.add_parser("list", help="every session with its code and status")
    listing.add_argument("--json", action="store_true", help="print JSON records")
    listing.set_defaults(run=run_workshop)
    report = workshop_verbs.add_parser(
        "report", help="write a session's report (arguments, comments, proposals) as HTML")
    report.add_argument("code", metavar="CODE", help="the session's join code, e.g. K7PX3M")
    report.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    report.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (nl)")
    report.set_defaults(run=run_workshop)


def run_workshop(args: argparse.Namespace) -> int:
    """Run ``workshop list`` or ``workshop report``; exit 1 for an unknown code."""
    from bw import cli, workshops
    from bw.reports import workshop as workshop_report

    with closing(cli._open_existing(args.db)) as con:
        if args.workshop_verb == "list":
            sessions = workshops.read_sessions(con)
            counts = {s.id: len(workshops.read_state(con, s.id).visible()) for s in sessions}
            if args.json:
                print(json.dumps([{
                    "id": s.id, "code": s.code, "title": s.title, "region": s.region_code,
                    "phase": s.phase, "themes": list(s.themes), "status": s.status,
                    "created_by": s.created_by, "created_at": s.created_at.isoformat(),
                    "finalised_at": s.finalised_at.isoformat() if s.finalised_at else None,
                    "arguments": counts[s.id]} for s in sessions], ensure_ascii=False))
            else:
                for s in sessions:
                    print(f"{s.code}\t{s.status}\t{s.region_code}\t{s.phase}\t"
                          f"{counts[s.id]} arguments\t{s.title}")
            return cli.EXIT_OK
        session = workshops.read_session(con, args.code)
        if session is None:
            print(f"error: unknown workshop code {workshops.normalise_code(args.code)!r}; see "
                  "`python -m bw workshop list`", file=sys.stderr)
            return cli.EXIT_DATA_ERROR
        html = workshop_report.build_workshop_report(con, session.id, lang=args.lang)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"report of workshop {session.code} written to {args.out}")
    return cli.EXIT_OK
