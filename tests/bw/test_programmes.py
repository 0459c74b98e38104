"""Tests for bw.programmes, bw.reports.progress and the ``programme`` verb: the SMART check, the
demo programme, the report's sections and escaping, and the command line."""

from __future__ import annotations

from datetime import date

import pytest

from bw import bootstrap, cli, programmes, store
from bw.auth import cli_actor
from bw.programmes import Doel
from bw.reports import progress as progress_report

#: The actor of these tests' writes (the command line: an admin).
ADMIN = cli_actor("test")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("programmes") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


@pytest.fixture
def demo_con(demo_path):
    con = store.connect(demo_path, read_only=True)
    yield con
    con.close()


COMPLETE = dict(
    indicator_id="arbeid.werkloosheid",
    target_value=2.8,
    target_year=2027,
    owner="wethouder Werk",
    feasibility_note="past bij de landelijke daling",
)
TEXT = "De werkloosheid daalt in 2027 tot 2,8%"


@pytest.mark.parametrize(
    ("text", "parts", "codes"),
    [
        (TEXT, COMPLETE, []),
        (
            "Meer bewegen",
            {},
            [
                "specific_too_short",
                "specific_vague",
                "measurable_no_indicator",
                "measurable_no_target_value",
                "assignable_no_owner",
                "realistic_no_feasibility_note",
                "time_bound_no_target_year",
            ],
        ),
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
                con,
                name="<script>alert(1)</script>",
                kind="beleidsprogramma",
                region_codes=["NL01"],
                actor=ADMIN,
            )
            opgave = programmes.insert_opgave(con, pid, title="<b>opgave</b>", actor=ADMIN)
            doel = programmes.insert_doel(
                con, opgave, text="<img src=x onerror=alert(1)>", actor=ADMIN
            )
            programmes.insert_activiteit(con, doel, title="=cmd|' /C calc'!A0", actor=ADMIN)
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
        pid = programmes.insert_programme(con, name="P", kind="regio_deal", actor=ADMIN)
        opgave = programmes.insert_opgave(con, pid, title="O", actor=ADMIN)
        doel = programmes.insert_doel(con, opgave, text="D", actor=ADMIN)
        with pytest.raises(programmes.ProgrammeError):
            programmes.insert_doel(
                con, opgave, text="D", indicator_id="geen.indicator", actor=ADMIN
            )
        with pytest.raises(programmes.ProgrammeError):
            programmes.insert_activiteit(con, doel, title="A", share_done=120, actor=ADMIN)
        with pytest.raises(programmes.ProgrammeError):
            programmes.insert_programme(
                con, name="P", kind="regio_deal", region_codes=["GM9999"], actor=ADMIN
            )
        with pytest.raises(programmes.ProgrammeError, match="unknown programme kind"):
            programmes.insert_programme(con, name="P", kind="onbekend", actor=ADMIN)
        a = programmes.insert_activiteit(con, doel, title="A", actor=ADMIN)
        programmes.update_activiteit(con, a, status="afgerond", share_done=100, actor=ADMIN)
        assert programmes.read_programme(con, pid).activiteiten()[0].status == "afgerond"
    finally:
        con.close()


def test_an_activity_update_changes_only_the_fields_given(empty_con):
    pid = programmes.insert_programme(empty_con, name="P", kind="regio_deal", actor=ADMIN)
    opgave = programmes.insert_opgave(empty_con, pid, title="O", actor=ADMIN)
    doel = programmes.insert_doel(empty_con, opgave, text="D", actor=ADMIN)
    a = programmes.insert_activiteit(
        empty_con, doel, title="A", status="afgerond", share_done=100, budget=5000, actor=ADMIN
    )

    def read():
        found = programmes.read_programme(empty_con, pid).activiteiten()[0]
        return str(found.status), found.share_done, found.budget

    programmes.update_activiteit(empty_con, a, share_done=90, actor=ADMIN)
    assert read() == ("afgerond", 90.0, 5000)
    programmes.update_activiteit(empty_con, a, status="lopend", actor=ADMIN)
    assert read() == ("lopend", 90.0, 5000)
    lines = empty_con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    programmes.update_activiteit(empty_con, a, actor=ADMIN)  # nothing given: nothing written
    assert read() == ("lopend", 90.0, 5000)
    assert empty_con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == lines
    with pytest.raises(programmes.ProgrammeError) as refused:
        programmes.update_activiteit(empty_con, a, share_done=101, actor=ADMIN)
    assert (refused.value.code, refused.value.params) == ("bad_share", {"share": 101})


@pytest.fixture
def empty_con(tmp_path):
    con = store.connect(tmp_path / "plan.duckdb")
    bootstrap.write_empty(con)
    yield con
    con.close()


INDICATOR = "welzijn.tevredenheid_leven"


def test_a_plan_is_built_from_programme_to_moment(empty_con):
    con = empty_con
    pid = programmes.insert_programme(
        con,
        name="  Programma Gezond  ",
        kind="beleidsprogramma",
        region_codes=["NL01", "PV20"],
        owner=" wethouder ",
        start_year=2024,
        end_year=2028,
        description="  ",
        actor=ADMIN,
    )
    opgave = programmes.insert_opgave(
        con, pid, title="Gezonder leven", description="uitleg", indicators=[INDICATOR], actor=ADMIN
    )
    doel = programmes.insert_doel(
        con, opgave, text="Meer bewegen", actor=ADMIN
    )  # incomplete is allowed
    complete = programmes.insert_doel(
        con,
        opgave,
        text="In 2027 is 80% van de inwoners tevreden",
        indicator_id=INDICATOR,
        target_value=80.0,
        target_year=2027,
        owner="wethouder",
        feasibility_note="trend",
        actor=ADMIN,
    )
    programmes.link_indicator(
        con, pid, level="doel", ref_id=doel, indicator_id=INDICATOR, actor=ADMIN
    )
    programmes.link_indicator(
        con, pid, level="doel", ref_id=doel, indicator_id=INDICATOR, actor=ADMIN
    )
    programmes.insert_measurement_moment(
        con, pid, on=date(2025, 4, 15), label="Voorjaar", actor=ADMIN
    )
    plan = programmes.read_programme(con, pid)
    assert (plan.name, plan.owner, plan.description) == ("Programma Gezond", "wethouder", None)
    assert plan.region_codes == ("NL01", "PV20")
    assert plan.opgaven[0].indicators == (INDICATOR,)
    assert [d.id for d in plan.doelen()] == [doel, complete]
    assert plan.doelen()[0].indicators == (INDICATOR,)
    assert programmes.smart_codes(plan.doelen()[0]) and not programmes.smart_codes(plan.doelen()[1])
    assert plan.moments == (programmes.MeasurementMoment(date(2025, 4, 15), "Voorjaar"),)


def _count(con, table):
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "name is required"),
        ({"kind": "gemeente"}, "unknown programme kind 'gemeente'"),
        ({"region_codes": ["GM9999"]}, "unknown region 'GM9999'"),
        ({"start_year": 2030, "end_year": 2025}, "end year 2025 is before the start year 2030"),
        ({"start_year": 20226}, "start year must be a year between"),
        ({"end_year": 1800}, "end year must be a year between"),
    ],
)
def test_programme_errors_write_nothing(empty_con, changes, message):
    arguments = {"name": "P", "kind": "regio_deal", "region_codes": ["NL01"], **changes}
    with pytest.raises(programmes.ProgrammeError, match=message):
        programmes.insert_programme(empty_con, **arguments, actor=ADMIN)
    assert _count(empty_con, "programmes") == _count(empty_con, "programme_regions") == 0


