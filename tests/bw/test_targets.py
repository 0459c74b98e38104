"""Streefwaarden: validation as a table of examples, versions (history, restore, retract), the
CSV round trip and the all-or-nothing import, and the reference points on the demo store."""

import pytest

from bw import bootstrap, cli, store, targets
from bw.auth import Actor, Permission, PermissionDenied, Role, cli_actor
from bw.model import Target


def _t(
    minimum=None,
    ambition=None,
    ceiling=None,
    target_year=None,
    baseline_year=None,
    region="GM0001",
    indicator="t.up",
):
    return Target(region, indicator, minimum, ambition, ceiling, target_year, baseline_year)


@pytest.mark.parametrize(
    ("target", "direction", "unit", "codes"),
    [
        (_t(40.0, 45.0, target_year=2030, baseline_year=2020), "up", "%", []),
        (_t(40.0, 35.0), "up", "%", ["direction_mismatch"]),
        (_t(40.0, 35.0), "down", "%", []),
        (_t(30.0, 35.0), "down", "ton", ["direction_mismatch"]),
        (_t(30.0, 35.0), "neutral", "aantal", ["direction_implied"]),
        (_t(30.0, 35.0, ceiling=33.0), "up", "%", ["ceiling_order"]),
        (_t(30.0, 35.0, ceiling=60.0), "up", "%", []),
        (_t(30.0, 120.0), "up", "%", ["implausible_value"]),
        (_t(-1.0, 5.0), "up", "%", ["implausible_value"]),
        (_t(-3.0), "up", "aantal", ["implausible_value"]),
        (_t(0.5, 8.0), "up", "rapportcijfer", ["implausible_value"]),
        (_t(6.0, 11.0), "up", "score (0–10)", ["implausible_value"]),
        (_t(-3.0), "up", "index", []),
        # an infinite value in a unit without bounds was a TypeError, not an issue
        (_t(float("inf")), "up", "index", ["implausible_value"]),
        (_t(float("nan")), "up", "%", ["implausible_value"]),
        (_t(30.0, target_year=2020, baseline_year=2025), "up", "%", ["year_order"]),
        (_t(30.0, target_year=2020, baseline_year=2020), "up", "%", ["year_order"]),
        (_t(30.0, target_year=2300), "up", "%", ["bad_year"]),
        (_t(30.0, baseline_year=1990), "up", "%", ["bad_year"]),
        (_t(), "up", "%", ["empty_target"]),
        (_t(ceiling=50.0), "up", "%", []),
    ],
)
def test_validate_target(target, direction, unit, codes):
    issues = targets.validate_target(target, direction=direction, unit=unit, latest_value=None)
    assert [issue.code for issue in issues] == codes


def test_set_target_refuses_unknown_region_and_indicator_and_writes_nothing(con):
    for target in (_t(40.0, region="GM9999"), _t(40.0, indicator="t.nope"), _t(40.0, 30.0)):
        with pytest.raises(ValueError):
            targets.set_target(con, target, actor=cli_actor("test"))
    assert con.execute("SELECT count(*) FROM targets").fetchone()[0] == 0


def test_history_and_restore(con):
    for minimum in (10.0, 20.0, 30.0):
        targets.set_target(
            con,
            _t(minimum, 50.0, target_year=2030),
            actor=cli_actor(f"v{minimum:g}"),
            reason=f"why {minimum:g}",
        )
    history = targets.read_target_history(con, "GM0001", "t.up")
    assert list(history["minimum"]) == [30.0, 20.0, 10.0]
    assert list(history["version"]) == [3, 2, 1]
    assert list(history["set_by"]) == ["v30", "v20", "v10"]
    first = int(history["id"].iloc[-1])
    targets.restore_target_version(con, first, actor=cli_actor("restorer"))
    current = targets.read_current_target(con, "GM0001", "t.up")
    assert (current.minimum, current.ambition, current.target_year) == (10.0, 50.0, 2030)
    assert current.rationale == "why 10"
    history = targets.read_target_history(con, "GM0001", "t.up")
    assert len(history) == 4
    assert history["set_by"].iloc[0] == "restorer"


