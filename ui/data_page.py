"""The Data page: what the store holds, checking and loading uploaded files, loads and undo.

Checking and loading work on a file name and its bytes (:func:`check_upload`,
:func:`load_uploads`), so tests drive them without a browser; the ``render_*`` functions draw
the page's sections. Every file is written to a private temporary folder under its own
(sanitised) name, checked with a dry run that writes nothing, and loaded only when every
selected file is free of errors, all of them in one transaction.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path, PureWindowsPath

import duckdb
import pandas as pd
import streamlit as st

from bw import config, intake, store
from bw.auth import ANONYMOUS, Actor, Permission, PermissionDenied
from bw.errors import BwError
from bw.formatting import MISSING, format_number
from bw.indicator_csv import export_indicators
from bw.loaders import long_csv
from bw.loaders.common import Staged, check_size
from bw.model import Level, is_missing
from bw.report import Issue, Severity, ValidationReport
from ui.auth import current_actor, may, refusal
from ui.i18n import STRINGS, current_language, t
from ui.issues import issue_text
from ui.markdown import md
from ui.render import DIMENSIONS, LEVEL_ORDER, render_demo_caption
from ui.store import (
    BoundaryRead,
    can_write,
    new_cursor,
    read_boundaries,
    read_info,
    read_regions,
    store_path,
    writer,
)

#: File types the uploader accepts (what the loaders read, or report clearly on).
UPLOAD_TYPES = ("csv", "txt", "tsv", "json", "xlsx", "zip")
#: Rows of each file shown as they will be stored.
PREVIEW_ROWS = 20
#: Choices for topics the catalogue does not know: report them, or create indicators.
NEW_INDICATOR_CHOICES = ("error", "create")

#: Widget keys, for tests and for the session state of this page.
FORMAT_KEY = "data_format"
NEW_INDICATORS_KEY = "data_new_indicators"
LOAD_KEY = "data_load"
UNDO_SELECT_KEY = "data_undo_load"
UNDO_CONFIRM_KEY = "data_undo_confirm"  # + '_<load id>': a fresh confirmation per load
UNDO_KEY = "data_undo"
TEMPLATE_KEY = "data_template_long_csv"
CATALOGUE_KEY = "data_template_indicators"
#: Levels that have boundary files for the maps on Vergelijken (shipped: both).
BOUNDARY_LEVELS = (Level.GM, Level.PV)
_UPLOAD_GENERATION = "data_upload_generation"  # a new uploader key empties it after a load
_CHECKS = "data_checks"  # checks of the files in the uploader, so a rerun does not redo them
_FLASH = "data_flash"  # the outcome of a load or undo, shown after the rerun that follows it
_RESET_UNDO = "data_undo_reset"  # after a load or undo: select the newest active load

#: A sign before the severity word (plain text symbols: they render without an emoji font).
_SEVERITY_ICONS = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


# --- checking and loading (no widgets) ------------------------------------------------------


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


@contextmanager
def _reading_cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = new_cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def check_uploads(
    files: Sequence[tuple[str, bytes]], directory: Path, *, format: str, new_indicators: str
) -> list[FileCheck]:
    """Write each ``(name, bytes)`` into ``directory`` and check it against the current store."""
    checks = []
    for index, (name, data) in enumerate(files):
        path = write_upload(directory, index, name, data)
        with _reading_cursor() as cursor:
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
        return LoadResult([], "failed", f"{type(error).__name__}: {error}")
    except Exception as error:  # noqa: BLE001 - rolled back; the page shows the message
        return LoadResult([], "failed", f"{type(error).__name__}: {error}")
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
        return "refused", str(error)
    return None, ""


def read_loads() -> pd.DataFrame:
    """Every load, newest first (:func:`bw.store.read_loads`), read fresh on every run."""
    with _reading_cursor() as cursor:
        return store.read_loads(cursor)


def template_bytes() -> bytes:
    """The long CSV template (UTF-8), as offered for download."""
    return long_csv.TEMPLATE.encode("utf-8")


def catalogue_bytes() -> bytes:
    """The current indicator catalogue as CSV (:func:`bw.indicator_csv.export_indicators`)."""
    with tempfile.TemporaryDirectory(prefix="bw-catalogue-") as folder:
        path = Path(folder) / "indicatoren.csv"
        with _reading_cursor() as cursor:
            export_indicators(cursor, path)
        return path.read_bytes()


# --- display helpers --------------------------------------------------------------------------


def escape_markdown(text: str) -> str:
    """Text from a file (its name) shown literally where Streamlit reads markdown.

    >>> escape_markdown("**x**_[y](z).csv")
    '\\\\*\\\\*x\\\\*\\\\*\\\\_\\\\[y\\\\](z).csv'
    """
    return md(text)


def exact_number(value: object, *, lang: str) -> str:
    """A stored number with all its decimals, in the language's notation (``4,25``).

    >>> exact_number(4.25, lang="nl")
    '4,25'
    >>> exact_number(1234.0, lang="nl")
    '1.234'
    >>> exact_number(None, lang="nl")
    '–'
    """
    if is_missing(value):
        return MISSING
    try:
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    decimals = min(12, max(0, -exponent)) if isinstance(exponent, int) else 0
    return format_number(float(value), decimals, lang=lang)


def format_label(name: str) -> str:
    """A format's name for people (``Lange CSV (eigen data)``), else its machine name."""
    key = f"data.format.{name}"
    return t(key) if key in STRINGS[current_language()] else name


