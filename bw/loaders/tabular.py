"""Tabular helpers every wide or long table loader shares, in a DuckDB sandbox.

Labels to indicators (the load's mapping, ids, the catalogue's Dutch names), numbers with a
decimal comma or point, one issue per failing row, duplicate keys, and staging a CSV or workbook
as ``raw`` and ``cells`` tables. Used by the waarstaatjegemeente.nl loaders and the regional
monitor; sibling loaders import these from here, never from each other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from bw.loaders.common import (
    MAX_ISSUES_PER_CODE,
    FileFacts,
    LoadContext,
    check_size,
    detect_delimiter,
    detect_encoding,
    first_line,
    new_indicator_id,
    read_header,
    row_params,
    split_header,
)
from bw.loaders.workbook import cell_number, cell_text, check_xlsx, is_xlsx, read_xlsx
from bw.model import Aggregation, Direction, Indicator
from bw.report import ValidationReport
from bw.sandbox import Sandbox, one_row, register_frame

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


#: A unit in brackets at the end of a label: 'Werkloosheid (%)'.
_UNIT = re.compile(r"\s*[\(\[]([^()\[\]]*)[\)\]]\s*$")


def names_index(catalogue: pd.DataFrame) -> dict[str, list[str]]:
    """Catalogue indicator ids by their normalised Dutch name (:func:`normalise_label`)."""
    by_name: dict[str, list[str]] = {}
    for indicator_id, name in zip(
        catalogue.get("indicator_id", []), catalogue.get("name_nl", []), strict=True
    ):
        by_name.setdefault(normalise_label(name), []).append(str(indicator_id))
    return by_name


def named_indicator(label: str, by_name: dict[str, list[str]]) -> str | None:
    """The catalogue indicator a label names, with or without a unit in brackets, or None.

    A name that several indicators share names none of them, unless one of them has the id
    :func:`~bw.loaders.common.new_indicator_id` gives that name: the indicator an earlier
    load created for this very label.

    >>> by_name = {"werkloosheid": ["arbeid.werkloosheid", "te_classificeren.werkloosheid"]}
    >>> named_indicator("Werkloosheid (%)", by_name), named_indicator("Inwoners", by_name)
    ('te_classificeren.werkloosheid', None)
    """
    for candidate in (label, _UNIT.sub("", label)):
        ids = by_name.get(normalise_label(candidate), [])
        if len(ids) == 1:
            return ids[0]
        own = new_indicator_id(candidate, ())
        if own in ids:
            return own
    return None


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
    catalogue's ``name_nl`` (:func:`named_indicator`). Unmapped labels are ``unmapped_topic``
    errors, or with ``new_indicators='create'`` new indicators with ids by
    :func:`~bw.loaders.common.new_indicator_id` (qualified by a unit in brackets) and a
    ``new_indicator`` warning each.
    """
    catalogue = context.indicators
    known = set(catalogue["indicator_id"]) if len(catalogue) else set()
    by_name = names_index(catalogue)
    mapping = {normalise_label(k): v for k, v in context.mapping.items()}
    found: dict[str, str] = {}
    unmapped: list[str] = []
    for label in labels:
        target = context.mapping.get(label) or mapping.get(normalise_label(label))
        if target is not None:
            if target not in known:
                report.error(
                    "unknown_indicator",
                    f"the mapping sends {label!r} to {target!r}, which is not in the catalogue",
                    line=labels[label],
                    variant="mapping",
                    topic=label,
                    indicator=target,
                )
                continue
            found[label] = target
            continue
        if label.strip() in known:
            found[label] = label.strip()
            continue
        named = named_indicator(label, by_name)
        if named is not None:
            found[label] = named
        else:
            unmapped.append(label)
    if not unmapped:
        return found, []
    if context.new_indicators != "create":
        for label in unmapped:
            report.error(
                "unmapped_topic",
                f"{label!r} maps to no indicator; map it, or load "
                "with new indicators created (te classificeren)",
                line=labels[label],
                topic=label,
            )
        return found, []
    created: list[Indicator] = []
    taken = set(known)
    for label in unmapped:
        unit = _UNIT.search(label)
        indicator_id = new_indicator_id(label, taken, qualifiers=(unit.group(1),) if unit else ())
        found[label] = indicator_id
        report.warning(
            "new_indicator",
            f"{label!r} becomes the new indicator {indicator_id!r}, to be classified",
            line=labels[label],
            topic=label,
            indicator=indicator_id,
        )
        taken.add(indicator_id)
        created.append(
            Indicator(
                indicator_id,
                label.strip(),
                label.strip(),
                f"Uit {source}; nog te classificeren.",
                f"From {source}; to be classified.",
                "",
                2,
                Direction.NEUTRAL,
                Aggregation.NONE,
                source,
                (),
                is_survey=label in survey,
            )
        )
    return found, created


