"""Checking and loading a file: detect its format, validate it whole, write it in one go."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bw import audit, config, store
from bw.auth import Actor, Permission, require
from bw.loaders import FORMAT_NAMES, LOADERS, loader_for
from bw.loaders.common import (
    DEFAULT_MAX_BYTES,
    LoadContext,
    Staged,
    detect_delimiter,
    detect_encoding,
    read_header,
    split_header,
)
from bw.mapping_file import load_mapping
from bw.report import ValidationReport

#: Formats ``--format`` accepts; 'auto' detects one of the others and says which.
FORMATS = ("auto", *FORMAT_NAMES)


@dataclass(frozen=True, slots=True)
class LoadOutcome:
    """What a load (or a dry run) did."""

    staged: Staged
    load_id: int | None  # None for a dry run, a refused file or an identical file again
    counts: dict[str, int]  # new, changed, unchanged, missing

    @property
    def report(self) -> ValidationReport:
        """The validation report, with the counts filled in."""
        return self.staged.report


def max_upload_bytes() -> int:
    """The size limit of one file: ``BW_MAX_UPLOAD_MB`` (default 200 MB)."""
    configured = os.environ.get("BW_MAX_UPLOAD_MB")
    return int(float(configured) * 1024 * 1024) if configured else DEFAULT_MAX_BYTES


def detect_format(path: Path, report: ValidationReport) -> str | None:
    """The format of a file from its header, or None with an error saying what was seen.

    Folders (saved API responses), workbooks and JSON files are not text tables: each loader
    looks at them itself.
    """
    if path.is_dir() or _starts_like_container(path):
        for loader in LOADERS:
            if loader.looks_like(path, []):
                return loader.FORMAT
        report.error("unknown_format", f"{path.name} is no folder, workbook or JSON file that "
                     f"a loader recognises; use --format (one of {', '.join(FORMATS[1:])})",
                     variant="container", file=path.name)
        return None
    # Text tables: judge the header row. The scratch report keeps a failed guess (a classic
    # download starts with a title line, not a header) out of the user's report.
    scratch = ValidationReport()
    encoding = detect_encoding(path, scratch)
    header = read_header(path, encoding)
    delimiter = detect_delimiter(header, scratch)
    cells = split_header(header, delimiter) if delimiter else []
    for loader in LOADERS:
        if loader.looks_like(path, cells):
            return loader.FORMAT
    report.detected.update(scratch.detected)
    if delimiter is None:
        report.extend(scratch.issues)  # no_delimiter says more than "unknown format"
        return None
    report.error(
        "unknown_format",
        f"cannot tell the format from the header ({', '.join(cells[:6])}…); "
        f"use --format (one of {', '.join(FORMATS[1:])})",
        line=1,
        variant="header",
        header=", ".join(cells[:6]),
    )
    return None


def _starts_like_container(path: Path) -> bool:
    """A zip (xlsx) or JSON document, judged from its first bytes."""
    with path.open("rb") as handle:
        start = handle.read(64)
    return start.startswith(b"PK\x03\x04") or start.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (
        b"{", b"[")


def check_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    format: str = "auto",
    new_indicators: str = "error",
    mapping: Path | None = None,
) -> Staged:
    """Parse and validate a file against the store without writing anything.

    ``mapping`` is an optional mapping file (``source_key,indicator_id``) that sends source
    topics, columns or labels to catalogue indicators; a bad one refuses the load.
    """
    path = Path(path)
    report = ValidationReport()
    refused = Staged(file_name=path.name, checksum="", report=report)
    catalogue = store.read_indicator_catalogue(con)
    entries = {}
    if mapping is not None:
        entries = load_mapping(mapping, indicator_ids=set(catalogue["indicator_id"]),
                               report=report)
        if not report.ok:
            return refused
    if not path.exists():
        report.error("not_found", f"{path} does not exist", file=path.name)
        return refused
    if path.is_file() and path.stat().st_size == 0:
        report.error("empty_file", "the file is empty (0 bytes)")
        return refused
    chosen = detect_format(path, report) if format == "auto" else format
    if chosen is None:
        return refused
    if chosen not in FORMAT_NAMES:
        report.error("unknown_format", f"format {format!r} is not one of {', '.join(FORMATS)}",
                     variant="option", value=format, formats=", ".join(FORMATS))
        return refused
    context = LoadContext(
        regions=store.read_regions(con),
        indicators=catalogue,
        new_indicators=new_indicators,
        mapping=entries,
        max_bytes=max_upload_bytes(),
    )
    staged = loader_for(chosen).load(path, context)
    if mapping is not None:
        staged.report.detected.update(report.detected)
    if format == "auto":
        staged.report.detected["format"] = f"{chosen} (detected)"
    return staged


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    format: str = "auto",
    dry_run: bool = False,
    new_indicators: str = "error",
    actor: Actor,
    in_transaction: bool = False,
    mapping: Path | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> LoadOutcome:
    """Validate a file whole, then write it as one load in one transaction (unless dry run).

    With ``in_transaction`` the caller has opened the transaction (to load several files all
    or none); this function then neither begins nor commits. Raises
    :class:`~bw.auth.PermissionDenied` before reading the file unless ``actor`` may load data
    (a dry run writes nothing and needs no right); the load records ``actor.name``.
    ``mapping`` is a mapping file (see :func:`check_file`); ``progress`` is called with
    (fraction done, phase) at each phase boundary, the phases being those of :data:`PHASES`.
    """
    if not dry_run:
        require(actor, Permission.LOAD_DATA)
    say = progress or _silent
    say(0.0, "validating")
    staged = check_file(con, path, format=format, new_indicators=new_indicators,
                        mapping=mapping)
    report = staged.report
    if not report.ok or staged.observations is None:
        say(1.0, "done")
        return LoadOutcome(staged, None, {})
    previous = store.find_load_by_checksum(con, staged.checksum)
    if previous is not None:
        report.add("info", "already_loaded",
                   f"this exact file was loaded before as load {previous}; nothing changed",
                   load=previous)
        return LoadOutcome(staged, None, {"new": 0, "changed": 0, "unchanged": 0, "missing": 0})
    store.register_frame(con, "staged_observations", staged.observations)
    try:
        say(0.5, "comparing")
        counts = _compare_with_store(con)
        report.counts.update(counts)
        if counts["missing"]:
            report.warning("missing_values", f"{counts['missing']} values are empty or '.' in "
                           "the file; they are stored as missing with that reason, never as 0",
                           count=counts["missing"])

        if dry_run:
            say(1.0, "done")
            return LoadOutcome(staged, None, counts)
        say(0.55, "writing")
        with (
            _memory_for_large_write(con, rows=len(staged.observations)),
            contextlib.nullcontext() if in_transaction else store.transaction(con),
        ):
            load_id = store.create_load(
                con,
                source=f"eigen data ({staged.report.format})",
                format=staged.report.format or format,
                file_name=staged.file_name,
                checksum=staged.checksum,
                loaded_by=actor.name,
                n_rows=report.counts.get("rows", 0),
                report=report.to_dict(),
            )
            store.insert_regions(con, staged.new_regions, created_by_load=load_id)
            updated = store.update_region_attributes(
                con, staged.region_updates, load_id=load_id
            )
            store.insert_indicators(
                con, staged.new_indicators, classification="te_classificeren",
                created_by_load=load_id,
            )
            # Keys the store cannot hold yet need no comparison with it (a first load).
            to_write = (staged.observations if counts["new"] == len(staged.observations)
                        else con.sql(_NEW_OR_CHANGED).to_arrow_table())
            store.write_observations(con, to_write, load_id=load_id)
            # Changed size classes or urbanity move peer references of every indicator.
            say(0.7, "refreshing")
            store.refresh_derived(con, indicator_ids=None if updated else staged.indicator_ids)
    finally:
        store.unregister_frame(con, "staged_observations")
    say(1.0, "done")
    return LoadOutcome(staged, load_id, counts)


#: The phases ``load_file`` reports to its ``progress`` callback, in order.
PHASES = ("validating", "comparing", "writing", "refreshing", "done")


def _silent(fraction: float, phase: str) -> None:
    """The progress callback of a caller that wants none."""


#: Loads with more rows than this get the larger write memory limit for their transaction.
LARGE_LOAD_ROWS = 1_000_000


@contextlib.contextmanager
def _memory_for_large_write(con: duckdb.DuckDBPyConnection, *, rows: int):
    """Raise DuckDB's memory limit while a large load writes, and put it back afterwards."""
    if rows <= LARGE_LOAD_ROWS:
        yield
        return
    con.execute("SET memory_limit = ?", [config.load_memory_limit()])
    try:
        yield
    finally:
        con.execute("SET memory_limit = ?", [config.memory_limit()])


