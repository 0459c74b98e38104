"""The CBS Regionale Monitor Brede Welvaart download: one row per indicator × region × year.

CSV, or the same table saved as an Excel workbook (.xlsx).

A ``;`` separated long table with an indicator label, ``jaar``, the region as ``statcode``
and/or ``statnaam``, ``waarde`` (decimal comma possible) and, for survey indicators, a lower
and upper bound. Column names are matched case-insensitively against a few aliases; columns
with another name are listed as ignored. Labels map to indicators through the load's mapping or
the catalogue's Dutch names; an unknown label is reported (``unmapped_topic``), never dropped.
Parsing and validation run in a DuckDB sandbox, as for ``long_csv``.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from bw.loaders.common import FormatLoader, LoadContext, Staged, sha256_of, summarise
from bw.loaders.tabular import (
    detect_decimal,
    map_labels,
    normalise_label,
    number_sql,
    open_source,
    register_known_regions,
    report_duplicates,
    report_rows,
    stage_cells,
)
from bw.loaders.workbook import is_xlsx, read_xlsx_header
from bw.model import Indicator
from bw.regions import match_region_names
from bw.report import ValidationReport
from bw.sandbox import Sandbox, close_sandbox, open_sandbox, register_frame

FORMAT = "cbs_regional_monitor"

#: Column roles and the names (normalised) they go by in monitor downloads.
ALIASES: dict[str, tuple[str, ...]] = {
    "label": (
        "indicator",
        "indicatornaam",
        "indicator naam",
        "naam indicator",
        "onderwerp",
        "label",
        "indicatorlabel",
        "variabele",
        "omschrijving",
    ),
    "year": ("jaar", "perioden", "periode", "year"),
    "name": ("statnaam", "regionaam", "regio", "regio s", "gebiedsnaam", "gebied", "gemeentenaam"),
    "code": ("statcode", "regiocode", "gebiedscode", "gemeentecode", "code"),
    "value": ("waarde", "value"),
    "low": ("ondergrens", "ci low", "ci ondergrens", "onder", "lower", "ondergrens 95"),
    "high": ("bovengrens", "ci high", "ci bovengrens", "boven", "upper", "bovengrens 95"),
}
_REQUIRED = ("label", "year", "value")
_SOURCE = "CBS, Regionale Monitor Brede Welvaart"


def find_columns(header: list[str]) -> tuple[dict[str, int], dict[str, list[int]], list[int]]:
    """Position per role, roles named by several columns, and the positions of other columns.

    >>> find_columns(["Indicator", "Jaar", "StatCode", "Waarde", "Thema"])[0]
    {'label': 0, 'year': 1, 'code': 2, 'value': 3}
    """
    found: dict[str, list[int]] = {}
    other = []
    for i, name in enumerate(header):
        key = normalise_label(name)
        role = next((r for r, names in ALIASES.items() if key in names), None)
        if role is None:
            if name.strip():
                other.append(i)
        else:
            found.setdefault(role, []).append(i)
    roles = {role: positions[0] for role, positions in found.items()}
    twice = {role: positions for role, positions in found.items() if len(positions) > 1}
    return roles, twice, other


def looks_like(path: Path, header_cells: list[str]) -> bool:
    """Whether a file is a monitor download: label, year, value and a region column."""
    if is_xlsx(path):
        header_cells = read_xlsx_header(path)
    roles, _, _ = find_columns(header_cells)
    return (
        set(_REQUIRED) <= roles.keys()
        and bool({"name", "code"} & roles.keys())
        and (normalise_label(header_cells[roles["value"]]) == "waarde")
    )


def load(path: Path, context: LoadContext) -> Staged:
    """Parse and validate a Regionale Monitor Brede Welvaart download against the store."""
    path = Path(path)
    report = ValidationReport(format=FORMAT)
    staged = Staged(file_name=path.name, checksum="", report=report)
    source = open_source(path, report, max_bytes=context.max_bytes, facts=context.facts)
    if source is None:
        return staged
    staged.checksum = sha256_of(path, facts=context.facts)
    header = source.header
    roles, twice, other = find_columns(header)
    for role, positions in twice.items():
        names = ", ".join(repr(header[i]) for i in positions)
        report.error(
            "duplicate_column",
            f"columns {names} all look like the {role} column",
            line=1,
            variant="role",
            columns=names,
            role=role,
        )
    for role in _REQUIRED:
        if role not in roles:
            report.error(
                "missing_column",
                f"no {role} column (one of {', '.join(ALIASES[role])})",
                line=1,
                variant="role",
                role=role,
                names=", ".join(ALIASES[role]),
            )
    if not {"name", "code"} & roles.keys():
        report.error(
            "missing_column",
            "no region column (statcode or statnaam)",
            line=1,
            variant="role",
            role="region",
            names="statcode, statnaam",
        )
    if ("low" in roles) != ("high" in roles):
        report.error(
            "missing_column",
            "give both the lower and the upper bound column, or neither",
            line=1,
            variant="bounds",
        )
    if not report.ok:
        return staged
    if other:
        report.add(
            "info",
            "ignored_column",
            f"columns not read: {', '.join(repr(header[i]) for i in other)}",
            line=1,
            columns=", ".join(repr(header[i]) for i in other),
        )
    report.detected["columns"] = ", ".join(f"{role}={header[i]}" for role, i in roles.items())
    numeric = [roles[r] for r in ("value", "low", "high") if r in roles]
    sandbox = open_sandbox(path)
    try:
        if not stage_cells(sandbox, path, source, keys=None, values=numeric, report=report):
            return staged
        mapped, created = _map_labels(sandbox, roles, context, report)
        _register_regions(sandbox, roles, context)
        register_known_regions(sandbox, context)
        _validate(sandbox, roles, is_sheet=source.rows is not None, report=report)
        summarise(report)
        if report.ok:
            staged.observations = sandbox.sql(_FINAL).to_arrow_table()
            staged.indicator_ids = sorted(set(mapped.values()))
            staged.new_indicators = created
            report.counts["values"] = staged.observations.num_rows
    finally:
        close_sandbox(sandbox)
    return staged


def _map_labels(
    sandbox: Sandbox, roles: dict[str, int], context: LoadContext, report: ValidationReport
) -> tuple[dict[str, str], list[Indicator]]:
    label = f"trim(coalesce(c{roles['label']}, ''))"
    bounds = f"bool_or(trim(coalesce(c{roles['low']}, '')) <> '')" if "low" in roles else "false"
    rows = sandbox.execute(
        f"SELECT {label} AS label, min(line), {bounds} FROM raw WHERE {label} <> '' "
        "GROUP BY 1 ORDER BY 2"
    ).fetchall()
    labels: dict[str, int | None] = {str(row[0]): int(row[1]) for row in rows}
    survey = frozenset(row[0] for row in rows if row[2])
    mapped, created = map_labels(labels, context, report, source=_SOURCE, survey=survey)
    frame = pa.table(
        {
            "label": pa.array(list(mapped), pa.string()),
            "indicator_id": pa.array(list(mapped.values()), pa.string()),
        }
    )
    register_frame(sandbox, "labels_frame", frame)
    sandbox.execute("CREATE TABLE label_ids AS SELECT * FROM labels_frame")
    sandbox.unregister("labels_frame")
    return mapped, created


def _register_regions(sandbox: Sandbox, roles: dict[str, int], context: LoadContext) -> None:
    """``name_codes(name_raw, matched, problem, candidates)`` for every region name used."""
    names: list[str] = []
    if "name" in roles:
        name = f"trim(coalesce(c{roles['name']}, ''))"
        code = f"trim(coalesce(c{roles['code']}, ''))" if "code" in roles else "''"
        names = [
            row[0]
            for row in sandbox.execute(
                f"SELECT DISTINCT {name} FROM raw WHERE {name} <> '' AND {code} = '' ORDER BY 1"
            ).fetchall()
        ]
    matches = match_region_names(names, context.regions)
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


def _validate(
    sandbox: Sandbox, roles: dict[str, int], *, is_sheet: bool, report: ValidationReport
) -> None:
    def text(role: str) -> str:
        return f"trim(coalesce(c{roles[role]}, ''))" if role in roles else "''"

    numeric = [r for r in ("value", "low", "high") if r in roles]
    sandbox.execute(
        "CREATE VIEW number_cells AS "
        + " UNION ALL ".join(
            f"SELECT line, {text(r)} AS text FROM raw"
            + (f" WHERE n{roles[r]} IS NULL" if is_sheet else "")
            for r in numeric
        )
    )
    decimal = detect_decimal(sandbox, "number_cells", "text", report)

    def number(role: str) -> str:
        if role not in roles:
            return "NULL::DOUBLE"
        parsed = number_sql(text(role), decimal)
        return f"coalesce(n{roles[role]}, {parsed})" if is_sheet else parsed

    period = r"'^([0-9]{4})(JJ00)?(\*{0,2})$'"
    sandbox.execute(f"""
        CREATE TABLE parsed AS
        SELECT r.line, {text("label")} AS label, l.indicator_id,
               {text("code")} AS code_raw, {text("name")} AS name_raw,
               CASE WHEN {text("code")} <> '' THEN
                        (SELECT k.code FROM known_regions k WHERE k.code = upper({text("code")}))
                    ELSE n.matched END AS region,
               CASE WHEN {text("code")} <> '' THEN NULL ELSE n.problem END AS problem,
               n.candidates,
               {text("year")} AS period_raw,
               nullif(regexp_extract({text("year")}, {period}, 1), '') AS period,
               TRY_CAST(nullif(regexp_extract({text("year")}, {period}, 1), '') AS INTEGER)
                   AS year,
               CASE regexp_extract({text("year")}, {period}, 3) WHEN '*' THEN 'voorlopig'
                    WHEN '**' THEN 'nader_voorlopig' ELSE 'definitief' END AS status,
               {text("value")} AS value_raw, {number("value")} AS value,
               {text("low")} AS low_raw, {number("low")} AS ci_low,
               {text("high")} AS high_raw, {number("high")} AS ci_high
        FROM raw r
        LEFT JOIN label_ids l ON l.label = {text("label")}
        LEFT JOIN name_codes n ON n.name_raw = {text("name")}
    """)
    for code, condition, message, spec in ROW_CHECKS:
        report_rows(sandbox, report, "parsed", code, condition, message, spec)
    report_duplicates(sandbox, report, "parsed")


# (code, condition on `parsed`, message template using its fields, parameters of the
# translated message: see bw.loaders.common.row_params)
ROW_CHECKS = (
    ("missing_field", "label = ''", "the indicator label is empty", {"column": "indicator"}),
    (
        "missing_field",
        "code_raw = '' AND name_raw = ''",
        "the region is empty",
        {"column": "statcode/statnaam"},
    ),
    (
        "unknown_region",
        "code_raw <> '' AND region IS NULL",
        "region code {code_raw!r} is not in the store",
        {"variant": "store", "region": "code_raw"},
    ),
    (
        "unknown_region",
        "problem = 'unknown_region'",
        "{name_raw!r} is not the name of a region in the store",
        {"variant": "name", "region": "name_raw"},
    ),
    (
        "ambiguous_region",
        "problem = 'ambiguous_region'",
        "{name_raw!r} matches {candidates}; use statcode or the CBS name (Bergen (NH.))",
        {"variant": "candidates", "region": "name_raw", "candidates": "candidates"},
    ),
    (
        "bad_period",
        "period IS NULL",
        "jaar {period_raw!r} is not a year (2023, 2023JJ00 or provisional 2023*)",
        {"variant": "year", "value": "period_raw"},
    ),
    (
        "not_a_number",
        "value_raw NOT IN ('', '.') AND value IS NULL",
        "waarde {value_raw!r} is not a number",
        {"column": "waarde", "value": "value_raw"},
    ),
    (
        "not_a_number",
        "low_raw NOT IN ('', '.') AND ci_low IS NULL",
        "lower bound {low_raw!r} is not a number",
        {"column": "ondergrens", "value": "low_raw"},
    ),
    (
        "not_a_number",
        "high_raw NOT IN ('', '.') AND ci_high IS NULL",
        "upper bound {high_raw!r} is not a number",
        {"column": "bovengrens", "value": "high_raw"},
    ),
    (
        "interval_mismatch",
        "(ci_low IS NULL) <> (ci_high IS NULL)",
        "give both bounds or neither (found {low_raw!r} and {high_raw!r})",
        {"variant": "one_bound"},
    ),
    (
        "interval_mismatch",
        "ci_low > ci_high OR value < ci_low OR value > ci_high",
        "the interval {low_raw}–{high_raw} does not contain the value {value_raw}",
        {"low": "low_raw", "high": "high_raw", "value": "value_raw"},
    ),
)


# One row per key (identical duplicates collapse); missing values keep their reason.
_FINAL = """
SELECT indicator_id, region AS region_code, period, any_value(year) AS year,
       any_value(value) AS value, any_value(ci_low) AS ci_low, any_value(ci_high) AS ci_high,
       any_value(status) AS status,
       CASE WHEN any_value(value) IS NULL THEN
            CASE WHEN any_value(value_raw) = '.' THEN 'onbekend (.)' ELSE 'leeg in bron' END
       END AS missing_reason, min(line) AS line
FROM parsed
GROUP BY indicator_id, region, period
ORDER BY indicator_id, region_code, period
"""


#: This format as the registry holds it.
LOADER = FormatLoader(FORMAT, looks_like, load)
