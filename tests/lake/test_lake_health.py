"""Operators' view of a lake: one clear error, ``health`` exit codes, and the app's maintenance
message, against an unreachable port and a PostgreSQL stopped while in use."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import store
from bw.cli import main
from bw.store import lake
from tests.app.helpers import APP, TIMEOUT, texts
from tests.bw.tiny_store import create_tiny_store, load
from tools import lake_postgres
from ui.i18n import STRINGS

UNREACHABLE = lake.LAKE_PREFIX + "dbname=bw host=127.0.0.1 port=1 user=bw password=geheim"


def _health(location: object, capsys) -> tuple[int, dict]:
    code = main(["--db", str(location), "health", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _tiny_lake(location: Path) -> None:
    with closing(create_tiny_store(location)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
        store.set_meta(con, "source", "empty")  # filled: the app does not build a store in it


def test_health_of_a_working_lake_is_ok(lake_db, capsys):
    _tiny_lake(lake_db)
    code, report = _health(lake_db, capsys)
    assert code == 0 and report["ok"] is True and report["store"] == "lake"
    assert [c["name"] for c in report["checks"]] == ["store", "catalogue", "data"]
    assert "1 observations read" in report["checks"][2]["detail"]
    assert main(["--db", str(lake_db), "health"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("healthy")


def test_an_unreachable_port_is_one_line_without_the_password(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BW_LAKE_DATA", str(tmp_path) + "/")
    code, report = _health(UNREACHABLE, capsys)
    assert code == 1 and report["ok"] is False
    assert report["checks"][0]["name"] == "catalogue"
    assert "Connection refused" in report["checks"][0]["detail"]
    assert main(["--db", UNREACHABLE, "info"]) == 1
    said = capsys.readouterr()
    assert said.err.startswith("error: the lake's catalogue cannot be reached")
    assert len(said.err.strip().splitlines()) == 1 and "Traceback" not in said.err
    assert "geheim" not in said.err + json.dumps(report)


def test_a_missing_data_folder_is_refused_before_anything_is_written(lake_db, tmp_path, capsys):
    missing = tmp_path / "not-mounted"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BW_LAKE_DATA", str(missing) + "/")
        with pytest.raises(lake.LakeUnreachableError) as refused:
            store.connect(lake_db)
        assert refused.value.params["part"] == "data"
        assert "does not exist" in str(refused.value)
        code, report = _health(lake_db, capsys)
    assert code == 1 and report["checks"][0]["name"] == "data"
    assert not missing.exists()  # DuckLake would have created it on the local disk


def test_a_new_lake_without_a_data_path_names_the_setting(lake_db, monkeypatch):
    monkeypatch.delenv("BW_LAKE_DATA")
    with pytest.raises(lake.LakeUnreachableError, match="BW_LAKE_DATA is not set"):
        store.connect(lake_db)


@pytest.fixture
def own_server(server, tmp_path, monkeypatch) -> Iterator[tuple[Path, Path]]:
    """A PostgreSQL of this test's own (it is stopped mid-test): its folder and a tiny lake."""
    folder = lake_postgres.start()
    try:
        data = tmp_path / "own-lake"
        data.mkdir()
        monkeypatch.setenv("BW_LAKE_DATA", str(data) + "/")
        location = Path(lake.LAKE_PREFIX + lake_postgres.conninfo(folder))
        _tiny_lake(location)
        yield folder, location
    finally:
        lake_postgres.stop(folder)


def _stop(folder: Path) -> None:
    pg_ctl = str(lake_postgres.pg_bin("pg_ctl"))
    command = [pg_ctl, "-D", str(folder / "data"), "-m", "fast", "-w", "stop"]
    subprocess.run(lake_postgres._as_postgres(command), check=True, capture_output=True)


def test_a_stopped_server_fails_health_and_the_command_line_says_so(own_server, capsys):
    folder, location = own_server
    assert _health(location, capsys)[0] == 0
    with closing(store.connect(location)) as open_before:
        _stop(folder)
        with pytest.raises(Exception) as lost:
            open_before.execute("SELECT count(*) FROM observations").fetchall()
        assert lake.is_unreachable_error(lost.value)
    code, report = _health(location, capsys)
    assert code == 1 and report["checks"][0] == {
        "name": "catalogue",
        "ok": False,
        "detail": report["checks"][0]["detail"],
    }
    assert "cannot be reached" in report["checks"][0]["detail"]
    # A separate process, as systemd or a load balancer runs it: exit 1, one line, no traceback.
    run = subprocess.run(
        [sys.executable, "-m", "bw", "--db", str(location), "info"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("error: the lake's catalogue cannot be reached")
    assert "Traceback" not in run.stderr


def test_the_app_shows_the_maintenance_message_when_the_server_stops(own_server, monkeypatch):
    folder, location = own_server
    st.cache_resource.clear()
    st.cache_data.clear()
    monkeypatch.setenv("BW_DB", str(location))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert STRINGS["nl"]["maintenance.title"] not in texts(at)
    _stop(folder)
    st.cache_data.clear()  # the pages read afresh, as after the reads' time to live
    at.run()
    assert not at.exception, at.exception
    assert STRINGS["nl"]["maintenance.title"] in texts(at)
    st.cache_resource.clear()
