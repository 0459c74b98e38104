"""waarstaatjegemeente.nl (VNG) exports: the data delivery and the name-based table export.

Two formats, from CSV or Excel (.xlsx):

* ``wsjg_delivery`` — the delivery format of VNG pipelines: one row per gemeente and period with
  ``GEOITEM`` (the numeric gemeente code: 363 = GM0363), ``PERIOD`` (a year), ``GEOLEVEL``
  (``gemeente``, or with the year's count such as ``gemeente344``), then one column per
  indicator. **-99998 means missing**: it is stored as a missing value with that reason, never
  as a number.
* ``wsjg_table`` — a dashboard table export: gemeenten by *name* in the first column, one column
  per indicator and period (``Werkloosheid 2022``), ``;`` separated with decimal comma.

Column labels map to indicators through the load's mapping, an indicator id, or the catalogue's
Dutch name (normalised); anything else is ``unmapped_topic`` unless new indicators are created.
CSV is parsed whole by DuckDB in a sandbox and validated with SQL, as ``long_csv`` does; a
workbook is checked for zip bombs before openpyxl opens it. The helpers in the first half of
this module (labels, numbers, workbooks, issue listing) are shared with ``regional_monitor``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import duckdb
import pyarrow as pa

from bw import config, store
from bw.loaders.common import (
    MAX_ISSUES_PER_CODE,
    LoadContext,
    Staged,
    check_size,
    detect_delimiter,
    detect_encoding,
    read_header,
    row_params,
    sha256_of,
    size_text,
    split_header,
    summarise,
)
from bw.model import Aggregation, Direction, Indicator
from bw.regions import match_region_names
from bw.report import ValidationReport
from bw.sandbox import (
    BudgetedFile,
    TimeBudgetExceeded,
    check_time,
    close_sandbox,
    open_sandbox,
)

FORMAT = "wsjg_delivery"
TABLE_FORMAT = "wsjg_table"

#: WSJG's marker for a missing value (VNG data delivery); never a number.
MISSING_MARKER = -99998
#: The reason stored with a value that was the missing marker.
MISSING_MARKER_REASON = "ontbreekt (-99998)"

#: Most members an .xlsx may have (a workbook has a few dozen).
MAX_XLSX_MEMBERS = 10_000
#: Most cells of the header row that detection reads (Excel's own limit is 16 384 columns).
MAX_HEADER_CELLS = 16_384
#: Rows detection skips looking for a header before it gives up.
MAX_HEADER_ROWS = 100

_SOURCE = "waarstaatjegemeente.nl (VNG)"
_KEYS = ("geoitem", "period", "geolevel")


# --- labels to indicators --------------------------------------------------------------------


def normalise_label(text: str) -> str:
    """A column or indicator label for comparison: no case, accents, punctuation or extra space.

    >>> normalise_label("  Concentratie fijnstof (PM2,5) ")
    'concentratie fijnstof pm2 5'
    >>> normalise_label("Tevredenheid_met_het leven")
    'tevredenheid met het leven'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def slugify(text: str) -> str:
    """An id part from a label.

    >>> slugify("Jongeren met een delict (%)")
    'jongeren_met_een_delict'
    """
    return normalise_label(text).replace(" ", "_")[:60].strip("_") or "kolom"


def map_labels(
    labels: dict[str, int | None],
    context: LoadContext,
    report: ValidationReport,
    *,
    source: str,
    survey: frozenset[str] = frozenset(),
) -> tuple[dict[str, str], list[Indicator]]:
    """Indicator id per source label, and the new indicators to create for unmapped labels.

    ``labels`` maps each label to the line where it first occurs (1 for a header). A label
    matches through ``context.mapping`` (exact, then normalised), an indicator id, or the
    catalogue's ``name_nl`` (normalised, with or without a unit in brackets). Unmapped labels
    are ``unmapped_topic`` errors, or with ``new_indicators='create'`` indicators
    ``te_classificeren.<slug>`` and a ``new_indicator`` warning each.
    """
    catalogue = context.indicators
    known = set(catalogue["indicator_id"]) if len(catalogue) else set()
    by_name: dict[str, list[str]] = {}
    for indicator_id, name in zip(catalogue.get("indicator_id", []), catalogue.get("name_nl", []),
                                  strict=True):
        by_name.setdefault(normalise_label(name), []).append(str(indicator_id))
    mapping = {normalise_label(k): v for k, v in context.mapping.items()}
    found: dict[str, str] = {}
    unmapped: list[str] = []
    for label in labels:
        target = context.mapping.get(label) or mapping.get(normalise_label(label))
        if target is not None:
            if target not in known:
                report.error("unknown_indicator", f"the mapping sends {label!r} to {target!r}, "
                             "which is not in the catalogue", line=labels[label],
                             variant="mapping", topic=label, indicator=target)
                continue
            found[label] = target
            continue
        if label.strip() in known:
            found[label] = label.strip()
            continue
        without_unit = re.sub(r"\s*[\(\[][^()\[\]]*[\)\]]\s*$", "", label)
        for candidate in (label, without_unit):
            ids = by_name.get(normalise_label(candidate), [])
            if len(ids) == 1:
                found[label] = ids[0]
                break
        else:
            unmapped.append(label)
    if not unmapped:
        return found, []
    if context.new_indicators != "create":
        for label in unmapped:
            report.error("unmapped_topic", f"{label!r} maps to no indicator; map it, or load "
                         "with new indicators created (te classificeren)", line=labels[label],
                         topic=label)
        return found, []
    created: list[Indicator] = []
    taken = set(known)
    for label in unmapped:
        slug = f"te_classificeren.{slugify(label)}"
        indicator_id, n = slug, 1
        while indicator_id in taken and indicator_id not in known:
            n += 1
            indicator_id = f"{slug}_{n}"
        found[label] = indicator_id
        report.warning("new_indicator", f"{label!r} becomes the new indicator {indicator_id!r}, "
                       "to be classified", line=labels[label], topic=label,
                       indicator=indicator_id)
        if indicator_id in known:  # created by an earlier load: reuse it
            continue
        taken.add(indicator_id)
        created.append(Indicator(
            indicator_id, label.strip(), label.strip(),
            f"Uit {source}; nog te classificeren.", f"From {source}; to be classified.",
            "", 2, Direction.NEUTRAL, Aggregation.NONE, source, (),
            is_survey=label in survey,
        ))
    return found, created


