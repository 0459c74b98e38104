"""Tests for bw.demo: real regions, deterministic fictional series, aggregates and targets."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bw import catalogue, config, demo
from bw.model import Aggregation, Direction, GroupKind, Level

FIRST, LAST = config.DEMO_FIRST_YEAR, config.DEMO_LAST_YEAR
PROVINCE_CODES = [f"PV{n}" for n in range(20, 32)]
BIG_FOUR = {"GM0363", "GM0599", "GM0518", "GM0344"}
INDICATORS = {i.id: i for i in catalogue.INDICATORS}
SURVEY_IDS = sorted(i.id for i in catalogue.INDICATORS if i.is_survey)
AGGREGATE_CODES = sorted(demo.aggregate_members())
# Two-sided 95% critical values of Student's t for 1..11 degrees of freedom.
T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201]


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return demo.demo_observations()


@pytest.fixture(scope="module")
def gemeente_rows(observations) -> pd.DataFrame:
    return observations[observations["region_code"].str.startswith("GM")]


@pytest.fixture(scope="module")
def regions():
    return {region.code: region for region in demo.demo_regions()}


def series_of(frame: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Values of one indicator as a year x region table."""
    rows = frame[frame["indicator_id"] == indicator_id]
    return rows.pivot(index="year", columns="region_code", values="value")


def classify_trend(years, values, direction: str) -> str:
    """CBS-like trend class (methods.md §2) over the whole series, written out independently."""
    x = np.asarray(years, dtype=float)
    y = np.asarray(values, dtype=float)
    centred = x - x.mean()
    beta = float((centred * (y - y.mean())).sum() / (centred**2).sum())
    residuals = y - (y.mean() + beta * centred)
    error = float(np.sqrt((residuals**2).sum() / (len(x) - 2) / (centred**2).sum()))
    significant = abs(beta) > 0 and (error == 0 or abs(beta) / error > T_975[len(x) - 3])
    large = abs(beta) * (x.max() - x.min()) >= 0.01 * float(np.abs(y).mean())
    if not (significant and large):
        return "stable"
    return "improving" if (beta > 0) == (direction == "up") else "worsening"


def trend_classes(gemeente_rows: pd.DataFrame, indicator_id: str) -> Counter:
    direction = str(INDICATORS[indicator_id].direction)
    table = series_of(gemeente_rows, indicator_id)
    return Counter(
        classify_trend(column.dropna().index, column.dropna().to_numpy(), direction)
        for _, column in table.items()
    )


# --- Regions and groups ----------------------------------------------------------------------


def test_at_least_45_real_gemeenten_over_all_twelve_provinces():
    per_province = Counter(g.province_code for g in demo.DEMO_GEMEENTEN)
    assert len(demo.DEMO_GEMEENTEN) >= 45
    assert sorted(per_province) == PROVINCE_CODES
    assert min(per_province.values()) >= 3


def test_gemeente_codes_are_unique_and_well_formed():
    codes = [g.code for g in demo.DEMO_GEMEENTEN]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"GM\d{4}", code) for code in codes)


def test_the_four_big_cities_and_small_rural_gemeenten_are_included():
    codes = {g.code for g in demo.DEMO_GEMEENTEN}
    assert codes >= BIG_FOUR
    assert any(g.size_class <= 2 and g.urbanity == 5 for g in demo.DEMO_GEMEENTEN)


def test_several_peer_classes_have_at_least_three_gemeenten():
    classes = Counter((g.size_class, g.urbanity) for g in demo.DEMO_GEMEENTEN)
    assert sum(1 for n in classes.values() if n >= 3) >= 5


def test_the_frame_has_nl_four_landsdelen_and_the_twelve_provinces(regions):
    by_level = Counter(str(r.level) for r in regions.values())
    assert by_level["NL"] == 1 and regions["NL01"].name == "Nederland"
    assert sorted(c for c, r in regions.items() if r.level == Level.LD) == [
        "LD01",
        "LD02",
        "LD03",
        "LD04",
    ]
    assert sorted(c for c, r in regions.items() if r.level == Level.PV) == PROVINCE_CODES
    assert all(
        regions[r.landsdeel_code].level == Level.LD for r in regions.values() if r.level == Level.PV
    )


def test_region_codes_are_unique():
    codes = [r.code for r in demo.demo_regions()]
    assert len(codes) == len(set(codes))