def test_a_target_without_rationale_keeps_the_previous_one(con):
    targets.set_target(con, _t(10.0), actor=cli_actor("a"), reason="first reason")
    targets.set_target(con, _t(12.0), actor=cli_actor("b"))
    assert targets.read_current_target(con, "GM0001", "t.up").rationale == "first reason"


@pytest.mark.parametrize(
    ("source", "example"),
    [
        (targets.EXAMPLE_TARGET_SOURCE, True),
        (f" {targets.EXAMPLE_TARGET_SOURCE} ", True),
        ("coalitieakkoord 2022-2026", False),
        ("voorbeeld", False),
        ("", False),
        (None, False),
        (float("nan"), False),  # a missing source read from a DataFrame
    ],
)
def test_is_example_target(source, example):
    assert targets.is_example_target(source) is example


def test_a_councils_target_replacing_an_example_does_not_inherit_its_rationale(con):
    example = Target(
        "GM0001",
        "t.up",
        10.0,
        20.0,
        rationale=targets.EXAMPLE_TARGET_RATIONALE,
        source=targets.EXAMPLE_TARGET_SOURCE,
    )
    store.write_targets(con, [example], set_by="bw")
    targets.set_target(con, _t(12.0, 20.0), actor=cli_actor("griffie"))
    current = targets.read_current_target(con, "GM0001", "t.up")
    assert current.rationale is None
    assert not targets.is_example_target(current.source)


def test_retract_hides_the_target_and_keeps_its_history(con):
    targets.set_target(con, _t(10.0, 20.0), actor=cli_actor("a"))
    targets.retract_target(con, "GM0001", "t.up", actor=cli_actor("b"))
    assert targets.read_current_target(con, "GM0001", "t.up") is None
    assert store.read_current_targets(con, "GM0001") == []
    history = targets.read_target_history(con, "GM0001", "t.up")
    assert list(history["retracted"]) == [True, False]
    with pytest.raises(ValueError):
        targets.retract_target(con, "GM0001", "t.up", actor=cli_actor("b"))


def _snapshot(con):
    return con.execute("SELECT * FROM current_targets ORDER BY region_code, indicator_id").df()


def test_csv_round_trip_is_the_identity(con, tmp_path):
    targets.set_target(
        con,
        _t(40.25, 45.5, target_year=2030, baseline_year=2020),
        actor=cli_actor("a"),
        reason='=HYPERLINK("x"); met "aanhalingstekens", en komma\'s',
    )
    targets.set_target(
        con,
        Target("GM0002", "t.down", 3.125, 2.0, None, 2035, None, None, "raadsbesluit 12-3"),
        actor=cli_actor("a"),
    )
    before, rows = _snapshot(con), con.execute("SELECT count(*) FROM targets").fetchone()[0]
    path = tmp_path / "targets.csv"
    assert targets.export_targets(con, path) == 2
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ";".join(targets.COLUMNS)
    assert "'=HYPERLINK" in text and "40,25" in text
    loaded, report = targets.read_targets_file(con, path)
    assert report.ok, report.render("targets.csv")
    assert report.counts["changed"] == 0
    assert targets.import_targets(con, loaded, actor=cli_actor("b")) == 0
    assert con.execute("SELECT count(*) FROM targets").fetchone()[0] == rows
    assert _snapshot(con).equals(before)