# --- numbers and issues in SQL ---------------------------------------------------------------


def number_sql(text: str, decimal: str) -> str:
    """SQL turning a trimmed text cell into a number with the file's decimal separator."""
    if decimal == ",":
        # Dutch notation: '.' groups thousands (1.234,5), ',' is the decimal mark.
        return (f"CASE WHEN regexp_full_match({text}, '-?[0-9]{{1,3}}(\\.[0-9]{{3}})*(,[0-9]+)?|"
                f"-?[0-9]+(,[0-9]+)?') THEN TRY_CAST(replace(replace({text}, '.', ''), ',', '.') "
                f"AS DOUBLE) END")
    return (f"CASE WHEN regexp_full_match({text}, '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?') "
            f"THEN TRY_CAST({text} AS DOUBLE) END")


def detect_decimal(sandbox, table: str, column: str, report: ValidationReport) -> str:
    """',' when any text cell of ``column`` has a comma, else '.'; stated in the report.

    A point-decimal file whose values look like Dutch thousands (1.234) gets a warning, as it
    may be a decimal-comma file whose values happen to have no fraction.
    """
    has_comma, has_dot, grouped_line = sandbox.execute(
        f"SELECT bool_or(contains({column}, ',')), bool_or(contains({column}, '.')), "
        f"min(line) FILTER (WHERE regexp_full_match(trim({column}), '-?[0-9]{{1,3}}"
        f"(\\.[0-9]{{3}})+')) FROM {table}"
    ).fetchone()
    decimal = "," if has_comma else "."
    if has_comma or has_dot:
        report.detected["decimal"] = "comma" if decimal == "," else "point"
    if decimal == "." and grouped_line is not None:
        report.warning("ambiguous_decimal", "values such as 1.234 could be thousands with a "
                       "decimal comma; the file has no comma, so '.' is read as the decimal "
                       "point", line=int(grouped_line))
    return decimal


def report_rows(
    sandbox, report: ValidationReport, table: str, code: str, condition: str, message: str,
    spec: dict[str, str], *, severity: str = "error",
) -> None:
    """One issue per row of ``table`` meeting ``condition`` (message fields from the row;
    the translated message's parameters as ``spec`` names them, see :func:`row_params`)."""
    rows = sandbox.execute(
        f"SELECT * FROM {table} WHERE {condition} ORDER BY line LIMIT {MAX_ISSUES_PER_CODE + 1}"
    ).df()
    total = None
    if len(rows) > MAX_ISSUES_PER_CODE:
        total = sandbox.execute(f"SELECT count(*) FROM {table} WHERE {condition}").fetchone()[0]
        rows = rows.head(MAX_ISSUES_PER_CODE)
    for row in rows.to_dict("records"):
        report.add(severity, code, message.format(**row), line=int(row["line"]),
                   **row_params(spec, row))
    if total is not None:
        report.more(severity, code, total - MAX_ISSUES_PER_CODE)


def report_duplicates(sandbox, report: ValidationReport, table: str) -> None:
    """The same indicator × region × period twice: an error when the values differ."""
    rows = sandbox.execute(f"""
        SELECT label, region, period, list(line ORDER BY line) AS lines,
               count(DISTINCT coalesce(CAST(value AS VARCHAR), value_raw)) AS distinct_values
        FROM {table} WHERE region IS NOT NULL AND period IS NOT NULL
        GROUP BY ALL HAVING count(*) > 1 ORDER BY lines[2] LIMIT 200
    """).fetchall()
    for label, region, period, lines, distinct in rows:
        where = ", ".join(str(line) for line in lines)
        if distinct > 1:
            report.error("duplicate_key", f"{label} × {region} × {period} has different values "
                         f"on lines {where}", line=lines[1], key=f"{label} × {region} × {period}",
                         at_lines=where)
        else:
            report.warning("duplicate_row", f"{label} × {region} × {period} repeats the same "
                           f"value on lines {where}; it is stored once", line=lines[1],
                           key=f"{label} × {region} × {period}", at_lines=where)