_DIFFERS = """
    o.indicator_id IS NULL
    OR o.value IS DISTINCT FROM s.value OR o.ci_low IS DISTINCT FROM s.ci_low
    OR o.ci_high IS DISTINCT FROM s.ci_high OR o.status IS DISTINCT FROM s.status
    OR o.missing_reason IS DISTINCT FROM s.missing_reason
"""

_NEW_OR_CHANGED = f"""
SELECT s.* FROM staged_observations s
LEFT JOIN observations o USING (indicator_id, region_code, period)
WHERE {_DIFFERS}
"""


def _compare_with_store(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    new, changed, unchanged, missing = con.execute(f"""
        SELECT count(*) FILTER (WHERE o.indicator_id IS NULL),
               count(*) FILTER (WHERE o.indicator_id IS NOT NULL AND ({_DIFFERS})),
               count(*) FILTER (WHERE NOT ({_DIFFERS})),
               count(*) FILTER (WHERE s.value IS NULL)
        FROM staged_observations s
        LEFT JOIN observations o USING (indicator_id, region_code, period)
    """).fetchone()
    return {"new": new, "changed": changed, "unchanged": unchanged, "missing": missing}


def undo_load(con: duckdb.DuckDBPyConnection, load_id: int, *, actor: Actor) -> list[str]:
    """Undo a load (:func:`bw.store.undo_load`) for ``actor``, recorded in the audit log.

    Raises :class:`~bw.auth.PermissionDenied` (nothing changed) unless ``actor`` may load data.
    Run it in the caller's transaction.
    """
    require(actor, Permission.LOAD_DATA)
    touched = store.undo_load(con, load_id)
    audit.record(con, actor, "undo_load", f"load {load_id}")
    return touched
