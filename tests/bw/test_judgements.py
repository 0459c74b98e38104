"""The judgements table (issue 16 item 1): stored at write time, equal to a fresh computation.

Every indicator x region of the demo store is judged again here with the per-series rules of
bw.assess and compared with what the store holds, after the demo is built, after a load, after
an undo and after target edits; a target edit must judge only its own indicator x region.
"""

from __future__ import annotations

import dataclasses

import pytest

from bw import assess, bootstrap, intake, monitor, store, targets
from bw.auth import cli_actor
from bw.model import Target
from bw.store import judgements as judgements_store

ACTOR = cli_actor("test")


def _fresh(con) -> dict[tuple[str, str], assess.SeriesJudgement]:
    """Every series of latest_values judged now, one at a time, against its current target."""
    rows = con.execute(
        "SELECT l.indicator_id, l.region_code, i.direction, l.series_years, l.series_values, "
        "t.minimum, t.ambition, t.ceiling, t.target_year, t.baseline_year "
        "FROM latest_values l JOIN indicators i ON i.id = l.indicator_id "
        "LEFT JOIN current_targets t "
        "  ON t.indicator_id = l.indicator_id AND t.region_code = l.region_code"
    ).fetchall()
    fresh = {}
    for indicator, region, direction, years, values, *target in rows:
        current = None
        if any(v is not None for v in target):
            current = Target(region, indicator, *target)
        fresh[(indicator, region)] = assess.judge_series(
            years, values, direction=direction, target=current
        )
    return fresh


def _stored(con) -> dict[tuple[str, str], assess.SeriesJudgement]:
    """Every stored judgement, read the way a page reads it (per region)."""
    rows = con.execute("SELECT DISTINCT region_code FROM judgements").fetchall()
    regions = [row[0] for row in rows]
    return {
        (indicator, region): judgement
        for region in regions
        for indicator, judgement in store.read_judgements(con, region).items()
    }


def _assert_stored_equals_fresh(con) -> None:
    fresh, stored = _fresh(con), _stored(con)
    assert stored.keys() == fresh.keys()
    different = [key for key in fresh if stored[key] != fresh[key]]
    assert different == [], different[:5]


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect(path)
    yield con
    con.close()


def test_stored_judgements_equal_fresh_ones_after_a_load_and_an_undo(demo, tmp_path):
    _assert_stored_equals_fresh(demo)
    assert demo.execute("SELECT count(*) FROM judgements").fetchone()[0] > 1000
    # A load that adds a year, and so moves the trend window, status and progress of targets.
    delivery = tmp_path / "new_year.csv"
    delivery.write_text(
        "indicator;region;period;value\n"
        "arbeid.werkloosheid;GM0917;2025;2,9\n"
        "arbeid.werkloosheid;GM0363;2025;4,1\n"
        "arbeid.werkloosheid;GM0193;2025;9,5\n",
        encoding="utf-8",
    )
    before = store.read_judgements(demo, "GM0193")["arbeid.werkloosheid"]
    load_id = intake.load_file(demo, delivery, actor=ACTOR).load_id
    assert load_id is not None
    after = store.read_judgements(demo, "GM0193")["arbeid.werkloosheid"]
    assert after.trend.last_year == 2025 and after != before
    _assert_stored_equals_fresh(demo)
    with store.transaction(demo):
        intake.undo_load(demo, load_id, actor=ACTOR)
    assert store.read_judgements(demo, "GM0193")["arbeid.werkloosheid"] == before
    _assert_stored_equals_fresh(demo)


