"""The plain long CSV for own data: ``indicator,region,period,value[,ci_low,ci_high,status,unit]``.

The whole file is parsed by DuckDB in a sandbox (it can read this file only) as text, then
validated with SQL, so a 10-million-row file is checked in seconds and every bad cell is
reported with its line number. Nothing is guessed: a value that is not a number is an error.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from bw import store
from bw.loaders.common import (
    MAX_ISSUES_PER_CODE,
    LoadContext,
    Staged,
    check_size,
    detect_delimiter,
    detect_encoding,
    read_header,
    sha256_of,
    split_header,
    summarise,
)
from bw.report import ValidationReport
from bw.sandbox import open_sandbox

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
    staged.checksum = sha256_of(path)
    encoding = detect_encoding(path, report)
    header = read_header(path, encoding)
    delimiter = detect_delimiter(header, report)
    if delimiter is None:
        return staged
    columns = [cell.lower() for cell in split_header(header, delimiter)]
    if not _check_columns(columns, report):
        return staged
    sandbox = open_sandbox(path)
    try:
        if not _stage(sandbox, path, delimiter=delimiter, encoding=encoding, columns=columns,
                      report=report):
            return staged
        store.register_frame(sandbox, "known_regions", regions.loc[:, ["code", "name"]])
        units = indicators.loc[:, ["indicator_id", "unit"]]
        store.register_frame(sandbox, "known_indicators", units)
        _validate(sandbox, columns=columns, report=report)
        summarise(report)
        if report.ok:
            staged.observations = sandbox.sql(_FINAL).to_arrow_table()
            staged.indicator_ids = [
                row[0] for row in sandbox.execute(
                    "SELECT DISTINCT indicator FROM clean ORDER BY 1").fetchall()
            ]
    finally:
        sandbox.close()
    return staged


def _check_columns(columns: list[str], report: ValidationReport) -> bool:
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    for column in duplicates:
        report.error("duplicate_column", f"column {column!r} occurs more than once", line=1)
    for column in REQUIRED:
        if column not in columns:
            report.error("missing_column", f"required column {column!r} is missing "
                         f"(the header must have {', '.join(REQUIRED)})", line=1)
    for column in columns:
        if column not in REQUIRED + OPTIONAL:
            report.error("unknown_column", f"column {column!r} is not part of the long CSV "
                         f"(allowed: {', '.join(REQUIRED + OPTIONAL)})", line=1)
    return report.ok


def _stage(sandbox, path, *, delimiter, encoding, columns, report) -> bool:
    """Read every cell as text into ``raw`` with its line number; report parse errors."""
    column_types = {f"c{i}": "VARCHAR" for i in range(len(columns))}
    try:
        sandbox.execute(
            "CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS line, * FROM read_csv(?, "
            "delim = ?, header = true, quote = '\"', escape = '\"', encoding = ?, "
            "columns = ?, strict_mode = true, null_padding = false, auto_detect = false, "
            "max_line_size = 1048576)",
            [str(path), delimiter, encoding, column_types],
        )
    except duckdb.Error as error:
        report.error("malformed_csv", _first_line(str(error)))
        return False
    renames = ", ".join(f"c{i} AS {name}" for i, name in enumerate(columns))
    optional = ", ".join(f"NULL::VARCHAR AS {name}" for name in OPTIONAL if name not in columns)
    sandbox.execute(
        f"CREATE VIEW cells AS SELECT line, {renames}{', ' + optional if optional else ''} FROM raw"
    )
    rows = sandbox.execute("SELECT count(*) FROM raw").fetchone()[0]
    report.counts["rows"] = rows
    if rows == 0:
        report.error("no_rows", "the file has a header but no data rows")
        return False
    return True


def _first_line(message: str) -> str:
    return " ".join(message.split("\n")[:3]).strip()


def _decimal_of(sandbox, column: str, report: ValidationReport) -> str:
    """The decimal separator of a numeric column, detected from its cells and reported."""
    has_comma, has_dot = sandbox.execute(
        f"SELECT bool_or(contains({column}, ',')), bool_or(contains({column}, '.')) FROM cells"
    ).fetchone()
    decimal = "," if has_comma else "."
    if has_comma or has_dot:
        report.detected[f"decimal_{column}"] = "comma" if decimal == "," else "point"
    return decimal


def _number_sql(column: str, decimal: str) -> str:
    """SQL that turns a text cell into a number with the column's decimal separator."""
    text = f"trim({column})"
    if decimal == ",":
        # Dutch notation: '.' groups thousands (1.234,5), ',' is the decimal mark.
        return (f"CASE WHEN regexp_full_match({text}, '-?[0-9]{{1,3}}(\\.[0-9]{{3}})*(,[0-9]+)?|"
                f"-?[0-9]+(,[0-9]+)?') THEN TRY_CAST(replace(replace({text}, '.', ''), ',', '.') "
                f"AS DOUBLE) END")
    return (f"CASE WHEN regexp_full_match({text}, '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?') "
            f"THEN TRY_CAST({text} AS DOUBLE) END")


