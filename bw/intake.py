"""Checking and loading a file: detect its format, validate it whole, write it in one go."""

from __future__ import annotations

import contextlib
import csv
import functools
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from bw import audit, config, store
from bw.auth import Actor, Permission, require
from bw.errors import BwError
from bw.loaders import FORMAT_NAMES, LOADERS, loader_for
from bw.loaders.common import (
    FileFacts,
    HeaderError,
    LoadContext,
    Staged,
    check_size,
    detect_delimiter,
    detect_encoding,
    is_workbook_name,
    read_file_facts,
    read_header,
    sniff_content,
    split_header,
    summarise,
)
from bw.loaders.workbook import check_xlsx
from bw.mapping_file import load_mapping
from bw.plausibility import check_plausibility
from bw.report import ValidationReport
from bw.sandbox import TimeBudgetExceeded, time_budget
from bw.store import comparison

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
    """The size limit of one file: ``BW_MAX_UPLOAD_MB`` (default 200 MB, see bw.config)."""
    return config.max_upload_bytes()


def detect_format(
    path: Path, report: ValidationReport, *, facts: FileFacts | None = None
) -> str | None:
    """The format of a file from its header, or None with an error saying what was seen.

    Folders (saved API responses), workbooks and JSON files are not text tables: each loader
    looks at them itself. With ``facts`` (what intake read of the file), the file is not read
    again for its encoding and header.
    """
    if path.is_dir() or _starts_like_container(path, facts):
        if (
            path.is_file()
            and is_workbook_name(path)
            and not check_xlsx(path, report, max_bytes=max_upload_bytes())
        ):
            return None  # too large, damaged or no workbook: say which, not "unknown format"
        for loader in LOADERS:
            if loader.looks_like(path, []):
                return loader.FORMAT
        if path.is_file() and _odata_page(path, report, facts):
            return None
        report.error(
            "unknown_format",
            f"{path.name} is no folder, workbook or JSON file that "
            f"a loader recognises; use --format (one of {', '.join(FORMATS[1:])})",
            variant="container",
            file=path.name,
        )
        return None
    # Text tables: judge the header row. The scratch report keeps a failed guess (a classic
    # download starts with a title line, not a header) out of the user's report.
    scratch = ValidationReport()
    encoding = detect_encoding(path, scratch, facts=facts)
    if not scratch.ok:  # not text, or a UTF-8 mark before Latin-1 text: say that
        report.extend(scratch.issues)
        return None
    header = read_header(path, encoding, facts=facts)
    delimiter = detect_delimiter(header, scratch)
    cells = split_header(header, delimiter) if delimiter else []
    for loader in LOADERS:
        if loader.looks_like(path, cells):
            return loader.FORMAT
    report.detected.update(scratch.detected)
    if delimiter is None:
        report.extend(scratch.issues)  # no_delimiter says more than "unknown format"
        return None
    if header.count('"') % 2 or any('"' in cell for cell in cells):
        report.error(
            "broken_quoting",
            'the quotes (") of the header do not pair up, so its columns cannot be told '
            f"apart{_statline_hint(header)}; download the file again or repair its quotes",
            line=1,
            variant="statline" if _statline_hint(header) else None,
        )
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


def _statline_hint(header: str) -> str:
    """' (a StatLine download, by its Perioden and Regio's columns)' when the header says so."""
    words = header.casefold()
    if "perioden" in words or "regio's" in words or words.lstrip('\ufeff"').startswith("id;"):
        return " (a StatLine download, by its Perioden and Regio's columns)"
    return ""


_ODATA_V3 = re.compile(r'"odata\.metadata"\s*:\s*"([^"]*)"')
_ODATA_V4 = re.compile(r'"@odata\.context"\s*:\s*"([^"]*)"')
_TABLE = re.compile(r"/(\d{5}[A-Z]{3}|\d{5}[a-z]{3})\b")