def test_opgave_doel_link_and_moment_errors(empty_con):
    con = empty_con
    pid = programmes.insert_programme(con, name="P", kind="regio_deal", actor=ADMIN)
    other = programmes.insert_programme(con, name="Q", kind="regio_deal", actor=ADMIN)
    opgave = programmes.insert_opgave(con, pid, title="O", actor=ADMIN)
    doel = programmes.insert_doel(con, opgave, text="D", actor=ADMIN)
    error = programmes.ProgrammeError
    cases = [
        (lambda: programmes.insert_opgave(con, 99, title="O", actor=ADMIN), "unknown programme 99"),
        (lambda: programmes.insert_opgave(con, pid, title=" ", actor=ADMIN), "title is required"),
        (
            lambda: programmes.insert_opgave(con, pid, title="O", indicators=["x.y"], actor=ADMIN),
            "unknown indicator 'x.y'",
        ),
        (lambda: programmes.insert_doel(con, 99, text="D", actor=ADMIN), "unknown opgave 99"),
        (lambda: programmes.insert_doel(con, opgave, text="", actor=ADMIN), "text is required"),
        (
            lambda: programmes.insert_doel(con, opgave, text="D", indicator_id="x.y", actor=ADMIN),
            "unknown indicator",
        ),
        (
            lambda: programmes.insert_doel(con, opgave, text="D", target_year=3000, actor=ADMIN),
            "target year must be a year between",
        ),
        (
            lambda: programmes.link_indicator(
                con, pid, level="x", ref_id=opgave, indicator_id=INDICATOR, actor=ADMIN
            ),
            "unknown level 'x'",
        ),
        (
            lambda: programmes.link_indicator(
                con, 99, level="opgave", ref_id=opgave, indicator_id=INDICATOR, actor=ADMIN
            ),
            "unknown programme 99",
        ),
        (
            lambda: programmes.link_indicator(
                con, other, level="opgave", ref_id=opgave, indicator_id=INDICATOR, actor=ADMIN
            ),
            "not part of programme",
        ),
        (
            lambda: programmes.link_indicator(
                con, other, level="doel", ref_id=doel, indicator_id=INDICATOR, actor=ADMIN
            ),
            "not part of programme",
        ),
        (
            lambda: programmes.link_indicator(
                con, pid, level="doel", ref_id=doel, indicator_id="x.y", actor=ADMIN
            ),
            "unknown indicator",
        ),
        (
            lambda: programmes.insert_measurement_moment(
                con, 99, on=date(2025, 1, 1), label="L", actor=ADMIN
            ),
            "unknown programme 99",
        ),
        (
            lambda: programmes.insert_measurement_moment(
                con, pid, on=date(2025, 1, 1), label=" ", actor=ADMIN
            ),
            "label is required",
        ),
        (
            lambda: programmes.insert_measurement_moment(
                con, pid, on="2025-01-01", label="L", actor=ADMIN
            ),
            "needs a date",
        ),
    ]
    for action, message in cases:
        with pytest.raises(error, match=message):
            action()
    programmes.insert_measurement_moment(con, pid, on=date(2025, 1, 1), label="L", actor=ADMIN)
    with pytest.raises(error, match="already has a moment on 2025-01-01"):
        programmes.insert_measurement_moment(con, pid, on=date(2025, 1, 1), label="M", actor=ADMIN)
    assert (
        _count(con, "opgaven"),
        _count(con, "doelen"),
        _count(con, "programme_indicators"),
        _count(con, "measurement_moments"),
    ) == (1, 1, 0, 1)