def _validate(sandbox, *, columns: list[str], report: ValidationReport) -> None:
    decimals = {column: _decimal_of(sandbox, column, report)
                for column in NUMERIC if column in columns}
    numbers = {column: _number_sql(column, decimals.get(column, ".")) for column in NUMERIC}
    sandbox.execute(f"""
        CREATE TABLE parsed AS
        SELECT c.line,
               trim(c.indicator) AS indicator,
               upper(trim(c.region)) AS region_text,
               trim(c.region) AS region_raw,
               trim(c.period) AS period_raw,
               regexp_extract(trim(c.period), '{_PERIOD}', 1) AS period_year,
               regexp_extract(trim(c.period), '{_PERIOD}', 2) AS period_part,
               regexp_extract(trim(c.period), '{_PERIOD}', 4) AS period_stars,
               trim(c.value) AS value_raw, {numbers['value']} AS value,
               nullif(trim(c.ci_low), '') AS ci_low_raw, {numbers['ci_low']} AS ci_low,
               nullif(trim(c.ci_high), '') AS ci_high_raw, {numbers['ci_high']} AS ci_high,
               lower(nullif(trim(c.status), '')) AS status_raw, s.status AS status_word,
               nullif(trim(c.unit), '') AS unit
        FROM cells c LEFT JOIN ({_STATUS_WORDS}) s ON s.word = lower(trim(c.status))
    """)
    # Region: a CBS code (padded or not), a numeric gemeente code (waarstaatjegemeente), or a
    # name that is unique among the known regions.
    sandbox.execute("""
        CREATE TABLE resolved AS
        SELECT p.*,
               CASE
                 WHEN regexp_full_match(p.region_text, '[0-9]{1,4}')
                   THEN 'GM' || lpad(p.region_text, 4, '0')
                 WHEN k.code IS NOT NULL THEN k.code
                 ELSE n.code
               END AS region,
               n.matches AS name_matches
        FROM parsed p
        LEFT JOIN known_regions k ON k.code = p.region_text
        LEFT JOIN (SELECT lower(name) AS lname, min(code) AS code, count(*) AS matches
                   FROM known_regions GROUP BY 1) n ON n.lname = lower(p.region_raw)
    """)
    for code, condition, message in _ROW_CHECKS:
        _report_rows(sandbox, report, code, condition, message)
    _report_duplicates(sandbox, report)
    if report.ok:
        sandbox.execute(_CLEAN)


