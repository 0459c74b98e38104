"""Every write in bw checks the actor's role itself: a viewer is refused and nothing changes.

The pages hide forms a role may not use; these tests call bw directly, as a crafted request or a
script would, so they fail if a write forgets its :func:`bw.auth.require`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bw import bootstrap, intake, programmes, store, targets, users
from bw.auth import ANONYMOUS, GRANTS, Actor, Permission, PermissionDenied, Role, cli_actor
from bw.indicator_csv import export_indicators, import_indicators, read_indicator_file
from bw.model import Target

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD_CSV = FIXTURES / "long_csv" / "long_comma_decimal_point.csv"
ADMIN = cli_actor("test")
VIEWER = Actor("k.kijker", Role.VIEWER)
FACILITATOR = Actor("f.facilitator", Role.FACILITATOR)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    """A demo store with one extra load and one account; every refused write leaves it as is."""
    path = tmp_path_factory.mktemp("permissions") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    connection = store.connect(path)
    intake.load_file(connection, GOOD_CSV, actor=ADMIN)
    users.add_user(
        connection, "a.jansen", role="analyst", password="correct horse battery", actor=ADMIN
    )
    yield connection
    connection.close()


def snapshot(con) -> dict[str, tuple]:
    """Row count and an order-free checksum of every table in the store."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
    ]
    return {
        t: con.execute(f'SELECT count(*), sum(hash(x)) FROM "{t}" AS x').fetchone() for t in tables
    }


def _ids(con):
    load_id = con.execute("SELECT max(id) FROM loads WHERE undone_at IS NULL").fetchone()[0]
    target_id = con.execute("SELECT min(id) FROM targets").fetchone()[0]
    region, indicator = con.execute(
        "SELECT region_code, indicator_id FROM current_targets LIMIT 1"
    ).fetchone()
    programme_id = con.execute("SELECT min(id) FROM programmes").fetchone()[0]
    opgave_id = con.execute("SELECT min(id) FROM opgaven").fetchone()[0]
    doel_id = con.execute("SELECT min(id) FROM doelen").fetchone()[0]
    activiteit_id = con.execute("SELECT min(id) FROM activiteiten").fetchone()[0]
    indicator_any = con.execute("SELECT min(id) FROM indicators").fetchone()[0]
    return dict(
        load=load_id,
        target=target_id,
        region=region,
        indicator=indicator,
        programme=programme_id,
        opgave=opgave_id,
        doel=doel_id,
        activiteit=activiteit_id,
        any_indicator=indicator_any,
    )


def _indicators_from_export(con, tmp_path):
    path = tmp_path / "indicatoren.csv"
    export_indicators(con, path)
    indicators, report = read_indicator_file(con, path)
    assert report.ok
    return indicators


