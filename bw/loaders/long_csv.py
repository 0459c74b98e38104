"""The plain long CSV for own data: ``indicator,region,period,value[,ci_low,ci_high,status,unit]``.

The whole file is parsed by DuckDB in a sandbox (it can read this file only) as text, then
validated with SQL, so a 10-million-row file is checked in seconds and every bad cell is
reported with its line number. Nothing is guessed: a value that is not a number is an error.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from bw.loaders.common import (
    MAX_ISSUES_PER_CODE,
    FormatLoader,
    LoadContext,
    Staged,
    check_size,
    detect_delimiter,
    detect_encoding,
    read_header,
    row_params,
    sha256_of,
    split_header,
    summarise,
)
from bw.loaders.tabular import number_sql
from bw.regions import RegionResolver
from bw.report import ValidationReport
from bw.sandbox import (
    Sandbox,
    close_sandbox,
    copy_frame,
    one_row,
    open_sandbox,
    register_frame,
)

FORMAT = "long_csv"
REQUIRED = ("indicator", "region", "period", "value")
OPTIONAL = ("ci_low", "ci_high", "status", "unit")
NUMERIC = ("value", "ci_low", "ci_high")

#: The template the app offers for download.
TEMPLATE = (
    "indicator,region,period,value,ci_low,ci_high,status,unit\n"
    "arbeid.werkloosheid,GM0363,2023,4.1,,,definitief,%\n"
    "gezondheid.ervaren_gezondheid,GM0363,2024,78.2,76.9,79.5,voorlopig,%\n"
)

# A period: year, then optionally JJ00 / KWnn / MMnn, then * or ** for provisional figures.
_PERIOD = r"^([0-9]{4})(JJ00|KW0[1-4]|MM(0[1-9]|1[0-2]))?(\*{0,2})$"

# Status words accepted in the status column (CBS marks provisional figures with * and **).
_STATUS_WORDS = """
    SELECT * FROM (VALUES ('definitief', 'definitief'), ('voorlopig', 'voorlopig'),
        ('nader voorlopig', 'nader_voorlopig'), ('nader_voorlopig', 'nader_voorlopig'),
        ('*', 'voorlopig'), ('**', 'nader_voorlopig'), ('final', 'definitief'),
        ('provisional', 'voorlopig'), ('revised provisional', 'nader_voorlopig'))
    AS s(word, status)
"""


def looks_like(path: Path, header_cells: list[str]) -> bool:
    """Whether a file is this format's, from its header cells (for ``--format auto``)."""
    names = {cell.strip().lower() for cell in header_cells}
    # The two names no other format uses; missing others are then reported as missing columns.
    return {"indicator", "region"} <= names


def load(path: Path, context: LoadContext) -> Staged:
    """Parse and validate a long CSV against the store's regions and indicators."""
    path = Path(path)
    regions, indicators = context.regions, context.indicators
    max_bytes = context.max_bytes
    report = ValidationReport(format=FORMAT)
    staged = Staged(file_name=path.name, checksum="", report=report)
    if not check_size(path, report, max_bytes=max_bytes):
        return staged
    staged.checksum = sha256_of(path, facts=context.facts)
    encoding = detect_encoding(path, report, facts=context.facts)
    if not report.ok:
        return staged
    header = read_header(path, encoding, facts=context.facts)
    delimiter = detect_delimiter(header, report)
    if delimiter is None:
        return staged
    columns = [cell.lower() for cell in split_header(header, delimiter)]
    if not _check_columns(columns, report):
        return staged
    sandbox = open_sandbox(path)
    try:
        if not _stage(
            sandbox, path, delimiter=delimiter, encoding=encoding, columns=columns, report=report
        ):
            return staged
        register_frame(sandbox, "known_regions", regions.loc[:, ["code", "name"]])
        units = indicators.loc[:, ["indicator_id", "unit"]]
        register_frame(sandbox, "known_indicators", units)
        _register_region_names(sandbox, RegionResolver(regions))
        _validate(sandbox, columns=columns, report=report)
        summarise(report)
        if report.ok:
            staged.observations = sandbox.sql(_FINAL).to_arrow_table()
            staged.indicator_ids = [
                row[0]
                for row in sandbox.execute(
                    "SELECT DISTINCT indicator FROM clean ORDER BY 1"
                ).fetchall()
            ]
    finally:
        close_sandbox(sandbox)
    return staged


