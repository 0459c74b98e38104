"""The indicator catalogue as CSV, so analysts can define their own indicators.

Columns: ``id, name_nl, name_en, unit, decimals, direction, dimensions, theme, aggregation,
source, description, cbs_code, value_min, value_max`` (``cbs_code``, the indicator's code in its
CBS monitor such as ``09_E_V_13``, may be empty or absent; ``value_min``/``value_max`` are the
indicator's own plausible range, which loads check values against, and may be empty or
absent). ``dimensions`` and ``theme`` may list several values separated by ``;`` (an indicator
can count for hier en nu and later). Importing validates the whole file first and
writes nothing on any error; exporting and importing again changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb

from bw import audit, store
from bw.auth import Actor, Permission, require
from bw.export import neutralise_cell
from bw.loaders.common import DEFAULT_MAX_BYTES, check_size, detect_delimiter, detect_encoding
from bw.model import Aggregation, Direction, Indicator, is_missing
from bw.report import ValidationReport

COLUMNS = (
    "id",
    "name_nl",
    "name_en",
    "unit",
    "decimals",
    "direction",
    "dimensions",
    "theme",
    "aggregation",
    "source",
    "description",
    "cbs_code",
    "value_min",
    "value_max",
)
#: Columns an import may leave out (files written before they existed).
OPTIONAL_COLUMNS = ("cbs_code", "value_min", "value_max")
_ID = re.compile(r"[a-z_]+\.[a-z0-9_]+")


def export_indicators(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write the catalogue as CSV; return how many indicators."""
    catalogue = store.read_indicator_catalogue(con)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in catalogue.to_dict("records"):
        writer.writerow(
            [
                neutralise_cell(cell)
                for cell in (
                    row["indicator_id"],
                    row["name_nl"],
                    row["name_en"],
                    row["unit"],
                    row["decimals"],
                    row["direction"],
                    ";".join(row["dimensions"]),
                    ";".join(row["theme_ids"]),
                    row["aggregation"],
                    row["source"],
                    row["description_nl"],
                    row["cbs_code"] if isinstance(row["cbs_code"], str) else "",
                    _range_cell(row["value_min"]),
                    _range_cell(row["value_max"]),
                )
            ]
        )
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")
    return len(catalogue)


def read_indicator_file(
    con: duckdb.DuckDBPyConnection, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Indicator], ValidationReport]:
    """Parse and validate an indicator CSV against the store's themes and observations."""
    report = ValidationReport(format="indicator_csv")
    path = Path(path)
    if not path.is_file():
        report.error("not_found", f"{path} is not a file", file=path.name)
        return [], report
    if not check_size(path, report, max_bytes=max_bytes):
        return [], report
    encoding = detect_encoding(path, report)
    text = path.read_text(encoding="utf-8-sig" if encoding == "utf-8" else encoding)
    delimiter = detect_delimiter(text.split("\n", 1)[0], report)
    if delimiter is None:
        return [], report
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        report.error("malformed_csv", str(error), error=str(error))
        return [], report
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
    for column in missing:
        report.error(
            "missing_column", f"required column {column!r} is missing", line=1, column=column
        )
    for column in header:
        if column not in COLUMNS:
            report.error(
                "unknown_column",
                f"column {column!r} is not an indicator field",
                line=1,
                variant="indicator",
                column=column,
            )
    if missing or not report.ok:
        return [], report
    if len(rows) == 1:
        report.error("no_rows", "the file has a header but no indicators", variant="indicators")
        return [], report
    themes = store.read_theme_dimensions(con)
    units = store.read_indicator_units(con)
    observed = store.read_observed_indicator_ids(con)
    indicators: list[Indicator] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            report.error(
                "wrong_field_count",
                f"{len(cells)} fields where the header has {len(header)}",
                line=number,
                fields=len(cells),
                expected=len(header),
            )
            continue
        record = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
        indicator = _indicator(record, number, report, themes=themes)
        if indicator is None:
            continue
        if indicator.id in seen:
            report.error(
                "duplicate_id",
                f"{indicator.id} also on line {seen[indicator.id]}",
                line=number,
                indicator=indicator.id,
                first_line=seen[indicator.id],
            )
            continue
        seen[indicator.id] = number
        if indicator.id in observed and units.get(indicator.id) != indicator.unit:
            report.error(
                "unit_change",
                f"{indicator.id} has observations in "
                f"{units[indicator.id]!r}; its unit cannot become {indicator.unit!r}",
                line=number,
                indicator=indicator.id,
                unit=units[indicator.id],
                new=indicator.unit,
            )
            continue
        indicators.append(indicator)
    report.counts["rows"] = len(rows) - 1
    report.counts["new"] = sum(1 for i in indicators if i.id not in units)
    report.counts["existing"] = sum(1 for i in indicators if i.id in units)
    return indicators, report


