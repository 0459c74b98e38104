"""Streefwaarden: validating, setting, retracting and restoring targets, and targets as CSV.

A target is never overwritten: every change appends a version to the ``targets`` table, and
``current_targets`` shows the newest one per region x indicator (a retraction hides it). The CSV
round trip ``export_targets`` -> ``read_targets_file`` -> ``import_targets`` changes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from bw import store
from bw.auth import Actor, Permission, require
from bw.export import FORMULA_PREFIXES, neutralise_cell
from bw.loaders.common import DEFAULT_MAX_BYTES, check_size, detect_delimiter, detect_encoding
from bw.model import Target, is_missing
from bw.report import Issue, Severity, ValidationReport
from bw.store import targets as targets_store

#: The columns of a targets CSV, in this order.
COLUMNS = (
    "region",
    "indicator",
    "minimum",
    "ambition",
    "ceiling",
    "target_year",
    "baseline_year",
    "rationale",
    "source",
)
#: Fields of a target that make a version differ from the one before.
FIELDS = ("minimum", "ambition", "ceiling", "target_year", "baseline_year", "rationale", "source")
#: Years a target may name (a typo such as 203 or 20300 is refused).
YEAR_RANGE = (2000, 2100)
#: Where a source usually comes from (the page offers these; the CSV accepts any text).
SOURCES = ("coalitieakkoord", "programmabegroting", "raadsbesluit", "anders")
#: The source and rationale of the example streefwaarden bw ships with a store of real data
#: (no council's own targets exist there): every verdict that uses one says it is an example.
EXAMPLE_TARGET_SOURCE = "voorbeeld (bw)"
EXAMPLE_TARGET_RATIONALE = "voorbeeld, niet vastgesteld door de gemeente"

#: Plausible ranges per unit: (lowest, highest); None = no bound.
_UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "rapportcijfer": (1.0, 10.0),
    "score (0–10)": (0.0, 10.0),
    "score (0-10)": (0.0, 10.0),
}
#: Units of counts, money and physical quantities: never below zero.
_NON_NEGATIVE_PREFIXES = (
    "aantal",
    "euro",
    "per ",
    "kg",
    "ton",
    "gj",
    "km",
    "jaar",
    "mol",
    "µg",
    "ha",
    "inwoners",
)


def is_example_target(source: str | None) -> bool:
    """Whether a target with this ``source`` is one of bw's examples, not set by the council.

    >>> is_example_target(EXAMPLE_TARGET_SOURCE)
    True
    >>> is_example_target("coalitieakkoord 2022-2026"), is_example_target(None)
    (False, False)
    """
    return isinstance(source, str) and source.strip() == EXAMPLE_TARGET_SOURCE


def _error(code: str, message: str, **params: object) -> Issue:
    return Issue(Severity.ERROR, code, None, message, params)


def _fmt(value: float) -> str:
    return f"{value:g}"


def unit_range(unit: str) -> tuple[float | None, float | None]:
    """The plausible (low, high) of a value in ``unit``; None where unbounded.

    >>> unit_range("%")
    (0.0, 100.0)
    >>> unit_range("euro per inwoner")
    (0.0, None)
    >>> unit_range("index")
    (None, None)
    """
    if unit in _UNIT_RANGES:
        return _UNIT_RANGES[unit]
    if unit.strip().lower().startswith(_NON_NEGATIVE_PREFIXES):
        return (0.0, None)
    return (None, None)


def validate_target(
    target: Target, *, direction: str, unit: str, latest_value: float | None = None
) -> list[Issue]:
    """Every problem of one target for an indicator with this good direction and unit.

    Errors block saving; an ``info`` issue (``direction_implied``) only says which way a
    target of a neutral indicator points. Codes are stable: ``empty_target``,
    ``direction_mismatch``, ``ceiling_order``, ``implausible_value``, ``year_order``,
    ``bad_year``.

    >>> [i.code for i in validate_target(Target("GM0001", "a.b", 40.0, 30.0),
    ...                                  direction="up", unit="%")]
    ['direction_mismatch']
    >>> validate_target(Target("GM0001", "a.b", 30.0, 40.0), direction="up", unit="%")
    []
    """
    issues: list[Issue] = []
    minimum, ambition, ceiling = target.minimum, target.ambition, target.ceiling
    if minimum is None and ambition is None and ceiling is None:
        issues.append(_error("empty_target", "set at least one of minimum, ambition, ceiling"))
    if minimum is not None and ambition is not None:
        if direction == "up" and ambition < minimum:
            issues.append(
                _error(
                    "direction_mismatch",
                    f"higher is better, so the ambition ({_fmt(ambition)}) cannot be below the "
                    f"minimum ({_fmt(minimum)})",
                    variant="up",
                    ambition=ambition,
                    minimum=minimum,
                )
            )
        elif direction == "down" and ambition > minimum:
            issues.append(
                _error(
                    "direction_mismatch",
                    f"lower is better, so the ambition ({_fmt(ambition)}) cannot be above the "
                    f"minimum ({_fmt(minimum)})",
                    variant="down",
                    ambition=ambition,
                    minimum=minimum,
                )
            )
        elif direction not in ("up", "down") and ambition != minimum:
            way = "higher" if ambition > minimum else "lower"
            issues.append(
                Issue(
                    Severity.INFO,
                    "direction_implied",
                    None,
                    f"the indicator is neutral; an ambition {way} than the minimum treats "
                    f"{way} as better for this target",
                    {"variant": "higher" if ambition > minimum else "lower"},
                )
            )

    if ceiling is not None:
        for name, value in (("minimum", minimum), ("ambition", ambition)):
            if value is not None and ceiling < value:
                issues.append(
                    _error(
                        "ceiling_order",
                        f"the ceiling ({_fmt(ceiling)}) is an upper limit and cannot be below the "
                        f"{name} ({_fmt(value)})",
                        ceiling=ceiling,
                        role=name,
                        value=value,
                    )
                )
    low, high = unit_range(unit)
    for name, value in (("minimum", minimum), ("ambition", ambition), ("ceiling", ceiling)):
        if value is None:
            continue
        if (
            not math.isfinite(value)
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            if low is not None and high is not None:
                bounds = f"{_fmt(low)} to {_fmt(high)}"
            elif low is not None:
                bounds = f"at least {_fmt(low)}"
            elif high is not None:
                bounds = f"at most {_fmt(high)}"
            else:  # an unbounded unit: only an infinite or NaN value gets here
                bounds = "a finite number"
            issues.append(
                _error(
                    "implausible_value",
                    f"{name} {_fmt(value)} is not plausible in {unit!r} ({bounds})",
                    variant=(
                        "range"
                        if low is not None and high is not None
                        else "at_least"
                        if low is not None
                        else "at_most"
                        if high is not None
                        else "finite"
                    ),
                    role=name,
                    value=value,
                    unit=unit,
                    low=low,
                    high=high,
                )
            )

    for name, year in (
        ("target_year", target.target_year),
        ("baseline_year", target.baseline_year),
    ):
        if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            issues.append(
                _error(
                    "bad_year",
                    f"{name} {year} is outside {YEAR_RANGE[0]}–{YEAR_RANGE[1]}",
                    variant="range",
                    role=name,
                    value=year,
                    low=YEAR_RANGE[0],
                    high=YEAR_RANGE[1],
                )
            )
    if (
        target.target_year is not None
        and target.baseline_year is not None
        and target.target_year <= target.baseline_year
    ):
        issues.append(
            _error(
                "year_order",
                f"the target year ({target.target_year}) must come "
                f"after the baseline year ({target.baseline_year})",
                target_year=target.target_year,
                baseline_year=target.baseline_year,
            )
        )
    return issues


# --- the store --------------------------------------------------------------------------------


def check_target(con: duckdb.DuckDBPyConnection, target: Target) -> list[Issue]:
    """:func:`validate_target` against the store: the region and indicator must exist."""
    meta = targets_store.read_indicator_rules(con).get(target.indicator_id)
    issues = []
    if target.region_code not in targets_store.read_region_codes(con):
        issues.append(
            _error(
                "unknown_region",
                f"region {target.region_code!r} is not known",
                region=target.region_code,
            )
        )
    if meta is None:
        issues.append(
            _error(
                "unknown_indicator",
                f"indicator {target.indicator_id!r} is not known",
                indicator=target.indicator_id,
            )
        )
        return issues
    latest = targets_store.read_latest_value(con, target.region_code, target.indicator_id)
    return issues + validate_target(
        target, direction=meta[0], unit=meta[1], latest_value=None if latest is None else latest[0]
    )


def read_current_target(
    con: duckdb.DuckDBPyConnection, region: str, indicator: str
) -> Target | None:
    """The current target of one region x indicator, or None."""
    return targets_store.read_current_target(con, region, indicator)


def _next_set_at(con: duckdb.DuckDBPyConnection, region: str, indicator: str) -> datetime:
    """Now, or the newest version's time when the clock is behind it (ties go by id)."""
    last = targets_store.read_newest_set_at(con, region, indicator)
    now = datetime.now()
    return max(now, last) if last is not None else now


