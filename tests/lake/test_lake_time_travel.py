"""``asof LOAD_ID``: the lake as it was right after a load, found by the snapshot it committed."""

from __future__ import annotations

import json
from contextlib import closing

import pytest

from bw import store
from bw.cli import main
from bw.store import history, lake
from tests.bw.tiny_store import create_tiny_store, load


def _asof(location, capsys, *args: str) -> dict:
    assert main(["--db", str(location), "asof", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_asof_a_load_shows_the_value_before_a_later_load_changed_it(lake_db, capsys):
    with closing(create_tiny_store(lake_db)) as con:
        first = load(con, [("t.up", "GM0001", 2020, 1.0), ("t.down", "GM0002", 2020, 2.0)])
        second = load(con, [("t.up", "GM0001", 2020, 5.0)])
        at_first = history.load_snapshot(con, first)
        at_second = history.load_snapshot(con, second)
        assert at_first.snapshot_id < at_second.snapshot_id <= lake.snapshot_id(con)
        with store.transaction(con):
            store.undo_load(con, second)
            store.refresh_derived(con)
    then = _asof(lake_db, capsys, str(first), "--region", "GM0001")
    assert then["load_id"] == first and then["snapshot_id"] == at_first.snapshot_id
    assert [(o["indicator_id"], o["value"], o["load_id"]) for o in then["observations"]] == [
        ("t.up", 1.0, first)
    ]
    # As of the second load: its value, although it has been undone since.
    later = _asof(lake_db, capsys, str(second), "--indicator", "t.up")
    assert [(o["region_code"], o["value"]) for o in later["observations"]] == [("GM0001", 5.0)]
    # The text form says which snapshot it read.
    assert main(["--db", str(lake_db), "asof", str(first)]) == 0
    text = capsys.readouterr().out
    assert f"store as of load {first} (lake snapshot {at_first.snapshot_id}" in text
    assert "2 observations" in text and "t.down" in text


def test_asof_an_unknown_load_is_refused(lake_db, capsys):
    with closing(create_tiny_store(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
        with pytest.raises(history.TimeTravelError, match="no load 999"):
            history.load_snapshot(con, 999)
    assert main(["--db", str(lake_db), "asof", "999"]) == 1
    assert "no load 999" in capsys.readouterr().err
