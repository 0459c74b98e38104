"""What every loader shares: reading limits, encoding and delimiter detection, the staged result."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import pandas as pd
import pyarrow as pa

from bw.errors import BwError
from bw.model import Indicator, Region
from bw.report import Issue, ValidationReport

#: Default size limit of one file, checked before parsing (bytes).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024

#: How many issues of one code are listed line by line; the rest are summarised.
MAX_ISSUES_PER_CODE = 50
#: How many issues of one code are listed for one line (a header of 10 000 unknown columns).
MAX_ISSUES_PER_LINE = 20

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
    # What intake learnt reading the file once (size, encoding, checksum, first line), so the
    # loader does not read it again for them; None when a loader is called directly.
    facts: FileFacts | None = None


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


class Loader(Protocol):
    """One input format as the registry sees it (:data:`bw.loaders.LOADERS`)."""

    @property
    def FORMAT(self) -> str:  # noqa: N802 - the registry's established attribute name
        """The format's name, as ``--format`` accepts it: 'cbs_odata_v4'."""
        ...

    def looks_like(self, path: Path, header_cells: list[str], /) -> bool:
        """Whether a file is of this format, from its path and header (``--format auto``)."""
        ...

    def load(self, path: Path, context: LoadContext, /) -> Staged:
        """Validate a file against the store: observations ready to write, and the report."""
        ...


@dataclass(frozen=True, slots=True)
class FormatLoader:
    """A :class:`Loader` made of a format name and two functions."""

    FORMAT: str  # 'cbs_odata_v4'
    looks_like: Callable[[Path, list[str]], bool]
    load: Callable[[Path, LoadContext], Staged]


#: The id prefix of an indicator created for an unmapped topic or label, to be classified.
NEW_INDICATOR_PREFIX = "te_classificeren."
#: Longest id part :func:`slug` makes.
MAX_SLUG = 60
#: Unit symbols a qualifier spells out: a topic in '%' qualifies its id as '_procent'.
_SYMBOLS = {"%": " procent ", "‰": " promille ", "€": " euro "}