def _append(
    con: duckdb.DuckDBPyConnection, target: Target, *, set_by: str, retracted: bool = False
) -> None:
    set_at = _next_set_at(con, target.region_code, target.indicator_id)
    if not retracted:
        store.write_targets(con, [target], set_by=set_by, set_at=set_at)
        return
    targets_store.insert_retraction(con, target, set_by=set_by, set_at=set_at)


#: The rights under which a streefwaarde may be written: editing it directly, or adopting a
#: finalised workshop's proposals (facilitators may do the latter, not the former).
TARGET_PERMISSIONS = (Permission.EDIT_TARGETS, Permission.ADOPT_WORKSHOP_TARGETS)


def _require_who(actor: Actor, permission: Permission = Permission.EDIT_TARGETS) -> str:
    """The name to record for ``actor``, after checking it holds ``permission``."""
    if permission not in TARGET_PERMISSIONS:
        raise ValueError(f"{permission} does not grant writing streefwaarden")
    require(actor, permission)
    if not actor.name or not actor.name.strip():
        raise ValueError("say who sets the target (actor.name)")
    return actor.name.strip()


def set_target(
    con: duckdb.DuckDBPyConnection,
    target: Target,
    *,
    actor: Actor,
    reason: str | None = None,
    permission: Permission = Permission.EDIT_TARGETS,
) -> None:
    """Validate a target and append it as the newest version; ValueError with the messages.

    Raises :class:`~bw.auth.PermissionDenied` (nothing written) unless ``actor`` holds
    ``permission`` (one of :data:`TARGET_PERMISSIONS`); the version records ``actor.name``
    as ``set_by``.

    ``reason`` (why it changed) becomes the rationale when given; a target without a rationale
    keeps the previous version's.
    """
    who = _require_who(actor, permission)
    errors = [i for i in check_target(con, target) if i.severity == Severity.ERROR]
    if errors:
        raise ValueError("; ".join(f"{i.code}: {i.message}" for i in errors))
    rationale = reason.strip() if reason and reason.strip() else target.rationale
    if rationale is None:
        previous = read_current_target(con, target.region_code, target.indicator_id)
        # A council's own target replacing an example must not inherit "voorbeeld, niet …".
        keep = previous is not None and not is_example_target(previous.source)
        rationale = previous.rationale if keep and previous is not None else None
    _append(con, dataclasses.replace(target, rationale=rationale), set_by=who)


