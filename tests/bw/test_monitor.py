"""Tests for bw.monitor: the judgements of a region, computed from the derived tables."""

from __future__ import annotations

import json

import pytest

from bw import assess, bootstrap, cli, monitor, store
from bw.catalogue import POPULATION_INDICATOR_ID
from bw.model import Target
from bw.targets import (
    EXAMPLE_TARGET_RATIONALE,
    EXAMPLE_TARGET_SOURCE,
    is_example_target,
)
from tests.bw.tiny_store import load, observations

# The keys of `bw assess --json`, as issue #3 lists them, with issue 12's comparison_period.
ISSUE_KEYS = [
    "indicator",
    "dimensions",
    "theme",
    "unit",
    "direction",
    "period",
    "value",
    "ci_low",
    "ci_high",
    "status",
    "minimum",
    "ambition",
    "ceiling",
    "target_year",
    "trend",
    "slope_per_year",
    "p_value",
    "recent_change",
    "rank",
    "n",
    "quartile",
    "comparison_period",
    "vs_nl",
    "vs_nl_class",
    "progress",
    "progress_ratio",
    "projected_value",
    "year_minimum_reached",
    # issue 12: origin and coverage of the value, and why a newer one is absent
    "origin",
    "coverage",
    "missing_reason",
    "missing_period",
]


def test_record_keys_are_exactly_the_documented_ones():
    assert list(monitor.RECORD_KEYS) == ISSUE_KEYS


def test_the_worked_energy_poverty_example_needs_acceleration(con):
    # methods.md §4: 8.0 (2015) -> 6.5 (2022), target 4.0 in 2030, lower is better.
    load(con, [("t.down", "GM0001", 2015, 8.0), ("t.down", "GM0001", 2022, 6.5)])
    store.write_targets(
        con,
        [
            Target(
                "GM0001", "t.down", minimum=7.0, ambition=4.0, target_year=2030, baseline_year=2015
            )
        ],
        set_by="test",
    )
    item = monitor.assess_region(con, "GM0001").item("t.down")
    assert item.status == "above_minimum"
    assert item.progress == "acceleration_needed"
    assert item.progress_ratio == pytest.approx(0.65, abs=0.005)
    assert item.trend == "insufficient_data"  # two points are too few for a trend
    assert item.recent_change == pytest.approx(-1.5)


def test_status_trend_rank_and_position_come_together(con):
    rows = [("t.up", "GM0001", year, 50.0 + 2 * (year - 2015)) for year in range(2015, 2023)]
    rows += [
        ("t.up", code, 2022, value)
        for code, value in [("GM0002", 70.0), ("GM0003", 60.0), ("GM0004", 40.0), ("NL01", 63.0)]
    ]
    load(con, rows)
    store.write_targets(con, [Target("GM0001", "t.up", minimum=60, ambition=70)], set_by="t")
    item = monitor.assess_region(con, "GM0001").item("t.up")
    assert (item.period, item.value) == (2022, 64.0)
    assert item.status == "above_minimum"
    assert item.trend == "improving"
    assert item.slope_per_year == pytest.approx(2.0)
    assert (item.rank, item.n, item.quartile) == (2, 4, "middle")
    assert item.vs_nl == pytest.approx(1 / 63)
    assert item.vs_nl_class == "comparable"  # within ±5% of NL
    assert item.progress is None  # no target year


def test_the_target_source_says_whether_a_verdict_uses_an_example(con):
    load(con, [("t.up", "GM0001", 2022, 64.0), ("t.down", "GM0001", 2022, 5.0)])
    store.write_targets(
        con,
        [
            Target(
                "GM0001",
                "t.up",
                minimum=60,
                ambition=70,
                rationale=EXAMPLE_TARGET_RATIONALE,
                source=EXAMPLE_TARGET_SOURCE,
            ),
            Target("GM0001", "t.down", minimum=6, ambition=4),
        ],  # a council's, without a source
        set_by="t",
    )
    assessment = monitor.assess_region(con, "GM0001")
    assert assessment.item("t.up").target_source == EXAMPLE_TARGET_SOURCE
    assert is_example_target(assessment.item("t.up").target_source)
    assert assessment.item("t.down").target_source is None
    assert "target_source" not in assessment.item("t.up").record()  # the JSON stays as documented