def test_every_gemeente_points_to_existing_consistent_parents(regions):
    for region in regions.values():
        if region.level != Level.GM:
            continue
        corop = regions[region.corop_code]
        province = regions[region.province_code]
        assert corop.level == Level.CR and province.level == Level.PV
        assert corop.province_code == region.province_code
        assert province.landsdeel_code == region.landsdeel_code
        assert 1 <= region.size_class <= 8 and 1 <= region.urbanity <= 5
        assert region.last_year is None


def test_groups_are_regions_with_existing_gemeente_members(regions):
    groups = demo.demo_groups()
    assert {g.kind for g in groups} >= {GroupKind.REGIO_DEAL}
    for group in groups:
        assert regions[group.code].level == Level.GROUP
        assert group.name and group.description
        assert len(group.member_codes) == len(set(group.member_codes)) >= 3
        assert all(regions[code].level == Level.GM for code in group.member_codes)


def test_regio_deal_zuid_limburg_holds_zuid_limburg_gemeenten(regions):
    deal = next(g for g in demo.demo_groups() if g.kind == GroupKind.REGIO_DEAL)
    assert {"GM0917", "GM0928", "GM0882", "GM0899", "GM0935", "GM1883"} <= set(deal.member_codes)
    assert {regions[code].corop_code for code in deal.member_codes} == {"CR39"}


# --- Observations: shape, determinism, references ---------------------------------------------


def test_columns_are_exactly_the_store_columns(observations):
    assert list(observations.columns) == [
        "indicator_id",
        "region_code",
        "period",
        "year",
        "value",
        "ci_low",
        "ci_high",
        "status",
        "missing_reason",
    ]


def test_two_calls_give_identical_frames():
    first = demo.demo_observations()
    first.loc[0, "value"] = -1.0  # a caller's change must not leak into the next call
    pd.testing.assert_frame_equal(demo.demo_observations(), demo.demo_observations())
    assert demo.demo_observations().loc[0, "value"] != -1.0


def frame_digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()


def test_another_process_with_another_hash_seed_draws_the_same_demo(observations):
    script = (
        "import hashlib; from bw import demo; "
        "print(hashlib.sha256(demo.demo_observations().to_csv(index=False).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(config.PROJECT_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=config.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == frame_digest(observations)


@given(parts=st.lists(st.text(max_size=20), min_size=1, max_size=3))
@settings(max_examples=50, deadline=None)
def test_stable_rng_depends_only_on_its_strings(parts):
    first = demo.stable_rng(*parts).normal(size=3)
    second = demo.stable_rng(*parts).normal(size=3)
    assert np.array_equal(first, second)


@given(
    values=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=20),
    data=st.data(),
)
@settings(max_examples=100, deadline=None)
def test_weighted_mean_lies_between_the_smallest_and_largest_value(values, data):
    weights = data.draw(st.lists(st.floats(1, 1e6), min_size=len(values), max_size=len(values)))
    mean = demo.weighted_mean(np.array(values), np.array(weights))
    assert min(values) - 1e-6 <= mean <= max(values) + 1e-6


def test_every_observation_names_a_known_indicator_and_region(observations, regions):
    assert set(observations["indicator_id"]) == set(INDICATORS)
    assert set(observations["region_code"]) <= set(regions)


def test_keys_are_unique_and_periods_are_years(observations):
    assert not observations.duplicated(["indicator_id", "region_code", "period"]).any()
    assert (observations["period"] == observations["year"].astype(str)).all()
    assert observations["year"].between(FIRST, LAST).all()
    assert observations["year"].min() == FIRST and observations["year"].max() == LAST


def test_values_are_missing_only_with_a_reason(observations):
    missing = observations["value"].isna()
    assert observations.loc[missing, "missing_reason"].notna().all()
    assert observations.loc[~missing, "missing_reason"].isna().all()
    assert missing.sum() < 0.01 * len(observations)


def test_every_gemeente_has_every_indicator(gemeente_rows):
    per_indicator = gemeente_rows.groupby("indicator_id")["region_code"].nunique()
    assert (per_indicator == len(demo.DEMO_GEMEENTEN)).all()


# --- Status ------------------------------------------------------------------------------------


def test_the_last_year_is_provisional_and_old_years_are_final(observations):
    last = observations[observations["year"] == LAST]
    assert len(last) > 0 and (last["status"] == "voorlopig").all()
    old = observations[observations["year"] < LAST - 1]
    assert (old["status"] == "definitief").all()
    assert set(observations["status"]) == {"definitief", "voorlopig", "nader_voorlopig"}


