"""What every verb module shares: exit codes, opening the store, argument types, ``--by``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeAlias

import duckdb

from bw import config, store

EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_USAGE = 2

#: What every verb module's ``add_*`` function adds its verb to: ``parser.add_subparsers()``.
Verbs: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def open_existing(path: Path | None, *, write: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to an existing store (never a new one), or a StoreError saying why not."""
    path = path or config.store_path()
    if not store.is_lake(path) and not Path(path).exists():
        raise store.StoreError(f"store {path} does not exist; create it with `python -m bw init`")
    return store.connect(path) if write else store.connect_for_reading(path)


def add_actor_option(parser: argparse.ArgumentParser, *, help: str) -> None:
    """``--by NAME``: who a write is recorded under (default :func:`bw.config.cli_actor_name`)."""
    parser.add_argument("--by", default=config.cli_actor_name(), help=help)


# The argument types keep their underscore names: argparse prints a type's name when it raises
# ValueError ("invalid _positive_int value: 'x'"), and the command line's messages stay the same.


def _year(text: str) -> int:
    """A four-digit year such as 2023."""
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year such as 2023, got {text!r}")
    return int(text)


def _positive_int(text: str) -> int:
    """A whole number above zero; ``10_000`` may group its digits."""
    value = int(text.replace("_", ""))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text}")
    return value


#: The argument types other modules use, under names that say what they accept.
year = _year
positive_int = _positive_int
