"""Tests for bw.programmes, bw.progress_report and the ``programme`` verb: the SMART check, the
demo programme, the report's sections and escaping, and the command line."""

from __future__ import annotations

import pytest

from bw import bootstrap, cli, programmes, progress_report, store
from bw.programmes import Doel


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("programmes") / "demo.duckdb"
    bootstrap.init_store(path)
    return path


@pytest.fixture
def demo_con(demo_path):
    con = store.connect(demo_path, read_only=True)
    yield con
    con.close()


COMPLETE = dict(indicator_id="arbeid.werkloosheid", target_value=2.8, target_year=2027,
                owner="wethouder Werk", feasibility_note="past bij de landelijke daling")
TEXT = "De werkloosheid daalt in 2027 tot 2,8%"


@pytest.mark.parametrize(
    ("text", "parts", "codes"),
    [
        (TEXT, COMPLETE, []),
        ("Meer bewegen", {}, ["specific_too_short", "specific_vague", "measurable_no_indicator",
                              "measurable_no_target_value", "assignable_no_owner",
                              "realistic_no_feasibility_note", "time_bound_no_target_year"]),
        ("Zoveel mogelijk inwoners stimuleren om te sporten", COMPLETE, ["specific_vague"]),
        ("Meer inwoners sporten wekelijks: 60% in 2027", COMPLETE, []),
        (TEXT, {**COMPLETE, "indicator_id": None}, ["measurable_no_indicator"]),
        (TEXT, {**COMPLETE, "target_value": None}, ["measurable_no_target_value"]),
        (TEXT, {**COMPLETE, "owner": "  "}, ["assignable_no_owner"]),
        (TEXT, {**COMPLETE, "feasibility_note": None}, ["realistic_no_feasibility_note"]),
        (TEXT, {**COMPLETE, "target_year": None}, ["time_bound_no_target_year"]),
    ],
)
def test_smart_check_says_what_is_missing(text, parts, codes):
    doel = Doel(1, 1, text, **parts)
    assert programmes.smart_codes(doel) == codes
    messages = programmes.smart_check(doel)
    assert [m.split(":")[0] for m in messages] == codes
    assert programmes.smart_summary(doel).startswith("✓" if not codes else "⚠")


def test_demo_programme_exists_after_bootstrap(demo_con):
    listed = programmes.read_programmes(demo_con)
    assert [p.name for p in listed] == ["Regio Deal Zuid-Limburg (fictief)"]
    programme = programmes.read_programme(demo_con, listed[0].id)
    assert programme.region_codes == ("RD_ZUID_LIMBURG",)
    assert len(programme.opgaven) == 2
    assert 3 <= len(programme.doelen()) <= 4
    assert 5 <= len(programme.activiteiten()) <= 8
    assert {a.status for a in programme.activiteiten()} == set(programmes.ActivityStatus)
    assert all(o.indicators for o in programme.opgaven)
    incomplete = [d for d in programme.doelen() if programmes.smart_codes(d)]
    assert len(incomplete) == 1
    assert len(programme.moments) == 2 * (programme.end_year - programme.start_year + 1)


def test_report_has_every_part_and_the_separate_opgave_section(demo_con):
    programme = programmes.read_programmes(demo_con)[0]
    plan = programmes.read_programme(demo_con, programme.id)
    html, table = progress_report.build_progress_report(demo_con, programme.id, demo=True)
    from html import escape
    for opgave in plan.opgaven:
        assert escape(opgave.title) in html
    for doel in plan.doelen():
        assert escape(doel.text) in html
    for activiteit in plan.activiteiten():
        assert escape(activiteit.title) in html
    assert 'id="impact"' in html and "Opgaven (impact)" in html
    assert "Demodata (fictief)" in html
    assert "<script" not in html.lower() and "http" not in html
    assert set(table.columns) == set(progress_report.TABLE_COLUMNS)
    assert set(table["section"]) == {"activiteit", "doel", "opgave-indicator", "signaal"}
    # The demo is built to show the signal on its health opgave.
    assert any("de opgave beweegt niet" in m for m in progress_report.signal_messages(table))