def test_aggregates_are_as_provisional_as_their_least_final_member(observations):
    brp = observations[observations["indicator_id"] == "economie.brp_per_inwoner"]
    nl = brp[brp["region_code"] == "NL01"].set_index("year")["status"]
    assert (nl[LAST], nl[LAST - 1], nl[FIRST]) == ("voorlopig", "nader_voorlopig", "definitief")


# --- Survey indicators ------------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", SURVEY_IDS)
def test_survey_series_have_gaps_and_95_percent_intervals(gemeente_rows, indicator_id):
    rows = gemeente_rows[
        (gemeente_rows["indicator_id"] == indicator_id) & gemeente_rows["value"].notna()
    ]
    years = sorted(set(rows["year"]))
    assert len(years) < LAST - FIRST + 1
    assert rows[["ci_low", "ci_high"]].notna().all().all()
    assert (rows["ci_low"] <= rows["value"]).all() and (rows["value"] <= rows["ci_high"]).all()
    # A very precise interval may round to one number at the shown decimals, but rarely.
    assert (rows["ci_low"] < rows["ci_high"]).mean() > 0.9


@pytest.mark.parametrize("indicator_id", SURVEY_IDS)
def test_small_gemeenten_get_wider_intervals(gemeente_rows, indicator_id):
    rows = gemeente_rows[
        (gemeente_rows["indicator_id"] == indicator_id) & gemeente_rows["value"].notna()
    ]
    width = (rows["ci_high"] - rows["ci_low"]).groupby(rows["region_code"]).mean()
    assert width["GM0744"] > 2 * width["GM0363"]  # Baarle-Nassau against Amsterdam


def test_only_survey_values_of_gemeenten_carry_intervals(observations):
    with_interval = observations[observations["ci_low"].notna()]
    assert set(with_interval["indicator_id"]) == set(SURVEY_IDS)
    assert with_interval["region_code"].str.startswith("GM").all()


def test_some_indicators_start_later_than_the_first_year(gemeente_rows):
    first_years = gemeente_rows.groupby("indicator_id")["year"].min()
    assert first_years["wonen.energiearmoede"] > FIRST + 2
    assert (first_years > FIRST).sum() >= 3


# --- Plausible levels -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_id", "low", "high"),
    [
        ("arbeid.werkloosheid", 2.0, 12.0),
        ("gezondheid.ervaren_gezondheid", 68.0, 88.0),
        ("inkomen.besteedbaar_inkomen_mediaan", 20_000, 45_000),
        ("arbeid.nettoarbeidsparticipatie", 55.0, 80.0),
        ("milieu.fijnstof", 4.0, 18.0),
        ("welzijn.tevredenheid_leven", 75.0, 95.0),
        ("welzijn.rapportcijfer_leven", 6.5, 8.5),
        ("veiligheid.geregistreerde_criminaliteit", 15.0, 150.0),
        ("grondstoffen.restafval", 50.0, 450.0),
        ("samenleving.eenzaamheid", 4.0, 25.0),
        ("gezondheid.gezonde_levensverwachting", 55.0, 72.0),
        ("natuur.hernieuwbare_energie", 0.0, 45.0),
    ],
)
def test_gemeente_values_stay_within_dutch_ranges(gemeente_rows, indicator_id, low, high):
    values = gemeente_rows.loc[gemeente_rows["indicator_id"] == indicator_id, "value"].dropna()
    assert values.between(low, high).all(), (values.min(), values.max())


def test_population_ends_near_the_real_2022_population_with_mild_change(gemeente_rows):
    table = series_of(gemeente_rows, catalogue.POPULATION_INDICATOR_ID)
    for g in demo.DEMO_GEMEENTEN:
        series = table[g.code]
        assert series[2022] == pytest.approx(g.population_2022, rel=0.01)
        assert series.pct_change().dropna().abs().max() < 0.03


def test_cities_have_more_crime_and_less_nature_than_rural_gemeenten(gemeente_rows):
    latest = gemeente_rows[gemeente_rows["year"] == 2022].set_index(["indicator_id", "region_code"])
    urban = [g.code for g in demo.DEMO_GEMEENTEN if g.urbanity == 1]
    rural = [g.code for g in demo.DEMO_GEMEENTEN if g.urbanity == 5]
    crime = latest.loc["veiligheid.geregistreerde_criminaliteit", "value"]
    nature = latest.loc["natuur.natuurareaal", "value"]
    assert crime[urban].mean() > crime[rural].mean()
    assert nature[urban].mean() < nature[rural].mean()