def _indicator(
    record: dict[str, str], line: int, report: ValidationReport, *, themes: dict[str, str]
) -> Indicator | None:
    problems_before = len(report.issues)
    if not _ID.fullmatch(record["id"]):
        report.error(
            "bad_id",
            f"id {record['id']!r} must look like 'theme.name' (a-z, 0-9, _)",
            line=line,
            value=record["id"],
        )
    for field in ("name_nl", "name_en", "unit", "source"):
        if not record[field]:
            report.error("missing_field", f"{field} is empty", line=line, column=field)
    if not record["decimals"].isdigit() or int(record["decimals"]) > 6:
        report.error(
            "bad_decimals",
            f"decimals {record['decimals']!r} must be 0 to 6",
            line=line,
            value=record["decimals"],
        )
    if record["direction"] not in {d.value for d in Direction}:
        report.error(
            "bad_direction",
            f"direction {record['direction']!r} must be up, down or neutral",
            line=line,
            value=record["direction"],
        )
    if record["aggregation"] not in {a.value for a in Aggregation}:
        report.error(
            "bad_aggregation",
            f"aggregation {record['aggregation']!r} must be sum, weighted_mean or none",
            line=line,
            value=record["aggregation"],
        )
    theme_ids = tuple(t.strip() for t in record["theme"].split(";") if t.strip())
    dimensions = {d.strip() for d in record["dimensions"].split(";") if d.strip()}
    unknown = [t for t in theme_ids if t not in themes]
    if not theme_ids or unknown:
        report.error(
            "unknown_theme",
            f"theme(s) {', '.join(unknown) or '(none)'} not known; "
            f"use theme ids such as {', '.join(sorted(themes)[:3])}",
            line=line,
            themes=", ".join(unknown) or "–",
            examples=", ".join(sorted(themes)[:3]),
        )
    elif dimensions != {themes[t] for t in theme_ids}:
        report.error(
            "dimension_mismatch",
            f"dimensions {sorted(dimensions)} do not match the "
            f"themes' dimensions {sorted({themes[t] for t in theme_ids})}",
            line=line,
            dimensions=", ".join(sorted(dimensions)) or "–",
            expected=", ".join(sorted({themes[t] for t in theme_ids})),
        )

    value_min = _range_bound(record, "value_min", line, report)
    value_max = _range_bound(record, "value_max", line, report)
    if value_min is not None and value_max is not None and value_min >= value_max:
        report.error(
            "bad_range",
            f"value_min {value_min:g} must be below value_max {value_max:g}",
            line=line,
            low=f"{value_min:g}",
            high=f"{value_max:g}",
        )

    if len(report.issues) > problems_before:
        return None
    description = record["description"] or record["name_nl"]
    return Indicator(
        id=record["id"],
        name_nl=record["name_nl"],
        name_en=record["name_en"],
        description_nl=description,
        description_en=description,
        unit=record["unit"],
        decimals=int(record["decimals"]),
        direction=Direction(record["direction"]),
        aggregation=Aggregation(record["aggregation"]),
        source=record["source"],
        theme_ids=theme_ids,
        cbs_code=record.get("cbs_code") or None,
        value_min=value_min,
        value_max=value_max,
    )


def _range_bound(
    record: dict[str, str], column: str, line: int, report: ValidationReport
) -> float | None:
    """A range bound from its cell: empty is no bound; a decimal comma is accepted."""
    cell = record.get(column, "")
    if not cell:
        return None
    try:
        value = float(cell.replace(",", ".") if cell.count(",") == 1 and "." not in cell else cell)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        report.error(
            "bad_range_bound",
            f"{column} {cell!r} is not a number",
            line=line,
            column=column,
            value=cell,
        )
        return None
    return value


def _range_cell(bound: float | None) -> str:
    """A range bound as its cell: empty when the indicator has none."""
    if bound is None or is_missing(bound):
        return ""
    return f"{float(bound):g}" if float(bound) == int(float(bound)) else repr(float(bound))


def import_indicators(
    con: duckdb.DuckDBPyConnection, indicators: list[Indicator], *, actor: Actor
) -> None:
    """Insert new indicators and update existing ones, in one transaction with the caller.

    Raises :class:`~bw.auth.PermissionDenied` (nothing written) unless ``actor`` may load data.
    """
    require(actor, Permission.LOAD_DATA)
    ids = [i.id for i in indicators]
    if not ids:
        return
    audit.record(con, actor, "import_indicators", f"{len(ids)} indicators")
    store.replace_indicators(con, indicators)
    store.refresh_derived(con, indicator_ids=ids)