def _count(value: object) -> str:
    if is_missing(value):
        return MISSING
    return format_number(int(value), 0, lang=current_language())  # type: ignore[call-overload]


def _when(value: object) -> str:
    if is_missing(value):
        return MISSING
    pattern = "%d-%m-%Y %H:%M" if current_language() == "nl" else "%Y-%m-%d %H:%M"
    return pd.Timestamp(value).strftime(pattern)  # type: ignore[arg-type]


def issues_frame(report: ValidationReport) -> pd.DataFrame:
    """The report as a table, errors first, then warnings and notes, each by line."""
    issues: list[Issue] = report.sorted_issues()
    return pd.DataFrame(
        {
            "severity": [
                f"{_SEVERITY_ICONS[i.severity]} {t(f'data.severity.{i.severity}')}" for i in issues
            ],
            "line": [str(i.line) if i.line is not None else t("data.whole_file") for i in issues],
            "code": [i.code for i in issues],
            "message": [issue_text(i) for i in issues],
        },
        columns=["severity", "line", "code", "message"],
    )


def _detected_value(key: str, value: str) -> str:
    if key == "format":
        name, detected = value.removesuffix(" (detected)"), value.endswith(" (detected)")
        label = format_label(name)
        return f"{label} — {t('data.detected_auto')}" if detected else label
    words = {"point": "data.decimal_point", "comma": "data.decimal_comma", "tab": "data.tab"}
    return t(words[value]) if value in words else value


def detected_frame(report: ValidationReport) -> pd.DataFrame:
    """What the loader detected about the file (format, encoding, delimiter, decimals)."""
    detected = dict(report.detected)
    format = detected.pop("format", report.format)
    if format:
        detected = {"format": format, **detected}  # the format first: it explains the rest
    rows = []
    for key, value in detected.items():
        if key.startswith("decimal_"):
            what = t("data.detected.decimal_column", column=key.removeprefix("decimal_"))
        else:
            label_key = f"data.detected.{key}"
            what = t(label_key) if label_key in STRINGS[current_language()] else key
        rows.append((what, _detected_value(key, str(value))))
    return pd.DataFrame(rows, columns=["what", "value"])


def preview_frame(
    staged: Staged, regions: pd.DataFrame, *, rows: int = PREVIEW_ROWS
) -> pd.DataFrame:
    """The first rows as they will be stored, numbers in the UI language's notation."""
    lang = current_language()
    if staged.observations is None:
        return pd.DataFrame()
    frame = staged.observations.slice(0, rows).to_pandas()
    names = dict(zip(regions["code"], regions["name"], strict=True))
    names.update({region.code: region.name for region in staged.new_regions})
    preview = pd.DataFrame(
        {
            "indicator": frame["indicator_id"].astype(str),
            "region": frame["region_code"].astype(str),
            "region_name": frame["region_code"].map(lambda code: names.get(code, MISSING)),
            "period": frame["period"].astype(str),
            "value": [exact_number(v, lang=lang) for v in frame["value"]],
            "ci_low": [exact_number(v, lang=lang) for v in frame["ci_low"]],
            "ci_high": [exact_number(v, lang=lang) for v in frame["ci_high"]],
            "status": frame["status"].fillna(MISSING).astype(str),
            "missing_reason": frame["missing_reason"].fillna("").astype(str),
        }
    )
    return preview


