"""Checking and loading uploaded files for the Data page, without widgets.

Every file is written to a private temporary folder under its own (sanitised) name, checked
with a dry run that writes nothing, and loaded only when every selected file is free of
errors, all of them in one transaction, so tests drive this without a browser.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import duckdb
import pandas as pd

from bw import intake, store
from bw.auth import ANONYMOUS, Actor, PermissionDenied
from bw.errors import BwError
from bw.indicator_csv import export_indicators
from bw.loaders import long_csv
from bw.loaders.common import Staged, check_size
from bw.report import ValidationReport
from bw.store import lake
from ui.auth import current_actor
from ui.i18n import t
from ui.store import (
    reading_cursor,
    writer,
)


@dataclass(frozen=True, slots=True)
class FileCheck:
    """One uploaded file checked against the store by a dry run (nothing written)."""

    name: str  # 'monitor.csv': the uploaded name without any folder
    path: Path  # the private temporary copy; valid while its folder exists
    staged: Staged  # the loader's result: report, observations, new regions and indicators
    counts: dict[str, int]  # new, changed, unchanged, missing; empty when the file has errors

    @property
    def report(self) -> ValidationReport:
        """The file's validation report."""
        return self.staged.report

    @property
    def ok(self) -> bool:
        """True when nothing in the file blocks loading."""
        return self.report.ok


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What pressing 'Laden' did: loaded, or why nothing was written."""

    outcomes: list[intake.LoadOutcome]  # one per file when loaded, else empty
    problem: str | None = None  # None, 'busy', 'denied', 'refused' or 'failed'
    message: str = ""  # the reason when nothing was written
    refused: FileCheck | None = None  # the file that turned out bad while loading

    @property
    def loaded(self) -> bool:
        """True when the files were written."""
        return self.problem is None

    @property
    def load_ids(self) -> list[int]:
        """The ids of the new loads (an identical file loaded before gets none)."""
        return [outcome.load_id for outcome in self.outcomes if outcome.load_id is not None]


def safe_file_name(name: str) -> str:
    """The uploaded name without folders (Windows or POSIX), so it cannot leave the temp folder.

    >>> safe_file_name("../../etc/passwd")
    'passwd'
    >>> safe_file_name("C:\\\\Users\\\\ana\\\\monitor 2024.csv")
    'monitor 2024.csv'
    >>> safe_file_name("..")
    'upload'
    """
    name = Path(PureWindowsPath(str(name)).name).name.strip()
    return name if name not in ("", ".", "..") else "upload"


def write_upload(directory: Path, index: int, name: str, data: bytes) -> Path:
    """Write one uploaded file into its own subfolder of ``directory`` under its own name."""
    folder = Path(directory) / str(index)  # two uploads with the same name do not collide
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_file_name(name)
    path.write_bytes(data)
    return path


def check_upload(
    con: duckdb.DuckDBPyConnection, path: Path, *, format: str, new_indicators: str
) -> FileCheck:
    """Check a written upload with a dry run of :func:`bw.intake.load_file` (reads only).

    A file above ``BW_MAX_UPLOAD_MB`` is refused before any parsing; a loader that fails on a
    file it did not expect becomes an error in the report, never a crash of the page.
    """
    path = Path(path)
    report = ValidationReport()
    refused = Staged(file_name=path.name, checksum="", report=report)
    if not check_size(path, report, max_bytes=intake.max_upload_bytes()):
        return FileCheck(path.name, path, refused, {})
    try:
        outcome = intake.load_file(  # a dry run writes nothing, so anyone may check a file
            con,
            path,
            format=format,
            dry_run=True,
            new_indicators=new_indicators,
            actor=ANONYMOUS,
        )
    except Exception as error:  # noqa: BLE001 - a loader's bug on odd input is reported
        report.error(
            "check_failed",
            f"the file could not be checked ({type(error).__name__}: {error}); nothing was loaded",
            error=f"{type(error).__name__}: {error}",
        )
        return FileCheck(path.name, path, refused, {})
    return FileCheck(path.name, path, outcome.staged, dict(outcome.counts))


def check_uploads(
    files: Sequence[tuple[str, bytes]], directory: Path, *, format: str, new_indicators: str
) -> list[FileCheck]:
    """Write each ``(name, bytes)`` into ``directory`` and check it against the current store."""
    checks = []
    for index, (name, data) in enumerate(files):
        path = write_upload(directory, index, name, data)
        with reading_cursor() as cursor:
            checks.append(check_upload(cursor, path, format=format, new_indicators=new_indicators))
    return checks


def load_checked(
    cursor: duckdb.DuckDBPyConnection,
    checks: Sequence[FileCheck],
    *,
    format: str,
    new_indicators: str,
    actor: Actor,
    progress: Callable[[float, str], None] | None = None,
) -> list[intake.LoadOutcome]:
    """Load every checked file on a cursor inside an open transaction, all or none.

    Each file is validated again by :func:`bw.intake.load_files` (the store may have changed
    since the preview); a file that now fails raises :class:`bw.intake.LoadRefusedError`, so
    the caller's transaction rolls back. ``progress`` gets (fraction of all files, text) at
    each phase of each file.
    """
    return intake.load_files(
        cursor,
        [check.path for check in checks],
        format=format,
        new_indicators=new_indicators,
        actor=actor,
        in_transaction=True,
        progress=_files_progress(progress, [check.name for check in checks]),
    )


def _files_progress(
    progress: Callable[[float, str], None] | None, names: Sequence[str]
) -> intake.FilesProgress | None:
    """A load_files progress callback that reports each file's phases as a share of all files."""
    if progress is None:
        return None
    total = len(names)

    def report(index: int, fraction: float, phase: str) -> None:
        progress(
            (index + fraction) / total,
            t(
                "ingest.progress",
                index=index + 1,
                total=total,
                name=names[index],
                phase=t(f"ingest.phase.{phase}"),
            ),
        )

    return report