def _odata_page(path: Path, report: ValidationReport, facts: FileFacts | None = None) -> bool:
    """Say so when a lone JSON file is one saved page of a CBS OData response.

    Reads the first 64 kB only. The loaders need the table's metadata beside the page (the
    titles and units of its topics), so the file alone cannot be loaded.
    """
    head = _head(path, facts, 1 << 16).decode("utf-8", errors="replace")
    for version, pattern, needs, fetch in (
        (
            "v3",
            _ODATA_V3,
            "DataProperties.json (and TypedDataSet*.json as the pages' names)",
            " --v3",
        ),
        ("v4", _ODATA_V4, "measure-codes.json (and observations*.json as the pages' names)", ""),
    ):
        found = pattern.search(head)
        if found is None:
            continue
        table = _TABLE.search(found.group(1))
        name = table.group(1).upper() if table else "TABLE"
        report.error(
            "missing_metadata",
            f"{path.name} is one saved page of a CBS OData {version} response"
            f"{f' (table {name})' if table else ''}; a page alone has no titles or units for "
            f"its topics. Load the folder with the table's metadata, {needs}, as "
            f"`python -m bw fetch cbs {name}{fetch}` saves it",
            variant="odata_page",
            file=path.name,
            version=version,
            table=name,
            needs=needs,
            command=f"python -m bw fetch cbs {name}{fetch}",
        )
        return True
    return False


def _head(path: Path, facts: FileFacts | None, size: int) -> bytes:
    """The first bytes of a file, from ``facts`` when intake has read it already."""
    if facts is not None and facts.path == path:
        return facts.head[:size]
    with path.open("rb") as handle:
        return handle.read(size)