def history_frame(loads: pd.DataFrame) -> pd.DataFrame:
    """The loads as a table for people: when, who, format, file, counts, active or undone."""
    return pd.DataFrame(
        {
            "id": loads["id"].astype(int),
            "when": loads["loaded_at"].map(_when),
            "by": loads["loaded_by"].fillna(MISSING).astype(str),
            "format": loads["format"].fillna(MISSING).map(format_label),
            "file": loads["file_name"].fillna(MISSING).astype(str),
            "rows": loads["n_rows"].map(_count),
            "new": loads["n_inserted"].map(_count),
            "changed": loads["n_superseded"].map(_count),
            "status": [
                t("data.status_active")
                if is_missing(undone)
                else t("data.status_undone", when=_when(undone))
                for undone in loads["undone_at"]
            ],
        },
        columns=["id", "when", "by", "format", "file", "rows", "new", "changed", "status"],
    )


def undo_confirm_key(load_id: int) -> str:
    """The key of the confirmation checkbox for undoing one load."""
    return f"{UNDO_CONFIRM_KEY}_{int(load_id)}"


def _load_choice_label(loads: pd.DataFrame):
    labels = {
        int(row.id): t(
            "data.undo_option",
            id=int(row.id),
            file=row.file_name if isinstance(row.file_name, str) else row.source,
            when=_when(row.loaded_at),
            by=row.loaded_by,
        )
        for row in loads.itertuples(index=False)
    }
    return labels.__getitem__


# --- rendering -------------------------------------------------------------------------------


def render_intro() -> None:
    """The page title, the demo caption and what the page is for."""
    st.title(t("data.title"))
    render_demo_caption()
    st.write(t("data.intro"))


def render_store_counts() -> None:
    """What the store holds, from :func:`bw.store.read_info`: real counts, Dutch-formatted."""
    info = read_info()
    lang = current_language()
    st.write(t("data.demo") if info.get("demo") else t("data.not_demo"))
    indicators = info.get("indicators", {})
    metrics = (
        ("data.observations", info.get("observations", 0)),
        ("data.indicators", indicators.get("total", 0)),
        ("data.targets", info.get("targets", 0)),
        ("data.loads", info.get("loads", 0)),
    )
    for column, (key, count) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(t(key), format_number(count, 0, lang=lang))
    regions_column, indicators_column = st.columns(2)
    with regions_column:
        st.header(t("data.regions_heading"))
        levels = [level for level in LEVEL_ORDER if level in info.get("regions", {})]
        levels += sorted(set(info.get("regions", {})) - set(levels))
        st.dataframe(
            pd.DataFrame(
                {
                    "level": [t(f"level.{level}") for level in levels],
                    "count": [format_number(info["regions"][level], lang=lang) for level in levels],
                }
            ),
            column_config={
                "level": st.column_config.TextColumn(t("data.col_level")),
                "count": st.column_config.TextColumn(t("data.col_count"), alignment="right"),
            },
            hide_index=True,
        )
    with indicators_column:
        st.header(t("data.indicators_heading"))
        keys = [*DIMENSIONS, "total"]
        st.dataframe(
            pd.DataFrame(
                {
                    "dimension": [
                        t("data.total") if key == "total" else t(f"dimension.{key}") for key in keys
                    ],
                    "count": [format_number(indicators.get(key, 0), lang=lang) for key in keys],
                }
            ),
            column_config={
                "dimension": st.column_config.TextColumn(t("data.col_dimension")),
                "count": st.column_config.TextColumn(t("data.col_count"), alignment="right"),
            },
            hide_index=True,
        )
        st.caption(t("data.indicators_note"))


def _render_flash(section: str) -> None:
    flash = st.session_state.get(_FLASH)
    if not flash or flash.get("section") != section:
        return
    del st.session_state[_FLASH]
    st.success(flash["message"], icon=":material/check_circle:")
    if flash.get("table") is not None:
        st.dataframe(
            flash["table"],
            hide_index=True,
            column_config={
                "file": st.column_config.TextColumn(t("data.col_file")),
                "load": st.column_config.TextColumn(t("data.col_load")),
                **{
                    key: st.column_config.TextColumn(t(f"data.count.{key}"), alignment="right")
                    for key in ("new", "changed", "unchanged", "missing")
                },
            },
        )


