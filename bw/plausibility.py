"""Plausibility of a file's observations: values possible in their unit, periods in range.

Run once by :func:`bw.intake.check_file` on every loader's staged observations, after the
loader's own checks, so every format gets the same rules (issue 14):

* ``implausible_value`` (error): outside the indicator's range in the catalogue
  (``value_min``/``value_max``), else outside what its unit allows: a percentage within
  0–100, a score within the range its unit names (``score (1–4)``), no negative count,
  distance, rate per inhabitant or duration. For an indicator the load creates (still to be
  classified) the unit is the source's word only, so a breach is a warning.
* ``implausible_period`` (error): a year before 1900 or after next year.
* ``future_period`` (warning): a period that starts after today (next year, a later month).
* ``unlikely_value`` (warning): a count with a fraction; an indicator in % whose values in
  the file all lie between 0 and 1 (fractions instead of percentages?).

Issues carry the file line of the observation when the loader kept it (a ``line`` column),
as every other check does; JSON sources name the indicator, region and period instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa

from bw.loaders.common import MAX_ISSUES_PER_CODE
from bw.model import Indicator, is_missing
from bw.report import Severity, ValidationReport
from bw.sandbox import Sandbox, close_sandbox, open_sandbox
from bw.store import plausibility as checks

#: The first year a period may have: CBS's oldest regional series start in 1899–1900.
FIRST_YEAR = 1900

_PERCENT = re.compile(r"^(%|procent|percent|percentage)$|^(in )?% (van|of)\b")
_SCORE = re.compile(r"\((\d+(?:[.,]\d+)?)\s*[–—-]\s*(\d+(?:[.,]\d+)?)\)")
_NON_NEGATIVE = re.compile(
    r"^(aantal|per |km|m²|m2|m3|m³|ha\b|kg|ton\b|gj|mj|kwh|mwh|watt|µg|ug|mg|mol|jaar|jaren|"
    r"maanden|weken|dagen|uren|minuten|inwoners|personen|huishoudens|woningen|banen|bedrijven)"
)
_COUNT = re.compile(r"^aantal\b")


@dataclass(frozen=True, slots=True)
class Rule:
    """The possible range of one indicator's values, and where it comes from."""

    low: float | None  # 0.0
    high: float | None  # 100.0
    basis: str  # 'a percentage (unit %)'
    severity: Severity = Severity.ERROR  # a warning for indicators the load creates
    is_count: bool = False  # unit 'aantal': a fraction is unlikely
    is_percent: bool = False  # unit %: all values within 0–1 are unlikely
    #: Where the range comes from, for a translated message: 'catalogue', 'percent', 'mark',
    #: 'score' or 'non_negative' (a unit's rule), 'source_unit' (the unit a source names).
    kind: str = "catalogue"
    unit: str = ""  # '%'


def unit_rule(unit: str | None) -> Rule | None:
    """The range a unit allows, or None when the unit says nothing about it.

    >>> unit_rule("%").low, unit_rule("%").high
    (0.0, 100.0)
    >>> unit_rule("score (1–4)").high, unit_rule("rapportcijfer").low
    (4.0, 1.0)
    >>> unit_rule("per 1.000 inwoners").low, unit_rule("per 1.000 inwoners").high
    (0.0, None)
    >>> unit_rule("euro") is None, unit_rule("%-punt") is None
    (True, True)
    """
    text = " ".join(str(unit or "").casefold().split())
    if not text:
        return None
    if _PERCENT.search(text):
        return Rule(
            0.0,
            100.0,
            f"a percentage (unit {unit})",
            is_percent=True,
            kind="percent",
            unit=str(unit),
        )
    if text == "rapportcijfer":
        return Rule(
            1.0,
            10.0,
            "a report mark from 1 to 10 (unit rapportcijfer)",
            kind="mark",
            unit=str(unit),
        )
    found = _SCORE.search(text)
    if found and ("score" in text or "schaal" in text or "cijfer" in text):
        low, high = (float(x.replace(",", ".")) for x in found.groups())
        return Rule(
            low,
            high,
            f"a score from {low:g} to {high:g} (unit {unit})",
            kind="score",
            unit=str(unit),
        )
    if _NON_NEGATIVE.match(text):
        return Rule(
            0.0,
            None,
            f"never negative (unit {unit})",
            is_count=bool(_COUNT.match(text)),
            kind="non_negative",
            unit=str(unit),
        )
    return None


