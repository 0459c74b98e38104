"""CBS OData tables saved to disk: v4 JSON responses, and v3 (JSON responses or cbsodataR folder).

Two formats, two loader objects (both registered in :data:`bw.loaders.LOADERS`):

- :data:`V4` (``cbs_odata_v4``): a folder of saved ``datasets.cbs.nl`` responses —
  ``observations-page-*.json`` (long rows ``{Id, Measure, ValueAttribute, Value, StringValue,
  <dimension>: code}``), ``measure-codes.json``, ``dimensions.json``, ``codes-<Dimension>.json``,
  ``properties.json`` and optionally ``index.json`` (capture metadata with the row count).
- :data:`V3` (``cbs_odata_v3``): a folder with ``DataProperties`` and the dataset, either as
  saved ``opendata.cbs.nl`` JSON (``TypedDataSet*.json`` pages, ``DataProperties.json``,
  ``RegioS.json``, ``Perioden.json``, ``TableInfos.json``) or as the R client cbsodataR saves
  it (``data.csv`` plus ``DataProperties.csv``, ``RegioS.csv``, … with padded keys).

Either may be given as the folder or as any file in it (``--format`` needs a file). Nothing is
fetched from the network: saving the responses is the user's (or a script's) job.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from bw.loaders.cbs_cells import CbsSource, cells_frame, empty_cells_sql, stage_cells, stage_frame
from bw.loaders.cbs_codes import is_region_code, parse_period
from bw.loaders.cbs_files import (
    Row,
    checksum_of_files,
    find_file,
    json_rows,
    natural_key,
    read_json,
    read_wide_csv,
    unpivot_cells,
)
from bw.loaders.cbs_metadata import (
    check_single_category,
    code_list_of,
    decimals_of,
    is_text_type,
    metadata_rows,
    parse_data_properties,
    period_status_of,
    pick_geo_and_time,
    table_period,
)
from bw.loaders.common import FormatLoader, LoadContext, Staged, check_size
from bw.loaders.topics import Topic
from bw.report import Severity, ValidationReport
from bw.sandbox import Sandbox, close_sandbox, one_row, open_sandbox, register_frame

# Fields of a v4 observation row that are not dimensions.
_V4_FIELDS = {"Id", "Measure", "ValueAttribute", "Value", "StringValue"}


def _folder_of(path: Path) -> Path:
    path = Path(path)
    return path if path.is_dir() else path.parent


def _start(path: Path, format: str) -> tuple[Path, Staged]:
    folder = _folder_of(path)
    report = ValidationReport(format=format)
    return folder, Staged(file_name=folder.name, checksum="", report=report)


# --------------------------------------------------------------------------------------------
# OData v4
# --------------------------------------------------------------------------------------------


def _observation_pages(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    pages = [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() == ".json" and p.name.lower().startswith("observations")
    ]
    return sorted(pages, key=natural_key)


def looks_like_v4(path: Path, header_cells: list[str]) -> bool:
    """A folder (or a JSON file in one) with observation pages and measure codes."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() != ".json":
        return False
    folder = _folder_of(path)
    return (
        bool(_observation_pages(folder))
        and find_file(folder, "measure-codes.json", "MeasureCodes.json") is not None
    )


