"""Reading the files of a CBS download: CSV and JSON rows, wide CSV tables, checksums."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from bw.loaders.common import (
    MAX_ISSUES_PER_CODE,
    FileFacts,
    check_size,
    detect_encoding,
)
from bw.loaders.topics import Topic
from bw.report import ValidationReport
from bw.sandbox import Sandbox, register_frame

#: One row of a CBS metadata file or OData page: field name → JSON value.
Row = dict[str, Any]

# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def checksum_of_files(paths: Iterable[Path]) -> str:
    """One sha256 over several files (name and content), for a folder-shaped source."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\n")
    return digest.hexdigest()


def natural_key(path: Path) -> tuple[int | str, ...]:
    """Sort key so that page-10 follows page-9."""
    return tuple(
        int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)
    )


def find_file(folder: Path, *names: str) -> Path | None:
    """The first file of the folder whose name equals one of ``names`` (ignoring case)."""
    if not folder.is_dir():
        return None
    by_name = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for name in names:
        if name.lower() in by_name:
            return by_name[name.lower()]
    return None


def check_text_encoding(
    path: Path, report: ValidationReport, *, expected: str, facts: FileFacts | None = None
) -> str | None:
    """'utf-8' or 'latin-1' for a text download; None (with an error) for UTF-16 or binary.

    ``expected`` is what CBS writes for this format ('utf-8' for current downloads,
    'latin-1' for classic StatLine); anything else that still decodes is a warning.
    """
    if facts is not None and facts.path == Path(path):
        head = facts.head
    else:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in head:
        report.error(
            "wrong_encoding",
            "the file is UTF-16 or binary, not a CSV text file "
            "(save it as CSV UTF-8, or download it again from StatLine)",
        )
        return None
    encoding = detect_encoding(path, report, facts=facts)
    if not report.ok:
        return None
    if encoding != expected and expected == "utf-8":
        report.warning(
            "unexpected_encoding",
            "this download is normally UTF-8, but the file is not valid UTF-8; it is "
            "read as Windows-1252/Latin-1 (was it re-saved by a spreadsheet?)",
        )
    return encoding


def read_csv_rows(path: Path, report: ValidationReport, *, max_bytes: int) -> list[Row] | None:
    """The rows of a small metadata CSV (DataProperties.csv, RegioS.csv) as dicts."""
    if not check_size(path, report, max_bytes=max_bytes):
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        report.error(
            "malformed_csv",
            f"{path.name}: {error}",
            variant="file",
            file=path.name,
            error=str(error),
        )
        return None


def read_json(path: Path, report: ValidationReport, *, max_bytes: int) -> Any:
    """A saved API response, or None with a ``malformed_json`` error naming the file."""
    if not check_size(path, report, max_bytes=max_bytes):
        return None
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        report.error(
            "malformed_json",
            f"{path.name} is not valid JSON: {error}",
            file=path.name,
            error=str(error),
        )
        return None
    except RecursionError:  # an OData page is three levels deep; this is no saved response
        report.error(
            "malformed_json",
            f"{path.name} nests arrays or objects too deeply to be a saved OData response",
            variant="too_deep_file",
            file=path.name,
        )

        return None


def json_rows(data: Any, path: Path, report: ValidationReport) -> list[Row] | None:
    """The ``value`` rows of an OData response (or a bare list of rows)."""
    rows = data.get("value") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        report.error(
            "malformed_json",
            f"{path.name} has no list of rows under 'value' (not an OData response)",
            variant="no_rows",
            file=path.name,
        )
        return None
    return rows


