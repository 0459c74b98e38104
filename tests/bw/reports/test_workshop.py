"""The workshop report: escaped user text, Dutch numbers, hidden and merged arguments handled,
grouping hier/elders and nu/later, the demo note; and the CLI verbs that list and export."""

import json
import re
from datetime import datetime

import pytest

from bw import cli, workshops
from bw.auth import Actor, Role
from bw.reports import workshop as workshop_report

FACILITATOR = Actor("f.visser", Role.FACILITATOR)


@pytest.fixture
def workshop(con):
    session = workshops.create_session(
        con,
        title="Groen <b>Een</b>",
        region_code="GM0001",
        phase="beleidsvorming",
        themes=["gezondheid", "milieu_en_grondstoffen"],
        actor=FACILITATOR,
    )

    def add(text, **changes):
        values = {
            "theme_id": "gezondheid",
            "sentiment": "positief",
            "scale": "wijk",
            "time_frame": "nu",
            "author": "Vos",
        }
        values.update(changes)
        return workshops.add_argument(con, session.code, text=text, **values)

    ids = {
        "script": add("<script>alert('x')</script> & meer"),
        "merged": add("Meer bomen", author="Uil", time_frame="later"),
        "hidden": add("Ongepast"),
        "elders": add(
            "Minder import van soja",
            theme_id="milieu_en_grondstoffen",
            sentiment="negatief",
            scale="buiten_eu",
            time_frame="later",
        ),
        "neutral": add("Geen mening", sentiment="neutraal", scale="regio_provincie"),
    }
    workshops.merge_arguments(con, session.id, ids["merged"], ids["script"], actor=FACILITATOR)
    workshops.hide_argument(con, session.id, ids["hidden"], actor=FACILITATOR)
    workshops.add_comment(
        con, session.code, text="Bron? <i>graag</i>", argument_id=ids["elders"], author="Reviewer"
    )
    workshops.choose_indicator(
        con,
        session.id,
        "t.count",
        minimum=1234.5,
        ambition=2000.25,
        target_year=2030,
        actor=FACILITATOR,
    )
    return session, ids


def _report(con, session, **options):
    return workshop_report.build_workshop_report(
        con, session.id, now=datetime(2026, 5, 1), **options
    )


def test_user_text_is_escaped(con, workshop):
    html = _report(con, workshop[0])
    assert "<script>" not in html and "<b>Een</b>" not in html and "<i>graag</i>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; meer" in html
    assert "Groen &lt;b&gt;Een&lt;/b&gt;" in html
    assert "Bron? &lt;i&gt;graag&lt;/i&gt;" in html


def test_numbers_are_dutch(con, workshop):
    html = _report(con, workshop[0])
    # t.count has 0 decimals; a proposal keeps the decimals it was typed with
    assert ">1.234,5<" in html and ">2.000,25<" in html and ">2030<" in html
    html_en = _report(con, workshop[0], lang="en")
    assert ">1,234.5<" in html_en and "Workshop report" in html_en


def test_hidden_left_out_and_merged_shown_once(con, workshop):
    html = _report(con, workshop[0])
    assert "Ongepast" not in html
    assert "1 argument(en) verborgen" in html
    assert html.count("Meer bomen") == 1
    assert re.search(r"samengevoegd: \+ positief Meer bomen", html)


def test_arguments_are_grouped_by_theme_place_and_time(con, workshop):
    html = _report(con, workshop[0])
    health = html.index("<h3>Gezondheid")
    environment = html.index("<h3>Milieu en grondstoffen")
    assert health < html.index("<h4>Hier en nu</h4>") < environment
    # regio/provincie is outside a gemeente: elders
    assert health < html.index("<h4>Elders en nu</h4>") < environment
    assert environment < html.index("<h4>Elders en later</h4>")
    assert "− negatief" in html and "○ neutraal" in html  # an icon and a word, never colour


def test_case_and_demo_note(con, workshop):
    session = workshop[0]
    html = _report(con, session, demo=True)
    assert "Demodata (fictief)" in html
    assert "Een (GM0001)" in html and "Beleidsvorming" in html and "f.visser" in html
    assert session.code in html and "nog open (concept)" in html
    assert "Demodata" not in _report(con, session, demo=False)
    workshops.finalise_session(con, session.id, actor=FACILITATOR)
    assert "afgerond op" in _report(con, session)


def test_print_ready_and_self_contained(con, workshop):
    html = _report(con, workshop[0])
    assert html.startswith("<!DOCTYPE html>") and "@page" in html and "@media print" in html
    assert "<link" not in html and "src=" not in html and "http" not in html


def test_cli_lists_and_exports(con, workshop, tmp_path, capsys):
    session = workshop[0]
    path = tmp_path / "test.duckdb"
    con.close()
    assert cli.main(["--db", str(path), "workshop", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["code"], s["status"], s["arguments"]) for s in listed] == [(session.code, "open", 3)]
    out = tmp_path / "verslag" / "w.html"
    assert (
        cli.main(["--db", str(path), "workshop", "report", session.code.lower(), "--out", str(out)])
        == 0
    )
    assert "Meer bomen" in out.read_text(encoding="utf-8")
    assert cli.main(["--db", str(path), "workshop", "report", "NOPE22", "--out", str(out)]) == 1
    assert "unknown workshop code" in capsys.readouterr().err
    assert cli.main(["--db", str(path), "workshop"]) == 2
