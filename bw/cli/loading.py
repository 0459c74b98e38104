"""Files in and out of the store: ``check``, ``load``, ``loads``, ``undo`` and ``export``."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb

from bw import export, intake, store
from bw.auth import cli_actor
from bw.cli.common import (
    EXIT_DATA_ERROR,
    EXIT_OK,
    Verbs,
    add_actor_option,
    open_existing,
    positive_int,
)
from bw.cli.output import counts_text, json_safe, print_report, terminal_safe


def _add_mapping_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        default=None,
        help="mapping file (source_key,indicator_id) for topics/columns/labels",
    )


def add_check(verbs: Verbs) -> None:
    """``check FILE [--format F] [--mapping MAP] [--json]``."""
    check = verbs.add_parser("check", help="validate a file without loading it")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument(
        "--format", choices=intake.FORMATS, default="auto", help="input format (auto)"
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    _add_mapping_option(check)
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    """``check FILE [--format F] [--json]``: compiler-style lines, exit 1 on any error."""
    with closing(open_existing(args.db)) as con:
        staged = intake.check_file(con, args.file, format=args.format, mapping=args.mapping)
    return print_report(staged.report, args.file, as_json=args.json, extra={})


def add_load(verbs: Verbs) -> None:
    """``load FILE [FILE …] [--format F] [--dry-run] [--new-indicators …] [--by NAME] …``."""
    load = verbs.add_parser(
        "load",
        help="validate files and load each as an undoable load: all of them, or none",
    )
    load.add_argument("files", type=Path, nargs="+", metavar="FILE")
    load.add_argument(
        "--format", choices=intake.FORMATS, default="auto", help="input format (auto)"
    )
    load.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    load.add_argument(
        "--new-indicators",
        choices=("error", "create"),
        default="error",
        help="unmapped topics: an error (default), or new indicators marked 'te classificeren'",
    )
    add_actor_option(load, help="who loads it")
    load.add_argument("--json", action="store_true", help="print the report as JSON")
    _add_mapping_option(load)
    load.add_argument(
        "--progress",
        action="store_true",
        help="print each phase to stderr (default when stderr is a terminal)",
    )
    load.set_defaults(run=run_load)


def run_load(args: argparse.Namespace) -> int:
    """``load FILE [FILE …] [--format F] [--dry-run] [--json]``: nothing is written on any error.

    Several files load in one transaction (:func:`bw.intake.load_files`): when one of them has
    an error, none is loaded and the message names that file. A dry run checks each file
    against the store as it is. With ``--json`` several files print one JSON array.
    """
    paths: list[Path] = args.files
    if args.dry_run or len(paths) == 1:
        return _print_outcomes(args, [(path, _load_one(args, path)) for path in paths])
    with closing(open_existing(args.db, write=True)) as con:
        try:
            outcomes = intake.load_files(
                con,
                paths,
                format=args.format,
                new_indicators=args.new_indicators,
                actor=cli_actor(args.by),
                mapping=args.mapping,
                progress=_files_phase(paths) if _shows_progress(args) else None,
            )
        except intake.LoadRefusedError as refused:
            _print_outcomes(args, [(paths[refused.index], refused.outcome)])
            print(f"error: {terminal_safe(str(refused))}", file=sys.stderr)
            return EXIT_DATA_ERROR
    return _print_outcomes(args, list(zip(paths, outcomes, strict=True)))


#: How often one load runs again after another instance's commit conflicted with it (lake).
LOAD_TRIES = 4


def _load_one(args: argparse.Namespace, path: Path) -> intake.LoadOutcome:
    """Load one file; on a lake, run it again when another instance's commit conflicted.

    DuckLake refuses a commit whose changes overlap one committed meanwhile (two loads that
    both rewrite the derived tables); nothing of the refused one was written, so running it
    again is safe. The last refusal reaches the user as "busy, try again shortly".
    """
    for attempt in range(1, LOAD_TRIES + 1):
        try:
            return _load_once(args, path)
        except duckdb.TransactionException as error:
            if attempt == LOAD_TRIES or not store.is_write_conflict(error):
                raise
            time.sleep(random.uniform(0.2, 1.0) * attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _load_once(args: argparse.Namespace, path: Path) -> intake.LoadOutcome:
    with closing(open_existing(args.db, write=True)) as con:
        return intake.load_file(
            con,
            path,
            format=args.format,
            dry_run=args.dry_run,
            new_indicators=args.new_indicators,
            actor=cli_actor(args.by),
            mapping=args.mapping,
            progress=_print_phase if _shows_progress(args) else None,
        )


def _print_outcomes(
    args: argparse.Namespace, outcomes: list[tuple[Path, intake.LoadOutcome]]
) -> int:
    """Print each file's report and what was done; the exit code (1 when any file has errors)."""
    extras = [
        {
            "load_id": outcome.load_id,
            **{k: outcome.counts.get(k, 0) for k in ("new", "changed", "unchanged", "missing")},
        }
        for _, outcome in outcomes
    ]
    if args.json and len(args.files) > 1:
        print(
            json_safe(
                json.dumps(
                    [
                        {"file": str(path), **outcome.report.to_dict(), **extra}
                        for (path, outcome), extra in zip(outcomes, extras, strict=True)
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        )
        return max(EXIT_OK if outcome.report.ok else EXIT_DATA_ERROR for _, outcome in outcomes)
    codes = []
    for (path, outcome), extra in zip(outcomes, extras, strict=True):
        code = print_report(outcome.report, path, as_json=args.json, extra=extra)
        if code == EXIT_OK and not args.json:
            if outcome.load_id is not None:
                print(f"loaded as load {outcome.load_id}: {counts_text(extra)}")
            elif args.dry_run:
                print(f"dry run, nothing written: {counts_text(extra)}")
        codes.append(code)
    return max(codes)


def _shows_progress(args: argparse.Namespace) -> bool:
    return bool(args.progress or sys.stderr.isatty())


def _files_phase(paths: list[Path]) -> intake.FilesProgress:
    def say(index: int, fraction: float, phase: str) -> None:
        print(
            f"{terminal_safe(paths[index].name)}: {fraction:4.0%} {phase}",
            file=sys.stderr,
            flush=True,
        )

    return say


def _print_phase(fraction: float, phase: str) -> None:
    print(f"{fraction:4.0%} {phase}", file=sys.stderr, flush=True)


def add_loads(verbs: Verbs) -> None:
    """``loads [--json]``."""
    loads = verbs.add_parser("loads", help="the history of loads, newest first")
    loads.add_argument("--json", action="store_true", help="print JSON")
    loads.set_defaults(run=run_loads)


def run_loads(args: argparse.Namespace) -> int:
    """``loads [--json]``: provenance of every load."""
    with closing(open_existing(args.db)) as con:
        frame = store.read_loads(con)
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", indent=2))
        return EXIT_OK
    # A pandas row's cells type as any scalar (bytes too); these columns are ints, text and
    # timestamps, formatted as such. (Typed load records from the store will replace this.)
    rows: Iterable[Any] = frame.itertuples(index=False)
    for row in rows:
        state = (
            f"undone {row.undone_at:%Y-%m-%d %H:%M}"
            if row.undone_at is not None and str(row.undone_at) != "NaT"
            else "active"
        )
        print(
            f"{row.id:>5}  {row.loaded_at:%Y-%m-%d %H:%M}  {row.loaded_by:<10}  "
            f"{row.format:<12}  {row.n_inserted:>9} new  {row.n_superseded:>9} changed  "
            f"{state}  {row.file_name if isinstance(row.file_name, str) else row.source}"
        )
    return EXIT_OK


def add_export(verbs: Verbs) -> None:
    """``export FILE [--indicator ID] [--region CODE]``."""
    long_csv = verbs.add_parser("export", help="write observations as the long CSV")
    long_csv.add_argument("file", type=Path, metavar="FILE")
    long_csv.add_argument("--indicator", default=None, help="only this indicator id")
    long_csv.add_argument("--region", default=None, help="only this region code")
    long_csv.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    """``export FILE [--indicator ID] [--region CODE]``: the long CSV the loader reads."""
    with closing(open_existing(args.db)) as con:
        rows = export.export_long_csv(con, args.file, indicator=args.indicator, region=args.region)
    print(f"{rows} observations written to {args.file}")
    return EXIT_OK


def add_undo(verbs: Verbs) -> None:
    """``undo LOAD_ID [--by NAME]``."""
    undo = verbs.add_parser("undo", help="restore exactly the state before a load")
    undo.add_argument("load_id", type=positive_int, metavar="LOAD_ID")
    add_actor_option(undo, help="who undoes it")
    undo.set_defaults(run=run_undo)


def run_undo(args: argparse.Namespace) -> int:
    """``undo LOAD_ID``: restore exactly the state before that load."""
    with closing(open_existing(args.db, write=True)) as con, store.transaction(con):
        touched = intake.undo_load(con, args.load_id, actor=cli_actor(args.by))
    print(f"load {args.load_id} undone; indicators restored: {', '.join(touched) or 'none'}")
    return EXIT_OK