#: (permission it needs, the write) for every write function in bw.
WRITES = {
    "load_file": (
        Permission.LOAD_DATA,
        lambda con, ids, tmp, actor: intake.load_file(
            con, FIXTURES / "long_csv" / "long_semicolon_decimal_comma_bom.csv", actor=actor
        ),
    ),
    "undo_load": (
        Permission.LOAD_DATA,
        lambda con, ids, tmp, actor: intake.undo_load(con, ids["load"], actor=actor),
    ),
    "import_indicators": (
        Permission.LOAD_DATA,
        lambda con, ids, tmp, actor: import_indicators(
            con, _indicators_from_export(con, tmp), actor=actor
        ),
    ),
    "set_target": (
        Permission.EDIT_TARGETS,
        lambda con, ids, tmp, actor: targets.set_target(
            con,
            Target(
                ids["region"], ids["indicator"], 1.0, None, None, 2030, None, "r", "raadsbesluit"
            ),
            actor=actor,
        ),
    ),
    "retract_target": (
        Permission.EDIT_TARGETS,
        lambda con, ids, tmp, actor: targets.retract_target(
            con, ids["region"], ids["indicator"], actor=actor
        ),
    ),
    "restore_target_version": (
        Permission.EDIT_TARGETS,
        lambda con, ids, tmp, actor: targets.restore_target_version(
            con, ids["target"], actor=actor
        ),
    ),
    "import_targets": (
        Permission.EDIT_TARGETS,
        lambda con, ids, tmp, actor: targets.import_targets(
            con,
            [
                Target(
                    ids["region"],
                    ids["indicator"],
                    2.0,
                    None,
                    None,
                    2030,
                    None,
                    "r",
                    "raadsbesluit",
                )
            ],
            actor=actor,
        ),
    ),
    "insert_programme": (
        Permission.EDIT_PROGRAMMES,
        lambda con, ids, tmp, actor: programmes.insert_programme(
            con, name="P", kind="regio_deal", actor=actor
        ),
    ),
    "insert_opgave": (
        Permission.EDIT_PROGRAMMES,
        lambda con, ids, tmp, actor: programmes.insert_opgave(
            con, ids["programme"], title="O", actor=actor
        ),
    ),
    "insert_doel": (
        Permission.EDIT_PROGRAMMES,
        lambda con, ids, tmp, actor: programmes.insert_doel(
            con, ids["opgave"], text="D", actor=actor
        ),
    ),
    "insert_activiteit": (
        Permission.EDIT_PROGRAMMES,
        lambda con, ids, tmp, actor: programmes.insert_activiteit(
            con, ids["doel"], title="A", actor=actor
        ),
    ),
    "update_activiteit": (
        Permission.EDIT_PROGRAMMES,
        lambda con, ids, tmp, actor: programmes.update_activiteit(
            con, ids["activiteit"], status="afgerond", share_done=100, actor=actor
        ),
    ),
    "link_indicator": (
        Permission.EDIT_PROGRAMMES,
        lambda con, ids, tmp, actor: programmes.link_indicator(
            con,
            ids["programme"],
            level="opgave",
            ref_id=ids["opgave"],
            indicator_id=ids["any_indicator"],
            actor=actor,
        ),
    ),
    "insert_measurement_moment": (
        Permission.EDIT_PROGRAMMES,
        lambda con, ids, tmp, actor: programmes.insert_measurement_moment(
            con, ids["programme"], on=date(2031, 1, 2), label="L", actor=actor
        ),
    ),
    "add_user": (
        Permission.MANAGE_USERS,
        lambda con, ids, tmp, actor: users.add_user(
            con, "nieuw", role="admin", password="correct horse battery", actor=actor
        ),
    ),
    "remove_user": (
        Permission.MANAGE_USERS,
        lambda con, ids, tmp, actor: users.remove_user(con, "a.jansen", actor=actor),
    ),
}


@pytest.mark.parametrize("actor", [VIEWER, ANONYMOUS], ids=["viewer", "anonymous"])
@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_viewer_is_refused_every_write_and_nothing_changes(con, tmp_path, write, actor):
    _, function = WRITES[write]
    ids = _ids(con)
    before = snapshot(con)
    with pytest.raises(PermissionDenied), store.transaction(con):
        function(con, ids, tmp_path, actor)
    assert snapshot(con) == before


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_role_without_the_permission_is_refused(con, tmp_path, write):
    permission, function = WRITES[write]
    lacking = [role for role in Role if role not in GRANTS[permission]]
    ids = _ids(con)
    before = snapshot(con)
    for role in lacking:
        with pytest.raises(PermissionDenied), store.transaction(con):
            function(con, ids, tmp_path, Actor("x", role))
    assert snapshot(con) == before


def test_the_checks_can_pass_an_allowed_role_writes_and_is_recorded(tmp_path):
    """The other side: an analyst's load, undo, target and programme edit go through."""
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect(path)
    analyst = Actor("a.jansen", Role.ANALYST)
    try:
        outcome = intake.load_file(con, GOOD_CSV, actor=analyst)
        assert con.execute(
            "SELECT loaded_by FROM loads WHERE id = ?", [outcome.load_id]
        ).fetchone() == ("a.jansen",)
        with store.transaction(con):
            intake.undo_load(con, outcome.load_id, actor=analyst)
        ids = _ids(con)
        WRITES["set_target"][1](con, ids, tmp_path, analyst)
        assert con.execute("SELECT set_by FROM targets ORDER BY id DESC LIMIT 1").fetchone() == (
            "a.jansen",
        )
        WRITES["insert_opgave"][1](con, ids, tmp_path, analyst)
        actions = con.execute(
            "SELECT actor, action FROM audit_log WHERE actor = 'a.jansen' ORDER BY id"
        ).fetchall()
        assert actions == [("a.jansen", "undo_load"), ("a.jansen", "insert_opgave")]
    finally:
        con.close()