def _check_columns(columns: list[str], report: ValidationReport) -> bool:
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    for column in duplicates:
        report.error(
            "duplicate_column", f"column {column!r} occurs more than once", line=1, column=column
        )
    for column in REQUIRED:
        if column not in columns:
            report.error(
                "missing_column",
                f"required column {column!r} is missing "
                f"(the header must have {', '.join(REQUIRED)})",
                line=1,
                variant="required",
                column=column,
                required=", ".join(REQUIRED),
            )
    for column in columns:
        if column not in REQUIRED + OPTIONAL:
            report.error(
                "unknown_column",
                f"column {column!r} is not part of the long CSV "
                f"(allowed: {', '.join(REQUIRED + OPTIONAL)})",
                line=1,
                variant="allowed",
                column=column,
                allowed=", ".join(REQUIRED + OPTIONAL),
            )
    return report.ok


def _stage(
    sandbox: Sandbox,
    path: Path,
    *,
    delimiter: str,
    encoding: str,
    columns: list[str],
    report: ValidationReport,
) -> bool:
    """Read every cell as text into ``raw`` with its line number; report parse errors."""
    column_types = {f"c{i}": "VARCHAR" for i in range(len(columns))}
    try:
        sandbox.execute(
            "CREATE TABLE raw AS SELECT * FROM read_csv(?, "
            "delim = ?, header = true, quote = '\"', escape = '\"', encoding = ?, "
            "columns = ?, strict_mode = true, null_padding = false, auto_detect = false, "
            "max_line_size = 1048576)",
            [str(path), delimiter, encoding, column_types],
        )
    except duckdb.Error as error:
        report.error("malformed_csv", _first_line(str(error)), error=_first_line(str(error)))
        return False
    renames = ", ".join(f"c{i} AS {name}" for i, name in enumerate(columns))
    optional = ", ".join(f"NULL::VARCHAR AS {name}" for name in OPTIONAL if name not in columns)
    # The rows keep the file's order (DuckDB preserves insertion order), so a row's rowid gives
    # its line: the header is line 1. A row_number() window instead cost a serial pass
    # (python -m bw bench --ingest, 10 million rows: 1.7 s -> 0.8 s).
    sandbox.execute(
        f"CREATE VIEW cells AS SELECT rowid + 2 AS line, {renames}"
        f"{', ' + optional if optional else ''} FROM raw"
    )
    rows = one_row(sandbox.execute("SELECT count(*) FROM raw"))[0]
    report.counts["rows"] = rows
    if rows == 0:
        report.error("no_rows", "the file has a header but no data rows", variant="header_only")

        return False
    return True


def _first_line(message: str) -> str:
    return " ".join(message.split("\n")[:3]).strip()


def _decimals_of(sandbox: Sandbox, columns: list[str], report: ValidationReport) -> dict[str, str]:
    """The decimal separator of each numeric column, detected from its cells in one scan."""
    present = [column for column in NUMERIC if column in columns]
    if not present:
        return {}
    flags = one_row(
        sandbox.execute(
            "SELECT "
            + ", ".join(
                f"bool_or(contains({c}, ',')), bool_or(contains({c}, '.'))" for c in present
            )
            + " FROM cells"
        )
    )
    decimals = {}
    for i, column in enumerate(present):
        has_comma, has_dot = flags[2 * i], flags[2 * i + 1]
        decimals[column] = "," if has_comma else "."
        if has_comma or has_dot:
            report.detected[f"decimal_{column}"] = "comma" if has_comma else "point"
    return decimals