def _file_summary(check: FileCheck) -> str:
    errors = sum(issue.severity == Severity.ERROR for issue in check.report.issues)
    warnings = sum(issue.severity == Severity.WARNING for issue in check.report.issues)
    rows = check.report.counts.get("rows")
    parts = [t("data.file_errors", errors=_count(errors)) if errors else t("data.file_ok")]
    if warnings:
        parts.append(t("data.file_warnings", warnings=_count(warnings)))
    if rows is not None:
        parts.append(t("data.file_rows", rows=_count(rows)))
    return f"{escape_markdown(check.name)} — {', '.join(parts)}"


def render_file_check(check: FileCheck, regions: pd.DataFrame) -> None:
    """One checked file: detected format, report (errors first), counts, additions, preview."""
    icon = ":material/check_circle:" if check.ok else ":material/error:"
    with st.expander(_file_summary(check), expanded=True, icon=icon):
        detected = detected_frame(check.report)
        if not detected.empty:
            st.markdown(f"**{t('data.detected_heading')}**")
            st.dataframe(
                detected,
                hide_index=True,
                column_config={
                    "what": st.column_config.TextColumn(t("data.col_detected")),
                    "value": st.column_config.TextColumn(t("data.col_detected_value")),
                },
            )
        counts = {"rows": check.report.counts.get("rows"), **check.counts}
        shown = [(key, value) for key, value in counts.items() if value is not None]
        if shown:
            for column, (key, value) in zip(st.columns(len(shown)), shown, strict=True):
                column.metric(t(f"data.count.{key}"), _count(value))
        if check.report.issues:
            st.markdown(f"**{t('data.report_heading')}**")
            st.dataframe(
                issues_frame(check.report),
                hide_index=True,
                column_config={
                    "severity": st.column_config.TextColumn(t("data.col_severity")),
                    "line": st.column_config.TextColumn(t("data.col_line"), width="small"),
                    "code": st.column_config.TextColumn(t("data.col_code")),
                    "message": st.column_config.TextColumn(t("data.col_message"), width="large"),
                },
            )
        else:
            st.write(t("data.no_issues"))
        if check.staged.new_regions:
            st.markdown(f"**{t('data.new_regions_heading')}**")
            st.dataframe(
                pd.DataFrame(
                    [(r.code, r.name, t(f"level.{r.level}")) for r in check.staged.new_regions],
                    columns=["code", "name", "level"],
                ),
                hide_index=True,
                column_config={
                    "code": st.column_config.TextColumn(t("data.col_code_region")),
                    "name": st.column_config.TextColumn(t("data.col_name")),
                    "level": st.column_config.TextColumn(t("data.col_level")),
                },
            )
        if check.staged.new_indicators:
            st.markdown(f"**{t('data.new_indicators_heading')}**")
            st.dataframe(
                pd.DataFrame(
                    [(i.id, i.name_nl, i.unit) for i in check.staged.new_indicators],
                    columns=["id", "name", "unit"],
                ),
                hide_index=True,
                column_config={
                    "id": st.column_config.TextColumn(t("data.col_indicator_id")),
                    "name": st.column_config.TextColumn(t("data.col_name")),
                    "unit": st.column_config.TextColumn(t("col.unit")),
                },
            )
        preview = preview_frame(check.staged, regions)
        if not preview.empty:
            total = check.staged.observations.num_rows  # type: ignore[union-attr]
            st.markdown(
                f"**{t('data.preview_heading', shown=_count(len(preview)), total=_count(total))}**"
            )
            st.dataframe(
                preview,
                hide_index=True,
                column_config={
                    "indicator": st.column_config.TextColumn(t("data.col_indicator_id")),
                    "region": st.column_config.TextColumn(t("data.col_code_region")),
                    "region_name": st.column_config.TextColumn(t("data.col_region_name")),
                    "period": st.column_config.TextColumn(t("col.period")),
                    "value": st.column_config.TextColumn(t("col.value"), alignment="right"),
                    "ci_low": st.column_config.TextColumn(t("data.col_ci_low"), alignment="right"),
                    "ci_high": st.column_config.TextColumn(
                        t("data.col_ci_high"), alignment="right"
                    ),
                    "status": st.column_config.TextColumn(t("data.col_status")),
                    "missing_reason": st.column_config.TextColumn(t("data.col_missing_reason")),
                },
            )