@pytest.mark.parametrize(
    ("value", "target", "direction", "verdict"),
    [
        (3.0, 2.8, "down", "not_met"),
        (2.8, 2.8, "down", "met"),
        (77.4, 76.0, "up", "met"),
        (70.0, 76.0, "up", "not_met"),
        (1.0, 2.0, "neutral", "no_verdict"),
        (None, 2.0, "up", "no_verdict"),
        (1.0, None, "up", "no_verdict"),
    ],
)
def test_goal_verdict(value, target, direction, verdict):
    assert progress_report.goal_verdict(value, target, direction) == verdict


def test_cli_list_and_report_write_files(demo_path, tmp_path, capsys):
    assert cli.main(["--db", str(demo_path), "programme", "list"]) == cli.EXIT_OK
    assert "Regio Deal Zuid-Limburg (fictief)" in capsys.readouterr().out
    out, csv = tmp_path / "r" / "report.html", tmp_path / "report.csv"
    code = cli.main(
        [
            "--db",
            str(demo_path),
            "programme",
            "report",
            "1",
            "--out",
            str(out),
            "--csv",
            str(csv),
            "--lang",
            "en",
        ]
    )
    assert code == cli.EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert csv.read_bytes().startswith(b"\xef\xbb\xbfsection,")


def test_cli_unknown_programme_exits_1(demo_path, tmp_path, capsys):
    out = tmp_path / "report.html"
    code = cli.main(["--db", str(demo_path), "programme", "report", "99", "--out", str(out)])
    assert code == cli.EXIT_DATA_ERROR
    assert "unknown programme 99" in capsys.readouterr().err
    assert not out.exists()
