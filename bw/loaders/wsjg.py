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
this module's former first half (labels, numbers, workbooks, issue listing) now live in
:mod:`bw.loaders.tabular` and :mod:`bw.loaders.workbook`, shared with ``regional_monitor``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyarrow as pa

from bw.loaders.common import (
    FormatLoader,
    LoadContext,
    Staged,
    sha256_of,
    summarise,
)
from bw.loaders.tabular import (
    check_duplicate_columns,
    check_unnamed_columns,
    detect_decimal,
    map_labels,
    number_sql,
    open_source,
    register_known_regions,
    register_value_columns,
    report_duplicates,
    report_rows,
    stage_cells,
)
from bw.loaders.workbook import is_xlsx, read_xlsx_header
from bw.model import Indicator
from bw.regions import match_region_names
from bw.report import ValidationReport
from bw.sandbox import Sandbox, close_sandbox, open_sandbox, register_frame

FORMAT = "wsjg_delivery"
TABLE_FORMAT = "wsjg_table"

#: WSJG's marker for a missing value (VNG data delivery); never a number.
MISSING_MARKER = -99998
#: The reason stored with a value that was the missing marker.
MISSING_MARKER_REASON = "ontbreekt (-99998)"

_SOURCE = "waarstaatjegemeente.nl (VNG)"
_KEYS = ("geoitem", "period", "geolevel")


def missing_reason_sql(value_raw: str, number: str) -> str:
    """SQL: why a cell is missing ('ontbreekt (-99998)', 'onbekend (.)', 'leeg in bron')."""
    return (
        f"CASE WHEN {number} = {MISSING_MARKER} THEN '{MISSING_MARKER_REASON}' "
        f"WHEN {value_raw} = '.' THEN 'onbekend (.)' "
        f"WHEN {value_raw} = '' THEN 'leeg in bron' END"
    )


# Checks on value cells shared by both WSJG formats: (code, condition, message, parameters of
# the translated message, see row_params).
VALUE_CHECKS = (
    (
        "not_a_number",
        "value_raw NOT IN ('', '.') AND number IS NULL",
        "{header}: value {value_raw!r} is not a number",
        {"variant": "header", "header": "header", "value": "value_raw"},
    ),
    (
        "unknown_marker",
        f"number BETWEEN -99999 AND -99990 AND number <> {MISSING_MARKER} "
        "AND number = round(number)",
        "{header}: value {value_raw} looks like a missing-value code, but only "
        f"{MISSING_MARKER} is documented; it is not stored as a number",
        {"header": "header", "value": "value_raw"},
    ),
)
# Checks on the key cells of a delivery's lines.
DELIVERY_CHECKS = (
    (
        "bad_region_code",
        "region IS NULL",
        "GEOITEM {geoitem_raw!r} is not a numeric gemeente code (363 = GM0363)",
        {"value": "geoitem_raw"},
    ),
    (
        "unknown_region",
        "region NOT IN (SELECT code FROM known_regions) AND "
        "regexp_full_match(geolevel, 'gemeente[0-9]*')",
        "gemeente {region} (GEOITEM {geoitem_raw}) is not in the store",
        {"variant": "geoitem", "region": "region", "value": "geoitem_raw"},
    ),
    (
        "unsupported_geolevel",
        "NOT regexp_full_match(geolevel, 'gemeente[0-9]*')",
        "GEOLEVEL {geolevel!r} is not supported: only gemeente rows are read",
        {"value": "geolevel"},
    ),
    (
        "bad_period",
        "period IS NULL",
        "PERIOD {period_raw!r} is not a year (2023)",
        {"variant": "year", "value": "period_raw"},
    ),
)
# Checks on the gemeente names of a table export's lines.
TABLE_CHECKS = (
    ("missing_field", "name_raw = ''", "the gemeente name is empty", {"variant": "gemeente"}),
    (
        "unknown_region",
        "problem = 'unknown_region'",
        "{name_raw!r} is not the name of a region in the store",
        {"variant": "name", "region": "name_raw"},
    ),
    (
        "ambiguous_region",
        "problem = 'ambiguous_region'",
        "{name_raw!r} matches {candidates}; use the CBS name (Bergen (NH.), Bergen (L.))",
        {"variant": "candidates", "region": "name_raw", "candidates": "candidates"},
    ),
)

# One row per key (identical duplicates collapse); the missing marker is never a value.
_CLEAN = f"""
SELECT indicator_id, region AS region_code, period, CAST(any_value(year) AS INTEGER) AS year,
       CASE WHEN any_value(number) = {MISSING_MARKER} THEN NULL ELSE any_value(number) END
           AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high, any_value(status) AS status,
       any_value({missing_reason_sql("value_raw", "number")}) AS missing_reason,
       min(line) AS line
FROM parsed
GROUP BY indicator_id, region, period
ORDER BY indicator_id, region_code, period
"""