# (code, condition on `resolved`, message template using {…} row fields)
_ROW_CHECKS = (
    ("missing_field", "coalesce(indicator, '') = ''", "the indicator is empty"),
    ("missing_field", "coalesce(region_raw, '') = ''", "the region is empty"),
    ("bad_period", "period_year = ''",
     "period {period_raw!r} is not a year (2023), CBS period (2023JJ00, 2023KW02, 2023MM10) "
     "or provisional year (2023*)"),
    ("unknown_indicator", "indicator <> '' AND indicator NOT IN (SELECT indicator_id FROM "
     "known_indicators)", "indicator {indicator!r} is not in the catalogue"),
    ("unknown_region", "region_raw <> '' AND coalesce(name_matches, 0) <= 1 AND (region IS NULL "
     "OR region NOT IN (SELECT code FROM known_regions))",
     "region {region_raw!r} is not a known CBS code or region name"),
    ("ambiguous_region", "name_matches > 1 AND region_text NOT IN (SELECT code FROM "
     "known_regions)", "region name {region_raw!r} matches more than one region; use the CBS "
     "code or the disambiguated name (Bergen (NH.))"),
    ("not_a_number", "coalesce(value_raw, '') NOT IN ('', '.') AND value IS NULL",
     "value {value_raw!r} is not a number"),
    ("not_a_number", "ci_low_raw IS NOT NULL AND ci_low IS NULL",
     "ci_low {ci_low_raw!r} is not a number"),
    ("not_a_number", "ci_high_raw IS NOT NULL AND ci_high IS NULL",
     "ci_high {ci_high_raw!r} is not a number"),
    ("interval_mismatch", "(ci_low IS NULL) <> (ci_high IS NULL)",
     "give both ci_low and ci_high, or neither"),
    ("interval_mismatch", "ci_low > ci_high OR value < ci_low OR value > ci_high",
     "the 95% interval {ci_low_raw}–{ci_high_raw} does not contain the value {value_raw}"),
    ("unknown_status", "status_raw IS NOT NULL AND status_word IS NULL",
     "status {status_raw!r} is not definitief, voorlopig or nader voorlopig"),
    ("unit_mismatch", "unit IS NOT NULL AND lower(unit) <> lower((SELECT k.unit FROM "
     "known_indicators k WHERE k.indicator_id = indicator))",
     "unit {unit!r} differs from the catalogue's unit for {indicator!r}"),
)


def _report_rows(sandbox, report, code, condition, message) -> None:
    rows = sandbox.execute(
        f"SELECT * FROM resolved WHERE {condition} ORDER BY line LIMIT {MAX_ISSUES_PER_CODE + 1}"
    ).df()
    total = None
    if len(rows) > MAX_ISSUES_PER_CODE:
        total = sandbox.execute(f"SELECT count(*) FROM resolved WHERE {condition}").fetchone()[0]
        rows = rows.head(MAX_ISSUES_PER_CODE)
    for row in rows.to_dict("records"):
        report.error(code, message.format(**row), line=int(row["line"]))
    if total is not None:
        report.error(code, f"… and {total - MAX_ISSUES_PER_CODE} more lines like this")


def _report_duplicates(sandbox, report) -> None:
    """The same key twice: an error when the values differ, a warning when they are equal."""
    rows = sandbox.execute("""
        SELECT indicator, region, period_year || period_part AS period,
               list(line ORDER BY line) AS lines, count(DISTINCT value_raw) AS distinct_values
        FROM resolved WHERE region IS NOT NULL AND period_year <> ''
        GROUP BY ALL HAVING count(*) > 1 ORDER BY lines[1] LIMIT 200
    """).fetchall()
    for indicator, region, period, lines, distinct in rows:
        where = ", ".join(str(line) for line in lines)
        if distinct > 1:
            report.error("duplicate_key", f"{indicator} × {region} × {period} has different "
                         f"values on lines {where}", line=lines[1])
        else:
            report.warning("duplicate_row", f"{indicator} × {region} × {period} repeats the same "
                           f"value on lines {where}; it is stored once", line=lines[1])


# One row per key (identical duplicates collapse); missing values keep their reason.
_CLEAN = """
CREATE TABLE clean AS
SELECT indicator, region,
       period_year || CASE WHEN period_part IN ('', 'JJ00') THEN '' ELSE period_part END AS period,
       CAST(period_year AS INTEGER) AS year,
       any_value(value) AS value, any_value(ci_low) AS ci_low, any_value(ci_high) AS ci_high,
       coalesce(any_value(status_word),
                CASE any_value(period_stars) WHEN '*' THEN 'voorlopig'
                     WHEN '**' THEN 'nader_voorlopig' ELSE 'definitief' END) AS status,
       CASE WHEN any_value(value) IS NULL THEN
            CASE WHEN any_value(value_raw) = '.' THEN 'onbekend (.)' ELSE 'leeg in bron' END
       END AS missing_reason,
       min(line) AS line
FROM resolved
GROUP BY indicator, region, period_year, period_part
"""

_FINAL = """
SELECT indicator AS indicator_id, region AS region_code, period, year, value, ci_low, ci_high,
       status, missing_reason
FROM clean ORDER BY indicator_id, region_code, period
"""
