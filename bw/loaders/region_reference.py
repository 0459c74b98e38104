"""The CBS region reference "Gebieden in Nederland" (85067NED and its yearly siblings).

The table lists every gemeente of one year with its COROP region, province, landsdeel, size
class (gemeentegrootte), urbanity (stedelijkheid) and population. It arrives in the folder
layout of the R client cbsodataR: ``data.csv`` plus ``DataProperties.csv``, ``RegioS.csv`` and
``TableInfos.csv``. Columns are found through the DataProperties titles ('COROP-gebieden',
'Provincies', …), never through key suffixes, which change between the yearly tables.

The result: the population of every gemeente as observations of ``bevolking.inwoners`` (the
table's year), the gemeenten and COROP regions the store lacks as ``new_regions``, and existing
regions whose attributes changed as ``region_updates``. RegioS descriptions hold the history of
every code ("Ontstaan per 01-01-2022"), which :func:`merger_history` returns as events.

The files are small (one row per gemeente), so they are read with Python's csv module, which
also gives true line numbers across the multi-line quoted fields of the metadata files.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from bw.catalogue import POPULATION_INDICATOR_ID
from bw.loaders.common import (
    FormatLoader,
    LoadContext,
    Staged,
    detect_delimiter,
    detect_encoding,
    new_indicator_id,
    read_header,
    sha256_of,
    size_text,
    split_header,
    summarise,
)
from bw.loaders.tabular import named_indicator, names_index
from bw.model import Aggregation, Direction, Indicator, Level, Region
from bw.regions import base_name, normalise_name
from bw.report import ValidationReport

FORMAT = "cbs_region_reference"

#: The files of a cbsodataR folder this loader reads, besides ``data.csv``.
METADATA_FILES = ("DataProperties.csv", "RegioS.csv", "TableInfos.csv")

#: The title every yearly table of the series starts with (TableInfos.Title).
TABLE_TITLE = "Gebieden in Nederland"

# DataProperties topic-group titles (normalised) -> what the group's 'Code'/'Naam' topics hold.
_GROUPS = {
    "codes en namen van gemeenten": "gemeente",
    "corop-gebieden": "corop",
    "provincies": "province",
    "landsdelen": "landsdeel",
    "gemeentegrootte": "size_class",
    "stedelijkheid": "urbanity",
}
_POPULATION_TOPIC = "Inwonertal"
_POPULATION_UNIT = "aantal"

# Attributes of an existing region that the reference may change, per level.
_UPDATABLE = {
    "GM": ("province_code", "corop_code", "landsdeel_code", "size_class", "urbanity"),
    "CR": ("province_code", "landsdeel_code"),
    "PV": ("landsdeel_code",),
    "LD": (),
}

_CODE_PATTERNS = {
    "gemeente": re.compile(r"GM\d{4}"),
    "corop": re.compile(r"CR\d{2}"),
    "province": re.compile(r"PV\d{2}"),
    "landsdeel": re.compile(r"LD\d{2}"),
}
_CLASS_RANGES = {"size_class": range(1, 9), "urbanity": range(1, 6)}


@dataclass(frozen=True, slots=True)
class RegionEvent:
    """One line of a region's history in the CBS region list (RegioS.Description)."""

    code: str  # 'GM1980'
    event: str  # 'ontstaan', 'herindeling', 'naamswijziging', 'begindatum', 'provinciale_wijziging'
    date: date | None  # 2022-01-01; None for "Begindatum voor 1830"
    text: str  # 'Ontstaan per 01-01-2022'


# (event, pattern) in the words CBS uses; an unknown line becomes event 'anders'.
_DATE = r" (\d{2})-(\d{2})-(\d{4})"
_EVENT_PATTERNS = (
    ("ontstaan", re.compile(r"ontstaan per" + _DATE, re.I)),
    ("herindeling", re.compile(r"gemeentelijke herindeling per" + _DATE, re.I)),
    ("naamswijziging", re.compile(r"naamswijziging per" + _DATE, re.I)),
    ("provinciale_wijziging", re.compile(r"provinciale wijziging per" + _DATE, re.I)),
    ("begindatum", re.compile(r"begindatum" + _DATE, re.I)),
    ("begindatum", re.compile(r"begindatum voor (\d{4})", re.I)),
)