def retract_target(
    con: duckdb.DuckDBPyConnection, region: str, indicator: str, *, actor: Actor
) -> None:
    """Withdraw the current target: append a version marked retracted (history stays)."""
    who = _require_who(actor)
    current = read_current_target(con, region, indicator)
    if current is None:
        raise ValueError(f"no current target for {indicator} in {region}")
    _append(con, current, set_by=who, retracted=True)


def read_target_history(
    con: duckdb.DuckDBPyConnection, region: str, indicator: str
) -> pd.DataFrame:
    """Every version of one target, newest first, numbered from 1 (the oldest), with who/when."""
    return targets_store.read_target_history(con, region, indicator)


def restore_target_version(
    con: duckdb.DuckDBPyConnection, target_id: int, *, actor: Actor
) -> Target:
    """Append a copy of an earlier version as the newest one; return it."""
    who = _require_who(actor)
    version = targets_store.read_target_version(con, target_id)
    if version is None:
        raise ValueError(f"no target version with id {target_id}")
    target, retracted = version
    if retracted:
        raise ValueError(f"version {target_id} is a retraction; retract the target instead")
    _append(con, target, set_by=who)
    return target


# --- reference points -------------------------------------------------------------------------


def _point(value: Any, year: Any, **extra: object) -> dict[str, Any] | None:
    if is_missing(value):
        return None
    return {"value": float(value), "year": int(year), **extra}