def test_target_edits_judge_again_only_their_indicator_and_region(demo, monkeypatch):
    judged: list[int] = []
    batch_judge = judgements_store.judge_series_columns

    def counting(batch, **kwargs):
        judged.append(len(batch))
        return batch_judge(batch, **kwargs)

    monkeypatch.setattr(judgements_store, "judge_series_columns", counting)
    indicator, region = "arbeid.werkloosheid", "GM0363"  # no target in the demo
    before = store.read_judgements(demo, region)[indicator]
    assert before.status.status is assess.StatusClass.NO_TARGET and before.projection is None
    with store.transaction(demo):
        targets.set_target(
            demo,
            Target(region, indicator, minimum=4.0, ambition=3.0, target_year=2030),
            actor=ACTOR,
        )
    assert judged == [1]
    now = store.read_judgements(demo, region)[indicator]
    assert now.status.status is not assess.StatusClass.NO_TARGET
    assert now.progress is not None and now.projection is not None
    _assert_stored_equals_fresh(demo)

    with store.transaction(demo):
        targets.set_target(
            demo,
            Target(region, indicator, minimum=6.0, ambition=3.5, target_year=2035),
            actor=ACTOR,
        )
    history = targets.read_target_history(demo, region, indicator)
    _assert_stored_equals_fresh(demo)
    with store.transaction(demo):
        targets.retract_target(demo, region, indicator, actor=ACTOR)
    assert store.read_judgements(demo, region)[indicator] == before
    _assert_stored_equals_fresh(demo)
    with store.transaction(demo):
        targets.restore_target_version(demo, int(history["id"].iloc[-1]), actor=ACTOR)
    assert store.read_judgements(demo, region)[indicator] == now
    assert judged == [1, 1, 1, 1]
    _assert_stored_equals_fresh(demo)


def test_an_imported_target_file_is_judged_too(demo):
    current = targets.read_current_target(demo, "GM0917", "arbeid.werkloosheid")
    assert current is not None
    changed = dataclasses.replace(current, minimum=(current.minimum or 0) + 1, rationale="test")
    with store.transaction(demo):
        assert targets.import_targets(demo, [changed], actor=ACTOR) == 1
    _assert_stored_equals_fresh(demo)


def test_pages_read_stored_judgements_and_equal_judging_afresh(demo, monkeypatch):
    stored = monitor.assess_region(demo, "GM0917")
    with monkeypatch.context() as patch:
        # The page's one read of the derived tables, without the stored judgements.
        read_page = store.read_region_page
        patch.setattr(
            store,
            "read_region_page",
            lambda *args, **kwargs: [
                dataclasses.replace(row, judgement=None) for row in read_page(*args, **kwargs)
            ],
        )
        fresh = monitor.assess_region(demo, "GM0917")
    assert stored.items == fresh.items
    assert any(item.projection is not None for item in stored.items)

    def no_fitting(*args, **kwargs):
        raise AssertionError("the page fitted a trend instead of reading it")

    monkeypatch.setattr(assess, "assess_trend", no_fitting)
    monkeypatch.setattr(assess, "fit_theil_sen", no_fitting)
    assert monitor.assess_region(demo, "GM0917").items == stored.items
    # Other thresholds and earlier periods are judged when asked: they do fit.
    with pytest.raises(AssertionError, match="fitted"):
        monitor.assess_region(demo, "GM0917", thresholds=assess.Thresholds(p_value=0.1))
    with pytest.raises(AssertionError, match="fitted"):
        monitor.assess_region(demo, "GM0917", period=2020)


def test_a_store_asked_to_rebuild_its_derived_tables_fills_the_judgements(tmp_path):
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect(path)
    n = con.execute("SELECT count(*) FROM judgements").fetchone()[0]
    con.execute("DELETE FROM judgements")
    store.set_meta(con, "refresh_derived", "true")  # what a migration step sets
    con.close()
    con = store.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM judgements").fetchone()[0] == n
        _assert_stored_equals_fresh(con)
    finally:
        con.close()


def test_refresh_judgements_scopes_by_indicator_and_region(demo):
    total = demo.execute("SELECT count(*) FROM judgements").fetchone()[0]
    with store.transaction(demo):
        n = store.refresh_judgements(demo, region_codes=["GM0917"])
        assert n == len(store.read_judgements(demo, "GM0917"))
        assert store.refresh_judgements(demo, indicator_ids=[]) == 0
        assert store.refresh_judgements(demo, indicator_ids=["arbeid.werkloosheid"]) > 80
    assert demo.execute("SELECT count(*) FROM judgements").fetchone()[0] == total
    _assert_stored_equals_fresh(demo)
