"""Tests for the CBS Regionale Monitor Brede Welvaart download loader."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from bw import bootstrap, intake, store
from bw.auth import cli_actor
from bw.loaders import regional_monitor
from bw.loaders.common import LoadContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "monitor"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """A demo store file, made once; tests that write copy it first."""
    path = tmp_path_factory.mktemp("monitor") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


@pytest.fixture(scope="module")
def context(demo_path):
    con = store.connect_for_reading(demo_path)
    try:
        return LoadContext(
            regions=store.read_regions(con), indicators=store.read_indicator_catalogue(con)
        )
    finally:
        con.close()


def load(name: str, context: LoadContext):
    return regional_monitor.load(FIXTURES / name, context)


def issues(staged) -> set[tuple[str, str, int | None]]:
    return {(str(i.severity), i.code, i.line) for i in staged.report.issues}


def rows_of(staged) -> dict[tuple[str, str, str], dict]:
    frame = staged.observations.to_pandas()
    return {(r["indicator_id"], r["region_code"], r["period"]): r for r in frame.to_dict("records")}


def test_intervals_decimal_comma_provisional_and_missing(context):
    staged = load("monitor_intervals_decimal_comma.csv", context)
    assert staged.report.ok, staged.report.issues
    assert issues(staged) == {("info", "ignored_column", 1)}  # 'Thema'
    assert staged.report.detected["decimal"] == "comma"
    rows = rows_of(staged)
    assert len(rows) == 7
    life = rows[("welzijn.tevredenheid_leven", "GM0363", "2022")]
    assert (life["value"], life["ci_low"], life["ci_high"]) == pytest.approx((84.1, 82.3, 85.9))
    assert rows[("welzijn.tevredenheid_leven", "GM0363", "2023")]["status"] == "voorlopig"
    assert ("welzijn.tevredenheid_leven", "NL01", "2022") in rows
    assert rows[("arbeid.werkloosheid", "GM0599", "2022")]["value"] == pytest.approx(5.6)
    assert ("arbeid.werkloosheid", "PV27", "2022") in rows
    unknown = rows[("arbeid.werkloosheid", "GM0599", "2023")]
    assert math.isnan(unknown["value"]) and unknown["missing_reason"] == "onbekend (.)"
    assert rows[("inkomen.besteedbaar_inkomen_mediaan", "GM0363", "2021")]["value"] == 31500


def test_workbook_with_typed_numbers_and_text_with_decimal_comma(tmp_path, context):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Indicator", "jaar", "statcode", "waarde", "ondergrens", "bovengrens"])
    sheet.append(["Tevredenheid met het leven", 2022, "GM0363", 84.1, 82.3, 85.9])
    sheet.append(["Tevredenheid met het leven", "2023*", "GM0363", "83,5", "81,2", "85,8"])
    sheet.append(["Werkloosheid", 2022, "GM0599", "x", None, None])
    workbook.save(tmp_path / "monitor.xlsx")
    assert regional_monitor.looks_like(tmp_path / "monitor.xlsx", [])
    staged = regional_monitor.load(tmp_path / "monitor.xlsx", context)
    assert issues(staged) == {("error", "not_a_number", 4)}
    sheet.delete_rows(4)
    workbook.save(tmp_path / "monitor.xlsx")
    rows = rows_of(regional_monitor.load(tmp_path / "monitor.xlsx", context))
    assert rows[("welzijn.tevredenheid_leven", "GM0363", "2022")]["ci_low"] == pytest.approx(82.3)
    assert rows[("welzijn.tevredenheid_leven", "GM0363", "2023")]["value"] == pytest.approx(83.5)


def test_unknown_label_is_reported_never_dropped(context):
    staged = load("monitor_unknown_label.csv", context)
    assert issues(staged) == {("error", "unmapped_topic", 3)}
    assert staged.observations is None


def test_unknown_label_becomes_an_indicator_to_classify(context):
    options = LoadContext(
        regions=context.regions, indicators=context.indicators, new_indicators="create"
    )
    staged = regional_monitor.load(FIXTURES / "monitor_unknown_label.csv", options)
    assert staged.report.ok
    assert ("warning", "new_indicator", 3) in issues(staged)
    [new] = staged.new_indicators
    assert new.id == "te_classificeren.kwaliteit_van_de_leefomgeving"
    assert new.name_nl == "Kwaliteit van de leefomgeving" and new.theme_ids == ()
    assert rows_of(staged)[(new.id, "GM0599", "2022")]["value"] == pytest.approx(6.9)


def test_mapping_sends_a_label_to_an_indicator(context):
    options = LoadContext(
        regions=context.regions,
        indicators=context.indicators,
        mapping={"Kwaliteit van de leefomgeving": "milieu.geluidshinder"},
    )
    staged = regional_monitor.load(FIXTURES / "monitor_unknown_label.csv", options)
    assert staged.report.ok
    assert staged.indicator_ids == ["arbeid.werkloosheid", "milieu.geluidshinder"]


def test_statnaam_only_with_disambiguated_names(context):
    staged = load("monitor_statnaam_only_disambiguated.csv", context)
    assert staged.report.ok, staged.report.issues
    assert {key[1] for key in rows_of(staged)} == {"GM0344", "PV26", "GM0164", "GM0518", "NL01"}


def test_problems_are_reported_with_their_lines(context):
    assert issues(load("monitor_problems.csv", context)) == {
        ("error", "bad_period", 3),
        ("error", "ambiguous_region", 4),
        ("error", "unknown_region", 5),
        ("error", "not_a_number", 6),
        ("error", "interval_mismatch", 7),
        ("error", "interval_mismatch", 8),
        ("error", "duplicate_key", 9),
    }


def test_bare_bergen_is_ambiguous(tmp_path, context):
    regions = pd.concat(
        [
            context.regions,
            pd.DataFrame(
                [
                    {
                        "code": "GM0893",
                        "name": "Bergen (L.)",
                        "level": "GM",
                        "province_code": "PV31",
                    },
                    {
                        "code": "GM0373",
                        "name": "Bergen (NH.)",
                        "level": "GM",
                        "province_code": "PV27",
                    },
                ]
            ),
        ],
        ignore_index=True,
    )
    path = tmp_path / "bergen.csv"
    path.write_text(
        "Indicator;jaar;statnaam;waarde\nWerkloosheid;2022;Bergen;3,1\n"
        "Werkloosheid;2022;Bergen (NH.);3,2\n",
        encoding="utf-8",
    )
    staged = regional_monitor.load(
        path, LoadContext(regions=regions, indicators=context.indicators)
    )
    assert issues(staged) == {("error", "ambiguous_region", 2)}


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Indicator;jaar;statcode", "missing_column"),  # no waarde
        ("Indicator;jaar;waarde", "missing_column"),  # no region
        ("Indicator;jaar;statcode;waarde;ondergrens", "missing_column"),  # one bound only
        ("Indicator;jaar;statcode;statnaam;regionaam;waarde", "duplicate_column"),
    ],
)
def test_column_problems(tmp_path, context, header, code):
    path = tmp_path / "kolommen.csv"
    path.write_text(
        header + "\n" + ";".join(["x"] * len(header.split(";"))) + "\n", encoding="utf-8"
    )
    staged = regional_monitor.load(path, context)
    assert {i.code for i in staged.report.issues if i.severity == "error"} == {code}


def test_auto_detection_and_load_and_undo(demo_path, tmp_path):
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_path, path)
    con = store.connect(path)
    try:
        before = con.execute("SELECT * FROM observations ORDER BY ALL").fetchall()
        fixture = FIXTURES / "monitor_intervals_decimal_comma.csv"
        assert intake.check_file(con, fixture).report.format == "cbs_regional_monitor"
        outcome = intake.load_file(con, fixture, actor=cli_actor("test"))
        assert outcome.load_id is not None, outcome.report.issues
        assert con.execute(
            "SELECT ci_low, ci_high FROM observations WHERE indicator_id = "
            "'welzijn.tevredenheid_leven' AND region_code = 'GM0363' AND period = '2022'"
        ).fetchone() == pytest.approx((82.3, 85.9))
        store.undo_load(con, outcome.load_id)
        assert con.execute("SELECT * FROM observations ORDER BY ALL").fetchall() == before
    finally:
        con.close()