def _starts_like_container(path: Path, facts: FileFacts | None = None) -> bool:
    """A zip (xlsx) or JSON document, judged from its first bytes."""
    start = _head(path, facts, 64)
    return start.startswith(b"PK\x03\x04") or start.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (
        b"{",
        b"[",
    )


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
    topics, columns or labels to catalogue indicators; a bad one refuses the load. Besides the
    loader's own checks, every file gets the plausibility rules of :mod:`bw.plausibility`, and
    all of it runs under the intake's time budget (``BW_INTAKE_SECONDS``): past it the report
    is one ``time_limit_exceeded`` error. A FIFO, device or socket is refused unopened.
    """
    path = Path(path)
    report = ValidationReport()
    refused = Staged(file_name=path.name, checksum="", report=report)
    with time_budget() as budget:
        try:
            staged = _check(
                con,
                path,
                report,
                refused,
                format=format,
                new_indicators=new_indicators,
                mapping=mapping,
            )
        except TimeBudgetExceeded:
            staged = refused
        except duckdb.InterruptException:
            if not budget.expired:
                raise
            staged = refused
        except (HeaderError, csv.Error) as error:  # a header cell over 128 kB
            report.error("malformed_csv", _one_line(error), line=1, error=_one_line(error))
            staged = refused
        except RecursionError:
            report.error(
                "malformed_json",
                "the file nests arrays or objects too deeply to be read",
                variant="too_deep",
            )
            staged = refused
        except OSError as error:  # a file removed, or unreadable, while it is checked
            report.error(
                "unreadable_file",
                f"the file cannot be read: {error.strerror or error}",
                error=str(error.strerror or error),
            )
            staged = refused
        if budget.expired:
            # Whatever the loader made of the interruption, it is this and nothing else.
            report = ValidationReport(format=staged.report.format)
            report.error(
                "time_limit_exceeded",
                f"checking stopped after {budget.seconds:g} seconds "
                "(BW_INTAKE_SECONDS): this file takes far longer to read than its "
                "size suggests (does it unpack to much more, like a decompression or "
                "cell bomb?); nothing was loaded",
                seconds=float(budget.seconds),
            )
            return Staged(file_name=staged.file_name, checksum="", report=report)
    return staged


def _check(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    report: ValidationReport,
    refused: Staged,
    *,
    format: str,
    new_indicators: str,
    mapping: Path | None,
) -> Staged:
    """:func:`check_file` inside its time budget."""
    catalogue = store.read_indicator_catalogue(con)
    entries = {}
    if mapping is not None:
        if not _is_readable(Path(mapping), report, what="mapping file"):
            return refused
        entries = load_mapping(mapping, indicator_ids=set(catalogue["indicator_id"]), report=report)
        if not report.ok:
            return refused
    if not _is_readable(path, report, what="file"):
        return refused
    facts = None
    if path.is_file():
        if not check_size(path, report, max_bytes=max_upload_bytes()):
            return refused
        # One read for size, content, encoding, checksum and header, handed to the loader.
        facts = read_file_facts(path)
        problem = sniff_content(path, head=facts.head)
        if problem is not None:
            code, message, params = problem
            report.error(code, message, line=None, **params)  # about the file, no one line
            return refused
    chosen = detect_format(path, report, facts=facts) if format == "auto" else format
    if chosen is None:
        return refused
    if chosen not in FORMAT_NAMES:
        report.error(
            "unknown_format",
            f"format {format!r} is not one of {', '.join(FORMATS)}",
            variant="option",
            value=format,
            formats=", ".join(FORMATS),
        )
        return refused
    context = LoadContext(
        regions=store.read_regions(con),
        indicators=catalogue,
        new_indicators=new_indicators,
        mapping=entries,
        max_bytes=max_upload_bytes(),
        facts=facts,
    )
    staged = loader_for(chosen).load(path, context)
    if mapping is not None:
        staged.report.detected.update(report.detected)
    if format == "auto":
        staged.report.detected["format"] = f"{chosen} (detected)"
    if staged.observations is not None and staged.report.ok:
        check_plausibility(
            staged.observations, catalogue, staged.report, new_indicators=staged.new_indicators
        )
        if not staged.report.ok:
            staged.observations = None
    summarise(staged.report)
    return staged


def _is_readable(path: Path, report: ValidationReport, *, what: str) -> bool:
    """A regular file or a folder; a FIFO, device or socket would block or never end."""
    try:
        mode = path.stat().st_mode  # follows a symbolic link, as reading would
    except FileNotFoundError:
        report.error("not_found", f"{path} does not exist", file=path.name)
        return False
    except OSError as error:
        report.error(
            "unreadable_file",
            f"the {what} cannot be read: {error.strerror or error}",
            variant="mapping" if what == "mapping file" else None,
            error=str(error.strerror or error),
        )
        return False
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return True
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "no regular file"
    )
    via = " (through a symbolic link)" if path.is_symlink() else ""
    report.error(
        "not_a_regular_file",
        f"the {what} is {kind}{via}, not a regular file: only files and folders are read",
        variant="link" if via else None,
        kind="fifo"
        if stat.S_ISFIFO(mode)
        else "device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "socket"
        if stat.S_ISSOCK(mode)
        else "other",
    )
    return False


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


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
    staged = check_file(con, path, format=format, new_indicators=new_indicators, mapping=mapping)
    report = staged.report
    if not report.ok or staged.observations is None:
        say(1.0, "done")
        return LoadOutcome(staged, None, {})
    previous = store.find_load_by_checksum(con, staged.checksum)
    with comparison.staged_observations(con, staged.observations):
        say(0.5, "comparing")
        counts = _compare_with_store(con)
        if previous is not None and not counts["new"] and not counts["changed"]:
            report.add(
                "info",
                "already_loaded",
                f"this exact file was loaded before as load "
                f"{previous} and the store holds its values as they are in the file; "
                "nothing changed",
                load=previous,
            )
            return LoadOutcome(staged, None, {"new": 0, "changed": 0, "unchanged": 0, "missing": 0})
        if previous is not None:
            # A later load changed some of this file's values: loading it again is a new load
            # that puts the file's values back (what an analyst who reloads a file expects).
            text, params = _superseded_text(con, previous, counts, dry_run=dry_run)
            report.warning(
                "reloaded_superseded",
                text,
                variant="check_absent"
                if dry_run and counts["new"]
                else "check"
                if dry_run
                else "load_absent"
                if counts["new"]
                else "load",
                line=None,  # about the whole file
                **params,
            )

        report.counts.update(counts)
        if counts["missing"]:
            report.warning(
                "missing_values",
                f"{counts['missing']} values are empty or '.' in "
                "the file; they are stored as missing with that reason, never as 0",
                count=counts["missing"],
            )

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
            updated = store.update_region_attributes(con, staged.region_updates, load_id=load_id)
            store.insert_indicators(
                con,
                staged.new_indicators,
                classification="te_classificeren",
                created_by_load=load_id,
            )
            # Keys the store cannot hold yet need no comparison with it (a first load).
            to_write = (
                staged.observations
                if counts["new"] == len(staged.observations)
                else comparison.read_new_or_changed(con)
            )
            store.write_observations(con, to_write, load_id=load_id)
            say(0.7, "refreshing")
            scope = refresh_scope(
                to_write, indicator_ids=staged.indicator_ids, updated=bool(updated)
            )
            store.refresh_derived(con, **scope)
    say(1.0, "done")
    return LoadOutcome(staged, load_id, counts)


#: A load that writes at most this many new or changed rows, of at most this many regions,
#: refreshes only what those rows can change; a larger one rebuilds its indicators whole, as
#: it touches most of their rows anyway (and a scope of thousands of codes costs more).
SCOPED_REFRESH_ROWS, SCOPED_REFRESH_REGIONS = 100_000, 1_000


class RefreshArgs(TypedDict, total=False):
    """The keyword arguments of ``store.refresh_derived`` that a load's scope gives."""

    indicator_ids: list[str] | None  # None: every indicator
    region_codes: list[str]  # only these regions' rows (and the positions they move)
    years: list[int]  # only these years