def _upload_key() -> str:
    return f"data_upload_{st.session_state.get(_UPLOAD_GENERATION, 0)}"


def _store_signature() -> tuple:
    """Changes whenever a load, an undo or a new indicator or region could change a check."""
    with _reading_cursor() as cursor:
        counts = store.read_change_counts(cursor)
    return (store_path(), *counts)


def _cached_checks(uploads: list, directory: Path, *, format: str, new_indicators: str):
    """Check each uploaded file, reusing checks of this session while nothing changed."""
    signature = (_store_signature(), format, new_indicators)
    previous: dict = st.session_state.get(_CHECKS, {})
    current: dict = {}
    checks = []
    for index, upload in enumerate(uploads):
        key = (signature, upload.file_id, upload.name, upload.size)
        path = write_upload(directory, index, upload.name, upload.getvalue())
        if key in previous:
            check = dataclasses.replace(previous[key], path=path)
        else:
            with _reading_cursor() as cursor:
                check = check_upload(cursor, path, format=format, new_indicators=new_indicators)
        current[key] = check
        checks.append(check)
    st.session_state[_CHECKS] = current
    return checks


def _outcomes_table(checks: Sequence[FileCheck], result: LoadResult) -> pd.DataFrame:
    rows = []
    for check, outcome in zip(checks, result.outcomes, strict=True):
        counts = outcome.counts
        rows.append(
            {
                "file": check.name,
                "load": str(outcome.load_id)
                if outcome.load_id is not None
                else t("data.already_loaded"),
                **{
                    key: _count(counts.get(key, 0))
                    for key in ("new", "changed", "unchanged", "missing")
                },
            }
        )
    return pd.DataFrame(rows, columns=["file", "load", "new", "changed", "unchanged", "missing"])


def render_upload() -> None:
    """Upload files, check them (nothing written) and load them all with one button."""
    st.header(t("data.upload_heading"))
    _render_flash("upload")
    if not can_write():
        st.info(t("data.read_only"), icon=":material/lock:")
        return
    if not may(Permission.LOAD_DATA):
        st.info(refusal(Permission.LOAD_DATA), icon=":material/lock:")
        return
    st.write(t("data.upload_intro"))
    format_column, topics_column = st.columns(2)
    # Labels are looked up in dicts made in this run, not by calling t() later: the widgets
    # keep their value when the language (and so every label) changes.
    formats = {
        name: t("data.format_auto") if name == "auto" else format_label(name)
        for name in intake.FORMATS
    }  # read at run time: loaders are added over time
    choices = {choice: t(f"data.new_indicators.{choice}") for choice in NEW_INDICATOR_CHOICES}
    with format_column:
        format = st.selectbox(
            t("data.format_label"),
            list(formats),
            key=FORMAT_KEY,
            format_func=formats.__getitem__,
            help=t("data.format_help"),
            placeholder=t("select.one"),
        )
    with topics_column:
        new_indicators = st.radio(
            t("data.new_indicators_label"),
            list(choices),
            key=NEW_INDICATORS_KEY,
            format_func=choices.__getitem__,
            help=t("data.new_indicators_help"),
        )
    limit_mb = intake.max_upload_bytes() / (1024 * 1024)
    uploads = st.file_uploader(
        t("data.uploader_label"),
        type=list(UPLOAD_TYPES),
        accept_multiple_files=True,
        key=_upload_key(),
    )
    # The limit and what the uploader's hidden instructions said, in the page's language.
    st.caption(t("data.uploader_help", limit=format_number(limit_mb, 0, lang=current_language())))
    if not uploads:
        st.session_state.pop(_CHECKS, None)
        st.caption(t("data.no_files"))
        return
    regions = read_regions()
    with tempfile.TemporaryDirectory(prefix="bw-upload-") as folder:
        checks = _cached_checks(
            list(uploads), Path(folder), format=format, new_indicators=new_indicators
        )
        for check in checks:
            render_file_check(check, regions)
        bad = [check for check in checks if not check.ok]
        if bad:
            st.error(
                t("data.has_errors", bad=_count(len(bad)), total=_count(len(checks)))
                if len(checks) > 1
                else t("data.has_errors_one"),
                icon=":material/block:",
            )
        else:
            st.info(t("data.ready", total=_count(len(checks))), icon=":material/info:")
        if not st.button(
            t("data.load"),
            key=LOAD_KEY,
            type="primary",
            disabled=bool(bad),
            icon=":material/upload:",
        ):
            return
        bar = st.progress(0.0, text=t("data.loading"))
        result = load_uploads(
            checks,
            format=format,
            new_indicators=new_indicators,
            progress=lambda fraction, text: bar.progress(fraction, text=text),
        )
        bar.empty()
    if result.loaded:
        ids = ", ".join(str(load_id) for load_id in result.load_ids)
        message = (
            t("data.loaded", files=_count(len(checks)), ids=ids)
            if ids
            else t("data.loaded_nothing_new")
        )
        st.session_state[_FLASH] = {
            "section": "upload",
            "message": message,
            "table": _outcomes_table(checks, result),
        }
        st.session_state[_UPLOAD_GENERATION] = st.session_state.get(_UPLOAD_GENERATION, 0) + 1
        st.session_state[_RESET_UNDO] = True
        st.session_state.pop(_CHECKS, None)
        st.rerun()
    elif result.problem == "busy":
        st.warning(t("data.busy"), icon=":material/hourglass_top:")
    elif result.problem == "denied":
        st.error(t("auth.denied"), icon=":material/block:")
    elif result.problem == "refused" and result.refused is not None:
        st.error(
            t("data.refused_on_load", file=escape_markdown(result.refused.name)),
            icon=":material/block:",
        )
        render_file_check(result.refused, regions)
    else:
        st.error(t("data.load_failed"), icon=":material/error:")
        st.code(result.message, language=None)