def test_report_in_english(demo_con):
    html, table = progress_report.build_progress_report(demo_con, 1, lang="en", demo=True)
    assert '<html lang="en">' in html and "Progress report" in html
    assert "challenge indicator" in set(table["section"])


def test_report_escapes_a_hostile_programme_name(tmp_path):
    con = store.connect(tmp_path / "x.duckdb")
    try:
        bootstrap.write_empty(con)
        with store.transaction(con):
            pid = programmes.insert_programme(
                con, name="<script>alert(1)</script>", kind="beleidsprogramma",
                region_codes=["NL01"])
            opgave = programmes.insert_opgave(con, pid, title="<b>opgave</b>")
            doel = programmes.insert_doel(con, opgave, text="<img src=x onerror=alert(1)>")
            programmes.insert_activiteit(con, doel, title="=cmd|' /C calc'!A0")
        html, table = progress_report.build_progress_report(con, pid, demo=False)
    finally:
        con.close()
    assert "<script" not in html.lower() and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Demodata" not in html


def test_writes_check_their_input(tmp_path):
    con = store.connect(tmp_path / "x.duckdb")
    try:
        bootstrap.write_empty(con)
        pid = programmes.insert_programme(con, name="P", kind="regio_deal")
        opgave = programmes.insert_opgave(con, pid, title="O")
        doel = programmes.insert_doel(con, opgave, text="D")
        with pytest.raises(programmes.ProgrammeError):
            programmes.insert_doel(con, opgave, text="D", indicator_id="geen.indicator")
        with pytest.raises(programmes.ProgrammeError):
            programmes.insert_activiteit(con, doel, title="A", share_done=120)
        with pytest.raises(programmes.ProgrammeError):
            programmes.insert_programme(con, name="P", kind="regio_deal", region_codes=["GM9999"])
        with pytest.raises(ValueError):
            programmes.insert_programme(con, name="P", kind="onbekend")
        a = programmes.insert_activiteit(con, doel, title="A")
        programmes.update_activiteit(con, a, status="afgerond", share_done=100)
        assert programmes.read_programme(con, pid).activiteiten()[0].status == "afgerond"
    finally:
        con.close()


@pytest.mark.parametrize(
    ("value", "target", "direction", "verdict"),
    [(3.0, 2.8, "down", "not_met"), (2.8, 2.8, "down", "met"), (77.4, 76.0, "up", "met"),
     (70.0, 76.0, "up", "not_met"), (1.0, 2.0, "neutral", "no_verdict"),
     (None, 2.0, "up", "no_verdict"), (1.0, None, "up", "no_verdict")],
)
def test_goal_verdict(value, target, direction, verdict):
    assert progress_report.goal_verdict(value, target, direction) == verdict


def test_cli_list_and_report_write_files(demo_path, tmp_path, capsys):
    assert cli.main(["--db", str(demo_path), "programme", "list"]) == cli.EXIT_OK
    assert "Regio Deal Zuid-Limburg (fictief)" in capsys.readouterr().out
    out, csv = tmp_path / "r" / "report.html", tmp_path / "report.csv"
    code = cli.main(["--db", str(demo_path), "programme", "report", "1", "--out", str(out),
                     "--csv", str(csv), "--lang", "en"])
    assert code == cli.EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert csv.read_bytes().startswith(b"\xef\xbb\xbfsection,")


def test_cli_unknown_programme_exits_1(demo_path, tmp_path, capsys):
    out = tmp_path / "report.html"
    code = cli.main(["--db", str(demo_path), "programme", "report", "99", "--out", str(out)])
    assert code == cli.EXIT_DATA_ERROR
    assert "unknown programme 99" in capsys.readouterr().err
    assert not out.exists()