def test_a_region_without_data_is_judged_no_data(con):
    assessment = monitor.assess_region(con, "GM0005")
    assert {item.status for item in assessment.items} == {"no_data"}
    assert {item.trend for item in assessment.items} == {"insufficient_data"}
    assert all(item.rank is None for item in assessment.items)


def test_counts_are_not_compared_with_the_netherlands(con):
    load(con, [("t.count", "GM0001", 2022, 100.0), ("t.count", "NL01", 2022, 10_000.0)])
    item = monitor.assess_region(con, "GM0001").item("t.count")
    assert item.vs_nl is None and item.vs_nl_class is None


def test_period_judges_as_of_an_earlier_year(con):
    load(
        con,
        [
            ("t.up", "GM0001", 2020, 10.0),
            ("t.up", "GM0002", 2020, 20.0),
            ("t.up", "GM0001", 2022, 30.0),
            ("t.up", "GM0002", 2022, 20.0),
        ],
    )
    latest = monitor.assess_region(con, "GM0001").item("t.up")
    earlier = monitor.assess_region(con, "GM0001", period=2021).item("t.up")
    assert (latest.period, latest.rank) == (2022, 1)
    assert (earlier.period, earlier.value, earlier.rank) == (2020, 10.0, 2)


def test_unknown_region_is_a_store_error(con):
    with pytest.raises(store.StoreError, match="unknown region"):
        monitor.assess_region(con, "GM9999")


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    """The demo store, read-only."""
    path = tmp_path_factory.mktemp("monitor") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    connection = store.connect_for_reading(path)
    yield connection
    connection.close()


def test_a_regio_deal_is_the_population_weighted_mean_of_its_members(demo_con):
    group = store.read_group(demo_con, "RD_ZUID_LIMBURG")
    assessment = monitor.assess_region(demo_con, "RD_ZUID_LIMBURG")
    item = assessment.item("arbeid.werkloosheid")
    members = store.read_series_summaries(demo_con, group.members)
    year = item.period

    def value_in(row, wanted):
        return dict(zip(row.years, row.values, strict=True)).get(wanted)

    rates = {
        r.region_code: value_in(r, year) for r in members if r.indicator_id == "arbeid.werkloosheid"
    }
    people = {
        r.region_code: value_in(r, year)
        for r in members
        if r.indicator_id == POPULATION_INDICATOR_ID
    }
    expected = sum(rates[c] * people[c] for c in rates) / sum(people[c] for c in rates)
    assert item.value == pytest.approx(expected, rel=1e-12)
    assert item.coverage == pytest.approx(1.0)
    assert item.rank is None  # groups are not ranked among gemeenten
    assert assessment.members == group.members


def test_a_group_sum_is_the_sum_of_its_members(demo_con):
    item = monitor.assess_region(demo_con, "G4").item(POPULATION_INDICATOR_ID)
    members = store.read_series_summaries(demo_con, store.read_group_members(demo_con, "G4"))
    latest = sum(r.value for r in members if r.indicator_id == POPULATION_INDICATOR_ID)
    assert item.value == pytest.approx(latest)


def test_every_demo_region_level_can_be_assessed(demo_con):
    regions = store.read_regions(demo_con)
    for level, rows in regions.groupby("level"):
        assessment = monitor.assess_region(demo_con, rows.iloc[0]["code"])
        assert assessment.items, level
        assert any(item.value is not None for item in assessment.items), level


def test_cli_assess_json_prints_one_record_per_indicator(demo_con, tmp_path, capsys):
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    capsys.readouterr()
    assert cli.main(["--db", str(path), "assess", "GM0917", "--json"]) == cli.EXIT_OK
    records = json.loads(capsys.readouterr().out)
    n_indicators = demo_con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert len(records) == n_indicators
    assert all(list(record) == ISSUE_KEYS for record in records)
    statuses = {record["status"] for record in records}
    assert {"below_minimum", "above_minimum", "ambition_reached", "no_target"} <= statuses
    assert cli.main(["--db", str(path), "assess", "GM0917"]) == cli.EXIT_OK
    assert "Heerlen (GM0917)" in capsys.readouterr().out