# --- Excel workbooks -------------------------------------------------------------------------


def is_xlsx(path: Path) -> bool:
    """Whether a path is meant as an Excel workbook (by its name)."""
    return Path(path).suffix.lower() in (".xlsx", ".xlsm")


def check_xlsx(path: Path, report: ValidationReport, *, max_bytes: int) -> bool:
    """Refuse an empty, corrupt or oversized workbook before anything decompresses it.

    The declared sizes of the zip members are checked against ``max_bytes``, the upload limit:
    a workbook may not unpack to more than a file may be. Python's zipfile never inflates a
    member past its declared size (and fails its CRC if the data disagree), so they bound the
    memory.
    """
    size = path.stat().st_size
    if size == 0:
        report.error("not_xlsx", "the .xlsx file is empty (0 bytes)", variant="empty")
        return False
    if not check_size(path, report, max_bytes=max_bytes):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        report.error("not_xlsx", f"not an Excel workbook (.xlsx is a zip file): {error}",
                     variant="not_zip", error=str(error))
        return False
    if len(members) > MAX_XLSX_MEMBERS:
        report.error("xlsx_too_large", f"the workbook has {len(members)} parts; at most "
                     f"{MAX_XLSX_MEMBERS} are accepted", variant="parts", count=len(members),
                     limit=MAX_XLSX_MEMBERS)
        return False
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_bytes:
        shown, allowed = size_text(unpacked, max_bytes)
        report.error("xlsx_too_large", f"the workbook unpacks to {shown}; at most {allowed} "
                     "is accepted, as for any file (BW_MAX_UPLOAD_MB)",
                     variant="unpacked", size_mb=round(unpacked / (1024 * 1024), 1),
                     limit_mb=round(max_bytes / (1024 * 1024), 1))
        return False
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        report.error("not_xlsx", "a zip file, but not an Excel workbook (save it as .xlsx)",
                     variant="zip_not_workbook")
        return False
    if any(member.flag_bits & 0x1 for member in members):
        report.error("not_xlsx", "the workbook is encrypted; save it without a password",
                     variant="encrypted")
        return False
    return True


_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_FIRST_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"")


def count_sheet_cells(path: Path, *, limit: int) -> int:
    """The cells of the first sheet, counted in its XML without parsing it; stops past ``limit``.

    openpyxl reads some 130 000 cells a second here; counting the cell elements of the
    inflated XML takes a second for 200 MB, so a cell bomb is refused before openpyxl starts.
    Call :func:`check_xlsx` first.
    """
    with zipfile.ZipFile(path) as archive:
        member = _first_sheet_member(archive)
        if member is None:
            return 0
        count, tail = 0, b""
        with archive.open(member) as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                check_time()
                data = tail + chunk
                count += len(_CELL.findall(data, 0, max(len(data) - 8, 0)))
                tail = data[max(len(data) - 8, 0):]
                if count > limit:
                    return count
        return count + len(_CELL.findall(tail))


def _first_sheet_member(archive: zipfile.ZipFile) -> str | None:
    """The zip member of the workbook's first sheet (by workbook.xml and its relations)."""
    names = set(archive.namelist())
    try:
        found = _FIRST_SHEET.search(archive.read("xl/workbook.xml")[:1 << 20])
        rels = archive.read("xl/_rels/workbook.xml.rels")[:1 << 20]
    except KeyError:
        found = None
    if found is not None:
        target = re.search(rb"<(?:\w+:)?Relationship\b[^>]*\bId=\"" + re.escape(found.group(1))
                           + rb"\"[^>]*>", rels)
        where = re.search(rb"\bTarget=\"([^\"]+)\"", target.group()) if target else None
        if where is not None:
            name = where.group(1).decode("utf-8", "replace").lstrip("/")
            name = name if name.startswith("xl/") else f"xl/{name}"
            if name in names:
                return name
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    return sheets[0] if sheets else None


def read_xlsx(path: Path, report: ValidationReport) -> list[tuple[int, list]] | None:
    """Non-empty rows of the first sheet as (sheet row number, cell values); None if unreadable.

    Call :func:`check_xlsx` first. Formulas give their cached values (a formula without one is
    an empty cell). A sheet with more than ``BW_MAX_XLSX_CELLS`` cells is refused after
    counting them, before openpyxl parses anything, and reading stops when the intake's time
    budget is spent (openpyxl reads through :class:`~bw.sandbox.BudgetedFile`).
    """
    import openpyxl  # only workbooks need it

    max_cells = config.max_xlsx_cells()
    try:
        cells = count_sheet_cells(path, limit=max_cells)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as error:
        report.error("not_xlsx", f"the workbook cannot be read: {_first_line(str(error))}",
                     error=_first_line(str(error)))
        return None
    if cells > max_cells:
        report.error("xlsx_too_large", f"the first sheet has more than {max_cells:,} cells; "
                     "at most that many are read (BW_MAX_XLSX_CELLS)", variant="cells",
                     limit=max_cells)

        return None
    rows: list[tuple[int, list]] = []
    handle = BudgetedFile(path)
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except TimeBudgetExceeded:
        handle.close()
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        handle.close()
        report.error("not_xlsx", f"the workbook cannot be read: {_first_line(str(error))}",
                     error=_first_line(str(error)))
        return None
    try:
        sheets = workbook.sheetnames
        if not sheets:
            report.error("not_xlsx", "the workbook has no sheets", variant="no_sheets")
            return None
        if len(sheets) > 1:
            report.warning("extra_sheets", f"only the first sheet ({sheets[0]!r}) is read; "
                           f"ignored: {', '.join(repr(s) for s in sheets[1:])}",
                           sheet=sheets[0], ignored=", ".join(repr(s) for s in sheets[1:]))
        report.detected["sheet"] = sheets[0]
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong dimensions: read what is there
        counter = 1
        for cells_of_row in sheet.iter_rows():
            check_time()
            numbered = [c for c in cells_of_row if getattr(c, "row", None) is not None]
            line = numbered[0].row if numbered else counter
            counter = line + 1
            values: list = []
            for cell in numbered:
                while len(values) < cell.column - 1:
                    values.append(None)
                values.append(cell.value)
            if any(v is not None and str(v).strip() != "" for v in values):
                rows.append((line, values))
    except TimeBudgetExceeded:
        raise
    except Exception as error:
        report.error("not_xlsx", f"the workbook cannot be read: {_first_line(str(error))}",
                     error=_first_line(str(error)))
        return None
    finally:
        workbook.close()
        handle.close()
    return rows