def _words(text: str) -> str:
    """ASCII words of a text in lower case, joined by '_', at most MAX_SLUG long; '' if none."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^0-9a-z]+", "_", plain).strip("_")[:MAX_SLUG].strip("_")


def slug(text: str) -> str:
    """An indicator id part from a title or label: ASCII words in lower case, joined by '_'.

    The name part of every id :func:`new_indicator_id` makes (``te_classificeren.<slug>``).

    >>> slug("Gemiddelde verkoopprijs (€)"), slug("  Concentratie fijnstof (PM2,5) ")
    ('gemiddelde_verkoopprijs', 'concentratie_fijnstof_pm2_5')
    >>> slug("Tevredenheid_met_het leven"), slug("(%)")
    ('tevredenheid_met_het_leven', 'onderwerp')
    """
    return _words(text) or "onderwerp"


def new_indicator_id(name: str, taken: Collection[str], *, qualifiers: Sequence[str] = ()) -> str:
    """The id of a new indicator named ``name``: the one rule every loader creates ids by.

    ``te_classificeren.<slug of name>``; while that id is in ``taken``, the words of each
    qualifier are added in the order given (a unit, then a source key; '%' reads 'procent';
    a qualifier without words, or whose words already end the id, is passed over); then a
    counter ``_2``, ``_3``, … The result is never in ``taken``, and depends only on the
    arguments: the same name, qualifiers and taken ids give the same id in every loader.

    ``taken`` holds the ids of *other* indicators (the catalogue's, and those made earlier in
    the same load). A loader that would reuse an indicator matches it by name first; an id is
    never reused because its slug happens to match.

    >>> new_indicator_id("Werkloosheid", set())
    'te_classificeren.werkloosheid'
    >>> taken = {"te_classificeren.werkloosheid"}
    >>> new_indicator_id("Werkloosheid", taken, qualifiers=("%", "Werkloos_12"))
    'te_classificeren.werkloosheid_procent'
    >>> new_indicator_id("Werkloosheid", taken | {"te_classificeren.werkloosheid_procent"},
    ...                  qualifiers=("%", "Werkloos_12"))
    'te_classificeren.werkloosheid_procent_werkloos_12'
    >>> new_indicator_id("Werkloosheid", taken)
    'te_classificeren.werkloosheid_2'
    """
    candidate = f"{NEW_INDICATOR_PREFIX}{slug(name)}"
    for qualifier in qualifiers:
        if candidate not in taken:
            return candidate
        words = _words("".join(_SYMBOLS.get(ch, ch) for ch in str(qualifier)))
        if words and not candidate.endswith((f"_{words}", f".{words}")):
            candidate = f"{candidate}_{words}"
    if candidate not in taken:
        return candidate
    counter = 2
    while f"{candidate}_{counter}" in taken:
        counter += 1
    return f"{candidate}_{counter}"


def sha256_of(path: Path, *, facts: FileFacts | None = None) -> str:
    """The sha256 of a file, read in chunks, or as ``facts`` of that file already say."""
    if facts is not None and facts.path == Path(path):
        return facts.checksum
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def megabytes(size: float) -> str:
    """A size in megabytes as ``BW_MAX_UPLOAD_MB`` counts them (1 MB = 1024 × 1024 bytes).

    >>> megabytes(200 * 1024 * 1024), megabytes(480_000_000), megabytes(5 * 1024)
    ('200 MB', '457.8 MB', '0.005 MB')
    >>> megabytes(100)
    '100 bytes'
    """
    value = size / (1024 * 1024)
    if value < 0.001:
        return f"{size:,} bytes"
    return f"{f'{value:.{1 if value >= 10 else 3}f}'.rstrip('0').rstrip('.')} MB"


def size_text(size: int, limit: int) -> tuple[str, str]:
    """A size over a limit and the limit, in MB, or in bytes where MB would look equal.

    >>> size_text(300 * 1024 * 1024, 200 * 1024 * 1024)
    ('300 MB', '200 MB')
    >>> size_text(200 * 1024 * 1024 + 1, 200 * 1024 * 1024)
    ('209,715,201 bytes', '200 MB (209,715,200 bytes)')
    """
    shown, allowed = megabytes(size), megabytes(limit)
    if shown == allowed:
        return f"{size:,} bytes", f"{allowed} ({limit:,} bytes)"
    return shown, allowed


def check_size(path: Path, report: ValidationReport, *, max_bytes: int) -> bool:
    """Refuse an empty file or one above the limit before anything parses it."""
    size = path.stat().st_size
    if size == 0:
        report.error("empty_file", "the file is empty (0 bytes)")
        return False
    if size > max_bytes:
        shown, allowed = size_text(size, max_bytes)
        report.error(
            "file_too_large",
            f"the file is {shown}; the limit is {allowed} (BW_MAX_UPLOAD_MB)",
            # MB as BW_MAX_UPLOAD_MB counts them (1024 x 1024 bytes)
            size_mb=round(size / (1024 * 1024), 1),
            limit_mb=round(max_bytes / (1024 * 1024), 1),
        )
        return False
    return True


# First bytes of files that are no text table, what they are (for the refusal) and the key
# of that word in a translated message (``issue.what.<key>`` in ui/locale/*/LC_MESSAGES/bw.po).
_SIGNATURES = (
    (b"\x1f\x8b", "compressed_file", "gzip-compressed (.gz)", "gzip"),
    (b"\xfd7zXZ\x00", "compressed_file", "xz-compressed (.xz)", "xz"),
    (b"(\xb5/\xfd", "compressed_file", "zstd-compressed (.zst)", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "compressed_file", "a 7-Zip archive (.7z)", "7z"),
    (b"Rar!\x1a\x07", "compressed_file", "a RAR archive", "rar"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "binary_file",
        "an Excel 97-2003 workbook (.xls) or another old Office file",
        "xls",
    ),
    (b"%PDF-", "binary_file", "a PDF document", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "binary_file", "a PNG image", "png"),
    (b"\xff\xd8\xff", "binary_file", "a JPEG image", "jpeg"),
)
_UTF16_BOMS = {
    codecs.BOM_UTF16_LE: "UTF-16 (little-endian)",
    codecs.BOM_UTF16_BE: "UTF-16 (big-endian)",
}
_UTF32_BOMS = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32"}


def sniff_content(
    path: Path, *, head: bytes | None = None
) -> tuple[str, str, dict[str, object]] | None:
    """(issue code, message, its parameters) when a file's first bytes show it is no table bw
    reads, else None.

    Compressed files and archives (``compressed_file``), binary files (``binary_file``) and
    UTF-16/UTF-32 text (``wrong_encoding``) are named for what they are, whatever the file is
    called: a gzip file named ``.xlsx`` is "gzip-compressed", not "no delimiter". A zip is left
    to the workbook check when it is named ``.xlsx``.
    """
    if head is None:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    suffix = path.suffix.lower()
    named = (
        f" despite its name ({path.name})"
        if suffix in (".xlsx", ".xlsm", ".csv", ".txt", ".json", ".tsv")
        else ""
    )
    where = {"variant": "named", "file": path.name} if named else {}
    for magic, code, what, key in _SIGNATURES:
        if head.startswith(magic):
            hint = (
                "unpack it first"
                if code == "compressed_file"
                else "save it as .xlsx or as CSV UTF-8"
            )
            return (
                code,
                f"the file is {what}, not a workbook or text table{named}; {hint}",
                {**where, "what": key},
            )
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return (
            "compressed_file",
            f"the file is bzip2-compressed (.bz2), not a workbook or "
            f"text table{named}; unpack it first",
            {**where, "what": "bzip2"},
        )
    if head.startswith(b"PK\x03\x04"):
        if is_workbook_name(path):
            return None  # the workbook check looks inside
        return (
            "compressed_file",
            f"the file is a zip archive{named}; unpack it first (an "
            "Excel workbook must be named .xlsx)",
            {"variant": "zip_named" if named else "zip", "file": path.name},
        )
    for boms in (_UTF32_BOMS, _UTF16_BOMS):  # UTF-32 LE starts like UTF-16 LE
        for bom, name in boms.items():
            if head.startswith(bom):
                return (
                    "wrong_encoding",
                    f"the file is {name} text (a spreadsheet's \"Unicode "
                    'text"); save it as CSV UTF-8',
                    {"variant": "unicode", "name": name},
                )
    if b"\0" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 4 and min(even, odd) < max(even, odd) // 10:
            return (
                "wrong_encoding",
                "the file is UTF-16 text without a byte-order mark (a "
                'spreadsheet\'s "Unicode text"); save it as CSV UTF-8',
                {"variant": "utf16_no_bom"},
            )
        return (
            "binary_file",
            "the file holds binary data (NUL bytes), not text; is it the "
            "file you meant? Save a table as .xlsx or as CSV UTF-8",
            {"variant": "nul"},
        )
    return None


def detect_encoding(path: Path, report: ValidationReport, *, facts: FileFacts | None = None) -> str:
    """'utf-8' (with or without BOM) when the whole file decodes as UTF-8, else 'latin-1'.

    A file that is no text (:func:`sniff_content`) or that starts with a UTF-8 byte-order mark
    but is not UTF-8 further on (``mixed_encoding``, with the line) gets an error: the caller
    checks ``report.ok``. Reading it as Latin-1 would turn the mark into 'ï»¿' in the first
    header cell, which then matches no format. With ``facts`` of this file, nothing is read.
    """
    if facts is None or facts.path != Path(path):
        facts = read_file_facts(path)
    report.extend(facts.encoding_issues)
    report.detected.update(facts.encoding_detected)
    return facts.encoding


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What one read of a file tells intake and the loader: size, content, encoding, checksum."""

    path: Path  # the file as intake was given it
    size: int  # bytes
    checksum: str  # sha256 of the bytes
    head: bytes  # the first 64 kB, for sniff_content
    first_line: bytes  # the bytes of line 1 and a little more, for read_header
    encoding: str  # 'utf-8' or 'latin-1', as detect_encoding decides
    encoding_issues: tuple[Issue, ...] = ()  # what detect_encoding reports (mixed_encoding, ...)
    encoding_detected: dict[str, str] = field(default_factory=dict)  # {'encoding': 'UTF-8'}