def test_import_appends_only_changed_targets(con, tmp_path):
    targets.set_target(con, _t(40.0, 45.0), actor=cli_actor("a"))
    path = tmp_path / "targets.csv"
    path.write_text(
        "region,indicator,minimum,ambition,ceiling,target_year,baseline_year,"
        "rationale,source\nGM0001,t.up,40,45,,,,,\nGM0002,t.up,41.5,50,,2030,2020,"
        "nieuw,raadsbesluit\n",
        encoding="utf-8",
    )
    loaded, report = targets.read_targets_file(con, path)
    assert report.ok and report.detected["decimal"] == "point"
    assert targets.import_targets(con, loaded, actor=cli_actor("b")) == 1
    assert targets.read_current_target(con, "GM0002", "t.up").minimum == 41.5


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("GM9999;t.up;40;45;;;;;", "unknown_region"),
        ("GM0001;t.nope;40;45;;;;;", "unknown_indicator"),
        ("GM0001;t.up;50;45;;;;;", "direction_mismatch"),
        ("GM0001;t.up;40;450;;;;;", "implausible_value"),
        ("GM0001;t.up;40;45;;2020;2030;;", "year_order"),
        ("GM0001;t.up;veertig;45;;;;;", "not_a_number"),
        ("GM0001;t.up;;;;;;;", "empty_target"),
        ("GM0002;t.up;40;45;;;;;", "duplicate_target"),
    ],
)
def test_cli_import_with_one_bad_line_writes_nothing(con, tmp_path, capsys, row, code):
    path = tmp_path / "targets.csv"
    path.write_text(
        ";".join(targets.COLUMNS) + "\nGM0002;t.up;40,5;45;;2030;2020;ok;x\n" + row + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "test.duckdb"
    con.close()
    assert cli.main(["--db", str(db), "targets", "import", str(path), "--by", "t"]) == 1
    assert f"targets.csv:3: error: {code}:" in capsys.readouterr().err
    check = store.connect(db)
    try:
        assert check.execute("SELECT count(*) FROM targets").fetchone()[0] == 0
    finally:
        check.close()


def test_cli_missing_column_and_export_import_round_trip(con, tmp_path, capsys):
    targets.set_target(con, _t(40.0, 45.0), actor=cli_actor("a"))
    con.close()
    db, out = tmp_path / "test.duckdb", tmp_path / "out.csv"
    assert cli.main(["--db", str(db), "targets", "export", str(out)]) == 0
    assert cli.main(["--db", str(db), "targets", "import", str(out)]) == 0
    assert "0 targets changed" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("region;indicator;minimum\nGM0001;t.up;4\n", encoding="utf-8")
    assert cli.main(["--db", str(db), "targets", "import", str(bad)]) == 1
    assert "bad.csv:1: error: missing_column:" in capsys.readouterr().err


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "bw.duckdb"
    bootstrap.ensure_store(path, kind="demo")
    con = store.connect(path, read_only=True)
    yield con
    con.close()


def test_reference_points_on_the_demo_store(demo):
    points = targets.reference_points(demo, "GM0917", "arbeid.werkloosheid")
    assert set(points) == {"current", "nl", "province", "peer_median", "best_quartile"}
    assert all(points[key] is not None for key in points)
    latest = demo.execute(
        "SELECT value, year FROM latest_values WHERE region_code = 'GM0917' "
        "AND indicator_id = 'arbeid.werkloosheid'"
    ).fetchone()
    assert (points["current"]["value"], points["current"]["year"]) == latest
    assert points["province"]["code"] == "PV31"
    ranking = store.read_ranking(demo, "arbeid.werkloosheid", level="GM")
    n = len(ranking)
    assert points["best_quartile"]["n"] == n
    assert points["best_quartile"]["value"] == ranking["value"].iloc[-(-n // 4) - 1]
    peers = ranking[(ranking["size_class"] == 5) & (ranking["urbanity"] == 2)]
    assert points["peer_median"]["value"] == pytest.approx(peers["value"].median())
    assert "median" in points["peer_median"]["method"]
    nl = targets.reference_points(demo, "NL01", "arbeid.werkloosheid")
    assert nl["province"] is None and nl["peer_median"] is None and nl["current"] is not None
    group = targets.reference_points(demo, "RD_ZUID_LIMBURG", "arbeid.werkloosheid")
    assert group["current"] is not None


def test_a_facilitator_writes_targets_only_by_adopting_workshop_proposals(con):
    facilitator = Actor("begeleider", Role.FACILITATOR)
    with pytest.raises(PermissionDenied):
        targets.set_target(con, _t(40.0), actor=facilitator)
    with pytest.raises(ValueError, match="does not grant"):
        targets.set_target(con, _t(40.0), actor=facilitator, permission=Permission.RUN_WORKSHOPS)
    assert con.execute("SELECT count(*) FROM targets").fetchone()[0] == 0
    targets.set_target(
        con, _t(40.0), actor=facilitator, permission=Permission.ADOPT_WORKSHOP_TARGETS
    )
    assert con.execute("SELECT set_by FROM targets").fetchall() == [("begeleider",)]