def read_xlsx_header(path: Path) -> list[str]:
    """The first non-empty row of a workbook's first sheet, as text ([] when there is none).

    For detection, which must read only what it needs: the sheet's XML is read up to that row
    (at most :data:`MAX_HEADER_ROWS` rows and :data:`MAX_HEADER_CELLS` cells) and the shared
    strings up to the last one it uses. openpyxl would first scan a whole sheet that lacks a
    ``<dimension>`` element, as a cell bomb does.
    """
    path = Path(path)
    info = path.stat()
    # Three loaders ask during one detection: read the workbook once.
    return list(_xlsx_header(str(path), info.st_mtime_ns, info.st_size,
                             config.max_upload_bytes()))


@functools.lru_cache(maxsize=16)
def _xlsx_header(name: str, mtime_ns: int, size: int, max_bytes: int) -> tuple[str, ...]:
    path = Path(name)
    if not check_xlsx(path, ValidationReport(), max_bytes=max_bytes):
        return ()
    try:
        with BudgetedFile(path) as handle, zipfile.ZipFile(handle) as archive:
            member = _first_sheet_member(archive)
            row = _first_row(archive, member) if member else None
            if not row:
                return ()
            wanted = {int(v) for kind, v in row.values() if kind == "s" and v.isdigit()}
            strings = _shared_strings(archive, max(wanted)) if wanted else []
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, ET.ParseError):
        return ()
    values = [""] * (max(row) + 1)
    for column, (kind, text) in row.items():
        if kind == "s":
            index = int(text) if text.isdigit() else -1
            values[column] = strings[index] if 0 <= index < len(strings) else ""
        elif kind in ("inlineStr", "str", "e"):
            values[column] = text
        elif kind == "b":
            values[column] = str(text.strip() == "1")
        else:
            try:
                values[column] = cell_text(float(text)) if text.strip() else ""
            except ValueError:
                values[column] = text
    return tuple(values)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _first_row(archive: zipfile.ZipFile, member: str) -> dict[int, tuple[str, str]] | None:
    """{column: (cell type, raw text)} of the first row with a value, or None."""
    rows = cells = 0
    with archive.open(member) as handle:
        for _, element in ET.iterparse(handle, events=("end",)):
            tag = _local(element.tag)
            if tag == "c":
                cells += 1
                if cells > MAX_HEADER_CELLS:
                    return None
            elif tag == "row":
                rows += 1
                found = _row_cells(element)
                if any(text.strip() for _, text in found.values()):
                    return found
                if rows >= MAX_HEADER_ROWS:
                    return None
                element.clear()
            elif tag == "sheetData":
                return None
    return None


def _row_cells(row) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    position = 0
    for cell in row:
        if _local(cell.tag) != "c":
            continue
        reference = cell.get("r") or ""
        letters = "".join(ch for ch in reference if ch.isalpha()).upper()
        if letters:
            position = 0
            for ch in letters:
                position = position * 26 + ord(ch) - ord("A") + 1
            position -= 1
        kind = cell.get("t") or "n"
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in cell.iter() if _local(t.tag) == "t")
        else:
            value = next((v for v in cell if _local(v.tag) == "v"), None)
            text = value.text or "" if value is not None else ""
        found[position] = (kind, text)
        position += 1
    return found