def _digits(number: float) -> tuple[int, int]:
    """(decimals, significant digits) of the shortest text of a float."""
    from decimal import Decimal

    exact = Decimal(repr(number)).normalize().as_tuple()
    return max(0, -exact.exponent), len(exact.digits)


@pytest.mark.parametrize("code", ["GM0917", "PV31", "NL01", "RD_ZUID_LIMBURG", "G4"])
def test_assess_records_carry_no_float_noise(demo_con, code):
    """Values to the indicator's decimals, slopes +2, shares 3 decimals, p 3 digits (issue 13)."""
    from bw.export import ROUNDING, SHARE_DECIMALS

    assessment = monitor.assess_region(demo_con, code)
    numbers = 0
    for item, record in zip(assessment.items, monitor.records(assessment), strict=True):
        json.dumps(record)  # still plain JSON
        for key, value in record.items():
            if not isinstance(value, float):
                continue
            numbers += 1
            decimals, digits = _digits(value)
            rule = ROUNDING.get(key)
            assert rule is not None, f"{key} is a float without a rounding rule"
            allowed = {
                "value": item.decimals,
                "slope": item.decimals + 2,
                "share": SHARE_DECIMALS,
            }.get(rule)
            if rule == "p":
                assert digits <= 3, (item.indicator, key, value)
            else:
                assert decimals <= allowed, (item.indicator, key, value)
    assert numbers > 50


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["assess", "GM9999"], cli.EXIT_DATA_ERROR),
        (["assess", "GM0917", "--period", "twintig"], cli.EXIT_USAGE),
        (["assess"], cli.EXIT_USAGE),
    ],
)
def test_cli_assess_bad_input(tmp_path, argv, code, capsys):
    path = tmp_path / "empty.duckdb"
    bootstrap.init_store(path, kind="empty")
    assert cli.main(["--db", str(path), *argv]) == code


def test_a_baseline_year_without_a_value_gives_insufficient_data(con):
    load(con, [("t.up", "GM0001", 2016, 5.0), ("t.up", "GM0001", 2022, 6.0)])
    store.write_targets(
        con,
        [Target("GM0001", "t.up", minimum=5, ambition=9, target_year=2030, baseline_year=2015)],
        set_by="test",
    )
    item = monitor.assess_region(con, "GM0001").item("t.up")
    assert item.progress == "insufficient_data"
    assert item.progress_ratio is None


def test_a_group_value_is_as_provisional_as_its_least_final_member(demo_con):
    item = monitor.assess_region(demo_con, "RD_ZUID_LIMBURG").item("arbeid.werkloosheid")
    assert item.value_status == "voorlopig"  # the demo's last year is provisional
    assert set(item.series.status[:-1]) == {"definitief"}


def test_read_ranking_years_lists_years_with_ranked_values(demo_con):
    years = store.read_ranking_years(demo_con, "arbeid.werkloosheid", level="GM")
    assert years == sorted(years, reverse=True) and years[0] == 2024
    assert store.read_ranking_years(demo_con, "arbeid.werkloosheid", level="WK") == []


# --- comparison periods (methods.md §3, issue 12 items 7 and 8) --------------------------------

GEMEENTEN = ("GM0001", "GM0002", "GM0003", "GM0004", "GM0005")


