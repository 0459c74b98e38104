"""Excel workbooks (.xlsx) read safely: zip-bomb and cell-count checks before openpyxl parses.

Shared by every loader that accepts a workbook (the waarstaatjegemeente.nl formats, the regional
monitor) and by intake's size check. Reading runs under the intake's time budget.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bw import config
from bw.loaders.common import check_size, first_line, size_text
from bw.report import ValidationReport
from bw.sandbox import BudgetedFile, TimeBudgetExceeded, check_time

#: Most members an .xlsx may have (a workbook has a few dozen).
MAX_XLSX_MEMBERS = 10_000
#: Most cells of the header row that detection reads (Excel's own limit is 16 384 columns).
MAX_HEADER_CELLS = 16_384
#: Rows detection skips looking for a header before it gives up.
MAX_HEADER_ROWS = 100


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
        report.error(
            "not_xlsx",
            f"not an Excel workbook (.xlsx is a zip file): {error}",
            variant="not_zip",
            error=str(error),
        )
        return False
    if len(members) > MAX_XLSX_MEMBERS:
        report.error(
            "xlsx_too_large",
            f"the workbook has {len(members)} parts; at most {MAX_XLSX_MEMBERS} are accepted",
            variant="parts",
            count=len(members),
            limit=MAX_XLSX_MEMBERS,
        )
        return False
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_bytes:
        shown, allowed = size_text(unpacked, max_bytes)
        report.error(
            "xlsx_too_large",
            f"the workbook unpacks to {shown}; at most {allowed} "
            "is accepted, as for any file (BW_MAX_UPLOAD_MB)",
            variant="unpacked",
            size_mb=round(unpacked / (1024 * 1024), 1),
            limit_mb=round(max_bytes / (1024 * 1024), 1),
        )
        return False
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        report.error(
            "not_xlsx",
            "a zip file, but not an Excel workbook (save it as .xlsx)",
            variant="zip_not_workbook",
        )
        return False
    if any(member.flag_bits & 0x1 for member in members):
        report.error(
            "not_xlsx", "the workbook is encrypted; save it without a password", variant="encrypted"
        )
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
                tail = data[max(len(data) - 8, 0) :]
                if count > limit:
                    return count
        return count + len(_CELL.findall(tail))


def _first_sheet_member(archive: zipfile.ZipFile) -> str | None:
    """The zip member of the workbook's first sheet (by workbook.xml and its relations)."""
    names = set(archive.namelist())
    try:
        found = _FIRST_SHEET.search(archive.read("xl/workbook.xml")[: 1 << 20])
        rels = archive.read("xl/_rels/workbook.xml.rels")[: 1 << 20]
    except KeyError:
        found = None
    if found is not None:
        target = re.search(
            rb"<(?:\w+:)?Relationship\b[^>]*\bId=\"" + re.escape(found.group(1)) + rb"\"[^>]*>",
            rels,
        )
        where = re.search(rb"\bTarget=\"([^\"]+)\"", target.group()) if target else None
        if where is not None:
            name = where.group(1).decode("utf-8", "replace").lstrip("/")
            name = name if name.startswith("xl/") else f"xl/{name}"
            if name in names:
                return name
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    return sheets[0] if sheets else None


def read_xlsx(path: Path, report: ValidationReport) -> list[tuple[int, list[Any]]] | None:
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
        report.error(
            "not_xlsx",
            f"the workbook cannot be read: {first_line(str(error))}",
            error=first_line(str(error)),
        )
        return None
    if cells > max_cells:
        report.error(
            "xlsx_too_large",
            f"the first sheet has more than {max_cells:,} cells; "
            "at most that many are read (BW_MAX_XLSX_CELLS)",
            variant="cells",
            limit=max_cells,
        )

        return None
    rows: list[tuple[int, list[Any]]] = []
    handle = BudgetedFile(path)
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except TimeBudgetExceeded:
        handle.close()
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        handle.close()
        report.error(
            "not_xlsx",
            f"the workbook cannot be read: {first_line(str(error))}",
            error=first_line(str(error)),
        )
        return None
    try:
        sheets = workbook.sheetnames
        if not sheets:
            report.error("not_xlsx", "the workbook has no sheets", variant="no_sheets")
            return None
        if len(sheets) > 1:
            report.warning(
                "extra_sheets",
                f"only the first sheet ({sheets[0]!r}) is read; "
                f"ignored: {', '.join(repr(s) for s in sheets[1:])}",
                sheet=sheets[0],
                ignored=", ".join(repr(s) for s in sheets[1:]),
            )
        report.detected["sheet"] = sheets[0]
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong dimensions: read what is there
        counter = 1
        for cells_of_row in sheet.iter_rows():
            check_time()
            numbered = _numbered_cells(cells_of_row)
            line = numbered[0][0] if numbered else counter
            counter = line + 1
            values: list[Any] = []
            for _, column, value in numbered:
                while len(values) < column - 1:
                    values.append(None)
                values.append(value)
            if any(v is not None and str(v).strip() != "" for v in values):
                rows.append((line, values))
    except TimeBudgetExceeded:
        raise
    except Exception as error:
        report.error(
            "not_xlsx",
            f"the workbook cannot be read: {first_line(str(error))}",
            error=first_line(str(error)),
        )
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
    return list(_xlsx_header(str(path), info.st_mtime_ns, info.st_size, config.max_upload_bytes()))


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


def _numbered_cells(cells: Iterable[object]) -> list[tuple[int, int, Any]]:
    """(row, column, value) of a read-only sheet row's cells that have a position.

    A read-only sheet pads a row with empty cells that have no row or column number.
    """
    found = []
    for cell in cells:
        row, column = getattr(cell, "row", None), getattr(cell, "column", None)
        if row is not None and column is not None:
            found.append((int(row), int(column), getattr(cell, "value", None)))
    return found


def _row_cells(row: ET.Element) -> dict[int, tuple[str, str]]:
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
            strings.append("".join(t.text or "" for t in element.iter() if _local(t.tag) == "t"))
            element.clear()
            if len(strings) > last:
                break
    return strings


def cell_text(value: object) -> str:
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


def cell_number(value: object) -> float | None:
    """A workbook cell's number when Excel stored it as one (text cells are parsed later)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