#: A first year before this is irrelevant to any monitor series and is left empty.
FIRST_YEAR_FROM = 1900


def parse_description(code: str, description: str) -> list[RegionEvent]:
    """The history events in one RegioS description, one per line.

    >>> [(e.event, e.date) for e in parse_description("GM0197",
    ...     "Gemeentelijke herindeling per 01-01-2005\\r\\nBegindatum voor 1830")]
    [('herindeling', datetime.date(2005, 1, 1)), ('begindatum', None)]
    """
    events = []
    for line in re.split(r"[\r\n]+", description or ""):
        text = line.strip()
        if text:
            events.append(_event_of(code, text))
    return events


def _event_of(code: str, text: str) -> RegionEvent:
    for event, pattern in _EVENT_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groups()
        if len(groups) == 1:  # "Begindatum voor 1830": no exact date
            return RegionEvent(code, event, None, text)
        try:
            return RegionEvent(
                code, event, date(int(groups[2]), int(groups[1]), int(groups[0])), text
            )
        except ValueError:  # an impossible date: keep the words, claim no date
            break
    return RegionEvent(code, "anders", None, text)


def first_year_of(events: Iterable[RegionEvent]) -> int | None:
    """The year a code started, from 'Ontstaan per' or a dated 'Begindatum', when ≥ 1900.

    A 'Gemeentelijke herindeling per' does not start a code: the gemeente kept its code and
    gained territory (Aalten absorbed Dinxperlo in 2005), so its series goes on.

    >>> first_year_of(parse_description("GM1980", "Ontstaan per 01-01-2022"))
    2022
    >>> first_year_of(parse_description("GM0197", "Gemeentelijke herindeling per 01-01-2005"))
    """
    years = [
        e.date.year for e in events if e.event in ("ontstaan", "begindatum") and e.date is not None
    ]
    year = max(years, default=None)
    return year if year is not None and year >= FIRST_YEAR_FROM else None


def merger_history(path: Path) -> list[RegionEvent]:
    """Every history event of the region list of a cbsodataR folder (or its data/RegioS file).

    The list says *that* a gemeente arose or was redivided on a date, not from which gemeenten
    nor with which population shares: the crosswalk (region_mergers) needs another source.
    """
    folder = _folder_of(Path(path))
    report = ValidationReport()
    rows = _read_table(folder / "RegioS.csv", report)
    if rows is None:
        raise ValueError("; ".join(i.message for i in report.issues) or "cannot read RegioS.csv")
    events = []
    for _, row in rows:
        code = (row.get("Key") or "").strip()
        events += parse_description(code, row.get("Description") or "")
    return events


def _text_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    return str(value)


# --- the loader ------------------------------------------------------------------------------


