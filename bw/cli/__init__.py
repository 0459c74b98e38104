"""The command line, ``python -m bw VERB``: exit 0 ok, 1 data or validation error, 2 usage.

Each module here holds one group of verbs; a verb's ``add_*`` function declares its subparser
and options right above the ``run_*`` handler they lead to. :data:`VERBS` puts them in the order
``--help`` lists them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from bw import config, store
from bw.cli import (
    accounts,
    assessment,
    benchmarks,
    csv_exchange,
    downloads,
    loading,
    operations,
    reports,
    store_file,
)
from bw.cli.common import EXIT_DATA_ERROR, EXIT_OK, EXIT_USAGE, Verbs
from bw.cli.output import terminal_safe
from bw.errors import BwError
from bw.store import lake

__all__ = ["EXIT_DATA_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "terminal_safe"]

#: What a command says when another process holds the store (in English, like the whole CLI;
#: the app says "bezig, probeer het zo opnieuw").
BUSY_MESSAGE = "busy, try again shortly"

#: Every verb's ``add_*`` function, in the order ``python -m bw --help`` lists the verbs.
VERBS: tuple[Callable[[Verbs], None], ...] = (
    store_file.add_init,
    store_file.add_info,
    operations.add_health,
    assessment.add_assess,
    loading.add_check,
    loading.add_load,
    loading.add_loads,
    loading.add_export,
    csv_exchange.add_indicators,
    csv_exchange.add_targets,
    loading.add_undo,
    operations.add_asof,
    assessment.add_factsheet,
    reports.add_programme,
    reports.add_options,
    reports.add_workshop,
    downloads.add_fetch,
    store_file.add_backup,
    store_file.add_restore,
    store_file.add_publish,
    benchmarks.add_bench,
    accounts.add_user,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every verb of :data:`VERBS`."""
    parser = argparse.ArgumentParser(
        prog="python -m bw",
        description="bw: het brede welvaart dashboard (store, demo monitor, command line).",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        # a lake's location may hold a password: never print it in the help
        help=f"store file (default: BW_DB or {lake.redact(str(config.store_path()))})",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    for add_verb in VERBS:
        add_verb(verbs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb and return its exit code; never a traceback (``BW_DEBUG=1`` shows one)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors and 0 on --help
        return int(exit_.code or 0)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        code = run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except BrokenPipeError:  # `check … --json | head`: the reader has what it wanted
        _discard_stdout()
        return EXIT_DATA_ERROR
    except store.StoreInUseError as error:  # another process writes: the same words as the app
        print(f"error: {BUSY_MESSAGE}: {terminal_safe(str(error))}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except duckdb.TransactionException as error:
        if not store.is_write_conflict(error):
            raise
        # A lake: another instance committed an overlapping write first; this one rolled back.
        print(
            f"error: {BUSY_MESSAGE}: another instance changed the same data first; "
            "nothing of this command was written",
            file=sys.stderr,
        )
        return EXIT_DATA_ERROR
    except BwError as error:  # a refusal (a store that cannot open, a right the actor lacks)
        print(f"error: {terminal_safe(str(error))}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except Exception as error:  # a bug or an input no check foresaw: one line, not a traceback
        if lake.is_unreachable_error(error):
            # An open lake lost PostgreSQL mid-way: the same one line as when it cannot open.
            location = str(args.db or config.store_path())
            print(
                f"error: {terminal_safe(str(lake.unreachable(error, location)))}", file=sys.stderr
            )
            return EXIT_DATA_ERROR
        if config.debug():
            raise
        print(
            f"error: internal error ({type(error).__name__}): "
            f"{terminal_safe(' '.join(str(error).split()))[:500]}; nothing was written. Please "
            "report it (BW_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_DATA_ERROR


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test's capture)
        pass