def load_v4(path: Path, context: LoadContext) -> Staged:
    """Load a folder of saved CBS OData v4 responses, validated whole."""
    folder, staged = _start(path, "cbs_odata_v4")
    report = staged.report
    if not folder.is_dir():
        report.error(
            "not_found",
            f"{folder} is not a folder of saved OData v4 responses",
            variant="odata_folder",
            file=folder.name,
        )
        return staged
    pages = _observation_pages(folder)
    measures_file = find_file(folder, "measure-codes.json", "MeasureCodes.json")
    if not pages:
        report.error(
            "missing_file", "no observations*.json page in the folder", variant="observations"
        )
    if measures_file is None:
        report.error(
            "missing_metadata",
            "measure-codes.json (MeasureCodes) is missing: the "
            "titles and units of the topics are needed to map them",
            variant="measure_codes",
        )
    if not report.ok or measures_file is None:  # a missing file is an error above
        return staged
    limit = context.max_bytes
    meta = {
        name: find_file(folder, *candidates)
        for name, candidates in {
            "index": ("index.json",),
            "properties": ("properties.json", "Properties.json"),
            "dimensions": ("dimensions.json", "Dimensions.json"),
        }.items()
    }
    index = read_json(meta["index"], report, max_bytes=limit) if meta["index"] else {}
    properties = (
        read_json(meta["properties"], report, max_bytes=limit) if meta["properties"] else {}
    )
    measures = (
        json_rows(read_json(measures_file, report, max_bytes=limit), measures_file, report)
        if report.ok
        else None
    )
    dimensions = None
    if meta["dimensions"] and report.ok:
        dimensions = json_rows(
            read_json(meta["dimensions"], report, max_bytes=limit), meta["dimensions"], report
        )
    if not report.ok or measures is None:
        return staged
    table = str((properties or {}).get("Identifier") or (index or {}).get("tableId") or folder.name)
    report.detected["table"] = table
    used = [p for p in (*pages, measures_file, *meta.values()) if p is not None]

    observations: list[tuple[Path, Row]] = []
    for number, page in enumerate(pages, start=1):
        data = read_json(page, report, max_bytes=limit)
        rows = json_rows(data, page, report) if data is not None else None
        if rows is None:
            continue
        if number == len(pages) and isinstance(data, dict) and data.get("@odata.nextLink"):
            report.error(
                "incomplete_download",
                f"the last page {page.name} has an @odata.nextLink: pages after it "
                "were not saved, so the table is incomplete",
                variant="next_link",
                file=page.name,
            )
        observations.extend((page, row) for row in rows)
    if not report.ok:
        return staged
    expected = (index or {}).get("observationRows")
    if isinstance(expected, int) and expected != len(observations):
        report.error(
            "incomplete_download",
            f"index.json announces {expected} observation rows, the pages hold {len(observations)}",
            variant="count",
            expected=expected,
            found=len(observations),
        )
    geo, time, others = _v4_dimensions(dimensions, observations, report)
    if geo is None:
        report.error(
            "missing_column", "no geographic dimension (RegioS) in the observations", variant="geo"
        )
    if not report.ok or geo is None:  # no geographic dimension is an error above
        return staged
    report.detected.update(
        {"pages": str(len(pages)), "geo_dimension": geo, "time_dimension": time or "—"}
    )

    code_file = find_file(folder, f"codes-{geo}.json", f"{geo}Codes.json")
    code_rows = (
        json_rows(read_json(code_file, report, max_bytes=limit), code_file, report)
        if code_file
        else None
    )
    period_file = find_file(folder, f"codes-{time}.json", f"{time}Codes.json") if time else None
    period_rows = (
        json_rows(read_json(period_file, report, max_bytes=limit), period_file, report)
        if period_file
        else None
    )
    if not report.ok:
        return staged
    used += [p for p in (code_file, period_file) if p is not None]
    staged.checksum = checksum_of_files(used)

    _check_other_dimensions(others, observations, report)
    topics = [
        Topic(
            key=str(m.get("Identifier")),
            title=" ".join(str(m.get("Title") or m.get("Identifier")).split()),
            unit=(str(m.get("Unit")).strip() or None) if m.get("Unit") is not None else None,
            decimals=decimals_of(m.get("Decimals")),
            description=str(m.get("Description") or ""),
            is_text=is_text_type(m.get("DataType")),
        )
        for m in measures
    ]
    known_measures = {t.key for t in topics}
    unknown = sorted({str(row.get("Measure")) for _, row in observations} - known_measures)
    for measure in unknown[:10]:
        report.error(
            "unknown_topic",
            f"observations use measure {measure!r}, which measure-codes.json does not describe",
            topic=measure,
        )
    source = CbsSource(
        table=table,
        topics=topics,
        code_list=code_list_of(code_rows, "Identifier") if code_rows is not None else None,
        period_status=period_status_of(period_rows, "Identifier"),
        decimal=".",
    )
    cells: dict[str, list[Any]] = {
        name: []
        for name in ("ref", "region_raw", "period_raw", "topic_key", "value_raw", "attribute")
    }
    for page, row in observations:
        value = row.get("Value")
        if value is None and row.get("StringValue") is not None:
            value = row.get("StringValue")
        cells["ref"].append(f"{page.name} Id {row.get('Id')}")
        cells["region_raw"].append(_text_or_none(row.get(geo)))
        cells["period_raw"].append(_text_or_none(row.get(time)) if time else None)
        cells["topic_key"].append(str(row.get("Measure")))
        cells["value_raw"].append(None if value is None else _number_text(value))
        cells["attribute"].append(_text_or_none(row.get("ValueAttribute")))
    report.counts["rows"] = len(observations)
    if not report.ok:
        return staged
    if time is None:
        report.error("no_period", "the observations have no time dimension (Perioden)")
        return staged
    stage_frame(cells_frame(cells), source, context, staged)
    return staged