def render_history() -> None:
    """Every load with its provenance and status; undo an active load after confirming."""
    st.header(t("data.history_heading"))
    _render_flash("history")
    loads = read_loads()
    if loads.empty:
        st.write(t("data.no_loads"))
        return
    st.dataframe(
        history_frame(loads),
        hide_index=True,
        column_config={
            "id": st.column_config.NumberColumn(t("data.col_id"), format="%d"),
            "when": st.column_config.TextColumn(t("data.col_when")),
            "by": st.column_config.TextColumn(t("data.col_by")),
            "format": st.column_config.TextColumn(t("data.col_format")),
            "file": st.column_config.TextColumn(t("data.col_file")),
            "rows": st.column_config.TextColumn(t("data.count.rows"), alignment="right"),
            "new": st.column_config.TextColumn(t("data.count.new"), alignment="right"),
            "changed": st.column_config.TextColumn(t("data.count.changed"), alignment="right"),
            "status": st.column_config.TextColumn(t("data.col_load_status")),
        },
    )
    if not may(Permission.LOAD_DATA):
        return
    st.subheader(t("data.undo_heading"))
    active = loads[loads["undone_at"].isna()]
    if active.empty:
        st.write(t("data.undo_none"))
        return
    st.write(t("data.undo_intro"))
    if st.session_state.pop(_RESET_UNDO, False) or (
        st.session_state.get(UNDO_SELECT_KEY) not in set(active["id"].astype(int))
    ):
        st.session_state[UNDO_SELECT_KEY] = int(active["id"].iloc[0])  # the newest load
    load_id = st.selectbox(
        t("data.undo_select"),
        [int(load_id) for load_id in active["id"]],
        key=UNDO_SELECT_KEY,
        format_func=_load_choice_label(active),
        placeholder=t("select.one"),
    )
    confirmed = st.checkbox(t("data.undo_confirm", id=load_id), key=undo_confirm_key(load_id))
    if not st.button(t("data.undo"), key=UNDO_KEY, disabled=not confirmed, icon=":material/undo:"):
        return
    problem, message = undo(load_id)
    if problem is None:
        st.session_state[_FLASH] = {
            "section": "history",
            "message": t("data.undone", id=load_id),
        }
        st.session_state[_RESET_UNDO] = True
        st.session_state.pop(_CHECKS, None)
        st.rerun()
    elif problem == "busy":
        st.warning(t("data.busy"), icon=":material/hourglass_top:")
    else:
        st.error(t("data.undo_refused", id=load_id), icon=":material/block:")
        st.code(message, language=None, wrap_lines=True)