def refresh_scope(written: pa.Table, *, indicator_ids: Sequence[str], updated: bool) -> RefreshArgs:
    """The arguments of ``refresh_derived`` after a load wrote ``written`` (its new or changed
    rows) for ``indicator_ids`` (the file's) and, when ``updated``, changed region attributes."""
    if updated:  # changed size classes or urbanity move peer references of every indicator
        return {"indicator_ids": None}
    if written.num_rows > SCOPED_REFRESH_ROWS:
        return {"indicator_ids": list(indicator_ids)}
    regions = pc.unique(written["region_code"]).to_pylist()
    if len(regions) > SCOPED_REFRESH_REGIONS:
        return {"indicator_ids": list(indicator_ids)}
    return {
        "indicator_ids": pc.unique(written["indicator_id"]).to_pylist(),
        "region_codes": regions,
        "years": pc.unique(written["year"]).to_pylist(),
    }


#: The phases ``load_file`` reports to its ``progress`` callback, in order.
PHASES = ("validating", "comparing", "writing", "refreshing", "done")


def _silent(fraction: float, phase: str) -> None:
    """The progress callback of a caller that wants none."""


#: Loads with more rows than this get the larger write memory limit for their transaction.
LARGE_LOAD_ROWS = 1_000_000


@contextlib.contextmanager
def _memory_for_large_write(con: duckdb.DuckDBPyConnection, *, rows: int) -> Iterator[None]:
    """Raise DuckDB's memory limit while a large load writes, and put it back afterwards."""
    if rows <= LARGE_LOAD_ROWS:
        yield
        return
    with store.memory_limit(con, config.load_memory_limit(), after=config.memory_limit()):
        yield