def reference_points(
    con: duckdb.DuckDBPyConnection, region_code: str, indicator_id: str
) -> dict[str, dict[str, Any] | None]:
    """What a council can hold a target against (shown, never imposed), each with its year.

    Keys: ``current`` (the region's latest value), ``nl``, ``province``, ``peer_median``
    (median of the gemeenten of the same size class and urbanity in the latest ranking; its
    ``method`` says so) and ``best_quartile`` (the value at rank ⌈n/4⌉ of the latest ranking of
    the region's level). A point is None when it does not apply or has no value.
    """
    region = store.read_region(con, region_code)
    if region is None:
        raise ValueError(f"region {region_code!r} is not known")
    points: dict[str, dict[str, Any] | None] = dict.fromkeys(
        ("current", "nl", "province", "peer_median", "best_quartile")
    )
    row: tuple[float | None, int | None] | None = targets_store.read_latest_value(
        con, region_code, indicator_id
    )
    if row is None and region.level == "group":
        from bw import monitor  # only groups need the population-weighted aggregate

        item = monitor.assess_region(con, region_code).item(indicator_id)
        if item is not None and item.value is not None:
            row = (item.value, item.period)
    if row is not None:
        points["current"] = _point(row[0], row[1])
    year = row[1] if row is not None else None
    province = region.province_code if region.level not in ("NL", "LD", "PV") else None
    refs = store.read_references(
        con, province_code=province, peer_key=None, indicator_ids=[indicator_id]
    )
    for kind, key in (("NL", "nl"), ("PV", "province")):
        series = refs[refs["kind"] == kind]
        if series.empty:
            continue
        same = series[series["year"] == year] if year is not None else series.iloc[0:0]
        chosen = same.iloc[-1] if not same.empty else series.iloc[-1]
        extra = {"code": province} if kind == "PV" else {}
        points[key] = _point(chosen["value"], chosen["year"], **extra)
    if region.level in ("NL", "group"):
        return points
    ranking = store.read_ranking(con, indicator_id, level=region.level)
    if ranking.empty:
        return points
    n = int(ranking["n"].iloc[0])
    rank_at = math.ceil(n / 4)
    points["best_quartile"] = _point(
        ranking["value"].iloc[rank_at - 1], ranking["year"].iloc[0], rank=rank_at, n=n
    )
    if region.level == "GM" and region.size_class is not None and region.urbanity is not None:
        peers = ranking[
            (ranking["size_class"] == region.size_class) & (ranking["urbanity"] == region.urbanity)
        ]
        if not peers.empty:
            points["peer_median"] = _point(
                peers["value"].median(),
                ranking["year"].iloc[0],
                n=len(peers),
                method=f"median of {len(peers)} gemeenten with size class {region.size_class} "
                f"and urbanity {region.urbanity}",
            )
    return points


# --- CSV --------------------------------------------------------------------------------------


def _number_text(value: Any) -> str:
    """A number for the Dutch CSV: exact (round trip) with a decimal comma; '' for none."""
    if is_missing(value):
        return ""
    value = float(value)
    text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return text.replace(".", ",")


def _text(value: object) -> str:
    if is_missing(value):
        return ""
    return str(neutralise_cell(str(value)))


def export_targets(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write every current target as a ';'-separated CSV with decimal commas; return how many.

    UTF-8 with a byte order mark and minimal quoting, so Excel (nl) opens it as is; text that
    a spreadsheet would run as a formula is neutralised.
    """
    current = targets_store.read_all_current_targets(con)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for target in current:
        writer.writerow(
            [
                _text(target.region_code),
                _text(target.indicator_id),
                _number_text(target.minimum),
                _number_text(target.ambition),
                _number_text(target.ceiling),
                _number_text(target.target_year),
                _number_text(target.baseline_year),
                _text(target.rationale),
                _text(target.source),
            ]
        )
    Path(path).write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return len(current)


_GROUPED_COMMA = re.compile(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?")


def _parse_number(cell: str, decimal: str) -> float:
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if decimal == ",":
        if "." in text:
            if not _GROUPED_COMMA.fullmatch(text):
                raise ValueError(cell)
            text = text.replace(".", "")
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value


def _unneutralise(text: str) -> str:
    """Undo :func:`neutralise_cell` so an exported rationale reads back unchanged."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def read_targets_file(
    con: duckdb.DuckDBPyConnection, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Target], ValidationReport]:
    """Parse and validate a targets CSV as a whole; the report has line-numbered issues."""
    report = ValidationReport(format="targets_csv")
    path = Path(path)
    if not path.is_file():
        report.error("not_found", f"{path} is not a file", file=path.name)
        return [], report
    if not check_size(path, report, max_bytes=max_bytes):
        return [], report
    encoding = detect_encoding(path, report)
    text = path.read_text(encoding="utf-8-sig" if encoding == "utf-8" else encoding)
    delimiter = detect_delimiter(text.split("\n", 1)[0].rstrip("\r"), report)
    if delimiter is None:
        return [], report
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        line = 1
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        report.error("malformed_csv", str(error), line=reader.line_num, error=str(error))
        return [], report
    header = [cell.strip().lower() for cell in rows[0][1]]
    missing = [c for c in COLUMNS if c not in header]
    for column in missing:
        report.error(
            "missing_column", f"required column {column!r} is missing", line=1, column=column
        )
    for column in header:
        if column not in COLUMNS:
            report.error(
                "unknown_column",
                f"column {column!r} is not a target field",
                line=1,
                variant="target",
                column=column,
            )
    if not report.ok:
        return [], report
    body = [(n, cells) for n, cells in rows[1:] if any(cell.strip() for cell in cells)]
    if not body:
        report.error("no_rows", "the file has a header but no targets", variant="targets")
        return [], report
    number_cells = [
        cells[header.index(c)]
        for _, cells in body
        if len(cells) == len(header)
        for c in ("minimum", "ambition", "ceiling")
    ]
    decimal = "," if any("," in cell for cell in number_cells) else "."
    report.detected["decimal"] = "comma" if decimal == "," else "point"
    meta = targets_store.read_indicator_rules(con)
    regions = targets_store.read_region_codes(con)
    targets: list[Target] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in body:
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
        target = _target_of(record, number, report, decimal=decimal, meta=meta, regions=regions)
        if target is None:
            continue
        key = (target.region_code, target.indicator_id)
        if key in seen:
            report.error(
                "duplicate_target",
                f"{key[0]} x {key[1]} also on line {seen[key]}",
                line=number,
                region=key[0],
                indicator=key[1],
                first_line=seen[key],
            )
            continue
        seen[key] = number
        targets.append(target)
    report.counts["rows"] = len(body)
    if report.ok:
        report.counts["changed"] = sum(1 for t in targets if _differs(con, t))
        report.counts["unchanged"] = len(targets) - report.counts["changed"]
    return targets, report