def _register_region_names(sandbox: Sandbox, resolver: RegionResolver) -> None:
    """``region_names(region_raw, code, problem)`` for every region text that is no number."""
    texts = [
        row[0]
        for row in sandbox.execute(
            "SELECT DISTINCT trim(region) FROM cells WHERE trim(coalesce(region, '')) <> '' "
            "AND NOT regexp_full_match(trim(region), '[0-9]{1,4}')"
        ).fetchall()
    ]
    matches = resolver.resolve_all(texts)
    frame = pa.table(
        {
            "region_raw": pa.array(texts, pa.string()),
            "code": pa.array([matches[text].code for text in texts], pa.string()),
            "problem": pa.array([matches[text].problem for text in texts], pa.string()),
        }
    )
    copy_frame(sandbox, "region_names", frame)


def _validate(sandbox: Sandbox, *, columns: list[str], report: ValidationReport) -> None:
    decimals = _decimals_of(sandbox, columns, report)
    numbers = {column: number_sql(f"{column}_raw", decimals.get(column, ".")) for column in NUMERIC}
    # One pass parses and resolves every cell (trimmed once, the period matched once); the
    # text table is dropped afterwards, so the sandbox holds the cells once, not three times
    # (python -m bw bench --ingest, 10 million rows: 26 s -> see README, 7 GB -> …).
    sandbox.execute(f"""
        CREATE TABLE resolved AS
        WITH trimmed AS (
            SELECT line, trim(indicator) AS indicator, trim(region) AS region_raw,
                   trim(period) AS period_raw, trim(value) AS value_raw,
                   nullif(trim(ci_low), '') AS ci_low_raw, nullif(trim(ci_high), '') AS ci_high_raw,
                   lower(nullif(trim(status), '')) AS status_raw, nullif(trim(unit), '') AS unit
            FROM cells
        ), parsed AS (
            -- A plain year, the common case, needs no capturing match (10 million rows: 0.2 s).
            SELECT t.*, upper(t.region_raw) AS region_text,
                   CASE WHEN regexp_full_match(t.period_raw, '[0-9]{{4}}')
                        THEN {{'year': t.period_raw, 'part': '', 'month': '', 'stars': ''}}
                        ELSE regexp_extract(t.period_raw, '{_PERIOD}',
                                            ['year', 'part', 'month', 'stars'])
                   END AS period_match,
                   {numbers["value"]} AS value, {numbers["ci_low"]} AS ci_low,
                   {numbers["ci_high"]} AS ci_high
            FROM trimmed t
        ), placed AS (
            -- Region: a numeric gemeente code (waarstaatjegemeente), or a CBS code (padded or
            -- not) or name as bw.regions resolves it for every format (region_names).
            SELECT p.* EXCLUDE (period_match),
                   period_match.year AS period_year, period_match.part AS period_part,
                   period_match.stars AS period_stars,
                   s.status AS status_word,
                   CASE
                     WHEN regexp_full_match(p.region_text, '[0-9]{{1,4}}')
                       THEN 'GM' || lpad(p.region_text, 4, '0')
                     ELSE n.code
                   END AS region,
                   n.problem AS region_problem
            FROM parsed p
            LEFT JOIN ({_STATUS_WORDS}) s ON s.word = p.status_raw
            LEFT JOIN region_names n ON n.region_raw = p.region_raw
        )
        SELECT p.*, r.code IS NOT NULL AS region_known,
               i.indicator_id IS NOT NULL AS indicator_known, i.unit AS catalogue_unit,
               p.period_year || CASE WHEN p.period_part IN ('', 'JJ00') THEN ''
                                     ELSE p.period_part END AS period
        FROM placed p
        LEFT JOIN known_regions r ON r.code = p.region
        LEFT JOIN known_indicators i ON i.indicator_id = p.indicator
    """)
    sandbox.execute("DROP VIEW cells")
    sandbox.execute("DROP TABLE raw")
    may_repeat = _report_rows(sandbox, report)
    duplicates = may_repeat and _report_duplicates(sandbox, report)
    if report.ok:
        sandbox.execute(_CLEAN_DEDUPLICATED if duplicates else _CLEAN_UNIQUE)