# --- numbers and issues in SQL ---------------------------------------------------------------


def number_sql(text: str, decimal: str) -> str:
    """SQL turning a trimmed text cell into a number with the file's decimal separator."""
    if decimal == ",":
        # Dutch notation: '.' groups thousands (1.234,5), ',' is the decimal mark.
        return (
            f"CASE WHEN regexp_full_match({text}, '-?[0-9]{{1,3}}(\\.[0-9]{{3}})*(,[0-9]+)?|"
            f"-?[0-9]+(,[0-9]+)?') THEN TRY_CAST(replace(replace({text}, '.', ''), ',', '.') "
            f"AS DOUBLE) END"
        )
    return (
        f"CASE WHEN regexp_full_match({text}, '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?') "
        f"THEN TRY_CAST({text} AS DOUBLE) END"
    )


def detect_decimal(sandbox: Sandbox, table: str, column: str, report: ValidationReport) -> str:
    """',' when any text cell of ``column`` has a comma, else '.'; stated in the report.

    A point-decimal file whose values look like Dutch thousands (1.234) gets a warning, as it
    may be a decimal-comma file whose values happen to have no fraction.
    """
    has_comma, has_dot, grouped_line = one_row(
        sandbox.execute(
            f"SELECT bool_or(contains({column}, ',')), bool_or(contains({column}, '.')), "
            f"min(line) FILTER (WHERE regexp_full_match(trim({column}), '-?[0-9]{{1,3}}"
            f"(\\.[0-9]{{3}})+')) FROM {table}"
        )
    )
    decimal = "," if has_comma else "."
    if has_comma or has_dot:
        report.detected["decimal"] = "comma" if decimal == "," else "point"
    if decimal == "." and grouped_line is not None:
        report.warning(
            "ambiguous_decimal",
            "values such as 1.234 could be thousands with a "
            "decimal comma; the file has no comma, so '.' is read as the decimal "
            "point",
            line=int(grouped_line),
        )
    return decimal


def report_rows(
    sandbox: Sandbox,
    report: ValidationReport,
    table: str,
    code: str,
    condition: str,
    message: str,
    spec: dict[str, str],
    *,
    severity: str = "error",
) -> None:
    """One issue per row of ``table`` meeting ``condition`` (message fields from the row;
    the translated message's parameters as ``spec`` names them, see :func:`row_params`)."""
    rows = sandbox.execute(
        f"SELECT * FROM {table} WHERE {condition} ORDER BY line LIMIT {MAX_ISSUES_PER_CODE + 1}"
    ).df()
    total = None
    if len(rows) > MAX_ISSUES_PER_CODE:
        total = one_row(sandbox.execute(f"SELECT count(*) FROM {table} WHERE {condition}"))[0]
        rows = rows.head(MAX_ISSUES_PER_CODE)
    for record in rows.to_dict("records"):
        row = {str(name): value for name, value in record.items()}
        report.add(
            severity, code, message.format(**row), line=int(row["line"]), **row_params(spec, row)
        )
    if total is not None:
        report.more(severity, code, total - MAX_ISSUES_PER_CODE)


def report_duplicates(sandbox: Sandbox, report: ValidationReport, table: str) -> None:
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
            report.error(
                "duplicate_key",
                f"{label} × {region} × {period} has different values on lines {where}",
                line=lines[1],
                key=f"{label} × {region} × {period}",
                at_lines=where,
            )
        else:
            report.warning(
                "duplicate_row",
                f"{label} × {region} × {period} repeats the same "
                f"value on lines {where}; it is stored once",
                line=lines[1],
                key=f"{label} × {region} × {period}",
                at_lines=where,
            )


# --- staging ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Source:
    """A file opened for staging: its header and how to read its cells."""

    header: list[str]
    delimiter: str | None  # None for a workbook
    encoding: str | None
    rows: list[tuple[int, list[Any]]] | None  # a workbook's rows (without the header)