def load_uploads(
    checks: Sequence[FileCheck],
    *,
    format: str,
    new_indicators: str,
    actor: Actor | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> LoadResult:
    """Load the checked files in one transaction: all of them, or (on any problem) none.

    ``actor`` defaults to this session's (:func:`ui.auth.current_actor`); the load records it.
    """
    actor = current_actor() if actor is None else actor
    if not checks or not all(check.ok for check in checks):
        return LoadResult([], "refused", "not every file is free of errors")
    try:
        with writer() as cursor:
            outcomes = load_checked(
                cursor,
                checks,
                format=format,
                new_indicators=new_indicators,
                actor=actor,
                progress=progress,
            )
    except duckdb.TransactionException as error:
        return LoadResult([], "busy", str(error))
    except BwError as error:  # rolled back: nothing was written
        if isinstance(error, intake.LoadRefusedError):
            check = checks[error.index]
            return LoadResult(
                [],
                "refused",
                str(error),
                dataclasses.replace(check, staged=error.staged, counts={}),
            )
        if isinstance(error, PermissionDenied):
            return LoadResult([], "denied", str(error))
        return LoadResult([], "failed", f"{type(error).__name__}: {lake.redact(str(error))}")
    except Exception as error:  # noqa: BLE001 - rolled back; the page shows the message
        if lake.is_unreachable_error(error):
            raise  # the lake went away: the app's maintenance message, not a load error
        return LoadResult([], "failed", f"{type(error).__name__}: {lake.redact(str(error))}")
    return LoadResult(outcomes)


def undo(load_id: int, *, actor: Actor | None = None) -> tuple[str | None, str]:
    """Undo a load in one transaction: ``(None, '')``, or ``('busy'|'refused', message)``."""
    actor = current_actor() if actor is None else actor
    try:
        with writer() as cursor:
            intake.undo_load(cursor, int(load_id), actor=actor)
    except duckdb.TransactionException as error:
        return "busy", str(error)
    except (BwError, duckdb.Error) as error:  # rolled back: nothing changed
        if lake.is_unreachable_error(error):
            raise  # the lake went away: the app's maintenance message, not a refusal
        return "refused", lake.redact(str(error))
    return None, ""


def read_loads() -> pd.DataFrame:
    """Every load, newest first (:func:`bw.store.read_loads`), read fresh on every run."""
    with reading_cursor() as cursor:
        return store.read_loads(cursor)


def template_bytes() -> bytes:
    """The long CSV template (UTF-8), as offered for download."""
    return long_csv.TEMPLATE.encode("utf-8")


def catalogue_bytes() -> bytes:
    """The current indicator catalogue as CSV (:func:`bw.indicator_csv.export_indicators`)."""
    with tempfile.TemporaryDirectory(prefix="bw-catalogue-") as folder:
        path = Path(folder) / "indicatoren.csv"
        with reading_cursor() as cursor:
            export_indicators(cursor, path)
        return path.read_bytes()