# (code, condition on `resolved`, message template using {…} row fields, the translated
# message's parameters: {parameter: row field}, plus 'variant' and 'column' as given)
ROW_CHECKS = (
    (
        "missing_field",
        "coalesce(indicator, '') = ''",
        "the indicator is empty",
        {"column": "indicator"},
    ),
    ("missing_field", "coalesce(region_raw, '') = ''", "the region is empty", {"column": "region"}),
    ("missing_field", "coalesce(period_raw, '') = ''", "the period is empty", {"column": "period"}),
    (
        "bad_period",
        "period_raw <> '' AND period_year = ''",
        "period {period_raw!r} is not a year (2023), CBS period (2023JJ00, 2023KW02, 2023MM10) "
        "or provisional year (2023*)",
        {"value": "period_raw"},
    ),
    (
        "unknown_indicator",
        "indicator <> '' AND NOT indicator_known",
        "indicator {indicator!r} is not in the catalogue",
        {"indicator": "indicator"},
    ),
    (
        "unknown_region",
        "region_raw <> '' AND coalesce(region_problem, '') <> 'ambiguous_region' "
        "AND (region IS NULL "
        "OR NOT region_known)",
        "region {region_raw!r} is not a known CBS code or region name",
        {"region": "region_raw"},
    ),
    (
        "ambiguous_region",
        "region_problem = 'ambiguous_region'",
        "region name {region_raw!r} matches more than one region; use the CBS "
        "code or the disambiguated name (Bergen (NH.))",
        {"region": "region_raw"},
    ),
    (
        "not_a_number",
        "coalesce(value_raw, '') NOT IN ('', '.') AND value IS NULL",
        "value {value_raw!r} is not a number",
        {"column": "value", "value": "value_raw"},
    ),
    (
        "not_a_number",
        "ci_low_raw IS NOT NULL AND ci_low IS NULL",
        "ci_low {ci_low_raw!r} is not a number",
        {"column": "ci_low", "value": "ci_low_raw"},
    ),
    (
        "not_a_number",
        "ci_high_raw IS NOT NULL AND ci_high IS NULL",
        "ci_high {ci_high_raw!r} is not a number",
        {"column": "ci_high", "value": "ci_high_raw"},
    ),
    (
        "interval_mismatch",
        "(ci_low IS NULL) <> (ci_high IS NULL)",
        "give both ci_low and ci_high, or neither",
        {"variant": "one_bound"},
    ),
    (
        "interval_mismatch",
        "ci_low > ci_high OR value < ci_low OR value > ci_high",
        "the 95% interval {ci_low_raw}–{ci_high_raw} does not contain the value {value_raw}",
        {"low": "ci_low_raw", "high": "ci_high_raw", "value": "value_raw"},
    ),
    (
        "unknown_status",
        "status_raw IS NOT NULL AND status_word IS NULL",
        "status {status_raw!r} is not definitief, voorlopig or nader voorlopig",
        {"value": "status_raw"},
    ),
    (
        "unit_mismatch",
        "unit IS NOT NULL AND lower(unit) <> lower(catalogue_unit)",
        "unit {unit!r} differs from the catalogue's unit for {indicator!r}",
        {"unit": "unit", "indicator": "indicator", "expected": "catalogue_unit"},
    ),
)