def _v4_dimensions(
    dimensions: list[Row] | None,
    observations: list[tuple[Path, Row]],
    report: ValidationReport,
) -> tuple[str | None, str | None, list[str]]:
    """(geo, time, others) dimension names: from dimensions.json, else from the rows."""
    present: set[str] = set()
    for _, row in observations[:1000]:
        present |= set(row) - _V4_FIELDS
    geo: str | None = None
    time: str | None = None
    others: list[str] = []
    if dimensions is not None:
        for dim in dimensions:
            name = str(dim.get("Identifier"))
            kind = str(dim.get("Kind") or dim.get("@odata.type") or "")
            if "GeoDimension" in kind and geo is None:
                geo = name
            elif "TimeDimension" in kind and time is None:
                time = name
            else:
                others.append(name)
        return geo, time, others
    report.warning(
        "missing_metadata",
        "dimensions.json is missing: the geographic and time "
        "dimensions are recognised from their codes",
        variant="dimensions",
    )
    for name in sorted(present):
        values = [str(row.get(name) or "").strip() for _, row in observations[:1000]]
        if geo is None and values and all(is_region_code(v) for v in values):
            geo = name
        elif time is None and values and all(parse_period(v) for v in values):
            time = name
        else:
            others.append(name)
    return geo, time, others