def _target_of(
    record: dict[str, str],
    line: int,
    report: ValidationReport,
    *,
    decimal: str,
    meta: dict[str, tuple[str, str]],
    regions: set[str],
) -> Target | None:
    before = len(report.issues)
    region, indicator = record["region"], record["indicator"]
    if region not in regions:
        report.error("unknown_region", f"region {region!r} is not known", line=line, region=region)
    if indicator not in meta:
        report.error(
            "unknown_indicator",
            f"indicator {indicator!r} is not known",
            line=line,
            indicator=indicator,
        )
    values: dict[str, Any] = {}
    for column in ("minimum", "ambition", "ceiling"):
        try:
            values[column] = _parse_number(record[column], decimal) if record[column] else None
        except ValueError:
            report.error(
                "not_a_number",
                f"{column} {record[column]!r} is not a number",
                line=line,
                column=column,
                value=record[column],
            )
    for column in ("target_year", "baseline_year"):
        cell = record[column]
        if not cell:
            values[column] = None
        elif re.fullmatch(r"\d{1,4}", cell):
            values[column] = int(cell)
        else:
            report.error(
                "bad_year", f"{column} {cell!r} is not a year", line=line, column=column, value=cell
            )
    if len(report.issues) > before:
        return None
    target = Target(
        region_code=region,
        indicator_id=indicator,
        rationale=_unneutralise(record["rationale"]) or None,
        source=_unneutralise(record["source"]) or None,
        **values,
    )
    direction, unit = meta[indicator]
    for issue in validate_target(target, direction=direction, unit=unit):
        report.add(issue.severity, issue.code, issue.message, line=line, **issue.params)

    if any(issue.severity == Severity.ERROR for issue in report.issues[before:]):
        return None
    return target


def _same(a: object, b: object) -> bool:
    def norm(value: object) -> object:
        if is_missing(value):
            return None
        if isinstance(value, (int, float)):
            return float(value)
        return value

    return bool(norm(a) == norm(b))


def changed_fields(current: Target | None, target: Target) -> tuple[str, ...]:
    """The :data:`FIELDS` in which ``target`` differs from ``current`` (all without a current).

    >>> old = Target("GM0917", "a.b", 3.4, 2.8, target_year=2030)
    >>> changed_fields(old, dataclasses.replace(old, ambition=2.5))
    ('ambition',)
    >>> changed_fields(old, dataclasses.replace(old, minimum=3.4))
    ()
    """
    if current is None:
        return FIELDS
    return tuple(
        name for name in FIELDS if not _same(getattr(target, name), getattr(current, name))
    )


def _differs(con: duckdb.DuckDBPyConnection, target: Target) -> bool:
    current = read_current_target(con, target.region_code, target.indicator_id)
    return bool(changed_fields(current, target))


def import_targets(con: duckdb.DuckDBPyConnection, targets: list[Target], *, actor: Actor) -> int:
    """Append a version for every target that differs from the current one; return how many.

    Run it in the caller's transaction, after :func:`read_targets_file` found no errors.
    Targets absent from the file are left as they are (retract them explicitly).
    """
    who = _require_who(actor)
    changed = [t for t in targets if _differs(con, t)]
    for target in changed:
        _append(con, target, set_by=who)
    return len(changed)
