"""Time travel needs the lake store: a store file refuses ``asof`` with a clear message."""

from __future__ import annotations

from contextlib import closing

import pytest

from bw.cli import main
from bw.store import history
from tests.bw.tiny_store import create_tiny_store, load


def test_a_store_file_refuses_time_travel(tmp_path, capsys):
    path = tmp_path / "bw.duckdb"
    with closing(create_tiny_store(path)) as con:
        load_id = load(con, [("t.up", "GM0001", 2020, 1.0)])
        with pytest.raises(history.TimeTravelError) as refused:
            history.load_snapshot(con, load_id)
        assert refused.value.code == "time_travel_needs_lake"
    assert main(["--db", str(path), "asof", str(load_id)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: time travel needs the lake store")
    assert "Traceback" not in err
