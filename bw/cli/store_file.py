"""The store as a whole: ``init``, ``info``, ``backup``, ``restore`` and ``publish``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bw import bootstrap, cbs_store, config, snapshot, store
from bw.cli.common import EXIT_DATA_ERROR, EXIT_OK, EXIT_USAGE, Verbs
from bw.model import Level
from bw.store import lake, lake_backup

_LEVEL_ORDER = tuple(Level)


def add_init(verbs: Verbs) -> None:
    """``init [--demo | --empty] [--force]``."""
    init = verbs.add_parser("init", help="create the store (real CBS figures by default)")
    kind = init.add_mutually_exclusive_group()
    kind.add_argument(
        "--demo", action="store_true", help="the fictional demo monitor (tests, training, wijken)"
    )
    kind.add_argument(
        "--empty", action="store_true", help="only the catalogue and the NL/province frame"
    )
    init.add_argument(
        "--force", action="store_true", help="recreate an existing store, keeping a backup"
    )
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    """``init [--demo | --empty] [--force]``: real CBS figures unless a flag says otherwise."""
    kind = "demo" if args.demo else "empty" if args.empty else bootstrap.DEFAULT_KIND
    result = bootstrap.init_store(
        args.db,
        kind=kind,
        force=args.force,
        progress=lambda message: print(message, file=sys.stderr),
    )
    described = {
        "cbs": f"store of real CBS figures ({cbs_store.ATTRIBUTION_NL})",
        "demo": "demo monitor (demodata, fictief)",
        "empty": "empty store",
    }[kind]
    print(f"created {described}: {lake.redact(str(result.path))}")
    if result.backup:
        print(f"previous store kept as {result.backup}")
    return EXIT_OK


def add_info(verbs: Verbs) -> None:
    """``info [--json]``."""
    info = verbs.add_parser("info", help="counts of what the store holds")
    info.add_argument("--json", action="store_true", help="print JSON instead of a table")
    info.set_defaults(run=run_info)


def run_info(args: argparse.Namespace) -> int:
    """``info [--json]``."""
    path = args.db or config.store_path()
    if not store.is_lake(path) and not Path(path).exists():
        print(
            f"error: store {path} does not exist; create it with `python -m bw init`",
            file=sys.stderr,
        )
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


def _level_rank(level: str) -> int:
    return _LEVEL_ORDER.index(level) if level in _LEVEL_ORDER else len(_LEVEL_ORDER)


def format_info(info: dict[str, Any], *, path: Path) -> str:
    """The human-readable form of :func:`bw.store.read_info`'s counts."""
    lines = [f"store         {lake.redact(str(path))}"]
    if info["demo"]:
        lines.append("data          demodata (fictief) — demo data, fictional")
    elif info.get("source") == "cbs":
        lines.append(
            "data          CBS-cijfers — Bron: CBS (CC BY 4.0), Regionale Monitor Brede Welvaart"
        )
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


# Backups and published snapshots (docs/deploy.md): whole-store copies, renamed into place.


def add_backup(verbs: Verbs) -> None:
    """``backup [--out FILE]`` (a lake: ``--out DIR``)."""
    backup = verbs.add_parser("backup", help="write a consistent copy of the store")
    backup.add_argument(
        "--out",
        type=Path,
        default=None,
        help="the copy to write (default: STORE.backup-TIMESTAMP.duckdb beside it); a lake "
        "store: a new folder for the catalogue dump, the data files and a manifest",
    )
    backup.set_defaults(run=run_backup)


def run_backup(args: argparse.Namespace) -> int:
    """``backup [--out FILE]``: a consistent copy, written aside and renamed into place."""
    location = args.db or config.store_path()
    if store.is_lake(location):
        if args.out is None:
            print("error: a lake's backup needs --out DIR (a new folder)", file=sys.stderr)
            return EXIT_USAGE
        done = lake_backup.backup(str(location), args.out)
        print(
            f"backup written: {done.folder} (lake snapshot {done.snapshot_id}, catalogue dump "
            f"and {done.files} data files, {done.size:,} bytes; manifest.json lists them)"
        )
        if done.skipped:
            print(
                f"{done.skipped} data files vanished while they were copied and were skipped "
                "(files of a failed write; manifest.json lists them under skipped)"
            )
        return EXIT_OK
    out = snapshot.backup(location, args.out)
    print(f"backup written: {out} ({out.stat().st_size:,} bytes)")
    return EXIT_OK


def add_restore(verbs: Verbs) -> None:
    """``restore FILE [--yes] [--force]``."""
    restore = verbs.add_parser(
        "restore", help="replace the store by a backup (the current store is kept beside it)"
    )
    restore.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="a backup written by `backup` (a lake store: the backup's folder)",
    )
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument(
        "--force",
        action="store_true",
        help="a lake store: replace the lake in a catalogue database that is not empty",
    )
    restore.set_defaults(run=run_restore)


def run_restore(args: argparse.Namespace) -> int:
    """``restore FILE [--yes]``: the store becomes the backup; the old one is kept beside it."""
    target = Path(args.db or config.store_path())
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                f"error: restoring replaces {lake.redact(str(target))}; add --yes to confirm",
                file=sys.stderr,
            )
            return EXIT_USAGE
        shown = lake.redact(str(target))
        answer = input(f"Replace {shown} by {args.file}? The current store is kept. [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            print("nothing restored")
            return EXIT_OK
    if store.is_lake(target):
        done = lake_backup.restore(
            str(target), args.file, data_path=config.lake_data_path(), force=args.force
        )
        print(
            f"restored {args.file} (lake snapshot {done.snapshot_id}, {done.files} data files) "
            f"with its data in {done.data_path}"
        )
        print(
            f"set BW_LAKE_DATA={done.data_path} for every instance of this lake; nothing that "
            "was in the data folder before was moved or deleted"
        )
        return EXIT_OK
    result = snapshot.restore(args.file, target)
    print(f"restored {args.file} into {result.path} (schema version {result.schema_version})")
    if result.previous:
        print(f"previous store kept as {result.previous}")
    return EXIT_OK


def add_publish(verbs: Verbs) -> None:
    """``publish SNAPSHOT_PATH``."""
    publish = verbs.add_parser(
        "publish", help="replace the snapshot read-only replicas open by a copy of the store"
    )
    publish.add_argument("snapshot", type=Path, metavar="SNAPSHOT_PATH")
    publish.set_defaults(run=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    """``publish SNAPSHOT_PATH``: a new snapshot for the read-only replicas, renamed into place."""
    out = snapshot.publish(args.db or config.store_path(), args.snapshot)
    print(f"published {out} ({out.stat().st_size:,} bytes); replicas pick it up on their next run")
    return EXIT_OK