def rules_for(indicators: pd.DataFrame, new: Iterable[Indicator] = ()) -> dict[str, Rule]:
    """The rule of every indicator: its catalogue range, else its unit's.

    ``indicators`` is :func:`bw.store.read_indicator_catalogue` (``value_min`` and
    ``value_max`` may be absent or empty); ``new`` are the indicators the load creates.
    """
    rules: dict[str, Rule] = {}
    columns = set(indicators.columns)
    for row in indicators.to_dict("records"):
        low = _number(row.get("value_min")) if "value_min" in columns else None
        high = _number(row.get("value_max")) if "value_max" in columns else None
        by_unit = unit_rule(row.get("unit"))
        if low is not None or high is not None:
            rules[row["indicator_id"]] = Rule(
                low,
                high,
                f"the catalogue's range for this indicator ({_range(low, high)})",
                is_count=bool(by_unit and by_unit.is_count),
            )
        elif by_unit is not None:
            rules[row["indicator_id"]] = by_unit
    for indicator in new:
        by_unit = unit_rule(indicator.unit)
        if by_unit is not None:
            rules[indicator.id] = Rule(
                by_unit.low,
                by_unit.high,
                f"{by_unit.basis}, as the source names the unit",
                Severity.WARNING,
                by_unit.is_count,
                by_unit.is_percent,
                "source_unit",
                by_unit.unit,
            )
    return rules


def check_plausibility(
    observations: pa.Table,
    indicators: pd.DataFrame,
    report: ValidationReport,
    *,
    new_indicators: Iterable[Indicator] = (),
    today: date | None = None,
) -> None:
    """Add the plausibility issues of staged observations to ``report``.

    ``observations`` has the columns of :data:`bw.model.OBSERVATION_COLUMNS`, and ``line``
    when the loader kept each value's file line. At most ``MAX_ISSUES_PER_CODE`` issues per
    check are listed; the rest are counted.
    """
    today = today or date.today()
    rules = rules_for(indicators, new_indicators)
    db = open_sandbox()  # no file to read: a private, interruptible scratch connection
    try:
        frame = pa.table(
            {
                "indicator_id": pa.array(list(rules), pa.string()),
                "low": pa.array([r.low for r in rules.values()], pa.float64()),
                "high": pa.array([r.high for r in rules.values()], pa.float64()),
                "basis": pa.array([r.basis for r in rules.values()], pa.string()),
                "severity": pa.array([str(r.severity) for r in rules.values()], pa.string()),
                "is_count": pa.array([r.is_count for r in rules.values()], pa.bool_()),
                "is_percent": pa.array([r.is_percent for r in rules.values()], pa.bool_()),
                "kind": pa.array([r.kind for r in rules.values()], pa.string()),
                "unit": pa.array([r.unit for r in rules.values()], pa.string()),
            }
        )
        checks.stage_checks(db, observations, frame)
        _check_periods(db, report, today=today)
        _check_values(db, report)
    finally:
        close_sandbox(db)