def looks_like(path: Path, header_cells: list[str]) -> bool:
    """Whether a file is a cbsodataR folder of "Gebieden in Nederland" (for ``--format auto``)."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    if not path.is_dir() and "RegioS" not in [c.strip() for c in header_cells]:
        return False
    infos = folder / "TableInfos.csv"
    if not infos.is_file() or infos.stat().st_size > 1 << 20:
        return False
    rows = _read_table(infos, ValidationReport())
    return (
        rows is not None and bool(rows) and (rows[0][1].get("Title") or "").startswith(TABLE_TITLE)
    )


def load(path: Path, context: LoadContext) -> Staged:
    """Validate a "Gebieden in Nederland" folder (or its data.csv) against the store."""
    path = Path(path)
    folder = _folder_of(path)
    data_path = folder / "data.csv"
    report = ValidationReport(format=FORMAT)
    # The folder names the table ('cbs-85067NED-gebieden-2022'); 'data.csv' alone says nothing.
    staged = Staged(file_name=f"{folder.name}/{data_path.name}", checksum="", report=report)
    paths = [data_path, *(folder / name for name in METADATA_FILES)]
    for needed in paths:
        if not needed.is_file():
            report.error(
                "missing_file",
                f"{needed.name} is missing next to data.csv; save the "
                "table with cbsodataR (cbs_download_table) so the metadata come along",
                variant="beside_data",
                file=needed.name,
            )
    if not report.ok:
        return staged
    total = sum(p.stat().st_size for p in paths)
    if data_path.stat().st_size == 0:
        report.error("empty_file", "data.csv is empty (0 bytes)", variant="named", file="data.csv")
        return staged
    if total > context.max_bytes:
        shown, allowed = size_text(total, context.max_bytes)
        report.error(
            "file_too_large",
            f"the table is {shown}; the limit is {allowed} (BW_MAX_UPLOAD_MB)",
            size_mb=round(total / (1024 * 1024), 1),
            limit_mb=round(context.max_bytes / (1024 * 1024), 1),
        )
        return staged
    staged.checksum = _checksum(paths)

    year = _table_year(folder / "TableInfos.csv", report)
    columns = _topic_columns(folder / "DataProperties.csv", report)
    names, events = _region_list(folder / "RegioS.csv", report)
    if year is None or columns is None or names is None or events is None:
        return staged
    data = _read_table(data_path, report, detect=True)
    if data is None:
        return staged
    header = list(data[0][1].keys()) if data else _header_of(data_path)
    missing = [key for key in columns.values() if key not in header]
    for key in missing:
        report.error(
            "missing_column",
            f"column {key!r} named in DataProperties.csv is not in data.csv",
            line=1,
            variant="data_properties",
            column=key,
        )
    if missing:
        return staged
    report.counts["rows"] = len(data)
    if not data:
        report.error("no_rows", "data.csv has a header but no data rows", variant="header_only")
        return staged
    report.detected["table"] = f"{TABLE_TITLE} {year}"  # e.g. 85067NED is the 2022 table
    report.detected["period"] = str(year)

    gemeenten = _gemeenten(data, columns, names, events, report)
    indicator_id, new_indicators = _population_indicator(context, report)
    _check_parents(gemeenten, report)
    if report.ok:
        new_regions, updates = _compare_with_store(gemeenten, context.regions, report)
        staged.new_regions = new_regions
        staged.region_updates = updates
        staged.new_indicators = new_indicators
        staged.indicator_ids = [indicator_id]
        staged.observations = _population(gemeenten, indicator_id, year)
        report.counts["new_regions"] = len(new_regions)
        report.counts["region_updates"] = len(updates)
    summarise(report)
    if not report.ok:
        staged.observations = None
        staged.new_regions, staged.region_updates, staged.new_indicators = [], [], []
        staged.indicator_ids = []
    return staged


@dataclass(frozen=True, slots=True)
class _Gemeente:
    line: int
    region: Region
    corop_name: str | None
    province_name: str | None
    landsdeel_name: str | None
    population: float | None
    missing_reason: str | None


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _checksum(paths: Sequence[Path]) -> str:
    # The table is all four files: a new RegioS.csv with the same data.csv is another table.
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.name}:{sha256_of(path)}\n".encode())
    return digest.hexdigest()


def _header_of(path: Path) -> list[str]:
    scratch = ValidationReport()
    encoding = detect_encoding(path, scratch)
    header = read_header(path, encoding)
    delimiter = detect_delimiter(header, scratch) or ","
    return split_header(header, delimiter)


def _read_table(
    path: Path, report: ValidationReport, *, detect: bool = False
) -> list[tuple[int, dict[str, str]]] | None:
    """Rows of a small CSV as (first line of the record, {column: text}); None when malformed.

    Only ``detect=True`` records the encoding and delimiter in the report (the main file).
    """
    target = report if detect else ValidationReport()
    encoding = detect_encoding(path, target)
    if not target.ok:
        if not detect:
            for issue in target.issues:
                report.add(
                    issue.severity, issue.code, f"{path.name}: {issue.message}", line=issue.line
                )
        return None
    header = read_header(path, encoding)
    delimiter = detect_delimiter(header, target)
    if delimiter is None:
        report.error(
            "no_delimiter",
            f"{path.name} has no ',', ';' or tab in its header",
            line=1 if detect else None,
            variant="file",
            file=path.name,
        )
        return None
    rows = []
    with path.open(
        "r", encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline=""
    ) as handle:
        reader = csv.reader(
            handle, delimiter=delimiter, quotechar='"', doublequote=True, strict=True
        )
        try:
            columns = next(reader, None)
            if columns is None:
                return []
            columns = [c.strip() for c in columns]
            line = reader.line_num + 1
            for record in reader:
                if record:
                    if len(record) != len(columns):
                        where = f"line {line}"
                        report.error(
                            "malformed_csv",
                            f"{path.name} {where} has {len(record)} "
                            f"fields; the header has {len(columns)}",
                            line=line if detect else None,
                            variant="file_fields",
                            file=path.name,
                            row=line,
                            fields=len(record),
                            expected=len(columns),
                        )
                        return None
                    rows.append((line, dict(zip(columns, record, strict=True))))
                line = reader.line_num + 1
        except csv.Error as error:
            report.error(
                "malformed_csv",
                f"{path.name} line {reader.line_num}: {error}",
                line=reader.line_num if detect else None,
                variant="file_line",
                file=path.name,
                row=reader.line_num,
                error=str(error),
            )
            return None
    return rows


def _table_year(path: Path, report: ValidationReport) -> int | None:
    rows = _read_table(path, report)
    if rows is None:
        return None
    info = rows[0][1] if rows else {}
    title = (info.get("Title") or "").strip()
    if not title.startswith(TABLE_TITLE):
        report.error(
            "unexpected_table",
            f"TableInfos.csv names {title!r}, not a {TABLE_TITLE!r} table",
            title=title,
            expected=TABLE_TITLE,
        )
        return None
    period = (info.get("Period") or "").strip()
    found = re.fullmatch(r"(\d{4})", period) or re.search(r"(\d{4})\s*$", title)
    if found is None:
        report.error(
            "bad_period",
            f"neither the Period ({period!r}) nor the title ({title!r}) "
            "of TableInfos.csv gives the table's year",
            variant="table_infos",
            value=period,
            title=title,
        )
        return None
    return int(found.group(1))


def _topic_columns(path: Path, report: ValidationReport) -> dict[str, str] | None:
    """data.csv column per role ('corop_code', 'size_class', 'population', …) by title."""
    rows = _read_table(path, report)
    if rows is None:
        return None
    by_id = {(r.get("ID") or "").strip(): r for _, r in rows}
    columns: dict[str, str] = {}
    for _, row in rows:
        kind = (row.get("Type") or "").strip()
        key = (row.get("Key") or "").strip()
        title = (row.get("Title") or "").strip()
        if kind in ("Dimension", "GeoDimension") and key == "RegioS":
            columns["region"] = key
        if kind != "Topic":
            continue
        if title.casefold() == _POPULATION_TOPIC.casefold():
            columns["population"] = key
            continue
        parent = by_id.get((row.get("ParentID") or "").strip())
        group = _GROUPS.get(normalise_name((parent or {}).get("Title") or ""))
        if group is None:
            continue
        part = {"code": "code", "naam": "name", "omschrijving": "label"}.get(title.casefold())
        if part is not None:
            columns.setdefault(f"{group}_{part}", key)
    needed = {
        "region": "the dimension 'RegioS'",
        "corop_code": "group 'COROP-gebieden', topic 'Code'",
        "province_code": "group 'Provincies', topic 'Code'",
        "landsdeel_code": "group 'Landsdelen', topic 'Code'",
        "size_class_code": "group 'Gemeentegrootte', topic 'Code'",
        "urbanity_code": "group 'Stedelijkheid', topic 'Code'",
        "population": f"topic {_POPULATION_TOPIC!r}",
    }
    for role, what in needed.items():
        if role not in columns:
            report.error("missing_topic", f"DataProperties.csv has no {what}", role=role)

    return columns if report.ok else None


def _region_list(
    path: Path, report: ValidationReport
) -> tuple[dict[str, str], dict[str, list[RegionEvent]]] | tuple[None, None]:
    rows = _read_table(path, report)
    if rows is None:
        return None, None
    names: dict[str, str] = {}
    events: dict[str, list[RegionEvent]] = {}
    for _, row in rows:
        code = (row.get("Key") or "").strip()
        names[code] = (row.get("Title") or "").strip()
        events[code] = parse_description(code, row.get("Description") or "")
    return names, events


def _gemeenten(
    data: list[tuple[int, dict[str, str]]],
    columns: dict[str, str],
    names: dict[str, str],
    events: dict[str, list[RegionEvent]],
    report: ValidationReport,
) -> list[_Gemeente]:
    found: list[_Gemeente] = []
    seen: dict[str, int] = {}
    for line, row in data:
        cell = {role: (row.get(key) or "").strip() for role, key in columns.items()}
        code = cell["region"]
        if not _CODE_PATTERNS["gemeente"].fullmatch(code):
            report.error(
                "bad_code",
                f"region {code!r} is not a gemeente code (GM + 4 digits)",
                line=line,
                variant="gemeente",
                value=code,
            )
            continue
        if code in seen:
            report.error(
                "duplicate_key",
                f"{code} occurs again (first on line {seen[code]})",
                line=line,
                variant="region",
                region=code,
                first_line=seen[code],
            )
            continue
        seen[code] = line
        parents = {}
        for role in ("corop", "province", "landsdeel"):
            value = cell[f"{role}_code"]
            if not value:
                report.error(
                    "missing_field",
                    f"{code} has no {role} code",
                    line=line,
                    variant="parent",
                    region=code,
                    role=role,
                )
            elif not _CODE_PATTERNS[role].fullmatch(value):
                report.error(
                    "bad_code",
                    f"{role} code {value!r} of {code} is not a CBS code",
                    line=line,
                    variant="parent",
                    region=code,
                    role=role,
                    value=value,
                )
            else:
                parents[role] = value
        classes = {}
        for role in ("size_class", "urbanity"):
            value = cell[f"{role}_code"]
            if not value:
                # Early versions of the yearly table lack the statistics (added in March).
                report.warning(
                    "missing_field",
                    f"{code} has no {role}; it is left empty",
                    line=line,
                    variant="class",
                    region=code,
                    role=role,
                )
            elif not value.isdigit() or int(value) not in _CLASS_RANGES[role]:
                report.error(
                    "bad_code",
                    f"{role} {value!r} of {code} is not a CBS class "
                    f"({_CLASS_RANGES[role].start}–{_CLASS_RANGES[role].stop - 1})",
                    line=line,
                    variant="class",
                    region=code,
                    role=role,
                    value=value,
                    low=_CLASS_RANGES[role].start,
                    high=_CLASS_RANGES[role].stop - 1,
                )
            else:
                classes[role] = int(value)
        population, reason = _population_value(cell["population"], code, line, report)
        name = names.get(code) or cell.get("gemeente_name") or code
        region = Region(
            code,
            name,
            Level.GM,
            province_code=parents.get("province"),
            corop_code=parents.get("corop"),
            landsdeel_code=parents.get("landsdeel"),
            first_year=first_year_of(events.get(code, [])),
            size_class=classes.get("size_class"),
            urbanity=classes.get("urbanity"),
        )
        found.append(
            _Gemeente(
                line,
                region,
                cell.get("corop_name") or None,
                cell.get("province_name") or None,
                cell.get("landsdeel_name") or None,
                population,
                reason,
            )
        )
    return found


def _population_value(
    text: str, code: str, line: int, report: ValidationReport
) -> tuple[float | None, str | None]:
    if text == "":
        return None, "leeg in bron"
    if text == ".":
        return None, "onbekend (.)"
    if re.fullmatch(r"\d+(\.0+)?", text):
        return float(text), None
    report.error(
        "not_a_number",
        f"Inwonertal {text!r} of {code} is not a whole number",
        line=line,
        variant="population",
        value=text,
        region=code,
    )
    return None, None


def _check_parents(gemeenten: list[_Gemeente], report: ValidationReport) -> None:
    """A COROP region lies in one province and a province in one landsdeel."""
    for child, parent in (("corop_code", "province_code"), ("province_code", "landsdeel_code")):
        first: dict[str, tuple[str, int]] = {}
        for g in gemeenten:
            key, value = getattr(g.region, child), getattr(g.region, parent)
            if key is None or value is None:
                continue
            if key not in first:
                first[key] = (value, g.line)
            elif first[key][0] != value:
                report.error(
                    "inconsistent_parent",
                    f"{g.region.code} puts {key} in {value}, "
                    f"line {first[key][1]} in {first[key][0]}",
                    line=g.line,
                    region=g.region.code,
                    key=key,
                    value=value,
                    first_line=first[key][1],
                    first=first[key][0],
                )


def _population_indicator(
    context: LoadContext, report: ValidationReport
) -> tuple[str, list[Indicator]]:
    known = set(context.indicators["indicator_id"]) if len(context.indicators) else set()
    mapped = context.mapping.get(_POPULATION_TOPIC) or context.mapping.get(
        _POPULATION_TOPIC.lower()
    )
    if mapped is not None:
        if mapped not in known:
            report.error(
                "unknown_indicator",
                f"the mapping sends {_POPULATION_TOPIC!r} to "
                f"{mapped!r}, which is not in the catalogue",
                variant="mapping",
                topic=_POPULATION_TOPIC,
                indicator=mapped,
            )
        return mapped, []
    if POPULATION_INDICATOR_ID in known:
        return POPULATION_INDICATOR_ID, []
    if context.new_indicators != "create":
        report.error(
            "unmapped_topic",
            f"topic {_POPULATION_TOPIC!r} maps to no indicator: "
            f"{POPULATION_INDICATOR_ID!r} is not in the catalogue",
            variant="population",
            topic=_POPULATION_TOPIC,
            indicator=POPULATION_INDICATOR_ID,
        )
        return POPULATION_INDICATOR_ID, []
    named = named_indicator(_POPULATION_TOPIC, names_index(context.indicators))
    if named is not None:  # created by an earlier load, or the user's own
        return named, []
    indicator_id = new_indicator_id(_POPULATION_TOPIC, known, qualifiers=(_POPULATION_UNIT,))
    report.warning(
        "new_indicator",
        f"topic {_POPULATION_TOPIC!r} becomes the new indicator {indicator_id!r}, to be classified",
        topic=_POPULATION_TOPIC,
        indicator=indicator_id,
    )
    return indicator_id, [
        Indicator(
            indicator_id,
            _POPULATION_TOPIC,
            _POPULATION_TOPIC,
            "Uit CBS Gebieden in Nederland; nog te classificeren.",
            "From CBS Gebieden in Nederland; to be classified.",
            _POPULATION_UNIT,
            0,
            Direction.NEUTRAL,
            Aggregation.NONE,
            "CBS, Gebieden in Nederland",
            (),
        )
    ]


def _compare_with_store(
    gemeenten: list[_Gemeente], regions: pd.DataFrame, report: ValidationReport
) -> tuple[list[Region], list[Region]]:
    """New regions for absent codes; updated records for existing ones that differ."""
    stored = {str(row["code"]): row for row in regions.to_dict("records")}
    wanted: dict[str, tuple[Region, int]] = {}
    for g in gemeenten:
        r = g.region
        wanted.setdefault(r.code, (r, g.line))
        if r.corop_code:
            wanted.setdefault(
                r.corop_code,
                (
                    Region(
                        r.corop_code,
                        g.corop_name or r.corop_code,
                        Level.CR,
                        province_code=r.province_code,
                        landsdeel_code=r.landsdeel_code,
                    ),
                    g.line,
                ),
            )
        if r.province_code:
            wanted.setdefault(
                r.province_code,
                (
                    Region(
                        r.province_code,
                        g.province_name or r.province_code,
                        Level.PV,
                        landsdeel_code=r.landsdeel_code,
                    ),
                    g.line,
                ),
            )
        if r.landsdeel_code:
            wanted.setdefault(
                r.landsdeel_code,
                (Region(r.landsdeel_code, g.landsdeel_name or r.landsdeel_code, Level.LD), g.line),
            )
    new_regions, updates = [], []
    for code, (region, line) in wanted.items():
        old = stored.get(code)
        if old is None:
            new_regions.append(region)
            continue
        if str(old["level"]) != str(region.level):
            report.error(
                "level_mismatch",
                f"{code} is a {old['level']} region in the store but "
                f"a {region.level} region in the table",
                line=line,
                region=code,
                level_store=str(old["level"]),
                level_table=str(region.level),
            )
            continue
        if base_name(old["name"]) != base_name(region.name):
            report.add(
                "info",
                "region_name_differs",
                f"{code} is {old['name']!r} in the store "
                f"and {region.name!r} in the table; the store's name is kept",
                line=line,
                region=code,
                ours=old["name"],
                theirs=region.name,
            )
        changes = {}
        for attribute in _UPDATABLE[str(region.level)]:
            new, before = getattr(region, attribute), _stored_value(old.get(attribute))
            if new is not None and new != before:
                changes[attribute] = (before, new)
        if changes:
            updates.append(replace(_region_of(old), **{a: n for a, (_, n) in changes.items()}))
            listed = ", ".join(f"{a} {b} → {n}" for a, (b, n) in changes.items())
            report.warning(
                "region_attributes_changed",
                f"{code} ({old['name']}): {listed}",
                line=line,
                region=f"{code} ({old['name']})",
                changes=tuple((a, b, n) for a, (b, n) in changes.items()),
            )
    in_table = {g.region.code for g in gemeenten}
    absent = sorted(
        code for code, row in stored.items() if str(row["level"]) == "GM" and code not in in_table
    )
    if absent:
        shown = ", ".join(absent[:20]) + (
            f" and {len(absent) - 20} more" if len(absent) > 20 else ""
        )
        report.add(
            "info",
            "region_not_in_reference",
            f"{len(absent)} gemeenten of the store "
            f"are not in this table (dissolved, or newer than it): {shown}",
            count=len(absent),
            regions=", ".join(absent[:20]) + (" …" if len(absent) > 20 else ""),
        )

    order = {"LD": 0, "PV": 1, "CR": 2, "GM": 3}
    new_regions.sort(key=lambda r: (order[str(r.level)], r.code))
    return new_regions, updates


def _stored_value(value: object) -> int | str | None:
    text = _text_or_none(value)
    if text is None:
        return None
    try:
        return int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else text
    except ValueError:
        return text


def _region_of(row: dict[Hashable, Any]) -> Region:
    def number(key: str) -> int | None:
        value = _stored_value(row.get(key))
        return value if isinstance(value, int) else None

    return Region(
        code=str(row["code"]),
        name=str(row["name"]),
        level=Level(str(row["level"])),
        province_code=_text_or_none(row.get("province_code")),
        corop_code=_text_or_none(row.get("corop_code")),
        landsdeel_code=_text_or_none(row.get("landsdeel_code")),
        first_year=number("first_year"),
        last_year=number("last_year"),
        size_class=number("size_class"),
        urbanity=number("urbanity"),
    )


def _population(gemeenten: list[_Gemeente], indicator_id: str, year: int) -> pa.Table:
    rows = {
        "indicator_id": [indicator_id] * len(gemeenten),
        "region_code": [g.region.code for g in gemeenten],
        "period": [str(year)] * len(gemeenten),
        "year": [year] * len(gemeenten),
        "value": [g.population for g in gemeenten],
        "ci_low": [None] * len(gemeenten),
        "ci_high": [None] * len(gemeenten),
        "status": ["definitief"] * len(gemeenten),
        "missing_reason": [g.missing_reason for g in gemeenten],
        "line": [g.line for g in gemeenten],
    }
    schema = pa.schema(
        [
            ("indicator_id", pa.string()),
            ("region_code", pa.string()),
            ("period", pa.string()),
            ("year", pa.int32()),
            ("value", pa.float64()),
            ("ci_low", pa.float64()),
            ("ci_high", pa.float64()),
            ("status", pa.string()),
            ("missing_reason", pa.string()),
            ("line", pa.int64()),  # the file line, for the plausibility checks (bw.plausibility)
        ]
    )
    return pa.table(rows, schema=schema)


#: This format as the registry holds it.
LOADER = FormatLoader(FORMAT, looks_like, load)