# --- Trends -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "indicator_id",
    [
        "arbeid.werkloosheid",
        "milieu.fijnstof",
        "veiligheid.geregistreerde_criminaliteit",
        "grondstoffen.restafval",
    ],
)
def test_improving_indicators_improve_in_most_gemeenten(gemeente_rows, indicator_id):
    classes = trend_classes(gemeente_rows, indicator_id)
    assert classes["improving"] >= 0.9 * sum(classes.values())


@pytest.mark.parametrize(
    ("indicator_id", "share"),
    [("gezondheid.gezonde_levensverwachting", 0.9), ("gezondheid.psychisch_ongezond", 0.5)],
)
def test_worsening_indicators_worsen_in_many_gemeenten(gemeente_rows, indicator_id, share):
    classes = trend_classes(gemeente_rows, indicator_id)
    assert classes["worsening"] >= share * sum(classes.values())
    assert classes["improving"] == 0


@pytest.mark.parametrize("indicator_id", ["welzijn.tevredenheid_leven", "wonen.afstand_huisarts"])
def test_stable_indicators_stay_stable_in_most_gemeenten(gemeente_rows, indicator_id):
    classes = trend_classes(gemeente_rows, indicator_id)
    assert classes["stable"] >= 0.75 * sum(classes.values())


def test_some_indicator_trends_differ_between_gemeenten(gemeente_rows):
    mixed = [
        indicator_id
        for indicator_id in (
            "gezondheid.overgewicht",
            "samenleving.eenzaamheid",
            "sociaal.vertrouwen_anderen",
        )
        if sum(1 for n in trend_classes(gemeente_rows, indicator_id).values() if n >= 5) >= 2
    ]
    assert mixed


# --- Aggregates -------------------------------------------------------------------------------


def expected_aggregate(gemeente_rows, indicator_id, members) -> pd.Series:
    """The value per year of an aggregate, recomputed from its members' rows."""
    values = series_of(gemeente_rows, indicator_id).reindex(columns=list(members))
    if INDICATORS[indicator_id].aggregation == Aggregation.SUM:
        return values.sum(axis=1, min_count=1)
    weights = series_of(gemeente_rows, catalogue.POPULATION_INDICATOR_ID)
    weights = weights.reindex(index=values.index, columns=list(members)).where(values.notna())
    return (values * weights).sum(axis=1) / weights.sum(axis=1)


@pytest.mark.parametrize(
    "indicator_id",
    [
        "bevolking.inwoners",
        "economie.banen",
        "arbeid.werkloosheid",
        "gezondheid.ervaren_gezondheid",
        "veiligheid.onveiligheidsgevoelens",
        "grondstoffen.co2_uitstoot",
    ],
)
def test_every_aggregate_equals_its_members_sum_or_weighted_mean(
    observations, gemeente_rows, indicator_id
):
    members = demo.aggregate_members()
    actual = series_of(observations, indicator_id)
    for code in AGGREGATE_CODES:
        expected = expected_aggregate(gemeente_rows, indicator_id, members[code]).dropna()
        got = actual[code].dropna()
        assert list(got.index) == list(expected.index), code
        np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=1e-9, err_msg=code)


def test_nl_and_province_members_are_the_demo_gemeenten():
    members = demo.aggregate_members()
    assert set(members["NL01"]) == {g.code for g in demo.DEMO_GEMEENTEN}
    limburg = {g.code for g in demo.DEMO_GEMEENTEN if g.province_code == "PV31"}
    assert set(members["PV31"]) == limburg
    assert set(AGGREGATE_CODES) >= {"NL01", *PROVINCE_CODES, "LD01", "LD04"}


def test_groups_have_no_stored_values(observations):
    # A group is aggregated when viewed (methods.md §6), like any user-defined group.
    group_codes = {group.code for group in demo.demo_groups()}
    assert not group_codes & set(observations["region_code"])
    g4 = next(group for group in demo.demo_groups() if group.code == "G4")
    assert set(g4.member_codes) == BIG_FOUR


@pytest.mark.parametrize(
    "indicator_id", [i.id for i in catalogue.INDICATORS if i.aggregation == Aggregation.NONE]
)
def test_non_aggregable_indicators_have_no_aggregate_rows(observations, indicator_id):
    rows = observations[observations["indicator_id"] == indicator_id]
    assert len(rows) > 0
    assert rows["region_code"].str.startswith("GM").all()


def test_every_aggregable_indicator_has_rows_for_every_aggregate(observations):
    aggregable = {i.id for i in catalogue.INDICATORS if i.aggregation != Aggregation.NONE}
    rows = observations[~observations["region_code"].str.startswith("GM")]
    assert set(rows["indicator_id"]) == aggregable
    assert set(rows["region_code"]) == set(AGGREGATE_CODES)
    assert rows[["ci_low", "ci_high"]].isna().all().all()


