"""Tests for bw.reports.factsheet: content of the one-page factsheet, escaping, and the CLI verb."""

from __future__ import annotations

import dataclasses
import re
from html import escape

import pytest

from bw import bootstrap, cli, monitor, store
from bw.reports import factsheet
from bw.targets import EXAMPLE_TARGET_SOURCE


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo store path and a reading connection to it."""
    path = tmp_path_factory.mktemp("factsheet") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    connection = store.connect_for_reading(path)
    yield path, connection
    connection.close()


def test_factsheet_has_every_section_and_the_indicators_below_minimum(demo):
    _, con = demo
    assessment = monitor.assess_region(con, "GM0917")
    html = factsheet.build_factsheet(assessment, demo=True)
    for heading in (
        "Per dimensie",
        "Onder het minimum",
        "Grootste verbeteringen",
        "Positie",
        "Bronnen en methode",
    ):
        assert f">{heading}" in html
    assert "Demodata (fictief)" in html
    below = [item.name_nl for item in assessment.items if item.status == "below_minimum"]
    assert below, "the demo has indicators below the minimum in Heerlen"
    for name in below:
        assert name in html
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert not re.search(r'(src|href)="https?://', html), "self-contained: nothing fetched"


def test_factsheet_in_english_without_demo_banner(demo):
    _, con = demo
    html = factsheet.build_factsheet(monitor.assess_region(con, "PV31"), lang="en", demo=False)
    assert 'lang="en"' in html and "Below the minimum" in html
    assert "Demo data" not in html


@pytest.mark.parametrize(
    ("lang", "mark"), [("nl", "(voorbeeld-streefwaarde)"), ("en", "(example target)")]
)
def test_a_verdict_on_an_example_target_is_labelled_an_example(demo, lang, mark):
    _, con = demo
    assessment = monitor.assess_region(con, "GM0917")
    below = next(item for item in assessment.items if item.status == "below_minimum")
    example = dataclasses.replace(below, target_source=EXAMPLE_TARGET_SOURCE)
    items = tuple(example if item is below else item for item in assessment.items)
    html = factsheet.build_factsheet(
        dataclasses.replace(assessment, items=items), lang=lang, demo=True
    )
    name = below.name_en if lang == "en" else below.name_nl
    row = html[html.index(escape(name)) :]
    assert row[: row.index("</tr>")].count(mark) == 1
    assert html.count(mark) == 1, "only the verdict on the example is marked"
    assert ("1 van deze oordelen" if lang == "nl" else "1 of these verdicts") in html
    plain = factsheet.build_factsheet(assessment, lang=lang, demo=True)
    assert mark not in plain


def test_factsheet_escapes_names_from_the_store(demo):
    _, con = demo
    assessment = monitor.assess_region(con, "GM0917")
    hostile = dataclasses.replace(
        assessment, region=dataclasses.replace(assessment.region, name="<script>alert(1)</script>")
    )
    html = factsheet.build_factsheet(hostile, demo=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_neutral_indicators_are_not_called_best_or_worst(demo):
    _, con = demo
    assessment = monitor.assess_region(con, "GM0917")
    html = factsheet.build_factsheet(assessment, demo=True)
    position = html[html.index(">Positie") : html.index(">Bronnen en methode")]
    for item in assessment.items:
        if item.direction == "neutral":
            assert item.name_nl not in position


def test_cli_factsheet_writes_the_file(demo, tmp_path, capsys):
    path, _ = demo
    out = tmp_path / "out" / "heerlen.html"
    assert cli.main(["--db", str(path), "factsheet", "GM0917", "--out", str(out)]) == cli.EXIT_OK
    assert "Heerlen" in out.read_text(encoding="utf-8")
    assert cli.main(["--db", str(path), "factsheet", "GM9999", "--out", str(out)]) == 1


def test_a_long_list_is_shortened_to_fit_the_page_and_says_how_many_more(demo):
    _, con = demo
    assessment = monitor.assess_region(con, "GM0917")
    ranked = [i for i in assessment.items if i.rank is not None and i.direction != "neutral"]
    assert len(ranked) > factsheet.MAX_POSITION_ROWS + 1
    worst = tuple(
        dataclasses.replace(i, quartile="worst_quartile") if i in ranked else i
        for i in assessment.items
    )
    html = factsheet.build_factsheet(dataclasses.replace(assessment, items=worst), demo=True)
    section = html[html.index("In het slechtste kwart") : html.index(">Bronnen en methode")]
    assert section.count("<tr>") == factsheet.MAX_POSITION_ROWS + 1  # the header and six rows
    hidden = len(ranked) - factsheet.MAX_POSITION_ROWS
    assert f"En nog {hidden}; alle indicatoren staan in het Overzicht van de app." in section
    # the most extreme first: the highest rank relative to the number of regions
    first = max(ranked, key=lambda i: i.rank / i.n)
    assert escape(first.name_nl) in section.split("</tr>")[1]


def test_numbers_in_the_factsheet_have_no_float_noise(demo):
    _, con = demo
    for code in ("GM0917", "PV31", "RD_ZUID_LIMBURG"):
        html = factsheet.build_factsheet(monitor.assess_region(con, code), demo=True)
        assert not re.search(r"\d[.,]\d{4,}", html), code


def test_the_page_is_an_a4_sheet_with_fixed_tables(demo):
    _, con = demo
    html = factsheet.build_factsheet(monitor.assess_region(con, "GM0917"), demo=True)
    style = html[html.index("<style>") : html.index("</style>")]
    # the factsheet's own rules come after the base style, so they are the ones that hold
    own = style[style.index(factsheet.STYLE) :]
    assert "size: A4 portrait; margin: 12mm 13mm" in own and "table-layout: fixed" in own
    assert "max-width: 184mm" in own  # 210 mm minus the margins: never wider than the sheet
