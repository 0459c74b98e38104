"""Beleidsopties: validation codes, the minimum flag (worked examples and invariants), compare
grouping, summary, history and permissions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bw import policy_options as po
from bw import store
from bw.auth import ANONYMOUS, Actor, PermissionDenied, Role
from bw.model import Target
from tests.bw.tiny_store import load

ANALYST = Actor("a.jansen", Role.ANALYST)


@pytest.fixture
def judged(con):
    """The tiny store with values for GM0001 and minimums on t.up (70) and t.down (5)."""
    load(
        con,
        [
            ("t.up", "GM0001", 2023, 71.0),
            ("t.up", "GM0001", 2024, 72.0),
            ("t.down", "GM0001", 2023, 4.9),
            ("t.down", "GM0001", 2024, 4.8),
            ("t.count", "GM0001", 2024, 1000.0),
        ],
    )
    store.write_targets(
        con,
        [
            Target("GM0001", "t.up", minimum=70.0, ambition=80.0),
            Target("GM0001", "t.down", minimum=5.0, ambition=4.0),
        ],
        set_by="t",
    )
    return con


def _set(con, n=2, **kwargs) -> int:
    options = [(f"Optie {i}", None) for i in range(1, n + 1)]
    return po.create_option_set(
        con, region_code="GM0001", title="Vraag", options=options, actor=ANALYST, **kwargs
    )


def _effect(con, option_id, indicator_id="t.up", **overrides) -> int:
    values = dict(effect="beter", size="middel", confidence="hoog", timing="nu", place="hier")
    values.update(overrides)
    return po.set_effect(con, option_id, indicator_id=indicator_id, actor=ANALYST, **values)


def _code(call) -> str:
    with pytest.raises(po.PolicyOptionsError) as caught:
        call()
    return caught.value.code


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ([("Een", None)], "too_few_options"),
        ([(f"O{i}", None) for i in range(5)], "too_many_options"),
        ([("Een", None), ("  ", None)], "option_name_required"),
        ([("Een", None), ("een", None)], "duplicate_option"),
    ],
)
def test_a_set_needs_two_to_four_named_distinct_options(con, options, code):
    assert (
        _code(
            lambda: po.create_option_set(
                con, region_code="GM0001", title="Vraag", options=options, actor=ANALYST
            )
        )
        == code
    )
    assert po.read_option_sets(con) == []


def test_a_set_needs_a_title_and_a_known_region(con):
    two = [("A", None), ("B", None)]
    assert (
        _code(
            lambda: po.create_option_set(
                con, region_code="GM0001", title=" ", options=two, actor=ANALYST
            )
        )
        == "title_required"
    )
    assert (
        _code(
            lambda: po.create_option_set(
                con, region_code="GM9999", title="V", options=two, actor=ANALYST
            )
        )
        == "unknown_region"
    )


def test_a_fifth_option_is_refused_and_fewer_than_two_cannot_remain(con):
    set_id = _set(con, 4)
    assert _code(lambda: po.add_option(con, set_id, name="Vijf", actor=ANALYST)) == (
        "too_many_options"
    )
    two = _set(con, 2)
    first = po.read_option_set(con, two).options[0]
    assert _code(lambda: po.remove_option(con, first.id, actor=ANALYST)) == "too_few_options"
    third = po.add_option(con, two, name="Drie", actor=ANALYST)
    po.remove_option(con, third, actor=ANALYST)
    assert [o.name for o in po.read_option_set(con, two).options] == ["Optie 1", "Optie 2"]


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"indicator_id": "t.onbekend"}, "unknown_indicator"),
        ({"effect": "hoger"}, "unknown_effect"),
        ({"size": "enorm"}, "unknown_size"),
        ({"confidence": "zeker"}, "unknown_confidence"),
        ({"timing": "straks"}, "unknown_timing"),
        ({"place": "overal"}, "unknown_place"),
        ({"expected_change": "veel"}, "change_not_a_number"),
        ({"expected_change": "nan"}, "change_not_a_number"),
        ({"expected_change": -1.0}, "change_contradicts_effect"),  # beter on up needs > 0
        ({"effect": "geen", "expected_change": 2.0}, "change_with_no_effect"),
        ({"indicator_id": "t.down", "expected_change": 0.5}, "change_contradicts_effect"),
    ],
)
def test_bad_effects_are_refused_with_a_specific_code(judged, overrides, code):
    option_id = po.read_option_set(judged, _set(judged)).options[0].id
    values = {"indicator_id": "t.up", **overrides}
    indicator_id = values.pop("indicator_id")
    assert _code(lambda: _effect(judged, option_id, indicator_id, **values)) == code
    assert po.read_option_set(judged, 1).options[0].effects == ()


def test_unknown_option_and_neutral_indicators_take_any_sign(judged):
    assert _code(lambda: _effect(judged, 99)) == "unknown_option"
    option_id = po.read_option_set(judged, _set(judged)).options[0].id
    _effect(judged, option_id, "t.count", effect="beter", expected_change="-12")  # no direction
    assert po.read_option_set(judged, 1).options[0].effects[0].expected_change == -12.0


@pytest.mark.parametrize(
    ("text", "number"),
    [("-1,5", -1.5), ("1.234,5", 1234.5), ("0.25", 0.25), ("−2", -2.0), (3, 3.0)],
)
def test_expected_change_reads_dutch_and_english_numbers(text, number):
    assert po.parse_change(text) == number


def test_writes_check_the_permission_and_change_nothing(con):
    with pytest.raises(PermissionDenied):
        po.create_option_set(
            con,
            region_code="GM0001",
            title="V",
            options=[("A", None), ("B", None)],
            actor=ANONYMOUS,
        )
    assert po.read_option_sets(con) == []
    facilitator = Actor("f", Role.FACILITATOR)
    assert (
        po.create_option_set(
            con,
            region_code="GM0001",
            title="V",
            options=[("A", None), ("B", None)],
            actor=facilitator,
        )
        == 1
    )


def test_changing_an_effect_keeps_the_old_version_and_records_who(judged):
    set_id = _set(judged)
    option_id = po.read_option_set(judged, set_id).options[0].id
    first = _effect(judged, option_id, size="klein")
    other = Actor("b.smit", Role.ADMIN)
    second = po.set_effect(
        judged,
        option_id,
        indicator_id="t.up",
        effect="beter",
        size="groot",
        confidence="laag",
        timing="nu",
        place="hier",
        actor=other,
    )
    assert first == second  # one effect per option, indicator, time and place
    effect = po.read_option_set(judged, set_id).options[0].effects[0]
    assert (effect.size, effect.updated_by) == ("groot", "b.smit")
    history = po.read_effect_history(judged, set_id)
    assert history[["size", "updated_by", "replaced_by", "change"]].values.tolist() == [
        ["klein", "a.jansen", "b.smit", "gewijzigd"]
    ]
    po.remove_effect(judged, first, actor=ANALYST)
    assert len(po.read_effect_history(judged, set_id)) == 2
    assert po.read_option_set(judged, set_id).updated_by == "a.jansen"


# --- the flag rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "value", "minimum", "change", "size", "flag"),
    [
        # up (higher is better), minimum 70, value 72: a margin of 2
        ("up", 72.0, 70.0, -3.0, "groot", "expected_below_minimum"),  # 69 < 70
        ("up", 72.0, 70.0, -2.0, "groot", None),  # exactly 70 meets the minimum
        ("up", 72.0, 70.0, None, "klein", "worsens_with_minimum"),  # 2 > 2% of 72 (1,44)
        ("up", 72.0, 70.0, None, "middel", "risk_below_minimum"),  # 2 ≤ 5% of 72 (3,6)
        ("up", 68.0, 70.0, None, "klein", "further_below_minimum"),
        ("up", 70.0, 70.0, None, "klein", "risk_below_minimum"),  # at the minimum
        # down (lower is better), minimum 5, value 4.8: a margin of 0.2
        ("down", 4.8, 5.0, 0.3, "klein", "expected_below_minimum"),  # 5,1 > 5
        ("down", 4.8, 5.0, 0.1, "klein", None),
        ("down", 4.8, 5.0, None, "klein", "worsens_with_minimum"),  # 0,2 > 2% of 4,8
        ("down", 4.8, 5.0, None, "middel", "risk_below_minimum"),  # 0,2 ≤ 5% of 4,8
        ("down", 5.5, 5.0, 0.1, "klein", "further_below_minimum"),
        # no judgement possible
        ("neutral", 10.0, 5.0, -9.0, "groot", None),
        ("up", 72.0, None, -50.0, "groot", None),
        ("up", None, 70.0, None, "groot", "worsens_with_minimum"),
    ],
)
def test_flag_rule_worked_examples(direction, value, minimum, change, size, flag):
    found = po.classify_flag(
        effect="slechter",
        direction=direction,
        value=value,
        minimum=minimum,
        expected_change=change,
        size=size,
    )
    assert (str(found) if found else None) == flag


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(
    direction=st.sampled_from(["up", "down", "neutral"]),
    value=finite | st.none(),
    minimum=finite | st.none(),
    size=st.sampled_from(list(po.Size)),
    change=st.floats(min_value=0, max_value=1e6) | st.none(),
    effect=st.sampled_from(["beter", "geen"]),
)
def test_an_effect_that_does_not_worsen_is_never_flagged(
    direction, value, minimum, size, change, effect
):
    # an improvement moves the value in the good direction (+ for up, − for down)
    signed = None if change is None else (change if direction != "down" else -change)
    assert (
        po.classify_flag(
            effect=effect,
            direction=direction,
            value=value,
            minimum=minimum,
            expected_change=signed,
            size=size,
        )
        is None
    )


@given(
    value=finite,
    minimum=finite,
    change=st.floats(min_value=0, max_value=1e6),
    size=st.sampled_from(list(po.Size)),
)
def test_flipping_the_good_direction_mirrors_the_flag(value, minimum, change, size):
    up = po.classify_flag(
        effect="slechter",
        direction="up",
        value=value,
        minimum=minimum,
        expected_change=-change,
        size=size,
    )
    down = po.classify_flag(
        effect="slechter",
        direction="down",
        value=-value,
        minimum=-minimum,
        expected_change=change,
        size=size,
    )
    assert up == down


@given(value=finite, minimum=finite, change=st.floats(min_value=0, max_value=1e6))
def test_with_a_number_the_flag_says_exactly_whether_the_minimum_is_undershot(
    value, minimum, change
):
    flag = po.classify_flag(
        effect="slechter",
        direction="up",
        value=value,
        minimum=minimum,
        expected_change=-change,
        size="klein",
    )
    if value < minimum:
        assert flag == po.Flag.FURTHER_BELOW_MINIMUM
    elif (value - minimum) - change < 0:
        assert flag == po.Flag.EXPECTED_BELOW_MINIMUM
    else:
        assert flag is None


# --- compare ---------------------------------------------------------------------------------


def test_compare_groups_by_dimension_and_flags_cells(judged):
    set_id = _set(judged)
    first, second = (o.id for o in po.read_option_set(judged, set_id).options)
    _effect(
        judged,
        first,
        "t.down",
        effect="slechter",
        expected_change=0.5,
        timing="later",
        place="elders",
    )
    _effect(judged, second, "t.up", effect="beter")
    _effect(judged, first, "t.up", effect="slechter", size="groot")  # margin 2 ≤ 10% of 72
    table = po.compare(judged, set_id)
    assert table[["dimension", "indicator_id", "option", "flag"]].values.tolist() == [
        ["hier_en_nu", "t.up", "Optie 1", "risk_below_minimum"],
        ["hier_en_nu", "t.up", "Optie 2", None],
        ["elders", "t.down", "Optie 1", "expected_below_minimum"],
    ]
    row = table.iloc[2]
    assert (row["timing"], row["place"], row["value"], row["minimum"]) == (
        "later",
        "elders",
        4.8,
        5.0,
    )
    assert row["expected_value"] == pytest.approx(5.3)
    assert table.iloc[0]["dimensions"] == "hier_en_nu;later"  # t.up counts for both

    summary = po.summarise(table, po.read_option_set(judged, set_id)).set_index("option")
    assert summary.loc[
        "Optie 1", ["worse_hier_en_nu", "worse_later", "worse_elders", "flags", "notes"]
    ].tolist() == [1, 1, 1, 2, 0]
    assert summary.loc["Optie 2", ["better_hier_en_nu", "better_later", "flags"]].tolist() == [
        1,
        1,
        0,
    ]


def test_compare_of_a_set_without_effects_is_empty_and_unknown_sets_are_refused(judged):
    set_id = _set(judged)
    assert po.compare(judged, set_id).empty
    assert list(po.compare(judged, set_id).columns) == list(po.COMPARE_COLUMNS)
    assert _code(lambda: po.compare(judged, 99)) == "unknown_set"


def test_the_demo_set_is_written_for_heerlen_and_shows_a_flag(tmp_path):
    from bw import bootstrap

    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect(path, read_only=True)
    try:
        sets = po.read_option_sets(con, "GM0917")
        assert len(sets) == 1 and "(fictief)" in sets[0].title
        assert 2 <= len(sets[0].options) <= 4
        assert all("(fictief)" in o.name for o in sets[0].options)
        flags = set(po.compare(con, sets[0].id)["flag"].dropna())
        assert "expected_below_minimum" in flags
    finally:
        con.close()