# --- Targets ----------------------------------------------------------------------------------


def status_against(target, value: float, direction: Direction) -> str:
    """methods.md §1 for one value, written out independently."""
    sign = 1 if direction == Direction.UP else -1
    if sign * (value - target.ambition) >= 0:
        return "ambition_reached"
    if sign * (value - target.minimum) >= 0:
        return "above_minimum"
    return "below_minimum"


def test_targets_are_set_for_two_gemeenten_and_one_province(regions):
    per_region = Counter(t.region_code for t in demo.demo_targets())
    levels = Counter(str(regions[code].level) for code in per_region)
    assert levels == {"GM": 2, "PV": 1}
    assert min(per_region.values()) >= 6


def test_targets_are_direction_aware_and_well_formed():
    for target in demo.demo_targets():
        indicator = INDICATORS[target.indicator_id]
        assert indicator.direction != Direction.NEUTRAL
        if indicator.direction == Direction.UP:
            assert target.ambition > target.minimum, target
        else:
            assert target.ambition < target.minimum, target
        assert target.target_year == 2030 and target.baseline_year < target.target_year
        assert target.rationale and "fictief" in target.source


def test_targets_show_every_status_in_every_region(observations):
    present = observations[observations["value"].notna()].sort_values("year")
    latest = present.groupby(["indicator_id", "region_code"])["value"].last()
    statuses: dict[str, set[str]] = {}
    for target in demo.demo_targets():
        value = latest[(target.indicator_id, target.region_code)]
        direction = INDICATORS[target.indicator_id].direction
        statuses.setdefault(target.region_code, set()).add(status_against(target, value, direction))
    assert all(
        found == {"below_minimum", "above_minimum", "ambition_reached"}
        for found in statuses.values()
    ), statuses


def test_targets_have_baseline_values(observations):
    keys = set(
        zip(
            observations["indicator_id"],
            observations["region_code"],
            observations["year"],
            strict=True,
        )
    )
    for target in demo.demo_targets():
        assert any(
            (target.indicator_id, target.region_code, year) in keys
            for year in range(target.baseline_year - 1, target.baseline_year + 2)
        )


def test_demo_labels_say_the_data_is_fictional():
    assert demo.DEMO_LABEL_NL == "demodata (fictief)"
    assert demo.DEMO_LABEL_EN == "demo data (fictional)"


# --- Against the real CBS reference -----------------------------------------------------------


def read_gebieden(folder) -> pd.DataFrame:
    """The cbsodataR copy of 85067NED with its space padding stripped, indexed by gemeente code."""
    frame = pd.read_csv(folder / "cbs-85067NED-gebieden-2022" / "data.csv", dtype=str)
    return frame.apply(lambda column: column.str.strip()).set_index("RegioS")


@pytest.mark.real_data
def test_demo_gemeenten_match_the_cbs_region_reference(real_data):
    reference = read_gebieden(real_data)
    for g in demo.DEMO_GEMEENTEN:
        row = reference.loc[g.code]
        assert (row["Code_1"], row["Naam_2"]) == (g.code, g.name)
        province_name = demo.PROVINCES[g.province_code][0]
        assert (row["Code_26"], row["Naam_27"]) == (g.province_code, province_name)
        assert (row["Code_8"], row["Naam_9"]) == (g.corop_code, g.corop_name)
        assert row["Code_24"] == g.landsdeel_code
        assert (int(row["Code_50"]), int(row["Code_52"])) == (g.size_class, g.urbanity), g.code
        assert int(row["Inwonertal_54"]) == g.population_2022, g.code


@pytest.mark.real_data
def test_demo_gemeenten_were_not_merged_since_2012_and_still_exist(real_data):
    regions = pd.read_csv(real_data / "cbs-85067NED-gebieden-2022" / "RegioS.csv", dtype=str)
    history = dict(zip(regions["Key"].str.strip(), regions["Description"].fillna(""), strict=True))
    geo = json.loads((real_data / "geo" / "gemeente_2025.geojson").read_text(encoding="utf-8"))
    codes_2025 = {feature["properties"]["statcode"] for feature in geo["features"]}
    for g in demo.DEMO_GEMEENTEN:
        change_years = [int(y) for y in re.findall(r"per \d\d-\d\d-(\d{4})", history[g.code])]
        assert all(year < FIRST for year in change_years), (g.code, history[g.code])
        assert g.code in codes_2025
