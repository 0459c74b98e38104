"""One region judged: ``assess`` prints every indicator's judgement, ``factsheet`` prints a page."""

from __future__ import annotations

import argparse
import json
from contextlib import closing
from pathlib import Path
from typing import Any

from bw import monitor, store
from bw.cli.common import EXIT_OK, Verbs, open_existing, year
from bw.formatting import format_number
from bw.reports import factsheet


def add_assess(verbs: Verbs) -> None:
    """``assess REGION [--period YEAR] [--json]``."""
    assess = verbs.add_parser(
        "assess", help="judge every indicator of a region (status, trend, position, progress)"
    )
    assess.add_argument("region", metavar="REGION", help="region code: GM0363, PV27, NL01, a group")
    assess.add_argument("--period", type=year, default=None, help="judge as of this year")
    assess.add_argument("--json", action="store_true", help="print JSON records")
    assess.set_defaults(run=run_assess)


def run_assess(args: argparse.Namespace) -> int:
    """``assess REGION [--period YEAR] [--json]``."""
    with closing(open_existing(args.db)) as con:
        assessment = monitor.assess_region(con, args.region.strip(), period=args.period)
    records = monitor.records(assessment)
    if args.json:
        print(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        print(format_assessment(assessment.region.name, assessment.region.code, records))
    return EXIT_OK


def format_assessment(name: str, code: str, records: list[dict[str, Any]]) -> str:
    """A readable table of assessment records (values in Dutch notation)."""
    header = ("indicator", "period", "value", "status", "trend", "rank", "vs NL", "progress")
    rows = [header]
    for r in records:
        rank = f"{r['rank']} of {r['n']}" if r["rank"] is not None else "–"
        if r["rank"] is not None and r["comparison_period"] != r["period"]:
            rank += f" (in {r['comparison_period']})"  # methods.md §3: the comparison period
        vs_nl = (
            f"{format_number(100 * r['vs_nl'], 1)}% {r['vs_nl_class']}"
            if r["vs_nl"] is not None
            else "–"
        )
        rows.append(
            (
                r["indicator"],
                str(r["period"] or "–"),
                f"{format_number(r['value'], 2)} {r['unit']}",
                r["status"],
                r["trend"],
                rank,
                vs_nl,
                r["progress"] or "–",
            )
        )
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = [f"{name} ({code})"]
    lines += [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def add_factsheet(verbs: Verbs) -> None:
    """``factsheet REGION --out FILE.html [--lang nl|en]``."""
    sheet = verbs.add_parser("factsheet", help="write a one-page printable factsheet (HTML)")
    sheet.add_argument("region", metavar="REGION", help="region code: GM0363, PV27, a group")
    sheet.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    sheet.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (nl)")
    sheet.set_defaults(run=run_factsheet)


def run_factsheet(args: argparse.Namespace) -> int:
    """``factsheet REGION --out FILE.html [--lang nl|en]``."""
    with closing(open_existing(args.db)) as con:
        assessment = monitor.assess_region(con, args.region.strip())
        html = factsheet.build_factsheet(
            assessment,
            lang=args.lang,
            demo=store.is_demo(con),
            cbs=store.read_source(con) == "cbs",
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(f"factsheet of {assessment.region.name} written to {args.out}")
    return EXIT_OK