def _check_periods(db: Sandbox, report: ValidationReport, *, today: date) -> None:
    last = today.year + 1
    _report(
        report,
        Severity.ERROR,
        "implausible_period",
        checks.find_years_outside(db, first=FIRST_YEAR, last=last, limit=MAX_ISSUES_PER_CODE),
        lambda r: (
            f"{_key(r)}: period {r['period']} is not a year between {FIRST_YEAR} and "
            f"{last} (next year)"
        ),
        lambda r: {"key": _key(r), "value": r["period"], "low": FIRST_YEAR, "high": last},
    )
    _report(
        report,
        Severity.WARNING,
        "future_period",
        checks.find_future_periods(
            db, first=FIRST_YEAR, last=last, today=today, limit=MAX_ISSUES_PER_CODE
        ),
        lambda r: (
            f"{_key(r)}: period {r['period']} starts after today "
            f"({today.isoformat()}); it becomes the latest value of this indicator"
        ),
        lambda r: {"key": _key(r), "value": r["period"], "today": today.isoformat()},
    )


def _check_values(db: Sandbox, report: ValidationReport) -> None:
    for severity in (Severity.ERROR, Severity.WARNING):
        _report(
            report,
            severity,
            "implausible_value" if severity == Severity.ERROR else "unlikely_value",
            checks.find_values_outside(db, severity=str(severity), limit=MAX_ISSUES_PER_CODE),
            _outside_text,
            _outside_params,
        )
    _report(
        report,
        Severity.WARNING,
        "unlikely_value",
        checks.find_count_fractions(db, limit=MAX_ISSUES_PER_CODE),
        lambda r: (
            f"{_key(r)}: value {_number_text(r['value'])} is a count with a "
            "fraction; is the decimal separator right?"
        ),
        lambda r: {"variant": "count_fraction", "key": _key(r), "value": r["value"]},
    )
    for indicator, count, first in checks.find_fraction_percentages(db):
        report.warning(
            "unlikely_value",
            f"all {count} values of {indicator} in the file lie "
            "between 0 and 1, but its unit is %: are they fractions (0.045) instead "
            "of percentages (4.5)?",
            line=first,
            variant="fractions",
            count=count,
            indicator=indicator,
        )


def _report(
    report: ValidationReport,
    severity: Severity,
    code: str,
    found: checks.Found,
    message: Callable[[dict[str, Any]], str],
    params: Callable[[dict[str, Any]], dict[str, object]],
) -> None:
    """One issue per observation a check found: ``message(row)`` in English for the command
    line, ``params(row)`` the parts of its translation (variant, key, value, …)."""
    total, rows = found
    for row in rows:
        report.add(severity, code, message(row), line=row["line"], **params(row))
    if total > MAX_ISSUES_PER_CODE:
        report.more(severity, code, total - MAX_ISSUES_PER_CODE, what="values")


def _outside_text(row: dict[str, Any]) -> str:
    below = row["low"] is not None and row["value"] < row["low"]
    return (
        f"{_key(row)}: value {_number_text(row['value'])} is "
        f"{'below' if below else 'above'} what is possible: {row['basis']}"
    )


def _outside_params(row: dict[str, Any]) -> dict[str, object]:
    """The parts of :func:`_outside_text` for a translated message.

    >>> _outside_params({"indicator_id": "a.b", "region_code": "GM0363", "period": "2023",
    ...                  "value": 120.0, "low": 0.0, "high": 100.0, "kind": "percent",
    ...                  "unit": "%"})["variant"]
    'percent_above'
    """
    below = row["low"] is not None and row["value"] < row["low"]
    return {
        "variant": f"{row['kind']}_{'below' if below else 'above'}",
        "key": _key(row),
        "value": row["value"],
        "low": row["low"],
        "high": row["high"],
        "unit": row["unit"],
    }


def _key(row: dict[str, Any]) -> str:
    return f"{row['indicator_id']} × {row['region_code']} × {row['period']}"


def _number(value: float | None) -> float | None:
    if value is None or is_missing(value):
        return None
    return float(value)


def _number_text(value: float) -> str:
    return f"{value:g}"


def _range(low: float | None, high: float | None) -> str:
    """'0–100', 'at least 0', 'at most 10'.

    >>> _range(0.0, 100.0), _range(0.0, None), _range(None, 10.0)
    ('0–100', 'at least 0', 'at most 10')
    """
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"