def read_file_facts(path: Path) -> FileFacts:
    """Read a file once: its checksum, first bytes and first line, and whether it is UTF-8."""
    path = Path(path)
    digest = hashlib.sha256()
    head = bytearray()
    first_line = bytearray()
    scratch = ValidationReport()
    with path.open("rb") as handle:
        first = handle.read(len(_BOM))
        chunks = iter(lambda: handle.read(1 << 20), b"")

        def remember(chunk: bytes) -> None:
            digest.update(chunk)
            if len(head) < _HEAD_BYTES:
                head.extend(chunk[: _HEAD_BYTES - len(head)])
            if not _has_first_line(first_line):
                first_line.extend(chunk)

        remember(first)
        problem = sniff_content(path, head=_peek(first, handle))
        if problem is not None:
            code, message, params = problem
            scratch.error(code, message, line=None, **params)  # about the file, no one line
            encoding = "latin-1"
        else:
            encoding = _check_utf8(first, chunks, remember, scratch)
        for chunk in chunks:  # whatever the encoding check did not need to read
            remember(chunk)
    return FileFacts(
        path=path,
        size=path.stat().st_size,
        checksum=digest.hexdigest(),
        head=bytes(head),
        first_line=bytes(first_line),
        encoding=encoding,
        encoding_issues=tuple(scratch.issues),
        encoding_detected=dict(scratch.detected),
    )