def test_a_newer_value_is_shown_with_its_position_in_the_comparison_period(con):
    rows = [("t.up", code, 2024, 10.0 + i) for i, code in enumerate(GEMEENTEN)]
    rows += [
        ("t.up", "NL01", 2024, 12.0),
        ("t.up", "PV27", 2024, 12.0),
        ("t.up", "GM0001", 2025, 30.0),
        ("t.up", "GM0002", 2025, 31.0),
    ]
    load(con, rows)
    item = monitor.assess_region(con, "GM0001").item("t.up")
    assert (item.period, item.value) == (2025, 30.0)  # its own latest value …
    assert (item.rank, item.n, item.quartile) == (5, 5, "worst_quartile")  # … ranked over 2024
    assert item.comparison_period == 2024
    assert item.vs_nl == pytest.approx(10 / 12 - 1) and item.vs_nl_class == "worse"
    assert item.vs_province == pytest.approx(10 / 12 - 1)
    assert item.vs_peer == pytest.approx(10 / 10.5 - 1)  # peers 4-3: GM0001, GM0002 in 2024
    assert (item.comparison_latest_year, item.comparison_n_latest, item.comparison_n_reporting) == (
        2025,
        2,
        5,
    )
    assert item.record()["comparison_period"] == 2024


def test_a_region_without_a_value_in_the_comparison_period_has_no_position(con):
    rows = [("t.up", code, 2024, 1.0) for code in GEMEENTEN[:4]]
    rows += [("t.up", "GM0005", 2022, 1.0), ("t.up", "NL01", 2022, 1.0)]
    load(con, rows)
    item = monitor.assess_region(con, "GM0005").item("t.up")
    assert (item.period, item.value) == (2022, 1.0)
    assert item.comparison_period == 2024
    assert (item.rank, item.n, item.quartile) == (None, None, None)
    assert item.vs_nl is None and item.vs_nl_class is None


def test_no_year_with_80_percent_gives_no_positions(con):
    load(con, [("t.up", code, 2020 + i % 2, 1.0) for i, code in enumerate(GEMEENTEN)])
    item = monitor.assess_region(con, "GM0001").item("t.up")
    assert item.value == 1.0
    assert (item.comparison_period, item.rank) == (None, None)
    assert item.comparison_n_reporting == 5  # the note can say why


def test_nl_is_compared_in_its_own_period(con):
    load(con, [("t.up", "NL01", 2025, 1.0), ("t.up", "NL01", 2024, 1.0)])
    nl = monitor.assess_region(con, "NL01").item("t.up")
    assert (nl.period, nl.comparison_period, nl.rank) == (2025, 2025, None)
    assert nl.comparison_n_reporting is None


def test_a_group_is_compared_in_its_own_period(demo_con):
    item = monitor.assess_region(demo_con, "RD_ZUID_LIMBURG").item("arbeid.werkloosheid")
    assert item.comparison_period == item.period is not None
    assert item.rank is None and item.vs_nl is not None


def test_period_judges_positions_as_of_that_year(con):
    rows = [
        ("t.up", code, year, float(i)) for i, code in enumerate(GEMEENTEN) for year in (2020, 2022)
    ]
    rows += [("t.up", "GM0005", 2021, 0.0), ("t.up", "NL01", 2020, 2.0)]
    load(con, rows)
    latest = monitor.assess_region(con, "GM0005").item("t.up")
    assert (latest.period, latest.comparison_period, latest.rank) == (2022, 2022, 1)
    # As of 2021: the store holds nothing newer; 2021 has 1 of 5, so positions are over 2020.
    earlier = monitor.assess_region(con, "GM0005", period=2021).item("t.up")
    assert (earlier.period, earlier.value) == (2021, 0.0)
    assert (earlier.comparison_period, earlier.rank, earlier.n) == (2020, 1, 5)
    assert earlier.vs_nl == pytest.approx(4 / 2 - 1)  # its 2020 value 4.0 against NL's 2.0
    assert (earlier.comparison_latest_year, earlier.comparison_n_latest) == (2021, 1)


def test_other_thresholds_recompute_the_comparison_period(con):
    rows = [("t.up", code, 2024, float(i)) for i, code in enumerate(GEMEENTEN)]
    rows += [("t.up", code, 2025, float(i)) for i, code in enumerate(GEMEENTEN[:3])]
    load(con, rows)
    default = monitor.assess_region(con, "GM0003").item("t.up")
    assert (default.comparison_period, default.rank, default.n) == (2024, 3, 5)
    lenient = monitor.assess_region(
        con, "GM0003", thresholds=assess.Thresholds(comparison_coverage=0.6)
    ).item("t.up")
    assert (lenient.comparison_period, lenient.rank, lenient.n) == (2025, 1, 3)