def _check_other_dimensions(
    others: list[str], observations: list[tuple[Path, Row]], report: ValidationReport
) -> None:
    for name in others:
        codes = {_text_or_none(row.get(name)) for _, row in observations} - {None}
        if len(codes) > 1:
            report.error(
                "extra_dimension",
                f"dimension {name} has {len(codes)} categories; bw stores one value "
                f"per topic, region and period: select one category of {name}",
                dimension=name,
            )
        elif codes:
            single = codes.pop()
            report.add(
                Severity.INFO,
                "extra_dimension",
                f"dimension {name} has the single category {single}; it is ignored",
                variant="single",
                dimension=name,
                category=single,
            )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _number_text(value: object) -> str:
    """A JSON number as text the SQL number parser reads ('230194', '1.5e-05')."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if value == value else "NaN"
    return str(value)


#: The cbs_odata_v4 loader.
V4 = FormatLoader(FORMAT="cbs_odata_v4", looks_like=looks_like_v4, load=load_v4)


# --------------------------------------------------------------------------------------------
# OData v3: saved JSON or the cbsodataR folder
# --------------------------------------------------------------------------------------------


def _dataset_pages(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    pages = [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() == ".json" and "dataset" in p.name.lower()
    ]
    return sorted(pages, key=natural_key)


def _metadata_file(folder: Path, stem: str) -> Path | None:
    return find_file(folder, f"{stem}.json", f"{stem}.csv")


def looks_like_v3(path: Path, header_cells: list[str]) -> bool:
    """A folder (or a file in one) with DataProperties and data.csv or TypedDataSet pages."""
    path = Path(path)
    folder = _folder_of(path)
    if not folder.is_dir() or _metadata_file(folder, "DataProperties") is None:
        return False
    has_data = find_file(folder, "data.csv") is not None or bool(_dataset_pages(folder))
    if path.is_file():
        name = path.name.lower()
        own = (
            name == "data.csv"
            or "dataset" in name
            or name.startswith(("dataproperties", "tableinfos"))
        )
        return has_data and own
    return has_data


def load_v3(path: Path, context: LoadContext) -> Staged:
    """Load a saved CBS OData v3 table (JSON responses or cbsodataR folder), validated whole."""
    folder, staged = _start(path, "cbs_odata_v3")
    report = staged.report
    if not folder.is_dir():
        report.error(
            "not_found",
            f"{folder} is not a folder of a saved OData v3 table",
            variant="odata_folder",
            file=folder.name,
        )
        return staged
    limit = context.max_bytes
    properties_file = _metadata_file(folder, "DataProperties")
    data_csv = find_file(folder, "data.csv")
    pages = _dataset_pages(folder)
    if properties_file is None:
        report.error(
            "missing_metadata",
            "DataProperties (.json or .csv) is missing: it names "
            "the dimensions and gives the topics' titles and units",
            variant="data_properties",
        )
    if data_csv is None and not pages:
        report.error(
            "missing_file",
            "neither data.csv (cbsodataR) nor TypedDataSet*.json pages",
            variant="data",
        )
    if not report.ok or properties_file is None:  # a missing file is an error above
        return staged
    meta = read_metadata(folder, properties_file, report, max_bytes=limit)
    if meta is None:
        return staged
    topics, dimensions, table_info = meta
    table = str(table_info.get("Identifier") or folder.name)
    report.detected["table"] = table
    report.detected["layout"] = "cbsodataR folder" if data_csv is not None else "OData v3 JSON"
    fixed_period = table_period(table_info)
    used = [
        p
        for p in folder.iterdir()
        if p.is_file()
        and (
            p in (properties_file, data_csv)
            or p in pages
            or p.stem.lower() in {d.lower() for d, _ in dimensions} | {"tableinfos"}
        )
    ]
    source = CbsSource(table=table, topics=topics, decimal=".")
    db = open_sandbox(*([data_csv] if data_csv is not None and not pages else []))
    try:
        if pages:
            layout = _cells_from_json_pages(db, pages, topics, dimensions, report, max_bytes=limit)
        elif data_csv is not None:  # neither is an error above
            layout = _cells_from_data_csv(db, data_csv, topics, dimensions, report, max_bytes=limit)
        else:
            layout = None
        if layout is None:
            return staged
        geo, time = layout
        report.detected.update({"geo_dimension": geo, "time_dimension": time or "—"})
        code_file = _metadata_file(folder, geo)
        if code_file is not None:
            rows = metadata_rows(code_file, report, max_bytes=limit)
            source.code_list = code_list_of(rows, "Key") if rows is not None else None
        if time:
            period_file = _metadata_file(folder, time)
            if period_file is not None:
                source.period_status = period_status_of(
                    metadata_rows(period_file, report, max_bytes=limit), "Key"
                )
        elif fixed_period is None:
            report.error(
                "no_period",
                "the table has no time dimension and TableInfos gives "
                "no single period (year) for it",
                variant="table_infos",
            )
        else:
            db.execute("UPDATE cells SET period_raw = ?", [fixed_period])
            report.add(
                Severity.INFO,
                "table_period",
                f"the table has no time dimension; its values are for {fixed_period} "
                "(TableInfos Period)",
                period=fixed_period,
            )
        if not report.ok:
            return staged
        staged.checksum = checksum_of_files(used)
        stage_cells(db, source, context, staged)
    finally:
        close_sandbox(db)
    return staged


def read_metadata(
    folder: Path, properties_file: Path, report: ValidationReport, *, max_bytes: int
) -> tuple[list[Topic], list[tuple[str, str]], Row] | None:
    """(topics, dimensions [(key, kind)], TableInfos row) of a saved v3 table, or None."""
    rows = metadata_rows(properties_file, report, max_bytes=max_bytes)
    if rows is None:
        return None
    topics, dimensions = parse_data_properties(rows)
    info_file = _metadata_file(folder, "TableInfos")
    info_rows = metadata_rows(info_file, report, max_bytes=max_bytes) if info_file else []
    if not report.ok:
        return None
    return topics, dimensions, (info_rows[0] if info_rows else {})


def _cells_from_data_csv(
    db: Sandbox,
    path: Path,
    topics: list[Topic],
    dimensions: list[tuple[str, str]],
    report: ValidationReport,
    *,
    max_bytes: int,
) -> tuple[str, str | None] | None:
    """``cells`` from a cbsodataR data.csv (',' separated, padded keys, '.' decimal)."""
    if not check_size(path, report, max_bytes=max_bytes):
        return None
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        header = next(csv.reader([handle.readline()]), [])
    header = [cell.strip() for cell in header]
    if not read_wide_csv(db, path, report, delimiter=",", encoding="utf-8", n_columns=len(header)):
        return None
    column_of = {name: f"c{i}" for i, name in enumerate(header)}

    def values_of(key: str) -> list[str | None]:
        return [
            r[0]
            for r in db.execute(f"SELECT DISTINCT {column_of[key]} FROM raw LIMIT 2000").fetchall()
        ]

    present = [(k, kind) for k, kind in dimensions if k in column_of]
    geo, time, others = pick_geo_and_time(present, values_of)
    if not _check_layout(geo, dimensions, column_of, report) or geo is None:
        return None
    for key in others:
        check_single_category(db, key, column_of[key], report)
    topic_keys = {t.key for t in topics}
    dimension_keys = {k for k, _ in dimensions}
    ignored = [n for n in header if n not in topic_keys | dimension_keys and n != "ID"]
    if ignored:
        report.add(
            Severity.INFO,
            "column_ignored",
            f"columns that are neither topic nor dimension are ignored: {', '.join(ignored[:10])}",
            line=1,
            columns=", ".join(ignored[:10]),
        )
    topic_cols = {column_of[t.key]: t.key for t in topics if t.key in column_of}
    if not topic_cols:
        report.error(
            "no_topics",
            "data.csv has no column of a DataProperties topic",
            line=1,
            variant="data_csv",
        )
        return None
    if not report.ok:
        return None
    unpivot_cells(
        db,
        region_col=column_of[geo],
        period_col=column_of.get(time) if time is not None else None,
        fixed_period=None,
        topic_cols=topic_cols,
    )
    report.counts["rows"] = one_row(db.execute("SELECT count(*) FROM raw"))[0]
    return geo, time


def _check_layout(
    geo: str | None,
    dimensions: list[tuple[str, str]],
    column_of: dict[str, str],
    report: ValidationReport,
) -> bool:
    missing = [k for k, _ in dimensions if k not in column_of]
    for key in missing:
        report.error(
            "missing_column",
            f"dimension {key} of DataProperties has no column",
            variant="dimension",
            dimension=key,
        )
    if geo is None:
        report.error(
            "missing_column",
            "no geographic dimension (RegioS) among "
            f"{', '.join(k for k, _ in dimensions) or 'the dimensions'}",
            variant="geo_among",
            dimensions=", ".join(k for k, _ in dimensions) or "–",
        )
    return report.ok


def _cells_from_json_pages(
    db: Sandbox,
    pages: list[Path],
    topics: list[Topic],
    dimensions: list[tuple[str, str]],
    report: ValidationReport,
    *,
    max_bytes: int,
) -> tuple[str, str | None] | None:
    """``cells`` from saved TypedDataSet (or UntypedDataSet) JSON pages."""
    rows: list[tuple[Path, Row]] = []
    for number, page in enumerate(pages, start=1):
        data = read_json(page, report, max_bytes=max_bytes)
        page_rows = json_rows(data, page, report) if data is not None else None
        if page_rows is None:
            continue
        if number == len(pages) and isinstance(data, dict) and data.get("odata.nextLink"):
            report.error(
                "incomplete_download",
                f"the last page {page.name} has an odata.nextLink: pages after it "
                "were not saved, so the table is incomplete",
                variant="next_link",
                file=page.name,
            )
        rows.extend((page, row) for row in page_rows)
    if not report.ok:
        return None
    columns: set[str] = set()
    for _, row in rows[:1000]:
        columns |= set(row)
    column_of = {name: name for name in columns}

    def values_of(key: str) -> list[str]:
        return list({str(row.get(key)) for _, row in rows[:2000] if row.get(key) is not None})

    present = [(k, kind) for k, kind in dimensions if k in column_of]
    geo, time, others = pick_geo_and_time(present, values_of)
    if not _check_layout(geo, dimensions, column_of, report) or geo is None:
        return None
    for key in others:
        values = {str(row.get(key)).strip() for _, row in rows}
        if len(values) > 1:
            report.error(
                "extra_dimension",
                f"dimension {key} has several categories; select one category of {key}",
                dimension=key,
            )
    keys = [t.key for t in topics if t.key in columns]
    if not keys:
        report.error("no_topics", "the dataset pages have no DataProperties topic", variant="pages")

        return None
    if not report.ok:
        return None
    cells: dict[str, list[Any]] = {
        name: [] for name in ("ref", "region_raw", "period_raw", "topic_key", "value_raw")
    }
    for page, row in rows:
        ref = f"{page.name} ID {row.get('ID')}"
        region = _text_or_none(row.get(geo))
        period = _text_or_none(row.get(time)) if time else None
        for key in keys:
            value = row.get(key)
            cells["ref"].append(ref)
            cells["region_raw"].append(region)
            cells["period_raw"].append(period)
            cells["topic_key"].append(key)
            cells["value_raw"].append(None if value is None else _number_text(value))
    db.execute(empty_cells_sql())
    register_frame(db, "cells_in", cells_frame(cells))
    db.execute("INSERT INTO cells SELECT * FROM cells_in")
    report.counts["rows"] = len(rows)
    return geo, time


#: The cbs_odata_v3 loader.
V3 = FormatLoader(FORMAT="cbs_odata_v3", looks_like=looks_like_v3, load=load_v3)
