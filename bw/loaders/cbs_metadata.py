"""CBS table metadata the CBS loaders share: topics, code lists, periods, dimensions.

OData (v3 and v4) folders and StatLine downloads describe a table with the same metadata
(DataProperties, the region and period code lists, TableInfos); these read it the same way
for every format, so sibling loaders import them from here, never from each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from bw.loaders.cbs_codes import CodeInfo, is_region_code, parse_period, status_of
from bw.loaders.cbs_files import (
    Row,
    json_rows,
    read_csv_rows,
    read_json,
)
from bw.loaders.topics import Topic
from bw.report import Severity, ValidationReport
from bw.sandbox import Sandbox

# Fields of a v4 observation row that are not dimensions.
_V4_FIELDS = {"Id", "Measure", "ValueAttribute", "Value", "StringValue"}
_NUMERIC_TYPES = {"long", "double", "float", "integer", "int", "short", "decimal", "number"}


def code_list_of(rows: Iterable[Row] | None, key_field: str) -> dict[str, CodeInfo]:
    """A table's region list (v4 Identifier or v3 Key rows) by stripped code."""
    codes: dict[str, CodeInfo] = {}
    for row in rows or []:
        code = str(row.get(key_field) or row.get("Key") or "").strip().upper()
        if not code:
            continue
        group = str(row.get("DimensionGroupId") or "")
        province = group[2:] if group.startswith("GMPV") else None
        codes[code] = CodeInfo(
            code=code,
            name=" ".join(str(row.get("Title") or "").split()),
            description=str(row.get("Description") or ""),
            province_code=province,
        )
    return codes


def period_status_of(rows: Iterable[Row] | None, key_field: str) -> dict[str, str]:
    """Period code (and title) -> status, from a table's period list."""
    statuses: dict[str, str] = {}
    for row in rows or []:
        key = str(row.get(key_field) or row.get("Key") or "").strip()
        status = status_of(row.get("Status"))
        if key and status:
            statuses[key] = status
            if row.get("Title"):
                statuses[" ".join(str(row["Title"]).split())] = status
    return statuses


def decimals_of(value: object) -> int | None:
    """A metadata 'Decimals' field as a number, or None.

    >>> decimals_of("1"), decimals_of(None)
    (1, None)
    """
    if not isinstance(value, str | int | float):  # what JSON and CSV metadata hold
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def is_text_type(datatype: object) -> bool | None:
    """Whether a CBS DataType is text (True), a number (False) or unknown (None)."""
    if datatype is None or str(datatype).strip() == "":
        return None
    kind = str(datatype).strip().lower()
    if kind in ("string", "text", "char", "varchar"):
        return True
    return False if kind in _NUMERIC_TYPES else None


def metadata_rows(path: Path, report: ValidationReport, *, max_bytes: int) -> list[Row] | None:
    """The rows of a saved metadata endpoint, JSON or CSV."""
    if path.suffix.lower() == ".json":
        data = read_json(path, report, max_bytes=max_bytes)
        return json_rows(data, path, report) if data is not None else None
    return read_csv_rows(path, report, max_bytes=max_bytes)


def parse_data_properties(rows: list[Row]) -> tuple[list[Topic], list[tuple[str, str]]]:
    """Topics (with their group path) and dimensions (key, 'geo'|'time'|'other')."""
    groups: dict[str, tuple[str, str]] = {}
    for row in rows:
        if _kind(row) == "TopicGroup":
            groups[_id(row.get("ID"))] = (
                " ".join(str(row.get("Title") or "").split()),
                _id(row.get("ParentID")),
            )
    topics: list[Topic] = []
    dimensions: list[tuple[str, str]] = []
    for row in rows:
        kind = _kind(row)
        key = str(row.get("Key") or "").strip()
        if kind == "Topic" and key:
            path: list[str] = []
            parent = _id(row.get("ParentID"))
            while parent in groups and len(path) < 20:
                title, parent = groups[parent]
                path.insert(0, title)
            unit = str(row.get("Unit") or "").strip() or None
            topics.append(
                Topic(
                    key=key,
                    title=" ".join(str(row.get("Title") or key).split()),
                    unit=unit,
                    decimals=decimals_of(row.get("Decimals")),
                    path=tuple(path),
                    description=str(row.get("Description") or ""),
                    is_text=is_text_type(row.get("Datatype")),
                )
            )
        elif kind.endswith("Dimension") and key:
            dimensions.append(
                (key, {"GeoDimension": "geo", "TimeDimension": "time"}.get(kind, "other"))
            )
    return topics, dimensions


def _kind(row: Row) -> str:
    kind = str(row.get("Type") or "").strip()
    return kind or str(row.get("odata.type") or "").rsplit(".", 1)[-1]


def _id(value: object) -> str:
    text = str(value if value is not None else "").strip()
    return text[:-2] if text.endswith(".0") else text


def table_period(info: Row) -> str | None:
    """The single year of a table without time dimension (TableInfos Period '2022').

    >>> table_period({"Period": "2022"}), table_period({"Period": "2015-2022"})
    ('2022', None)
    """
    text = str(info.get("Period") or "").strip()
    parsed = parse_period(text)
    return parsed[0] if parsed else None


def pick_geo_and_time(
    dimensions: Sequence[tuple[str, str]], values_of: Callable[[str], Sequence[str | None]]
) -> tuple[str | None, str | None, list[str]]:
    """Pick the geographic and time dimension: by their type, else by their codes."""
    geo = next((k for k, kind in dimensions if kind == "geo"), None)
    time = next((k for k, kind in dimensions if kind == "time"), None)
    for key, kind in dimensions:
        if kind != "other" or key in (geo, time):
            continue
        values = [v.strip() for v in values_of(key) if v is not None and v.strip()]
        if geo is None and values and all(is_region_code(v.upper()) for v in values):
            geo = key
        elif time is None and values and all(parse_period(v) for v in values):
            time = key
    others = [k for k, _ in dimensions if k not in (geo, time)]
    return geo, time, others


def check_single_category(db: Sandbox, key: str, column: str, report: ValidationReport) -> None:
    """An extra dimension is fine with one category (ignored), an error with several."""
    values = [
        r[0] for r in db.execute(f"SELECT DISTINCT trim({column}) FROM raw LIMIT 3").fetchall()
    ]
    if len(values) > 1:
        report.error(
            "extra_dimension",
            f"dimension {key} has several categories; bw stores one value per topic, "
            f"region and period: select one category of {key}",
            line=1,
            dimension=key,
        )
    elif values:
        report.add(
            Severity.INFO,
            "extra_dimension",
            f"dimension {key} has the single category {values[0]!r}; it is ignored",
            line=1,
            variant="single",
            dimension=key,
            category=values[0],
        )