def _superseded_text(
    con: duckdb.DuckDBPyConnection, previous: int, counts: dict[str, int], *, dry_run: bool
) -> tuple[str, dict[str, object]]:
    """Which loads hold other values than the file for its keys, and what loading does: the
    English message and the parameters of its translation."""
    holders = comparison.read_superseding_loads(con)
    by = ", ".join(f"load {load_id} for {n} value{'s' if n != 1 else ''}" for load_id, n in holders)
    absent = f"; {counts['new']} of its values are no longer in the store" if counts["new"] else ""
    does = "would load" if dry_run else "loads"
    return (
        f"this exact file was loaded before as load {previous}, but it is superseded by "
        f"{by or 'later loads'}{absent}; this {does} it again as a new load that puts the "
        "file's values back (undo the new load to return to the later values)"
    ), {
        "load": previous,
        "new": counts["new"],
        "by": ", ".join(f"{load_id} ({n})" for load_id, n in holders) or "–",
    }


def _compare_with_store(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The staged file's new, changed, unchanged and missing values against the store."""
    return comparison.count_staged(con).as_dict()


def undo_load(con: duckdb.DuckDBPyConnection, load_id: int, *, actor: Actor) -> list[str]:
    """Undo a load (:func:`bw.store.undo_load`) for ``actor``, recorded in the audit log.

    Raises :class:`~bw.auth.PermissionDenied` (nothing changed) unless ``actor`` may load data.
    Run it in the caller's transaction.
    """
    require(actor, Permission.LOAD_DATA)
    touched = store.undo_load(con, load_id)
    audit.record(con, actor, "undo_load", f"load {load_id}")
    return touched


# --- several files as one load: all of them, or none ------------------------------------------


class LoadRefusedError(BwError):
    """A file of a multi-file load has errors: the transaction rolled back, nothing was written.

    ``outcome`` is that file's load outcome (its report says what is wrong); the files before it
    were validated and written inside the same transaction, so they are gone again too.
    """

    def __init__(self, index: int, total: int, outcome: LoadOutcome) -> None:
        name = outcome.staged.file_name
        super().__init__(
            f"{name} has errors (file {index + 1} of {total}); nothing was loaded",
            code="file_refused",
            file=name,
            position=index + 1,
            total=total,
        )
        self.index = index  # 1: the second file given
        self.outcome = outcome

    @property
    def staged(self) -> Staged:
        """The refused file's staged result (its report holds the errors)."""
        return self.outcome.staged


#: The progress callback of :func:`load_files`: (file index, fraction of that file, phase).
FilesProgress = Callable[[int, float, str], None]


def load_files(
    con: duckdb.DuckDBPyConnection,
    paths: Sequence[Path],
    *,
    format: str = "auto",
    new_indicators: str = "error",
    actor: Actor,
    in_transaction: bool = False,
    mapping: Path | None = None,
    progress: FilesProgress | None = None,
) -> list[LoadOutcome]:
    """Load several files in one transaction: every one of them, or (any file with errors) none.

    Each file is validated against the store as the files before it left it, inside the
    transaction, so a later file may build on an earlier one (a new region, then its values).
    The first file with an error raises :class:`LoadRefusedError`, which rolls back the whole
    transaction (with ``in_transaction`` the caller's, which the error must leave). Raises
    :class:`~bw.auth.PermissionDenied` before reading any file unless ``actor`` may load data.
    """
    require(actor, Permission.LOAD_DATA)
    paths = [Path(path) for path in paths]
    outcomes: list[LoadOutcome] = []
    with contextlib.nullcontext() if in_transaction else store.transaction(con):
        for index, path in enumerate(paths):
            outcome = load_file(
                con,
                path,
                format=format,
                new_indicators=new_indicators,
                actor=actor,
                in_transaction=True,
                mapping=mapping,
                progress=None if progress is None else functools.partial(progress, index),
            )
            if not outcome.report.ok:
                raise LoadRefusedError(index, len(paths), outcome)
            outcomes.append(outcome)
    return outcomes