def _shared_strings(archive: zipfile.ZipFile, last: int) -> list[str]:
    """The workbook's shared strings up to index ``last`` (rich text joined)."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _, element in ET.iterparse(handle, events=("end",)):
            if _local(element.tag) != "si":
                continue
            strings.append("".join(t.text or "" for t in element.iter()
                                   if _local(t.tag) == "t"))
            element.clear()
            if len(strings) > last:
                break
    return strings


def cell_text(value) -> str:
    """A workbook cell as text: whole numbers without '.0', dates as ISO dates.

    >>> [cell_text(v) for v in (363, 2022.0, 1.5, None, " x ")]
    ['363', '2022', '1.5', '', ' x ']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def cell_number(value) -> float | None:
    """A workbook cell's number when Excel stored it as one (text cells are parsed later)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# --- staging ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Source:
    """A file opened for staging: its header and how to read its cells."""

    header: list[str]
    delimiter: str | None  # None for a workbook
    encoding: str | None
    rows: list[tuple[int, list]] | None  # a workbook's rows (without the header)


def open_source(path: Path, report: ValidationReport, *, max_bytes: int) -> _Source | None:
    """Read the header of a CSV or workbook (and a workbook's rows); None when refused."""
    if is_xlsx(path):
        if not check_xlsx(path, report, max_bytes=max_bytes):
            return None
        rows = read_xlsx(path, report)
        if rows is None:
            return None
        if not rows:
            report.error("no_rows", "the first sheet is empty", variant="empty_sheet")
            return None
        if rows[0][0] != 1:
            report.error("missing_header", f"the header must be on row 1; row 1 is empty and "
                         f"the sheet starts on row {rows[0][0]}", first_row=rows[0][0])
            return None
        report.detected["file"] = "Excel workbook"
        header = [cell_text(v).strip() for v in rows[0][1]]
        while header and header[-1] == "":
            header.pop()
        return _Source(header, None, None, rows[1:])
    if not check_size(path, report, max_bytes=max_bytes):
        return None
    encoding = detect_encoding(path, report)
    if not report.ok:
        return None
    header = read_header(path, encoding)
    delimiter = detect_delimiter(header, report)
    if delimiter is None:
        return None
    return _Source(split_header(header, delimiter), delimiter, encoding, None)


def stage_cells(
    sandbox, path: Path, source: _Source, *, keys: dict[str, int] | None, values: list[int],
    report: ValidationReport,
) -> bool:
    """Create ``cells(line, <key>…, col, text, num)``: one row per value cell, with line numbers.

    ``keys`` names the key columns by position, ``values`` the positions of value columns.
    CSV cells are text (``num`` NULL); workbook cells keep Excel's numbers in ``num``. Every
    cell is also in ``raw(line, c0…)`` (a workbook's numbers in ``n<i>`` for value columns);
    with ``keys=None`` (a long file) only ``raw`` is made.
    """
    width = len(source.header)
    if source.rows is None:
        column_types = {f"c{i}": "VARCHAR" for i in range(width)}
        try:
            sandbox.execute(
                "CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS line, * FROM read_csv(?, "
                "delim = ?, header = true, quote = '\"', escape = '\"', encoding = ?, "
                "columns = ?, strict_mode = true, null_padding = false, auto_detect = false, "
                "max_line_size = 1048576)",
                [str(path), source.delimiter, source.encoding, column_types],
            )
        except duckdb.Error as error:
            report.error("malformed_csv", _first_line(str(error)), error=_first_line(str(error)))
            return False
    else:
        columns: dict[str, list] = {"line": []} | {f"c{i}": [] for i in range(width)}
        numbers: dict[str, list] = {f"n{i}": [] for i in values}
        for line, cells in source.rows:
            extra = [v for v in cells[width:] if v is not None and str(v).strip() != ""]
            if extra:
                report.error("malformed_row", f"row {line} has values beyond the last named "
                             "column", line=line, row=line)
            columns["line"].append(line)
            for i in range(width):
                value = cells[i] if i < len(cells) else None
                columns[f"c{i}"].append(cell_text(value))
                if i in values:
                    numbers[f"n{i}"].append(cell_number(value))
        frame = pa.table({
            **{name: pa.array(data, pa.int64() if name == "line" else pa.string())
               for name, data in columns.items()},
            **{name: pa.array(data, pa.float64()) for name, data in numbers.items()},
        })
        store.register_frame(sandbox, "sheet_rows", frame)
        sandbox.execute("CREATE TABLE raw AS SELECT * FROM sheet_rows")
        sandbox.unregister("sheet_rows")
    rows = sandbox.execute("SELECT count(*) FROM raw").fetchone()[0]
    report.counts["rows"] = rows
    if rows == 0:
        report.error("no_rows", "the file has a header but no data rows", variant="header_only")
        return False
    if keys is None or not values:
        return True
    key_sql = ", ".join(f"c{position} AS {name}" for name, position in keys.items())
    parts = []
    for i in values:
        number = f"n{i}" if source.rows is not None else "NULL::DOUBLE"
        parts.append(f"SELECT line, {key_sql}, 'c{i}' AS col, c{i} AS text, {number} AS num "
                     "FROM raw")
    sandbox.execute("CREATE TABLE cells AS " + " UNION ALL ".join(parts))
    return True


def check_unnamed_columns(sandbox, header: list[str], report: ValidationReport) -> list[int]:
    """Columns without a name: ignored when empty throughout, else an error. Their positions."""
    unnamed = [i for i, name in enumerate(header) if name.strip() == ""]
    for i in unnamed:
        line = sandbox.execute(
            f"SELECT min(line) FROM raw WHERE trim(coalesce(c{i}, '')) <> ''").fetchone()[0]
        if line is not None:
            report.error("missing_column_name", f"column {i + 1} has values but no name in the "
                         "header", line=int(line), position=i + 1)
    return unnamed


def check_duplicate_columns(header: list[str], report: ValidationReport) -> None:
    """A column name twice (case-insensitive) is an error."""
    seen: set[str] = set()
    for name in header:
        key = normalise_label(name)
        if name.strip() and key in seen:
            report.error("duplicate_column", f"column {name!r} occurs more than once", line=1,
                         column=name)
        seen.add(key)


def register_value_columns(sandbox, rows: list[dict]) -> None:
    """``value_columns(col, header, label, indicator_id, period, year, status)``."""
    frame = pa.table({
        "col": pa.array([r["col"] for r in rows], pa.string()),
        "header": pa.array([r["header"] for r in rows], pa.string()),
        "label": pa.array([r["label"] for r in rows], pa.string()),
        "indicator_id": pa.array([r.get("indicator_id") for r in rows], pa.string()),
        "period": pa.array([r.get("period") for r in rows], pa.string()),
        "year": pa.array([r.get("year") for r in rows], pa.int32()),
        "status": pa.array([r.get("status") for r in rows], pa.string()),
    })
    store.register_frame(sandbox, "value_columns_frame", frame)
    sandbox.execute("CREATE TABLE value_columns AS SELECT * FROM value_columns_frame")
    sandbox.unregister("value_columns_frame")


def register_known_regions(sandbox, context: LoadContext) -> None:
    """``known_regions(code, name)`` from the store."""
    store.register_frame(sandbox, "known_regions", context.regions.loc[:, ["code", "name"]])


def missing_reason_sql(value_raw: str, number: str) -> str:
    """SQL: why a cell is missing ('ontbreekt (-99998)', 'onbekend (.)', 'leeg in bron')."""
    return (f"CASE WHEN {number} = {MISSING_MARKER} THEN '{MISSING_MARKER_REASON}' "
            f"WHEN {value_raw} = '.' THEN 'onbekend (.)' "
            f"WHEN {value_raw} = '' THEN 'leeg in bron' END")


# Checks on value cells shared by both WSJG formats: (code, condition, message, parameters of
# the translated message, see row_params).
VALUE_CHECKS = (
    ("not_a_number", "value_raw NOT IN ('', '.') AND number IS NULL",
     "{header}: value {value_raw!r} is not a number",
     {"variant": "header", "header": "header", "value": "value_raw"}),

    ("unknown_marker", f"number BETWEEN -99999 AND -99990 AND number <> {MISSING_MARKER} "
     "AND number = round(number)",
     "{header}: value {value_raw} looks like a missing-value code, but only "
     f"{MISSING_MARKER} is documented; it is not stored as a number",
     {"header": "header", "value": "value_raw"}),
)
# Checks on the key cells of a delivery's lines.
DELIVERY_CHECKS = (
    ("bad_region_code", "region IS NULL",
     "GEOITEM {geoitem_raw!r} is not a numeric gemeente code (363 = GM0363)",
     {"value": "geoitem_raw"}),
    ("unknown_region", "region NOT IN (SELECT code FROM known_regions) AND "
     "regexp_full_match(geolevel, 'gemeente[0-9]*')",
     "gemeente {region} (GEOITEM {geoitem_raw}) is not in the store",
     {"variant": "geoitem", "region": "region", "value": "geoitem_raw"}),
    ("unsupported_geolevel", "NOT regexp_full_match(geolevel, 'gemeente[0-9]*')",
     "GEOLEVEL {geolevel!r} is not supported: only gemeente rows are read",
     {"value": "geolevel"}),
    ("bad_period", "period IS NULL", "PERIOD {period_raw!r} is not a year (2023)",
     {"variant": "year", "value": "period_raw"}),
)
# Checks on the gemeente names of a table export's lines.
TABLE_CHECKS = (
    ("missing_field", "name_raw = ''", "the gemeente name is empty", {"variant": "gemeente"}),
    ("unknown_region", "problem = 'unknown_region'",
     "{name_raw!r} is not the name of a region in the store",
     {"variant": "name", "region": "name_raw"}),
    ("ambiguous_region", "problem = 'ambiguous_region'",
     "{name_raw!r} matches {candidates}; use the CBS name (Bergen (NH.), Bergen (L.))",
     {"variant": "candidates", "region": "name_raw", "candidates": "candidates"}),
)

# One row per key (identical duplicates collapse); the missing marker is never a value.
_CLEAN = f"""
SELECT indicator_id, region AS region_code, period, CAST(any_value(year) AS INTEGER) AS year,
       CASE WHEN any_value(number) = {MISSING_MARKER} THEN NULL ELSE any_value(number) END
           AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high, any_value(status) AS status,
       any_value({missing_reason_sql('value_raw', 'number')}) AS missing_reason,
       min(line) AS line
FROM parsed
GROUP BY indicator_id, region, period
ORDER BY indicator_id, region_code, period
"""


def _first_line(message: str) -> str:
    return " ".join(message.split("\n")[:3]).strip()


def _finish(sandbox, staged: Staged, mapped: dict[str, str], created: list[Indicator]) -> None:
    summarise(staged.report)
    if not staged.report.ok:
        return
    staged.observations = sandbox.sql(_CLEAN).to_arrow_table()
    staged.indicator_ids = sorted(set(mapped.values()))
    staged.new_indicators = created
    staged.report.counts["values"] = staged.observations.num_rows


# --- wsjg_delivery ---------------------------------------------------------------------------


def looks_like(path: Path, header_cells: list[str]) -> bool:
    """Whether a file is a WSJG data delivery (GEOITEM and PERIOD columns)."""
    if is_xlsx(path):
        header_cells = read_xlsx_header(path)
    names = {cell.strip().lower() for cell in header_cells}
    return {"geoitem", "period"} <= names


def load(path: Path, context: LoadContext) -> Staged:
    """Parse and validate a WSJG data delivery (CSV or .xlsx) against the store."""
    path = Path(path)
    report = ValidationReport(format=FORMAT)
    staged = Staged(file_name=path.name, checksum="", report=report)
    source = open_source(path, report, max_bytes=context.max_bytes)
    if source is None:
        return staged
    staged.checksum = sha256_of(path)
    header = source.header
    lowered = [name.strip().lower() for name in header]
    check_duplicate_columns(header, report)
    keys = {}
    for key in _KEYS:
        if key in lowered:
            keys[key] = lowered.index(key)
        else:
            report.error("missing_column", f"required column {key.upper()!r} is missing (a "
                         "delivery has GEOITEM, PERIOD, GEOLEVEL, then one column per "
                         "indicator)", line=1, variant="delivery", column=key.upper())
    value_positions = [i for i, name in enumerate(header)
                       if i not in keys.values() and name.strip()]
    if not report.ok:
        return staged
    if not value_positions:
        report.error("no_indicator_columns", "the file has no indicator columns after GEOITEM, "
                     "PERIOD and GEOLEVEL", line=1, variant="delivery")

        return staged
    labels = {header[i]: 1 for i in value_positions}
    mapped, created = map_labels(labels, context, report, source=_SOURCE)
    sandbox = open_sandbox(path)
    try:
        if not stage_cells(sandbox, path, source, keys=keys, values=value_positions,
                           report=report):
            return staged
        check_unnamed_columns(sandbox, header, report)
        register_value_columns(sandbox, [
            {"col": f"c{i}", "header": header[i], "label": header[i],
             "indicator_id": mapped.get(header[i]), "status": "definitief"}
            for i in value_positions
        ])
        register_known_regions(sandbox, context)
        _validate_delivery(sandbox, report)
        _finish(sandbox, staged, mapped, created)
    finally:
        close_sandbox(sandbox)
    return staged


def _validate_delivery(sandbox, report: ValidationReport) -> None:
    decimal = detect_decimal(sandbox, "cells WHERE num IS NULL", "text", report)
    sandbox.execute(f"""
        CREATE TABLE parsed AS
        SELECT c.line, v.header, v.label, v.indicator_id, v.status,
               trim(coalesce(c.geoitem, '')) AS geoitem_raw,
               CASE WHEN regexp_full_match(trim(c.geoitem), '[0-9]{{1,4}}')
                    THEN 'GM' || lpad(trim(c.geoitem), 4, '0') END AS region,
               lower(trim(coalesce(c.geolevel, ''))) AS geolevel,
               trim(coalesce(c.period, '')) AS period_raw,
               nullif(regexp_extract(trim(c.period), '^([0-9]{{4}})$', 1), '') AS period,
               TRY_CAST(nullif(regexp_extract(trim(c.period), '^([0-9]{{4}})$', 1), '')
                        AS INTEGER) AS year,
               trim(coalesce(c.text, '')) AS value_raw,
               coalesce(c.num, {number_sql("trim(c.text)", decimal)}) AS number,
               number AS value
        FROM cells c JOIN value_columns v USING (col)
    """)
    sandbox.execute("CREATE TABLE lines AS SELECT DISTINCT line, geoitem_raw, region, geolevel, "
                    "period_raw, period FROM parsed")
    for code, condition, message, spec in DELIVERY_CHECKS:
        report_rows(sandbox, report, "lines", code, condition, message, spec)
    for code, condition, message, spec in VALUE_CHECKS:
        report_rows(sandbox, report, "parsed", code, condition, message, spec)
    report_duplicates(sandbox, report, "parsed")


# --- wsjg_table ------------------------------------------------------------------------------

_COLUMN = re.compile(r"^(?P<label>.*?\S)[\s\-–_(]*(?P<year>(?:19|20)\d{2})(?P<stars>\*{0,2})\)?$")


def parse_column(header: str) -> tuple[str, int, str] | None:
    """(label, year, status) of a table export column such as ``Werkloosheid 2022``.

    >>> parse_column("Werkloosheid 2022")
    ('Werkloosheid', 2022, 'definitief')
    >>> parse_column("Ervaren gezondheid (%) (2023*)")
    ('Ervaren gezondheid (%)', 2023, 'voorlopig')
    >>> parse_column("Gemeenten") is None
    True
    """
    match = _COLUMN.match(header.strip())
    if match is None:
        return None
    status = {"": "definitief", "*": "voorlopig", "**": "nader_voorlopig"}[match.group("stars")]
    return match.group("label").strip(), int(match.group("year")), status


def looks_like_table(path: Path, header_cells: list[str]) -> bool:
    """Whether a file is a WSJG table export: a name column, then only ``label year`` columns."""
    if is_xlsx(path):
        header_cells = read_xlsx_header(path)
    cells = [cell.strip() for cell in header_cells]
    while cells and cells[-1] == "":
        cells.pop()
    if len(cells) < 2 or parse_column(cells[0]) is not None:
        return False
    return all(parse_column(cell) is not None for cell in cells[1:])


def load_table(path: Path, context: LoadContext) -> Staged:
    """Parse and validate a WSJG table export (gemeenten by name; CSV or .xlsx)."""
    path = Path(path)
    report = ValidationReport(format=TABLE_FORMAT)
    staged = Staged(file_name=path.name, checksum="", report=report)
    source = open_source(path, report, max_bytes=context.max_bytes)
    if source is None:
        return staged
    staged.checksum = sha256_of(path)
    header = source.header
    check_duplicate_columns(header, report)
    if len(header) < 2:
        report.error("no_indicator_columns", "a table export has the gemeente names, then "
                     "columns such as 'Werkloosheid 2022'", line=1, variant="table")
        return staged
    columns, labels = [], {}
    for i, name in enumerate(header[1:], start=1):
        if not name.strip():
            continue
        parsed = parse_column(name)
        if parsed is None:
            report.error("no_period_in_column", f"column {name!r} does not end in a year "
                         "('Werkloosheid 2022')", line=1, column=name)
            continue
        label, year, status = parsed
        labels.setdefault(label, 1)
        columns.append({"col": f"c{i}", "header": name, "label": label, "period": str(year),
                        "year": year, "status": status})
    mapped, created = map_labels(labels, context, report, source=_SOURCE)
    for column in columns:
        column["indicator_id"] = mapped.get(column["label"])
    seen: dict[tuple, str] = {}
    for column in columns:
        key = (column["indicator_id"] or column["label"], column["period"])
        if key in seen:
            report.error("duplicate_column", f"columns {seen[key]!r} and {column['header']!r} "
                         "hold the same indicator and year", line=1, variant="same_indicator",
                         column=seen[key], other=column["header"])
        seen[key] = column["header"]
    if not columns:
        if report.ok:
            report.error("no_indicator_columns", "the file has no indicator columns", line=1)
        return staged
    sandbox = open_sandbox(path)
    try:
        positions = [int(c["col"][1:]) for c in columns]
        if not stage_cells(sandbox, path, source, keys={"name": 0}, values=positions,
                           report=report):
            return staged
        check_unnamed_columns(sandbox, header, report)
        register_value_columns(sandbox, columns)
        _register_names(sandbox, context)
        _validate_table(sandbox, report)
        _finish(sandbox, staged, mapped, created)
    finally:
        close_sandbox(sandbox)
    return staged


def _register_names(sandbox, context: LoadContext) -> None:
    names = [row[0] for row in sandbox.execute(
        "SELECT DISTINCT trim(c0) FROM raw WHERE trim(coalesce(c0, '')) <> '' ORDER BY 1"
    ).fetchall()]
    matches = match_region_names(names, context.regions, prefer_level="GM")
    frame = pa.table({
        "name_raw": pa.array(names, pa.string()),
        "matched": pa.array([matches[n].code for n in names], pa.string()),
        "problem": pa.array([matches[n].problem for n in names], pa.string()),
        "candidates": pa.array([", ".join(matches[n].candidates) for n in names], pa.string()),
    })
    store.register_frame(sandbox, "names_frame", frame)
    sandbox.execute("CREATE TABLE name_codes AS SELECT * FROM names_frame")
    sandbox.unregister("names_frame")


def _validate_table(sandbox, report: ValidationReport) -> None:
    decimal = detect_decimal(sandbox, "cells WHERE num IS NULL", "text", report)
    sandbox.execute(f"""
        CREATE TABLE parsed AS
        SELECT c.line, v.header, v.label, v.indicator_id, v.period, v.year, v.status,
               trim(coalesce(c.name, '')) AS name_raw, n.matched AS region, n.problem,
               n.candidates,
               trim(coalesce(c.text, '')) AS value_raw,
               coalesce(c.num, {number_sql("trim(c.text)", decimal)}) AS number,
               number AS value
        FROM cells c JOIN value_columns v USING (col)
        LEFT JOIN name_codes n ON n.name_raw = trim(c.name)
    """)
    sandbox.execute("CREATE TABLE lines AS SELECT DISTINCT line, name_raw, region, problem, "
                    "candidates FROM parsed")
    for code, condition, message, spec in TABLE_CHECKS:
        report_rows(sandbox, report, "lines", code, condition, message, spec)
    for code, condition, message, spec in VALUE_CHECKS:
        report_rows(sandbox, report, "parsed", code, condition, message, spec)
    report_duplicates(sandbox, report, "parsed")


@dataclass(frozen=True, slots=True)
class FormatLoader:
    """A loader registered beside the modules: ``FORMAT``, ``looks_like`` and ``load``."""

    FORMAT: str
    looks_like: Callable[[Path, list[str]], bool]
    load: Callable[[Path, LoadContext], Staged]


#: The table export as a registrable loader (this module itself is the delivery loader).
table = FormatLoader(TABLE_FORMAT, looks_like_table, load_table)