def _report_rows(sandbox: Sandbox, report: ValidationReport) -> bool:
    """Every row check counted in one scan; the rows of a failing check fetched afterwards.

    The same scan counts the keyed rows and their distinct key hashes: most files repeat no
    key, and as many hashes as keyed rows settles that without a scan of its own (python -m
    bw bench --ingest, 1 million rows: 0.24 s of CPU less). Returns whether a key may repeat
    (a repeat, or two keys whose hashes collide), for :func:`_report_duplicates` to settle.
    """
    *totals, keyed, hashes = one_row(
        sandbox.execute(
            "SELECT "
            + ", ".join(f"count(*) FILTER (WHERE {condition})" for _, condition, _, _ in ROW_CHECKS)
            + f", count(*) FILTER (WHERE {_KEYED}), "
            f"count(DISTINCT hash(indicator, region, period)) FILTER (WHERE {_KEYED}) "
            "FROM resolved"
        )
    )
    for (code, condition, message, spec), total in zip(ROW_CHECKS, totals, strict=True):
        if not total:
            continue
        rows = sandbox.execute(
            f"SELECT * FROM resolved WHERE {condition} ORDER BY line LIMIT {MAX_ISSUES_PER_CODE}"
        ).df()
        for record in rows.to_dict("records"):
            row = {str(name): value for name, value in record.items()}
            report.error(
                code, message.format(**row), line=int(row["line"]), **row_params(spec, row)
            )
        if total > MAX_ISSUES_PER_CODE:
            report.more("error", code, total - MAX_ISSUES_PER_CODE)
    return bool(keyed != hashes)


# A key as stored: '2023' and '2023JJ00' are the same year.
_KEYED = "region IS NOT NULL AND period_year <> ''"


def _report_duplicates(sandbox: Sandbox, report: ValidationReport) -> bool:
    """The same key twice: an error when the values differ, a warning when they are equal.

    Called only when :func:`_report_rows` counted fewer distinct key hashes than keyed rows
    (python -m bw bench --ingest, 10 million rows: 8.9 s -> 1.7 s with a count per hash ->
    1.0 s -> no scan of its own); a hash collision without a repeat lists nothing here.
    Returns whether any key repeats.
    """
    rows = sandbox.execute(f"""
        SELECT indicator, region, period, list(line ORDER BY line) AS lines,
               count(DISTINCT coalesce(value_raw, '')) AS distinct_values
        FROM resolved WHERE {_KEYED}
        GROUP BY indicator, region, period HAVING count(*) > 1 ORDER BY lines[1] LIMIT 200
    """).fetchall()
    for indicator, region, period, lines, distinct in rows:
        where = ", ".join(str(line) for line in lines)
        if distinct > 1:
            report.error(
                "duplicate_key",
                f"{indicator} × {region} × {period} has different values on lines {where}",
                line=lines[1],
                key=f"{indicator} × {region} × {period}",
                at_lines=where,
            )
        else:
            report.warning(
                "duplicate_row",
                f"{indicator} × {region} × {period} repeats the same "
                f"value on lines {where}; it is stored once",
                line=lines[1],
                key=f"{indicator} × {region} × {period}",
                at_lines=where,
            )

    return bool(rows)


_CLEAN_COLUMNS = """
       indicator, region, period, CAST(period_year AS INTEGER) AS year, value, ci_low, ci_high,
       coalesce(status_word, CASE period_stars WHEN '*' THEN 'voorlopig'
                                  WHEN '**' THEN 'nader_voorlopig' ELSE 'definitief' END) AS status,
       CASE WHEN value IS NULL THEN
            CASE WHEN value_raw = '.' THEN 'onbekend (.)' ELSE 'leeg in bron' END
       END AS missing_reason, line
"""

# Every key once already: the rows as they are, as a view. Read once into Arrow, so a table
# would only copy 10 million rows a second time (python -m bw bench --ingest: 0.9 s).
_CLEAN_UNIQUE = f"CREATE VIEW clean AS SELECT {_CLEAN_COLUMNS} FROM resolved"

# Identical repeats collapse onto their first line; missing values keep their reason.
_CLEAN_DEDUPLICATED = f"""
CREATE TABLE clean AS SELECT {_CLEAN_COLUMNS} FROM resolved
QUALIFY row_number() OVER (PARTITION BY indicator, region, period ORDER BY line) = 1
"""

# In file order: sorting 10 million keys cost 5 s of CPU and the store write does not need it.
# The line goes along for the plausibility checks (bw.plausibility); the store ignores it.
_FINAL = """
SELECT indicator AS indicator_id, region AS region_code, period, year, value, ci_low, ci_high,
       status, missing_reason, line
FROM clean
"""


#: This format as the registry holds it.
LOADER = FormatLoader(FORMAT, looks_like, load)