def render_templates() -> None:
    """Download the long CSV template and the catalogue; the long CSV's columns; the CLI."""
    st.header(t("data.templates_heading"))
    st.write(t("data.templates_intro"))
    template_column, catalogue_column = st.columns(2)
    template_column.download_button(
        t("data.template_long_csv"),
        data=template_bytes(),
        file_name="bw_lange_csv_sjabloon.csv",
        mime="text/csv",
        key=TEMPLATE_KEY,
        on_click="ignore",
        icon=":material/download:",
    )
    catalogue_column.download_button(
        t("data.template_indicators"),
        data=catalogue_bytes(),
        file_name="bw_indicatoren.csv",
        mime="text/csv",
        key=CATALOGUE_KEY,
        on_click="ignore",
        icon=":material/download:",
    )
    st.subheader(t("data.columns_heading"))
    columns = (*long_csv.REQUIRED, *long_csv.OPTIONAL)
    st.dataframe(
        pd.DataFrame(
            {
                "column": list(columns),
                "required": [
                    t("data.required") if column in long_csv.REQUIRED else t("data.optional")
                    for column in columns
                ],
                "meaning": [t(f"data.column.{column}") for column in columns],
            }
        ),
        hide_index=True,
        column_config={
            "column": st.column_config.TextColumn(t("data.col_column"), width="small"),
            "required": st.column_config.TextColumn(t("data.col_required"), width="small"),
            "meaning": st.column_config.TextColumn(t("data.col_meaning"), width="large"),
        },
    )
    st.subheader(t("data.cli_heading"))
    st.write(t("data.cli_intro"))
    commands = (
        ("python -m bw check bestand.csv", "data.cli.check"),
        ("python -m bw load bestand.csv --dry-run", "data.cli.dry_run"),
        ("python -m bw load bestand.csv --by naam", "data.cli.load"),
        ("python -m bw loads", "data.cli.loads"),
        ("python -m bw undo 12", "data.cli.undo"),
    )
    render_commands(commands)
    st.caption(t("data.cli_note"))


def render_commands(commands: tuple[tuple[str, str], ...]) -> None:
    """Shell commands in one block, each with its translated comment aligned after it."""
    width = max(len(command) for command, _ in commands) + 2
    st.code(
        "\n".join(f"{command:<{width}}# {t(key)}" for command, key in commands), language="bash"
    )


def boundary_status(level: str, found: BoundaryRead) -> str:
    """One plain line on the boundaries a level's map uses: shipped, installed, none, unusable."""
    name = t(f"levels.{level}")
    name = name[:1].upper() + name[1:]
    if found.path is None:
        return t("data.boundaries_none", level=name)
    if found.boundaries is None:
        return t("data.boundaries_unusable", level=name)
    key = "data.boundaries_shipped" if found.shipped else "data.boundaries_installed"
    return t(
        key,
        level=name,
        year=found.boundaries.year or "?",
        n=format_number(len(found.boundaries.codes), lang=current_language()),
    )


def render_boundaries() -> None:
    """Which boundary files the maps use, for everyone; for those who may load data, why an
    installed file is unusable and how to install others (paths and commands belong here,
    not on Vergelijken, which council members read)."""
    st.header(t("data.boundaries_heading"))
    st.write(t("data.boundaries_intro"))
    found = {level: read_boundaries(level) for level in BOUNDARY_LEVELS}
    st.markdown("\n".join(f"- {boundary_status(level, read)}" for level, read in found.items()))
    if not may(Permission.LOAD_DATA):
        return
    for read in found.values():
        if read.error:
            error = escape_markdown(read.error)  # from a file: names with _ or * as written
            st.warning(t("data.boundaries_error", error=error), icon=":material/map:")
    folder = config.data_dir() / "boundaries"
    st.write(t("data.boundaries_advice", folder=f"`{folder}`"))
    commands = (
        ("python -m bw fetch boundaries 2026", "data.boundaries.fetch"),
        ("python -m bw fetch boundaries 2026 --level provincie", "data.boundaries.fetch_pv"),
        ("python -m bw fetch boundaries 2026 --file grenzen.geojson", "data.boundaries.file"),
    )
    render_commands(commands)
