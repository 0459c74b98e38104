"""The effect report: sections, escaping, Dutch numbers, provenance, a neutralised CSV, the grid
figure and the ``python -m bw options`` verbs."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pytest

from bw import cli, export, option_figures, store
from bw import policy_options as po
from bw.auth import Actor, Role
from bw.model import Target
from bw.reports import effect as effect_report
from tests.bw.tiny_store import load

ANALYST = Actor("a.jansen", Role.ANALYST)
NASTY = '<script>alert("x")</script>'


@pytest.fixture
def report_store(con):
    """A tiny store with one set: a flagged, a safe and a hostile-text effect."""
    load(con, [("t.up", "GM0001", 2024, 1234.5), ("t.down", "GM0001", 2024, 4.8)])
    store.write_targets(
        con,
        [
            Target("GM0001", "t.up", minimum=1200.0, ambition=1300.0),
            Target("GM0001", "t.down", minimum=5.0, ambition=4.0),
        ],
        set_by="t",
    )
    set_id = po.create_option_set(
        con,
        region_code="GM0001",
        title=f"Vraag {NASTY}",
        question='=HYPERLINK("x")',
        options=[("=1+1", NASTY), ("Rustig", None)],
        actor=ANALYST,
    )
    first, second = (o.id for o in po.read_option_set(con, set_id).options)
    po.set_effect(
        con,
        first,
        indicator_id="t.up",
        effect="slechter",
        size="groot",
        confidence="hoog",
        timing="nu",
        place="hier",
        expected_change="-100,5",
        note="@SUM(A1)",
        actor=ANALYST,
    )
    po.set_effect(
        con,
        second,
        indicator_id="t.down",
        effect="beter",
        size="klein",
        confidence="laag",
        timing="later",
        place="elders",
        actor=ANALYST,
    )
    return con, set_id


def _build(con, set_id, **kwargs):
    return effect_report.build_effect_report(
        con,
        set_id,
        demo=kwargs.pop("demo", True),
        made_by=kwargs.pop("made_by", "tester"),
        generated_at=datetime(2026, 3, 1, 9, 30),
        **kwargs,
    )


def test_report_has_options_side_by_side_per_dimension_and_the_flag(report_store):
    con, set_id = report_store
    html, _ = _build(con, set_id)
    for heading in (
        "Opties",
        "Samenvatting per optie",
        "Effecten: Hier en nu",
        "Effecten: Later",
        "Effecten: Elders",
        "Signalen: minimum in gevaar",
    ):
        assert f">{heading}</h2>" in html
    assert "⚠ verwacht onder minimum" in html
    # summary: the first option worsens one indicator here and now and has one flag
    assert (
        '<tr><td>Hier en nu: ⊖ slechter</td><td class="num">1</td><td class="num">0</td></tr>'
    ) in html
    assert (
        '<tr><td>⚠ minimum in gevaar</td><td class="num">1</td><td class="num">0</td></tr>'
    ) in html
    assert "⊖ slechter · groot · ! hoog vertrouwen · −100,5 %" in html
    # provenance: region, date, who, the data's latest year, demo note
    assert "Een (GM0001)" in html and "01-03-2026" in html and "tester" in html
    assert "<td>2024</td>" in html
    assert "Demodata (fictief)" in html
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r'(src|href)="https?://', html), "self-contained: nothing fetched"


def test_report_escapes_every_user_text(report_store):
    con, set_id = report_store
    html, _ = _build(con, set_id)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_report_writes_dutch_numbers_and_english_on_request(report_store):
    con, set_id = report_store
    html, _ = _build(con, set_id)
    assert "1.234,5 %" in html and "1.134,0 %" in html  # value and expected value
    english, _ = _build(con, set_id, lang="en", demo=False)
    assert "1,234.5 %" in english and "⚠ expected below minimum" in english
    assert "Demo data" not in english


def test_csv_is_neutralised_with_numbers_kept(report_store):
    con, set_id = report_store
    _, table = _build(con, set_id)
    assert list(table.columns) == list(effect_report.TABLE_COLUMNS)
    rows = list(
        csv.DictReader(
            io.StringIO(export.to_csv_bytes(table, lang="nl").decode("utf-8-sig")), delimiter=";"
        )
    )
    flagged = next(r for r in rows if r["indicator_id"] == "t.up")
    assert flagged["option"] == "'=1+1"
    assert flagged["note"] == "'@SUM(A1)"
    assert flagged["expected_change"] == "-100,5"
    assert flagged["flag"] == "⚠ verwacht onder minimum"


def test_the_grid_has_a_cell_per_option_with_words(report_store):
    con, set_id = report_store
    table = po.compare(con, set_id)
    figure = option_figures.figure_option_grid(table, po.read_option_set(con, set_id))
    heatmap = figure.data[0]
    assert list(heatmap.x) == ["=1+1", "Rustig"]
    cells = [cell for row in heatmap.text for cell in row]
    assert "⊖ slechter (groot)<br>⚠ verwacht onder minimum" in cells
    assert "–" in cells  # an option without an effect on that row says so in words
    assert option_figures.effect_score("geen", "groot") == 0


def test_cli_lists_sets_and_writes_the_report(tmp_path, capsys):
    from bw import bootstrap

    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    assert cli.main(["--db", str(path), "options", "list", "--json"]) == cli.EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["region"] == "GM0917" and len(listed[0]["options"]) == 3
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    assert (
        cli.main(
            [
                "--db",
                str(path),
                "options",
                "report",
                "1",
                "--out",
                str(out),
                "--csv",
                str(table),
                "--by",
                "raadsgriffie",
            ]
        )
        == cli.EXIT_OK
    )
    html = out.read_text(encoding="utf-8")
    assert "Effectrapport" in html and "raadsgriffie" in html and "(fictief)" in html
    assert table.read_bytes().startswith(b"\xef\xbb\xbfset_id;")
    assert (
        cli.main(["--db", str(path), "options", "report", "7", "--out", str(out)])
        == cli.EXIT_DATA_ERROR
    )
    assert "unknown option set 7" in capsys.readouterr().err
    assert cli.main(["--db", str(path), "options", "list"]) == cli.EXIT_OK
    assert "GM0917" in capsys.readouterr().out
