"""Tests for bw.plausibility: the rules per unit and indicator, and the issues with their lines."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa
import pytest

from bw.model import Aggregation, Direction, Indicator
from bw.plausibility import check_plausibility, rules_for, unit_rule
from bw.report import ValidationReport

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("unit", "low", "high"),
    [
        ("%", 0, 100),
        ("procent", 0, 100),
        ("in % van inwoners 15 jaar of ouder", 0, 100),
        ("score (1–4)", 1, 4),
        ("score (0-10)", 0, 10),
        ("rapportcijfer", 1, 10),
        ("aantal", 0, None),
        ("per 1.000 inwoners", 0, None),
        ("km", 0, None),
        ("jaar", 0, None),
        ("ton CO2-eq per inwoner", 0, None),
        ("m² per inwoner", 0, None),
    ],
)
def test_units_that_bound_their_values(unit, low, high):
    rule = unit_rule(unit)
    assert (rule.low, rule.high) == (low, high)


@pytest.mark.parametrize(
    "unit", ["euro", "euro per inwoner", "%-punt", "index (2015=100)", "", None, "mutatie in %"]
)
def test_units_that_say_nothing_about_the_range(unit):
    assert unit_rule(unit) is None


def catalogue(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "unit", "value_min", "value_max"])


def observations(rows, *, lines=True) -> pa.Table:
    columns = {
        "indicator_id": [r[0] for r in rows],
        "region_code": ["GM0363"] * len(rows),
        "period": [r[1] for r in rows],
        "year": [int(r[1][:4]) for r in rows],
        "value": [r[2] for r in rows],
        "ci_low": [None] * len(rows),
        "ci_high": [None] * len(rows),
        "status": ["definitief"] * len(rows),
        "missing_reason": [None if r[2] is not None else "leeg in bron" for r in rows],
    }
    if lines:
        columns["line"] = list(range(2, len(rows) + 2))
    return pa.table(columns)


def found(report: ValidationReport) -> list[tuple[str, str, int | None]]:
    return [(str(i.severity), i.code, i.line) for i in report.issues]


def test_the_catalogue_range_overrides_the_unit():
    rules = rules_for(
        catalogue(
            ("a.share", "%", None, None),
            ("a.energy", "%", 0.0, None),
            ("a.life", "jaar", 40.0, 110.0),
        )
    )
    assert (rules["a.share"].low, rules["a.share"].high) == (0, 100)
    assert (rules["a.energy"].low, rules["a.energy"].high) == (0, None)
    assert (rules["a.life"].low, rules["a.life"].high) == (40, 110)


def test_impossible_values_are_errors_with_their_lines():
    report = ValidationReport()
    check_plausibility(
        observations(
            [
                ("a.share", "2022", -5.0),
                ("a.share", "2023", 250.0),
                ("a.share", "2024", None),
                ("a.energy", "2022", 140.0),
                ("a.life", "2022", 30.0),
                ("a.life", "2023", 81.5),
            ]
        ),
        catalogue(
            ("a.share", "%", None, None),
            ("a.energy", "%", 0.0, None),
            ("a.life", "jaar", 40.0, 110.0),
        ),
        report,
        today=TODAY,
    )
    assert found(report) == [
        ("error", "implausible_value", 2),
        ("error", "implausible_value", 3),
        ("error", "implausible_value", 6),
    ]
    assert "the catalogue's range for this indicator (40–110)" in report.issues[-1].message


def test_periods_between_1900_and_next_year():
    report = ValidationReport()
    check_plausibility(
        observations(
            [
                ("a.share", "0001", 5.0),
                ("a.share", "1899", 5.0),
                ("a.share", "1900", 5.0),
                ("a.share", "2026MM12", 5.0),
                ("a.share", "2027", 5.0),
                ("a.share", "2027KW01", 5.0),
                ("a.share", "2028", 5.0),
                ("a.share", "2031", 5.0),
            ]
        ),
        catalogue(("a.share", "%", None, None)),
        report,
        today=TODAY,
    )
    assert found(report) == [
        ("error", "implausible_period", 2),
        ("error", "implausible_period", 3),
        ("error", "implausible_period", 8),
        ("error", "implausible_period", 9),
        ("warning", "future_period", 6),
        ("warning", "future_period", 7),
    ]


def test_json_sources_have_no_lines_but_name_the_value():
    report = ValidationReport()
    check_plausibility(
        observations([("a.count", "2022", -1.0)], lines=False),
        catalogue(("a.count", "aantal", None, None)),
        report,
        today=TODAY,
    )
    [issue] = report.issues
    assert (issue.code, issue.line) == ("implausible_value", None)
    assert issue.message.startswith("a.count × GM0363 × 2022: value -1 is below")


def test_rules_of_indicators_the_load_creates_are_warnings():
    new = Indicator(
        "te_classificeren.groei",
        "Groei",
        "Groei",
        "",
        "",
        "%",
        1,
        Direction.NEUTRAL,
        Aggregation.NONE,
        "CBS",
        (),
    )
    report = ValidationReport()
    check_plausibility(
        observations([("te_classificeren.groei", "2022", -0.4)]),
        catalogue(),
        report,
        new_indicators=[new],
        today=TODAY,
    )
    assert found(report) == [("warning", "unlikely_value", 2)]


def test_many_issues_are_listed_up_to_fifty_and_counted():
    report = ValidationReport()
    check_plausibility(
        observations([("a.share", str(1950 + i), -1.0) for i in range(70)]),
        catalogue(("a.share", "%", None, None)),
        report,
        today=TODAY,
    )
    assert len(report.issues) == 51
    assert report.issues[-1].message == "… and 20 more values like this"