@pytest.mark.parametrize(
    "values",
    [[1.0, 2.0, 3.0, 4.0, 5.0], [3.0, 3.0, 1.0, 9.0, -2.0], [7.0, 7.0, 7.0, 7.0, 7.0], [0.0, 1.0]],
)
def test_a_neutral_indicator_never_gets_best_or_worst_words(con, values):
    load(con, [("t.count", code, 2024, v) for code, v in zip(GEMEENTEN, values, strict=False)])
    quartiles = {
        monitor.assess_region(con, code).item("t.count").quartile
        for code in GEMEENTEN[: len(values)]
    }
    assert quartiles <= {"highest_quartile", "middle", "lowest_quartile"}
    assert "highest_quartile" in quartiles


@pytest.fixture
def demo_path(tmp_path):
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


def test_early_2025_values_for_two_gemeenten_leave_heerlen_compared_over_2024(demo_path, tmp_path):
    """Issue 12 item 7: not 'rang 1 van 2, beste kwart', compared with itself, without NL."""
    from bw import intake
    from bw.auth import cli_actor

    con = store.connect(demo_path)
    before = monitor.assess_region(con, "GM0917").item("arbeid.werkloosheid")
    assert before.period == before.comparison_period == 2024
    delivery = tmp_path / "early_2025.csv"
    delivery.write_text(
        "indicator;region;period;value\n"
        "arbeid.werkloosheid;GM0917;2025;2,9\n"
        "arbeid.werkloosheid;GM0363;2025;4,1\n",
        encoding="utf-8",
    )
    assert intake.load_file(con, delivery, actor=cli_actor("test")).load_id is not None
    after = monitor.assess_region(con, "GM0917").item("arbeid.werkloosheid")
    con.close()
    assert (after.period, after.value) == (2025, 2.9)
    assert after.comparison_period == 2024
    for field in (
        "rank",
        "n",
        "quartile",
        "vs_nl",
        "vs_nl_class",
        "vs_province",
        "vs_province_class",
        "vs_peer",
        "vs_peer_class",
    ):
        assert getattr(after, field) == getattr(before, field), field
    assert after.n == 84 and after.vs_nl is not None
    assert (
        after.comparison_latest_year,
        after.comparison_n_latest,
        after.comparison_n_reporting,
    ) == (2025, 2, 84)


def test_cli_assess_json_reports_the_comparison_period(demo_path, tmp_path, capsys):
    con = store.connect(demo_path)
    with store.transaction(con):
        load_id = store.create_load(con, source="test", format="test")
        store.write_observations(
            con,
            observations(
                [
                    ("arbeid.werkloosheid", "GM0917", 2025, 2.9),
                    ("arbeid.werkloosheid", "GM0363", 2025, 4.1),
                ]
            ),
            load_id=load_id,
        )
        store.refresh_derived(con, indicator_ids=["arbeid.werkloosheid"])
    con.close()
    capsys.readouterr()
    assert cli.main(["--db", str(demo_path), "assess", "GM0917", "--json"]) == cli.EXIT_OK
    records = {r["indicator"]: r for r in json.loads(capsys.readouterr().out)}
    record = records["arbeid.werkloosheid"]
    assert (record["period"], record["value"], record["comparison_period"]) == (2025, 2.9, 2024)
    assert record["n"] == 84
    assert records["wonen.woonquote"]["comparison_period"] == records["wonen.woonquote"]["period"]
    assert cli.main(["--db", str(demo_path), "assess", "GM0917"]) == cli.EXIT_OK
    assert "of 84 (in 2024)" in capsys.readouterr().out


def test_a_reference_of_zero_gives_no_comparison_instead_of_an_error():
    # compare_with_reference has no relative difference to a 0 reference (it returns None).
    references = {"NL": store.ReferenceSeries("NL01", (2020,), (0.0,), (None,), (None,), (1,))}
    compared = monitor._compare(
        references, "NL", 2020, 1.0, None, None, "up", assess.DEFAULT_THRESHOLDS
    )
    assert compared == (None, None)
