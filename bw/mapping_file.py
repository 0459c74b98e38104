"""An explicit mapping file: ``source_key,indicator_id``, one source topic, column or label a line.

``source_key`` is what the source calls a series (a CBS topic key or title, a waarstaatjegemeente
column, a monitor label); ``indicator_id`` is the catalogue indicator it fills. The loaders'
topic mapping gives an entry here priority over matching by id, title and unit.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bw.report import ValidationReport

#: The header of a mapping file.
COLUMNS = ("source_key", "indicator_id")
#: A mapping file is a short list; anything larger is not one.
MAX_BYTES = 5 * 1024 * 1024


def load_mapping(
    path: Path, *, indicator_ids: set[str], report: ValidationReport
) -> dict[str, str]:
    """The mapping in a file, checked against the catalogue; every problem goes to ``report``.

    Issues name the mapping file and its line in the message (``koppel.csv:3``), because the
    report's own line numbers belong to the data file.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        report.error("mapping_not_found", f"mapping file {path} does not exist", file=name)
        return {}
    if path.stat().st_size > MAX_BYTES:
        report.error(
            "mapping_too_large",
            f"mapping file {name} is larger than 5 MB",
            file=name,
            limit_mb=round(MAX_BYTES / 1e6),
        )
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        report.error("mapping_encoding", f"mapping file {name} is not UTF-8 text", file=name)
        return {}
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if header != list(COLUMNS):
        report.error(
            "mapping_bad_header",
            f"{name}:1: the header must be "
            f"{','.join(COLUMNS)} (found {','.join(header) or 'nothing'})",
            file=name,
            expected=",".join(COLUMNS),
            found=",".join(header) or "–",
        )
        return {}
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            report.error(
                "mapping_bad_row",
                f"{name}:{line}: expected 2 cells, found {len(row)}",
                file=name,
                row=line,
                fields=len(row),
            )
            continue
        key, indicator = row[0].strip(), row[1].strip()
        if not key or not indicator:
            report.error(
                "mapping_missing_field",
                f"{name}:{line}: source_key and indicator_id are both required",
                file=name,
                row=line,
            )
        elif indicator not in indicator_ids:
            report.error(
                "mapping_unknown_indicator",
                f"{name}:{line}: indicator {indicator!r} is not in the catalogue",
                file=name,
                row=line,
                indicator=indicator,
            )
        elif key in mapping and mapping[key] != indicator:
            report.error(
                "mapping_duplicate_key",
                f"{name}:{line}: {key!r} maps to "
                f"{mapping[key]!r} on line {first_line[key]} already",
                file=name,
                row=line,
                key=key,
                indicator=mapping[key],
                first_line=first_line[key],
            )

        else:
            mapping[key] = indicator
            first_line.setdefault(key, line)
    if report.ok:
        report.detected["mapping"] = f"{name} ({len(mapping)} entries)"
    return mapping