def _finish(
    sandbox: Sandbox, staged: Staged, mapped: dict[str, str], created: list[Indicator]
) -> None:
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
    source = open_source(path, report, max_bytes=context.max_bytes, facts=context.facts)
    if source is None:
        return staged
    staged.checksum = sha256_of(path, facts=context.facts)
    header = source.header
    lowered = [name.strip().lower() for name in header]
    check_duplicate_columns(header, report)
    keys = {}
    for key in _KEYS:
        if key in lowered:
            keys[key] = lowered.index(key)
        else:
            report.error(
                "missing_column",
                f"required column {key.upper()!r} is missing (a "
                "delivery has GEOITEM, PERIOD, GEOLEVEL, then one column per "
                "indicator)",
                line=1,
                variant="delivery",
                column=key.upper(),
            )
    value_positions = [
        i for i, name in enumerate(header) if i not in keys.values() and name.strip()
    ]
    if not report.ok:
        return staged
    if not value_positions:
        report.error(
            "no_indicator_columns",
            "the file has no indicator columns after GEOITEM, PERIOD and GEOLEVEL",
            line=1,
            variant="delivery",
        )

        return staged
    labels: dict[str, int | None] = {header[i]: 1 for i in value_positions}
    mapped, created = map_labels(labels, context, report, source=_SOURCE)
    sandbox = open_sandbox(path)
    try:
        if not stage_cells(sandbox, path, source, keys=keys, values=value_positions, report=report):
            return staged
        check_unnamed_columns(sandbox, header, report)
        register_value_columns(
            sandbox,
            [
                {
                    "col": f"c{i}",
                    "header": header[i],
                    "label": header[i],
                    "indicator_id": mapped.get(header[i]),
                    "status": "definitief",
                }
                for i in value_positions
            ],
        )
        register_known_regions(sandbox, context)
        _validate_delivery(sandbox, report)
        _finish(sandbox, staged, mapped, created)
    finally:
        close_sandbox(sandbox)
    return staged


def _validate_delivery(sandbox: Sandbox, report: ValidationReport) -> None:
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
    sandbox.execute(
        "CREATE TABLE lines AS SELECT DISTINCT line, geoitem_raw, region, geolevel, "
        "period_raw, period FROM parsed"
    )
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
    source = open_source(path, report, max_bytes=context.max_bytes, facts=context.facts)
    if source is None:
        return staged
    staged.checksum = sha256_of(path, facts=context.facts)
    header = source.header
    check_duplicate_columns(header, report)
    if len(header) < 2:
        report.error(
            "no_indicator_columns",
            "a table export has the gemeente names, then columns such as 'Werkloosheid 2022'",
            line=1,
            variant="table",
        )
        return staged
    columns: list[dict[str, Any]] = []
    labels: dict[str, int | None] = {}
    for i, name in enumerate(header[1:], start=1):
        if not name.strip():
            continue
        parsed = parse_column(name)
        if parsed is None:
            report.error(
                "no_period_in_column",
                f"column {name!r} does not end in a year ('Werkloosheid 2022')",
                line=1,
                column=name,
            )
            continue
        label, year, status = parsed
        labels.setdefault(label, 1)
        columns.append(
            {
                "col": f"c{i}",
                "header": name,
                "label": label,
                "period": str(year),
                "year": year,
                "status": status,
            }
        )
    mapped, created = map_labels(labels, context, report, source=_SOURCE)
    for column in columns:
        column["indicator_id"] = mapped.get(column["label"])
    seen: dict[tuple[str, str], str] = {}
    for column in columns:
        key = (column["indicator_id"] or column["label"], column["period"])
        if key in seen:
            report.error(
                "duplicate_column",
                f"columns {seen[key]!r} and {column['header']!r} hold the same indicator and year",
                line=1,
                variant="same_indicator",
                column=seen[key],
                other=column["header"],
            )
        seen[key] = column["header"]
    if not columns:
        if report.ok:
            report.error("no_indicator_columns", "the file has no indicator columns", line=1)
        return staged
    sandbox = open_sandbox(path)
    try:
        positions = [int(c["col"][1:]) for c in columns]
        if not stage_cells(
            sandbox, path, source, keys={"name": 0}, values=positions, report=report
        ):
            return staged
        check_unnamed_columns(sandbox, header, report)
        register_value_columns(sandbox, columns)
        _register_names(sandbox, context)
        _validate_table(sandbox, report)
        _finish(sandbox, staged, mapped, created)
    finally:
        close_sandbox(sandbox)
    return staged


def _register_names(sandbox: Sandbox, context: LoadContext) -> None:
    names = [
        row[0]
        for row in sandbox.execute(
            "SELECT DISTINCT trim(c0) FROM raw WHERE trim(coalesce(c0, '')) <> '' ORDER BY 1"
        ).fetchall()
    ]
    matches = match_region_names(names, context.regions, prefer_level="GM")
    frame = pa.table(
        {
            "name_raw": pa.array(names, pa.string()),
            "matched": pa.array([matches[n].code for n in names], pa.string()),
            "problem": pa.array([matches[n].problem for n in names], pa.string()),
            "candidates": pa.array([", ".join(matches[n].candidates) for n in names], pa.string()),
        }
    )
    register_frame(sandbox, "names_frame", frame)
    sandbox.execute("CREATE TABLE name_codes AS SELECT * FROM names_frame")
    sandbox.unregister("names_frame")


def _validate_table(sandbox: Sandbox, report: ValidationReport) -> None:
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
    sandbox.execute(
        "CREATE TABLE lines AS SELECT DISTINCT line, name_raw, region, problem, "
        "candidates FROM parsed"
    )
    for code, condition, message, spec in TABLE_CHECKS:
        report_rows(sandbox, report, "lines", code, condition, message, spec)
    for code, condition, message, spec in VALUE_CHECKS:
        report_rows(sandbox, report, "parsed", code, condition, message, spec)
    report_duplicates(sandbox, report, "parsed")


#: The data delivery as the registry holds it.
DELIVERY = FormatLoader(FORMAT, looks_like, load)
#: The table export as the registry holds it.
TABLE = FormatLoader(TABLE_FORMAT, looks_like_table, load_table)
#: The former name of :data:`TABLE`.
table = TABLE