_HEAD_BYTES = 1 << 16


def _peek(first: bytes, handle: BinaryIO) -> bytes:
    """The first 64 kB (for sniffing); the handle is put back where it was."""
    ahead = handle.read(_HEAD_BYTES - len(first)) if len(first) == len(_BOM) else b""
    handle.seek(len(first))
    return first + ahead


def _has_first_line(data: bytearray) -> bool:
    """Whether the bytes hold a whole first line, and the byte after its end (for CR LF)."""
    for end in (b"\n", b"\r"):
        found = data.find(end)
        if found != -1 and found + 1 < len(data):
            return True
    return False


def _check_utf8(
    first: bytes,
    chunks: Iterator[bytes],
    remember: Callable[[bytes], None],
    report: ValidationReport,
) -> str:
    """Decode the file as UTF-8 up to its first error; say what was found in ``report``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    has_bom = first == _BOM
    chunk = b"" if has_bom else first
    try:
        decoder.decode(chunk)
        lines += chunk.count(b"\n")
        for chunk in chunks:
            remember(chunk)
            decoder.decode(chunk)
            lines += chunk.count(b"\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        report.detected["encoding"] = "Latin-1/Windows-1252"
        if has_bom:
            line = lines + chunk[: max(error.start, 0)].count(b"\n")
            byte = chunk[error.start : error.start + 1].hex().upper() if chunk else "?"
            report.error(
                "mixed_encoding",
                "the file starts with a UTF-8 byte-order mark, "
                f"but this line is not UTF-8 (byte 0x{byte}, Latin-1/Windows-1252 "
                "text?); save the whole file again as CSV UTF-8",
                line=line,
                byte=f"0x{byte}",
            )
        return "latin-1"
    report.detected["encoding"] = "UTF-8 with BOM" if has_bom else "UTF-8"
    return "utf-8"


def is_workbook_name(path: Path) -> bool:
    """Whether a file is named as an Excel workbook (.xlsx, .xlsm)."""
    return Path(path).suffix.lower() in (".xlsx", ".xlsm")


def read_header(path: Path, encoding: str, *, facts: FileFacts | None = None) -> str:
    """The first line of the file, without BOM and line ending (from ``facts`` when given)."""
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    if facts is not None and facts.path == Path(path) and facts.encoding == encoding:
        text = codecs.getincrementaldecoder(codec)().decode(facts.first_line)
        return io.StringIO(text, newline="").readline().rstrip("\r\n")
    with path.open(
        "r", encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline=""
    ) as handle:
        return handle.readline().rstrip("\r\n")


def detect_delimiter(header: str, report: ValidationReport) -> str | None:
    """The delimiter of a header line: the most frequent of ',', ';' and tab."""
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=lambda candidate: counts[candidate])
    if counts[delimiter] == 0:
        report.error(
            "no_delimiter",
            "the header has no ',', ';' or tab: not a delimited file, or a single column",
            line=1,
        )
        return None
    report.detected["delimiter"] = {"\t": "tab"}.get(delimiter, delimiter)
    return delimiter


def first_line(message: str) -> str:
    """The first three lines of an error message, on one line."""
    return " ".join(message.split("\n")[:3]).strip()


class HeaderError(BwError, ValueError):
    """A header line that the csv module cannot split (a cell over its 128 kB field limit)."""


def split_header(header: str, delimiter: str) -> list[str]:
    """Header cells, unquoted and stripped; :class:`HeaderError` when a cell is absurdly long.

    >>> split_header('"a"; b ;"c;d"', ";")
    ['a', 'b', 'c;d']
    """
    try:
        return [cell.strip() for cell in next(csv.reader([header], delimiter=delimiter))]
    except csv.Error as error:  # 'field larger than field limit (131072)'
        raise HeaderError(f"the header cannot be split into columns: {error}") from error


def summarise(report: ValidationReport) -> None:
    """Keep at most MAX_ISSUES_PER_CODE lined issues per code, and MAX_ISSUES_PER_LINE of one
    code on one line, and say how many more there were.

    Issues without a line (file-level, or a loader's own "… and N more") are always kept.
    Running it twice changes nothing.
    """
    per_code: dict[str, int] = {}
    per_line: dict[tuple[str, int], int] = {}
    kept = []
    for issue in report.issues:
        if issue.line is None:
            kept.append(issue)
            continue
        key = (issue.code, issue.line)
        per_line[key] = per_line.get(key, 0) + 1
        if per_line[key] > MAX_ISSUES_PER_LINE:
            continue
        per_code[issue.code] = per_code.get(issue.code, 0) + 1
        if per_code[issue.code] <= MAX_ISSUES_PER_CODE:
            kept.append(issue)
    report.issues = kept
    for (code, line), count in per_line.items():
        if count > MAX_ISSUES_PER_LINE:
            severity = next(i.severity for i in kept if i.code == code)
            report.add(
                severity, code, f"… and {count - MAX_ISSUES_PER_LINE} more like this on line {line}"
            )
    for code, count in per_code.items():
        if count > MAX_ISSUES_PER_CODE:
            severity = next(i.severity for i in kept if i.code == code)
            report.more(severity, code, count - MAX_ISSUES_PER_CODE)


#: Parameters of a row check given as they are, not as the name of a row field.
_LITERAL_PARAMS = ("variant", "column")


def row_params(spec: dict[str, str], row: dict[str, Any]) -> dict[str, object]:
    """The parameters of a translated message about one failing row.

    ``spec`` maps each parameter to the row field that holds it; ``variant`` and ``column``
    are given literally (the column's name in the file, not a field of the row).

    >>> row_params({"column": "value", "value": "value_raw"}, {"value_raw": "vier"})
    {'column': 'value', 'value': 'vier'}
    """
    return {name: field if name in _LITERAL_PARAMS else row[field] for name, field in spec.items()}