def read_wide_csv(
    db: Sandbox,
    path: Path,
    report: ValidationReport,
    *,
    delimiter: str,
    encoding: str,
    n_columns: int,
) -> bool:
    """Read a CSV with a header into ``raw`` (c0, c1, … as text, plus ``line``).

    Rows with too few or too many fields, or an unterminated quote (a cut-off download), are
    reported as ``malformed_csv`` with their line; the whole file is read before deciding.
    """
    columns = {f"c{i}": "VARCHAR" for i in range(n_columns)}
    try:
        db.execute(
            "CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS line, * FROM read_csv(?, "
            "delim = ?, header = true, quote = '\"', escape = '\"', encoding = ?, columns = ?, "
            "strict_mode = true, null_padding = false, auto_detect = false, "
            "store_rejects = true, max_line_size = 4194304)",
            [str(path.resolve()), delimiter, encoding, columns],
        )
    except duckdb.Error as error:
        report.error(
            "malformed_csv",
            " ".join(str(error).split("\n")[:3]).strip(),
            error=" ".join(str(error).split("\n")[:3]).strip(),
        )
        return False
    rejects = db.execute(
        "SELECT line, error_type, error_message FROM reject_errors ORDER BY line"
    ).fetchall()
    for line, kind, message in rejects[:MAX_ISSUES_PER_CODE]:
        cut = "unterminated" in str(message).lower()
        report.error(
            "malformed_csv",
            f"{'the line is cut off (unterminated quote)' if cut else message} "
            f"[{str(kind).lower()}]",
            line=int(line),
            **({"variant": "cut_off"} if cut else {"error": f"{message} [{str(kind).lower()}]"}),
        )
    if len(rejects) > MAX_ISSUES_PER_CODE:
        report.more("error", "malformed_csv", len(rejects) - MAX_ISSUES_PER_CODE)
    return not rejects


def unpivot_cells(
    db: Sandbox,
    *,
    region_col: str,
    period_col: str | None,
    fixed_period: str | None,
    topic_cols: dict[str, str],
) -> None:
    """Turn ``raw`` (one row per region and period) into ``cells`` (one row per value)."""
    register_frame(
        db,
        "topic_columns",
        pd.DataFrame(
            {"col": list(topic_cols), "topic_key": list(topic_cols.values())}, dtype="object"
        ),
    )
    period = period_col if period_col else "CAST(? AS VARCHAR)"
    names = ", ".join(topic_cols)
    db.execute(
        f"CREATE TABLE cells AS WITH wide AS (SELECT line, {region_col} AS region_raw, "
        f"{period} AS period_raw, {names} FROM raw) "
        f"SELECT u.line::INTEGER AS line, NULL::VARCHAR AS ref, u.region_raw, u.period_raw, "
        f"t.topic_key, u.value_raw, NULL::VARCHAR AS attribute "
        f"FROM (SELECT * FROM wide UNPIVOT INCLUDE NULLS (value_raw FOR col IN ({names}))) u "
        f"JOIN topic_columns t USING (col) ORDER BY u.line",
        [fixed_period] if not period_col else [],
    )


def parents_from_text_topics(db: Sandbox, topics: Sequence[Topic]) -> dict[str, dict[str, object]]:
    """Parent codes and classes of regions from a table's text topics (85067NED style).

    A text topic whose values are all province codes gives ``province_code``, likewise COROP
    and landsdeel codes; the code topics under 'Gemeentegrootte' and 'Stedelijkheid' give the
    size class and urbanity. Only used for regions the load adds.
    """
    text = {t.key: t for t in topics if t.is_text}
    if not text:
        return {}
    register_frame(db, "text_topics", pd.DataFrame({"topic_key": list(text)}, dtype="object"))
    values = db.execute(
        "SELECT upper(trim(region_raw)), topic_key, trim(value_raw) FROM cells "
        "WHERE topic_key IN (SELECT topic_key FROM text_topics) AND trim(value_raw) <> ''"
    ).fetchall()
    by_topic: dict[str, list[tuple[str, str]]] = {}
    for region, key, value in values:
        by_topic.setdefault(key, []).append((region, value))
    parents: dict[str, dict[str, object]] = {}
    for key, pairs in by_topic.items():
        topic = text[key]
        groups = " ".join(topic.path).lower()
        target: str | None = None
        convert: Callable[[str], str | int] = str
        for field_name, pattern in (
            ("province_code", r"PV(2\d|3[01])"),
            ("corop_code", r"CR\d{2}"),
            ("landsdeel_code", r"LD0[1-4]"),
        ):
            if all(re.fullmatch(pattern, v) for _, v in pairs):
                target = field_name
        if target is None and all(v.isdigit() for _, v in pairs):
            if "gemeentegrootte" in groups and all(1 <= int(v) <= 9 for _, v in pairs):
                target, convert = "size_class", int
            elif "stedelijkheid" in groups and all(1 <= int(v) <= 5 for _, v in pairs):
                target, convert = "urbanity", int
        if target is None:
            continue
        for region, value in pairs:
            parents.setdefault(region, {})[target] = convert(value)
    return parents
