"""The region reference through intake: new regions, changed attributes, and undo of both."""

from __future__ import annotations

import pytest

from bw import bootstrap, intake, store
from bw.auth import cli_actor


@pytest.fixture
def con(tmp_path):
    """A demo store whose Heerlen has a wrong size class and urbanity."""
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    connection = store.connect(path)
    connection.execute("UPDATE regions SET size_class = 1, urbanity = 5 WHERE code = 'GM0917'")
    store.refresh_derived(connection)
    yield connection
    connection.close()


def test_the_region_reference_adds_gemeenten_fixes_attributes_and_undo_restores(con, real_data):
    reference = real_data / "cbs-85067NED-gebieden-2022" / "data.csv"
    peers_before = con.execute("SELECT * FROM reference_values ORDER BY ALL").fetchall()
    outcome = intake.load_file(con, reference, new_indicators="create", actor=cli_actor("test"))
    assert outcome.report.ok, outcome.report.render("data.csv")
    assert outcome.report.detected["format"].startswith("cbs_region_reference")
    assert con.execute("SELECT count(*) FROM regions WHERE level = 'GM'").fetchone()[0] == 345
    heerlen = store.read_region(con, "GM0917")
    assert (heerlen.size_class, heerlen.urbanity) == (5, 2)  # CBS: 50 000–100 000, sterk stedelijk
    with store.transaction(con):
        store.undo_load(con, outcome.load_id)
    assert con.execute("SELECT count(*) FROM regions WHERE level = 'GM'").fetchone()[0] == 84
    heerlen = store.read_region(con, "GM0917")
    assert (heerlen.size_class, heerlen.urbanity) == (1, 5)
    assert con.execute("SELECT * FROM reference_values ORDER BY ALL").fetchall() == peers_before
    assert con.execute("SELECT count(*) FROM region_attribute_history").fetchone()[0] == 0
