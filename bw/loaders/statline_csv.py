"""CSV files downloaded from CBS StatLine, in their three flavours (three loader objects).

- :data:`UNTYPED` (``statline_untyped_csv``): the "untyped dataset" CSV of the open-data
  portal: ``;``, every field quoted, UTF-8 with BOM, header ``ID;RegioS;Perioden;<topic keys>``,
  keys padded (``"PV20  "``), numbers right-aligned text (``"   93750"``), missing ``"."`` or
  ``""``. Topic keys only: titles and units come from a ``DataProperties`` file beside it (and
  region names from a ``RegioS`` file) when present; otherwise topics map through the mapping.
- :data:`CURRENT` (``statline_csv``): the current StatLine "CSV" button: ``;``, UTF-8 with BOM,
  first columns ``Perioden`` and ``Regio's`` holding *names*, one column per topic path with
  its unit in brackets (``Bevolking/…/Totale bevolking (aantal)``), decimal comma, empty =
  missing, provisional periods ``2024*``.
- :data:`CLASSIC` (``statline_classic_csv``): the classic statline.cbs.nl download:
  Windows-1252, a title line, header rows (``Onderwerpen`` topic rows, a unit row, optionally a
  period row), ``;``, symbols ``.``/``x``/``-``/blank, and a footer
  ``© Centraal Bureau voor de Statistiek, Den Haag/Heerlen <date>`` or ``Bron: CBS``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from bw.loaders.cbs_cells import CbsSource, cells_frame, stage_cells, stage_frame
from bw.loaders.cbs_codes import parse_period
from bw.loaders.cbs_files import (
    check_text_encoding,
    checksum_of_files,
    read_wide_csv,
    unpivot_cells,
)
from bw.loaders.cbs_metadata import (
    check_single_category,
    code_list_of,
    metadata_rows,
    parse_data_properties,
    period_status_of,
    pick_geo_and_time,
    table_period,
)
from bw.loaders.common import (
    FormatLoader,
    LoadContext,
    Staged,
    check_size,
    detect_delimiter,
    read_header,
    sha256_of,
    split_header,
)
from bw.loaders.topics import Topic
from bw.report import Severity, ValidationReport
from bw.sandbox import close_sandbox, one_row, open_sandbox

_GEO_KEYS = ("RegioS", "Regio", "Gemeenten", "Gemeente", "WijkenEnBuurten", "Provincies")
_TABLE_ID = re.compile(r"^(\d{5}[A-Za-z]{3})")
_REGION_LABELS = {
    "regio's",
    "regios",
    "regio",
    "gemeenten",
    "gemeente",
    "wijken en buurten",
    "provincies",
    "landsdelen",
    "corop-gebieden",
}
_PERIOD_LABELS = {"perioden", "periode", "jaar", "jaren"}
_UNIT = re.compile(r"^(.*?)\s*\(((?:[^()]|\([^()]*\))*)\)\s*$")


#: A CSV row: its line number and its cells.
_Row = tuple[int, list[str]]
#: A classic download's layout: title, width, row heading labels and their kinds ('region',
#: 'period', 'other'), {column: (topic key, period)}, topics, and the data rows.
_Layout = tuple[
    str, int, list[str], list[str], dict[int, tuple[str, str | None]], list[Topic], list[_Row]
]


def _start(path: Path, format: str) -> Staged:
    return Staged(file_name=Path(path).name, checksum="", report=ValidationReport(format=format))


def split_topic(cell: str) -> tuple[tuple[str, ...], str, str | None]:
    """(group path, title, unit) of a StatLine header cell.

    >>> split_topic("Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)")
    (('Bevolking', 'Bevolkingssamenstelling op 1 januari'), 'Totale bevolking', 'aantal')
    >>> split_topic("Gehuwd (in % van  inwoners 15 jaar of ouder)")[1:]
    ('Gehuwd', 'in % van inwoners 15 jaar of ouder')
    """
    text = " ".join(cell.split())
    unit = None
    found = _UNIT.match(text)
    if found:
        text, unit = found.group(1), " ".join(found.group(2).split()) or None
    parts = [part.strip() for part in text.split("/")]
    return tuple(parts[:-1]), parts[-1], unit


# --------------------------------------------------------------------------------------------
# Untyped dataset CSV
# --------------------------------------------------------------------------------------------


def looks_like_untyped(path: Path, header_cells: list[str]) -> bool:
    """``ID`` first, then CBS dimension keys, in a ``;`` separated file."""
    cells = [cell.strip() for cell in header_cells]
    if len(cells) < 3 or cells[0] != "ID":
        return False
    if not any(cell in _GEO_KEYS or cell == "Perioden" for cell in cells[1:4]):
        return False
    try:
        with Path(path).open("rb") as handle:
            return b";" in handle.readline(1 << 16)
    except OSError:
        return False


def _companion(folder: Path, path: Path, token: str) -> Path | None:
    """A metadata file beside the download: 'DataProperties.csv', '70072ned_RegioS_….csv'."""
    token = token.lower()
    prefix = path.name.split("_", 1)[0].lower()
    found = []
    for other in folder.iterdir():
        if other == path or not other.is_file() or other.suffix.lower() not in (".csv", ".json"):
            continue
        parts = re.split(r"[_\-. ]", other.stem.lower())
        if other.stem.lower() == token or token in parts:
            found.append(other)
    found.sort(key=lambda p: (not p.name.lower().startswith(prefix), p.name))
    return found[0] if found else None


def _open_table(
    path: Path, format_name: str, context: LoadContext
) -> tuple[Staged, tuple[str, str, list[str]] | None]:
    """Staged result, encoding, delimiter and header cells of a UTF-8 download; or the staged
    result alone (with its errors) when the file is too large, not UTF-8 or not delimited."""
    staged = _start(path, format_name)
    report = staged.report
    if not check_size(path, report, max_bytes=context.max_bytes):
        return staged, None
    encoding = check_text_encoding(path, report, expected="utf-8", facts=context.facts)
    if encoding is None:
        return staged, None
    header = read_header(path, encoding, facts=context.facts)
    delimiter = detect_delimiter(header, report)
    if delimiter is None:
        return staged, None
    return staged, (encoding, delimiter, split_header(header, delimiter))


def load_untyped(path: Path, context: LoadContext) -> Staged:
    """Load a StatLine untyped dataset CSV, with the DataProperties beside it if present."""
    path = Path(path)
    staged, opened = _open_table(path, "statline_untyped_csv", context)
    if opened is None:
        return staged
    encoding, delimiter, columns = opened
    report = staged.report
    folder = path.parent
    used = [path]
    properties = _companion(folder, path, "DataProperties")
    info_file = _companion(folder, path, "TableInfos")
    if properties is not None:
        rows = metadata_rows(properties, report, max_bytes=context.max_bytes)
        if rows is None:
            return staged
        topics, dimensions = parse_data_properties(rows)
        topics = [replace(t, line=1) for t in topics]
        used.append(properties)
        report.detected["metadata"] = properties.name
    else:
        from_header = _topics_from_header(columns, report)
        if from_header is None:
            return staged
        topics, dimensions = from_header
    info = {}
    if info_file is not None:
        info_rows = metadata_rows(info_file, report, max_bytes=context.max_bytes) or []
        info = info_rows[0] if info_rows else {}
        used.append(info_file)
    found = _TABLE_ID.match(path.name)
    table = str(info.get("Identifier") or (found.group(1).upper() if found else path.stem))
    report.detected["table"] = table
    column_of = {name: f"c{i}" for i, name in enumerate(columns)}
    db = open_sandbox(path)
    try:
        if not read_wide_csv(
            db, path, report, delimiter=delimiter, encoding=encoding, n_columns=len(columns)
        ):
            return staged

        def values_of(key: str) -> list[str | None]:
            return [
                r[0]
                for r in db.execute(
                    f"SELECT DISTINCT {column_of[key]} FROM raw LIMIT 2000"
                ).fetchall()
            ]

        for key, _ in dimensions:
            if key not in column_of:
                report.error(
                    "missing_column",
                    f"dimension {key} has no column",
                    line=1,
                    variant="dimension",
                    dimension=key,
                )
        present = [(k, kind) for k, kind in dimensions if k in column_of]
        geo, time, others = pick_geo_and_time(present, values_of)
        if geo is None:
            report.error(
                "missing_column",
                "no region column (RegioS) in the header",
                line=1,
                variant="region",
                column="RegioS",
            )
            return staged
        for key in others:
            check_single_category(db, key, column_of[key], report)
        topic_cols = {column_of[t.key]: t.key for t in topics if t.key in column_of}
        if not topic_cols:
            report.error("no_topics", "the header has no topic column", line=1)
        fixed = table_period(info) if time is None else None
        if time is None and fixed is None:
            report.error(
                "no_period",
                "no Perioden column, and no TableInfos with the period",
                variant="table_infos",
            )
        if not report.ok:
            return staged
        source = CbsSource(table=table, topics=topics, decimal=".")
        for stem, target in ((geo, "regions"), (time, "periods")):
            companion = _companion(folder, path, stem) if stem else None
            if companion is None:
                continue
            rows = metadata_rows(companion, report, max_bytes=context.max_bytes)
            used.append(companion)
            if target == "regions":
                source.code_list = code_list_of(rows, "Key")
            else:
                source.period_status = period_status_of(rows, "Key")
        unpivot_cells(
            db,
            region_col=column_of[geo],
            period_col=column_of.get(time) if time is not None else None,
            fixed_period=fixed,
            topic_cols=topic_cols,
        )
        report.counts["rows"] = one_row(db.execute("SELECT count(*) FROM raw"))[0]
        staged.checksum = (
            checksum_of_files(used) if len(used) > 1 else sha256_of(path, facts=context.facts)
        )
        stage_cells(db, source, context, staged)
    finally:
        close_sandbox(db)
    return staged


def _topics_from_header(
    columns: list[str], report: ValidationReport
) -> tuple[list[Topic], list[tuple[str, str]]] | None:
    """Topics and dimensions from an untyped header alone (CBS puts dimensions first)."""
    dimension_end = max(
        (i for i, c in enumerate(columns) if c in _GEO_KEYS or c == "Perioden"), default=-1
    )
    if dimension_end < 0:
        report.error(
            "missing_column",
            "no RegioS or Perioden column in the header",
            line=1,
            variant="region_or_period",
        )
        return None
    start = 1 if columns and columns[0] == "ID" else 0
    dimensions = [
        (c, "geo" if c in _GEO_KEYS else "time" if c == "Perioden" else "other")
        for c in columns[start : dimension_end + 1]
    ]
    topics = [
        Topic(key=c, title=c, is_text=None, decimals=None, line=1)
        for c in columns[dimension_end + 1 :]
        if c
    ]
    report.warning(
        "no_topic_metadata",
        "the file names its topics by key only, without titles or units, so units "
        "cannot be checked: map them by key, or put the table's DataProperties file "
        "beside it",
        line=1,
    )
    return topics, dimensions


#: The statline_untyped_csv loader.
UNTYPED = FormatLoader(
    FORMAT="statline_untyped_csv", looks_like=looks_like_untyped, load=load_untyped
)


# --------------------------------------------------------------------------------------------
# Current StatLine download
# --------------------------------------------------------------------------------------------


def _is_topic_header(cell: str) -> bool:
    return "/" in cell or _UNIT.match(cell.strip()) is not None


def looks_like_current(path: Path, header_cells: list[str]) -> bool:
    """A ``Perioden`` column, a region column, and topic columns with units in brackets."""
    cells = [" ".join(cell.split()) for cell in header_cells]
    lowered = {cell.lower() for cell in cells}
    return (
        bool(lowered & _PERIOD_LABELS)
        and bool(lowered & _REGION_LABELS)
        and any(_is_topic_header(cell) for cell in cells)
    )


def load_current(path: Path, context: LoadContext) -> Staged:
    """Load a current StatLine CSV download (names, topic paths, decimal comma)."""
    path = Path(path)
    staged, opened = _open_table(path, "statline_csv", context)
    if opened is None:
        return staged
    encoding, delimiter, cells = opened
    report = staged.report
    columns = [" ".join(cell.split()) for cell in cells]
    dimension_count = next((i for i, c in enumerate(columns) if _is_topic_header(c)), len(columns))
    dimensions = columns[:dimension_count]
    region = next((c for c in dimensions if c.lower() in _REGION_LABELS), None)
    period = next((c for c in dimensions if c.lower() in _PERIOD_LABELS), None)
    if region is None:
        report.error(
            "missing_column",
            "no region column (Regio's) before the topic columns",
            line=1,
            variant="before_topics",
            column="Regio's",
        )
    if period is None:
        report.error(
            "missing_column",
            "no Perioden column before the topic columns",
            line=1,
            variant="before_topics",
            column="Perioden",
        )
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    for name in duplicates:
        report.error(
            "duplicate_column", f"column {name!r} occurs more than once", line=1, column=name
        )
    topics = []
    for cell in columns[dimension_count:]:
        if not cell:  # a trailing ';' gives an empty, nameless column
            continue
        group, title, unit = split_topic(cell)
        topics.append(
            Topic(key=cell, title=title, unit=unit, path=group, is_text=None, decimals=None, line=1)
        )
    if not topics:
        report.error("no_topics", "the header has no topic column", line=1)
    if not report.ok:
        return staged
    staged.checksum = sha256_of(path, facts=context.facts)
    table = re.sub(r"_\d{8}_\d{6}$", "", path.stem).replace("_", " ")
    report.detected["table"] = table
    column_of = {name: f"c{i}" for i, name in enumerate(columns)}
    db = open_sandbox(path)
    try:
        if not read_wide_csv(
            db, path, report, delimiter=delimiter, encoding=encoding, n_columns=len(columns)
        ):
            return staged
        for key in dimensions:
            if key not in (region, period):
                check_single_category(db, key, column_of[key], report)
        if not report.ok or region is None or period is None:  # either missing is an error
            return staged
        unpivot_cells(
            db,
            region_col=column_of[region],
            period_col=column_of[period],
            fixed_period=None,
            topic_cols={column_of[t.key]: t.key for t in topics},
        )
        report.counts["rows"] = one_row(db.execute("SELECT count(*) FROM raw"))[0]
        stage_cells(db, CbsSource(table=table, topics=topics, region_by="name"), context, staged)
    finally:
        close_sandbox(db)
    return staged


#: The statline_csv loader (current StatLine download).
CURRENT = FormatLoader(FORMAT="statline_csv", looks_like=looks_like_current, load=load_current)


# --------------------------------------------------------------------------------------------
# Classic statline.cbs.nl download
# --------------------------------------------------------------------------------------------

_HEADER_LABELS = (
    {"", "onderwerpen", "onderwerp", "eenheid", "eenheden"} | _REGION_LABELS | _PERIOD_LABELS
)
_TOPIC_LABELS = {"onderwerpen", "onderwerp"}
_FOOTER = re.compile(
    r"^(©|\(c\)|copyright|bron\b|centraal bureau voor de statistiek|source)", re.IGNORECASE
)


def looks_like_classic(path: Path, header_cells: list[str]) -> bool:
    """A one-cell title line, then ``Onderwerpen`` header rows (or the CBS footer at the end)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8192).decode("latin-1")
            size = path.stat().st_size
            handle.seek(max(0, size - 512))
            tail = handle.read().decode("latin-1")
    except OSError:
        return False
    lines = [line for line in head.lstrip("\ufeffï»¿").splitlines() if line.strip()]
    if not lines:
        return False
    first = [c for c in next(csv.reader([lines[0]], delimiter=";")) if c.strip()]
    if len(first) != 1:
        return False
    topics_row = any(
        re.match(r'^"?onderwerpen?"?\s*[;,]', line, re.IGNORECASE) for line in lines[1:12]
    )
    last = tail.strip().splitlines()[-1].strip().strip('"') if tail.strip() else ""
    return topics_row or bool(
        _FOOTER.match(last) and "statistiek" in last.lower() or last.lower().startswith("bron: cbs")
    )