def open_source(
    path: Path, report: ValidationReport, *, max_bytes: int, facts: FileFacts | None = None
) -> Source | None:
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
            report.error(
                "missing_header",
                f"the header must be on row 1; row 1 is empty and "
                f"the sheet starts on row {rows[0][0]}",
                first_row=rows[0][0],
            )
            return None
        report.detected["file"] = "Excel workbook"
        header = [cell_text(v).strip() for v in rows[0][1]]
        while header and header[-1] == "":
            header.pop()
        return Source(header, None, None, rows[1:])
    if not check_size(path, report, max_bytes=max_bytes):
        return None
    encoding = detect_encoding(path, report, facts=facts)
    if not report.ok:
        return None
    header_line = read_header(path, encoding, facts=facts)
    delimiter = detect_delimiter(header_line, report)
    if delimiter is None:
        return None
    return Source(split_header(header_line, delimiter), delimiter, encoding, None)


def stage_cells(
    sandbox: Sandbox,
    path: Path,
    source: Source,
    *,
    keys: dict[str, int] | None,
    values: list[int],
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
            report.error("malformed_csv", first_line(str(error)), error=first_line(str(error)))
            return False
    else:
        columns: dict[str, list[Any]] = {"line": []} | {f"c{i}": [] for i in range(width)}
        numbers: dict[str, list[Any]] = {f"n{i}": [] for i in values}
        for line, cells in source.rows:
            extra = [v for v in cells[width:] if v is not None and str(v).strip() != ""]
            if extra:
                report.error(
                    "malformed_row",
                    f"row {line} has values beyond the last named column",
                    line=line,
                    row=line,
                )
            columns["line"].append(line)
            for i in range(width):
                value = cells[i] if i < len(cells) else None
                columns[f"c{i}"].append(cell_text(value))
                if i in values:
                    numbers[f"n{i}"].append(cell_number(value))
        frame = pa.table(
            {
                **{
                    name: pa.array(data, pa.int64() if name == "line" else pa.string())
                    for name, data in columns.items()
                },
                **{name: pa.array(data, pa.float64()) for name, data in numbers.items()},
            }
        )
        register_frame(sandbox, "sheet_rows", frame)
        sandbox.execute("CREATE TABLE raw AS SELECT * FROM sheet_rows")
        sandbox.unregister("sheet_rows")
    rows = one_row(sandbox.execute("SELECT count(*) FROM raw"))[0]
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
        parts.append(
            f"SELECT line, {key_sql}, 'c{i}' AS col, c{i} AS text, {number} AS num FROM raw"
        )
    sandbox.execute("CREATE TABLE cells AS " + " UNION ALL ".join(parts))
    return True


def check_unnamed_columns(
    sandbox: Sandbox, header: list[str], report: ValidationReport
) -> list[int]:
    """Columns without a name: ignored when empty throughout, else an error. Their positions."""
    unnamed = [i for i, name in enumerate(header) if name.strip() == ""]
    for i in unnamed:
        line = one_row(
            sandbox.execute(f"SELECT min(line) FROM raw WHERE trim(coalesce(c{i}, '')) <> ''")
        )[0]
        if line is not None:
            report.error(
                "missing_column_name",
                f"column {i + 1} has values but no name in the header",
                line=int(line),
                position=i + 1,
            )
    return unnamed


def check_duplicate_columns(header: list[str], report: ValidationReport) -> None:
    """A column name twice (case-insensitive) is an error."""
    seen: set[str] = set()
    for name in header:
        key = normalise_label(name)
        if name.strip() and key in seen:
            report.error(
                "duplicate_column", f"column {name!r} occurs more than once", line=1, column=name
            )
        seen.add(key)


def register_value_columns(sandbox: Sandbox, rows: list[dict[str, Any]]) -> None:
    """``value_columns(col, header, label, indicator_id, period, year, status)``."""
    frame = pa.table(
        {
            "col": pa.array([r["col"] for r in rows], pa.string()),
            "header": pa.array([r["header"] for r in rows], pa.string()),
            "label": pa.array([r["label"] for r in rows], pa.string()),
            "indicator_id": pa.array([r.get("indicator_id") for r in rows], pa.string()),
            "period": pa.array([r.get("period") for r in rows], pa.string()),
            "year": pa.array([r.get("year") for r in rows], pa.int32()),
            "status": pa.array([r.get("status") for r in rows], pa.string()),
        }
    )
    register_frame(sandbox, "value_columns_frame", frame)
    sandbox.execute("CREATE TABLE value_columns AS SELECT * FROM value_columns_frame")
    sandbox.unregister("value_columns_frame")


def register_known_regions(sandbox: Sandbox, context: LoadContext) -> None:
    """``known_regions(code, name)`` from the store."""
    register_frame(sandbox, "known_regions", context.regions.loc[:, ["code", "name"]])
