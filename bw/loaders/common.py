"""What every loader shares: reading limits, encoding and delimiter detection, the staged result."""

from __future__ import annotations

import codecs
import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from bw.model import Indicator, Region
from bw.report import ValidationReport

#: Default size limit of one file, checked before parsing (bytes).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024

#: How many issues of one code are listed line by line; the rest are summarised.
MAX_ISSUES_PER_CODE = 50

_BOM = codecs.BOM_UTF8


@dataclass(frozen=True, slots=True)
class LoadContext:
    """What a loader validates against: the store's regions and indicators, and the options."""

    regions: pd.DataFrame  # store.read_regions(): code, name, level, province_code, …
    indicators: pd.DataFrame  # store.read_indicator_catalogue(): indicator_id, name_nl, unit, …
    mergers: pd.DataFrame | None = None  # old_code, new_code, year, population_share
    new_indicators: str = "error"  # unmapped topics: 'error', or 'create' (te classificeren)
    mapping: dict[str, str] = field(default_factory=dict)  # source topic/title -> indicator id
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(slots=True)
class Staged:
    """A validated file ready to write: observations in store columns, and the report."""

    file_name: str  # 'monitor.csv'
    checksum: str  # sha256 of the file bytes
    report: ValidationReport
    observations: pa.Table | None = None  # bw.model.OBSERVATION_COLUMNS
    indicator_ids: list[str] = field(default_factory=list)  # indicators the file touches
    new_regions: list[Region] = field(default_factory=list)  # historical codes from the source
    new_indicators: list[Indicator] = field(default_factory=list)  # unmapped topics to classify
    # Existing regions whose attributes a region reference changes (province, COROP, size class,
    # urbanity); intake applies them with UPDATE and keeps the previous values for undo.
    region_updates: list[Region] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_size(path: Path, report: ValidationReport, *, max_bytes: int) -> bool:
    """Refuse an empty file or one above the limit before anything parses it."""
    size = path.stat().st_size
    if size == 0:
        report.error("empty_file", "the file is empty (0 bytes)")
        return False
    if size > max_bytes:
        report.error(
            "file_too_large",
            f"the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB "
            "(BW_MAX_UPLOAD_MB)",
            size_mb=round(size / 1e6, 1), limit_mb=round(max_bytes / 1e6),
        )
        return False
    return True


def detect_encoding(path: Path, report: ValidationReport) -> str:
    """'utf-8' (with or without BOM) when the whole file decodes as UTF-8, else 'latin-1'."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        first = handle.read(len(_BOM))
        has_bom = first == _BOM
        try:
            decoder.decode(b"" if has_bom else first)
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            report.detected["encoding"] = "Latin-1/Windows-1252"
            return "latin-1"
    report.detected["encoding"] = "UTF-8 with BOM" if has_bom else "UTF-8"
    return "utf-8"


def read_header(path: Path, encoding: str) -> str:
    """The first line of the file, without BOM and line ending."""
    with path.open("r", encoding="utf-8-sig" if encoding == "utf-8" else encoding,
                   newline="") as handle:
        return handle.readline().rstrip("\r\n")


def detect_delimiter(header: str, report: ValidationReport) -> str | None:
    """The delimiter of a header line: the most frequent of ',', ';' and tab."""
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get)
    if counts[delimiter] == 0:
        report.error(
            "no_delimiter",
            "the header has no ',', ';' or tab: not a delimited file, or a single column",
            line=1,
        )
        return None
    report.detected["delimiter"] = {"\t": "tab"}.get(delimiter, delimiter)
    return delimiter


def split_header(header: str, delimiter: str) -> list[str]:
    """Header cells, unquoted and stripped."""
    return [cell.strip() for cell in next(csv.reader([header], delimiter=delimiter))]


def summarise(report: ValidationReport) -> None:
    """Keep at most MAX_ISSUES_PER_CODE lined issues per code and say how many more there were.

    Issues without a line (file-level, or a loader's own "… and N more") are always kept.
    """
    seen: dict[str, int] = {}
    kept = []
    for issue in report.issues:
        if issue.line is None:
            kept.append(issue)
            continue
        seen[issue.code] = seen.get(issue.code, 0) + 1
        if seen[issue.code] <= MAX_ISSUES_PER_CODE:
            kept.append(issue)
    report.issues = kept
    for code, count in seen.items():
        if count > MAX_ISSUES_PER_CODE:
            severity = next(i.severity for i in kept if i.code == code)
            report.more(severity, code, count - MAX_ISSUES_PER_CODE)


#: Parameters of a row check given as they are, not as the name of a row field.
_LITERAL_PARAMS = ("variant", "column")


def row_params(spec: dict[str, str], row: dict) -> dict[str, object]:
    """The parameters of a translated message about one failing row.

    ``spec`` maps each parameter to the row field that holds it; ``variant`` and ``column``
    are given literally (the column's name in the file, not a field of the row).

    >>> row_params({"column": "value", "value": "value_raw"}, {"value_raw": "vier"})
    {'column': 'value', 'value': 'vier'}
    """
    return {name: field if name in _LITERAL_PARAMS else row[field] for name, field in spec.items()}