def _decode(path: Path, encoding: str) -> str:
    raw = path.read_bytes()
    if encoding == "utf-8":
        return raw.decode("utf-8-sig")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def load_classic(path: Path, context: LoadContext) -> Staged:
    """Load a classic statline.cbs.nl CSV download: title, header rows, data, footer."""
    path = Path(path)
    staged = _start(path, "statline_classic_csv")
    report = staged.report
    if not check_size(path, report, max_bytes=context.max_bytes):
        return staged
    encoding = check_text_encoding(path, report, expected="latin-1", facts=context.facts)
    if encoding is None:
        return staged
    staged.checksum = sha256_of(path, facts=context.facts)
    text = _decode(path, encoding)
    delimiter = ";" if text[:4096].count(";") >= text[:4096].count(",") else ","
    report.detected["delimiter"] = delimiter
    rows = _read_rows(text, delimiter, report)
    if rows is None:
        return staged
    layout = _classic_layout(rows, report)
    if layout is None:
        return staged
    table, width, labels, dims, columns, topics, data = layout
    header_line = data[0][0] - 1 if data else None
    report.detected["table"] = table
    cells: dict[str, list[Any]] = {
        name: [] for name in ("line", "region_raw", "period_raw", "topic_key", "value_raw")
    }
    region_at = next(i for i, kind in enumerate(dims) if kind == "region")
    period_at = next((i for i, kind in enumerate(dims) if kind == "period"), None)
    last = [""] * len(dims)
    singles: dict[int, set[str]] = {i: set() for i, kind in enumerate(dims) if kind == "other"}
    for line, row in data:
        if len(row) < width or any(cell.strip() for cell in row[width:]):
            report.error(
                "malformed_csv",
                f"the row has {len(row)} fields, the header {width}"
                + (" (the line looks cut off)" if len(row) < width else ""),
                line=line,
                variant="short_row" if len(row) < width else "field_count",
                fields=len(row),
                expected=width,
            )
            continue
        # CBS leaves a repeated row heading empty (Amsterdam 2022, "" 2023): fill it down.
        keys = [row[i].strip() or last[i] for i in range(len(dims))]
        last = keys
        for i in singles:
            singles[i].add(keys[i])
        for column, (topic_key, period) in columns.items():
            cells["line"].append(line)
            cells["region_raw"].append(keys[region_at])
            if period is None:
                # _classic_layout: without a period row, the periods are a row heading
                assert period_at is not None
                period = keys[period_at]
            cells["period_raw"].append(period)
            cells["topic_key"].append(topic_key)
            cells["value_raw"].append(row[column])
    for i, values in singles.items():
        if len(values) > 1:
            report.error(
                "extra_dimension",
                f"row heading {labels[i]!r} has several categories; bw stores one value "
                "per topic, region and period: select one",
                line=header_line,
                variant="row_heading",
                dimension=labels[i],
            )
    report.counts["rows"] = len(data)
    if not report.ok:
        return staged
    stage_frame(
        cells_frame(cells), CbsSource(table=table, topics=topics, region_by="name"), context, staged
    )
    return staged


