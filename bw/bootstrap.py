"""Creating a store: real CBS figures (the default), the fictional demo monitor or an empty one.

Every kind is built in a file beside its destination and moved into place, so a failed or
interrupted build never leaves half a store.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bw import catalogue, cbs_store, config, demo, demo_programme, policy_options, store
from bw.auth import Actor, Role

Progress = Callable[[str], None]

#: The kinds of store ``init`` makes: real CBS figures, the fictional demo, the catalogue only.
STORE_KINDS = ("cbs", "demo", "empty")
#: What ``python -m bw init`` and the app's first start build.
DEFAULT_KIND = "cbs"

#: Levels of the fixed CBS frame (NL, landsdelen, provinces) that even an empty store holds.
_FRAME_LEVELS = ("NL", "LD", "PV")


class StoreExistsError(store.StoreError):
    """``init`` was asked to create a store where one already exists."""


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``init`` created."""

    path: Path  # the new store
    backup: Path | None  # where the previous store went with --force, else None


def init_store(
    path: Path | None = None,
    *,
    kind: str,
    force: bool = False,
    progress: Progress | None = None,
) -> InitResult:
    """Create a store of ``kind`` (see :data:`STORE_KINDS`); ``force`` backs up the old one.

    The store is built in a temporary file next to its destination and renamed into place, so an
    interrupted init never leaves a half-built store behind.
    """
    if kind not in STORE_KINDS:
        raise ValueError(f"unknown store kind {kind!r}; use one of {', '.join(STORE_KINDS)}")
    path = Path(path) if path is not None else config.store_path()
    say = progress or (lambda message: None)
    if store.is_lake(path):
        return _init_lake(path, kind=kind, force=force, progress=say)
    if path.exists() and not force:
        raise StoreExistsError(f"store {path} already exists; use --force to recreate it")
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f"{path.name}.building-{os.getpid()}")
    _remove_store_files(building)
    try:
        con = store.connect(building)
        try:
            if kind == "cbs":
                cbs_store.write_cbs(con, progress=say)
            elif kind == "demo":
                write_demo(con, progress=say)
            else:
                write_empty(con)
            store.checkpoint(con)
        finally:
            con.close()
        backup = None
        if path.exists():
            backup = store.backup_path_for(path)
            shutil.move(path, backup)
            wal = store.wal_path(path)
            if wal.exists():  # an unclean shutdown left changes there: keep them with the backup
                shutil.move(wal, backup.with_name(backup.name + ".wal"))
            say(f"Vorige database bewaard als {backup.name}")
        os.replace(building, path)
    finally:
        _remove_store_files(building)
    return InitResult(path=path, backup=backup)


def _init_lake(path: Path, *, kind: str, force: bool, progress: Progress) -> InitResult:
    """Fill a lake store: its writes are one transaction, so a failed init leaves it empty.

    A lake is shared by every instance, so ``--force`` does not replace one: its catalogue
    database is dropped and made again by whoever runs PostgreSQL (docs/deploy.md).
    """
    con = store.connect(path)
    try:
        if _lake_filled(con):
            hint = "" if not force else " (--force does not replace a lake: drop its database)"
            raise StoreExistsError(f"the lake store already holds a store{hint}")
        if kind == "cbs":
            cbs_store.write_cbs(con, progress=progress)
        elif kind == "demo":
            write_demo(con, progress=progress)
        else:
            write_empty(con)
    except store.StoreFilledError as error:  # another instance's init got the lock first
        raise StoreExistsError(f"the lake store already holds a store: {error}") from error
    finally:
        con.close()
    return InitResult(path=path, backup=None)


def lake_needs_init(location: Path) -> bool:
    """Whether the lake at ``location`` has no store filled in it yet (``init`` still to run).

    Raises :class:`bw.store.LakeUnreachableError` when the lake cannot be reached.
    """
    with contextlib.closing(store.connect(location)) as con:
        return not _lake_filled(con)


def _lake_filled(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether an init already wrote to this lake (every kind records its ``source``)."""
    return store.read_meta(con, "source") is not None


def ensure_store(path: Path | None = None, *, kind: str, progress: Progress | None = None) -> bool:
    """Create a store of ``kind`` when none exists; return whether one was created."""
    path = Path(path) if path is not None else config.store_path()
    if store.is_lake(path):
        con = store.connect(path)
        try:
            if _lake_filled(con):
                return False
        finally:
            con.close()
    elif path.exists():
        return False
    try:
        init_store(path, kind=kind, progress=progress)
    except StoreExistsError:
        return False  # another process created it meanwhile: that one is as good
    return True


def write_catalogue(con: duckdb.DuckDBPyConnection) -> None:
    """Write the themes, the indicator catalogue and the fixed CBS frame of regions."""
    store.insert_themes(con, catalogue.THEMES)
    store.insert_indicators(con, catalogue.INDICATORS)
    store.insert_regions(con, [r for r in demo.demo_regions() if r.level in _FRAME_LEVELS])


def write_empty(con: duckdb.DuckDBPyConnection) -> None:
    """Fill a new store with the catalogue only: no observations, no targets, not demo."""
    with store.transaction(con):
        store.require_unfilled(con)
        write_catalogue(con)
        store.set_meta(con, "demo", "false")
        store.set_meta(con, "source", "empty")


#: The actor of the demo monitor's own writes: bw itself while it builds a new store.
SYSTEM_ACTOR = Actor(name="system", role=Role.ADMIN)


def write_demo(con: duckdb.DuckDBPyConnection, *, progress: Progress | None = None) -> None:
    """Fill a new store with the fictional demo monitor in one transaction."""
    say = progress or (lambda message: None)
    with store.transaction(con):
        store.require_unfilled(con)
        say("Thema's, indicatoren en regio's worden aangemaakt…")
        store.insert_themes(con, catalogue.THEMES)
        store.insert_indicators(con, catalogue.INDICATORS)
        store.insert_regions(con, [r for r in demo.demo_regions() if r.level != "group"])
        for group in demo.demo_groups():
            store.insert_group(
                con,
                code=group.code,
                name=group.name,
                kind=group.kind,
                member_codes=group.member_codes,
                description=group.description,
            )
        say("Demowaarnemingen worden geschreven…")
        observations = demo.demo_observations()
        load_id = store.create_load(
            con,
            source=f"bw demo monitor — {demo.DEMO_LABEL_NL}",
            format="demo",
            loaded_by="system",
            n_rows=len(observations),
        )
        store.write_observations(con, observations, load_id=load_id)
        store.write_targets(con, demo.demo_targets(), set_by="demo")
        say("Afgeleide tabellen (laatste waarden, referenties, rangen) worden berekend…")
        store.refresh_derived(con)
        # after the refresh: targets sit around its values
        demo_programme.write_demo_programme(con, actor=SYSTEM_ACTOR)
        policy_options.write_demo_option_set(con, actor=SYSTEM_ACTOR)  # fictief, Heerlen
        store.set_meta(con, "demo", "true")
        store.set_meta(con, "source", "demo")


def _remove_store_files(path: Path) -> None:
    for leftover in (path, store.wal_path(path)):
        leftover.unlink(missing_ok=True)