def _read_rows(text: str, delimiter: str, report: ValidationReport) -> list[_Row] | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[_Row] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        report.error(
            "malformed_csv",
            f"{error} (the line looks cut off)",
            line=reader.line_num or start,
            variant="cut_off_error",
            error=str(error),
        )
        return None
    return [(line, row) for line, row in rows if any(cell.strip() for cell in row)]


def _classic_layout(rows: list[_Row], report: ValidationReport) -> _Layout | None:
    """(title, width, row labels and kinds, {column: (topic key, period)}, topics, data)."""
    if not rows:
        report.error("no_rows", "the file is empty", variant="empty")
        return None
    title_line, title_row = rows[0]
    filled = [cell.strip() for cell in title_row if cell.strip()]
    if len(filled) != 1:
        report.error(
            "bad_header",
            "the first line should be the table title alone",
            line=title_line,
            variant="title",
        )
        return None
    header = []
    index = 1
    while index < len(rows) and rows[index][1][0].strip().lower() in _HEADER_LABELS:
        header.append(rows[index])
        index += 1
    if not header:
        report.error(
            "bad_header",
            "no header rows (Onderwerpen, units) after the title",
            line=rows[1][0] if len(rows) > 1 else title_line,
            variant="no_rows",
        )
        return None
    footer_at = next((i for i in range(index, len(rows)) if _is_footer(rows[i][1])), None)
    data = rows[index:footer_at] if footer_at is not None else rows[index:]
    if footer_at is None:
        report.warning(
            "missing_footer",
            "the CBS footer line (© Centraal Bureau voor de Statistiek … / Bron: CBS) "
            "is missing: the download may be cut off",
        )
    elif footer_at < len(rows) - 1:
        report.add(
            Severity.INFO,
            "ignored_lines",
            f"{len(rows) - footer_at - 1} lines after the footer are ignored",
            line=rows[footer_at + 1][0],
            count=len(rows) - footer_at - 1,
        )
    width = max(len(row) for _, row in header)
    k = 0
    while k < width and all(
        k < len(row) and row[k].strip().lower() in _HEADER_LABELS for _, row in header
    ):
        k += 1
    if k == 0 or k >= width:
        report.error(
            "bad_header",
            "cannot tell the row headings from the topic columns",
            line=header[0][0],
            variant="headings",
        )
        return None
    padded = [(line, row + [""] * (width - len(row))) for line, row in header]
    period_rows = [
        (line, row) for line, row in padded if all(parse_period(cell) for cell in row[k:])
    ]
    topic_rows = [
        (line, row)
        for line, row in padded
        if row[0].strip().lower() in _TOPIC_LABELS and (line, row) not in period_rows
    ]
    unit_rows = [
        (line, row)
        for line, row in padded
        if (line, row) not in period_rows and (line, row) not in topic_rows
    ]
    if len(period_rows) > 1 or len(unit_rows) > 1 or not topic_rows:
        report.error(
            "bad_header",
            "expected Onderwerpen rows, one unit row and at most one period row",
            line=header[0][0],
            variant="rows",
        )
        return None
    labels = [" ".join(cell.split()).lower() for cell in padded[-1][1][:k]]
    dims = [
        "region"
        if label in _REGION_LABELS or "regio" in label
        else "period"
        if label in _PERIOD_LABELS
        else "other"
        for label in labels
    ]
    if dims.count("region") != 1:
        report.error(
            "missing_column",
            "no single region row heading (Regio's)",
            line=padded[-1][0],
            variant="region_heading",
        )
    has_period_dim = dims.count("period") == 1
    if period_rows and has_period_dim or not period_rows and not has_period_dim:
        report.error(
            "no_period",
            "periods must be either a row heading (Perioden) or one header row",
            line=padded[-1][0],
            variant="heading_or_row",
        )
    if not report.ok:
        return None
    columns: dict[int, tuple[str, str | None]] = {}
    topics: dict[str, Topic] = {}
    for column in range(k, width):
        path: list[str] = []
        for _, row in topic_rows:
            cell = " ".join(row[column].split())
            if cell and (not path or path[-1] != cell):
                path.append(cell)
        if not path:
            report.error(
                "bad_header",
                f"column {column + 1} has no topic",
                line=topic_rows[0][0],
                variant="no_topic",
                position=column + 1,
            )

            continue
        unit = " ".join(unit_rows[0][1][column].split()) if unit_rows else ""
        if unit:
            title = path[-1]
        else:  # no unit row: the unit may be in brackets after the title
            _, title, split_unit = split_topic(path[-1].replace("/", "∕"))
            title = title.replace("∕", "/")
            unit = split_unit or ""
        key = "/".join(path) + (f" ({unit})" if unit else "")
        period = period_rows[0][1][column].strip() if period_rows else None
        columns[column] = (key, period)
        topics.setdefault(
            key,
            Topic(
                key=key,
                title=title,
                unit=unit or None,
                path=tuple(path[:-1]),
                is_text=None,
                decimals=None,
                line=topic_rows[-1][0],
            ),
        )
    if not report.ok:
        return None
    return filled[0], width, labels, dims, columns, list(topics.values()), data


def _is_footer(row: list[str]) -> bool:
    filled = [cell.strip() for cell in row if cell.strip()]
    return len(filled) == 1 and _FOOTER.match(filled[0]) is not None


#: The statline_classic_csv loader.
CLASSIC = FormatLoader(
    FORMAT="statline_classic_csv", looks_like=looks_like_classic, load=load_classic
)
