"""A lake whose data are under ``s3://`` (issue 17): loads, a second process, undo, health, and
the clear errors of wrong credentials and a stopped object store, against moto's S3 server."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import boto3
import duckdb
import pytest

from bw import config, store
from bw.cli import main
from bw.store import lake, lake_backup
from tests.bw.tiny_store import create_tiny_store, load
from tools import lake_postgres, lake_s3

#: A second bw process: the observations it reads from the lake, as JSON.
READ_ROWS = (
    "import json, sys\n"
    "from contextlib import closing\n"
    "from bw import store\n"
    "with closing(store.connect(sys.argv[1], read_only=True)) as con:\n"
    "    rows = con.execute('SELECT indicator_id, region_code, period, value "
    "FROM observations ORDER BY ALL').fetchall()\n"
    "print(json.dumps(rows))\n"
)


def rows_of(years: range, value: float, indicators=("t.up", "t.down")) -> list[tuple]:
    """Observations for every gemeente of the tiny store: more than DuckLake inlines in its
    catalogue (10 rows), so the load writes Parquet files into the object store."""
    return [
        (indicator, f"GM000{n}", year, value + n + year / 10_000)
        for indicator in indicators
        for n in range(1, 6)
        for year in years
    ]


def _expected(rows: list[tuple]) -> list[list]:
    return sorted([indicator, region, str(year), value] for indicator, region, year, value in rows)


def _rows(location) -> list[tuple]:
    with closing(store.connect(location, read_only=True)) as con:
        return con.execute(
            "SELECT indicator_id, region_code, period, value FROM observations ORDER BY ALL"
        ).fetchall()


def _objects(object_store: lake_s3.ObjectStore, prefix: str) -> list[str]:
    """The keys under ``prefix`` in the bucket, as the object store itself lists them."""
    client = boto3.client(
        "s3",
        endpoint_url=f"http://{object_store.endpoint}",
        region_name=object_store.region,
        aws_access_key_id=object_store.key_id,
        aws_secret_access_key=object_store.secret,
    )
    listed = client.list_objects_v2(Bucket=object_store.bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def _prefix() -> str:
    """The key prefix of this test's lake (BW_LAKE_DATA without s3://bucket/)."""
    return os.environ["BW_LAKE_DATA"].split("/", 3)[3]


def _snapshot(location: Path) -> str:
    """The newest snapshot in the catalogue, read from PostgreSQL directly (not through bw)."""
    conninfo = str(location)[len(lake.LAKE_PREFIX) :]
    query = "SELECT max(snapshot_id) FROM ducklake_snapshot"
    done = subprocess.run(
        ["psql", conninfo, "-At", "-c", query], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _in_child(*args: str, without: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """A bw process with this test's environment (less the variables ``without``)."""
    env = {name: value for name, value in os.environ.items() if name not in without}
    return subprocess.run(
        [sys.executable, *args],
        cwd=config.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_s3_lake_loads_is_read_by_another_process_undoes_and_is_healthy(
    s3_lake, object_store, capsys
):
    first_rows = rows_of(range(2018, 2022), 1.0)
    second_rows = rows_of(range(2022, 2025), 5.0, indicators=("t.up",))
    with closing(create_tiny_store(s3_lake)) as con:
        first = load(con, first_rows)
        second = load(con, second_rows)
    assert second > first
    # The Parquet files are in the bucket, under the lake's prefix.
    keys = _objects(object_store, _prefix())
    assert any(key.endswith(".parquet") and "/observations/" in key for key in keys)
    expected = _expected(first_rows + second_rows)
    # The second process has no BW_LAKE_DATA: the lake's catalogue names its s3:// data path.
    read = _in_child("-c", READ_ROWS, str(s3_lake), without=("BW_LAKE_DATA",))
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout) == expected

    undo = _in_child("-m", "bw", "--db", str(s3_lake), "undo", str(second))
    assert undo.returncode == 0, undo.stderr
    assert [list(row) for row in _rows(s3_lake)] == _expected(first_rows)

    health = _in_child("-m", "bw", "--db", str(s3_lake), "health", "--json")
    assert health.returncode == 0, health.stderr
    report = json.loads(health.stdout)
    assert report["ok"] is True and report["store"] == "lake"
    data = next(check for check in report["checks"] if check["name"] == "data")
    assert data["detail"] == f"40 observations read from {os.environ['BW_LAKE_DATA']}"


def test_wrong_or_missing_credentials_are_a_clear_data_error_that_changes_nothing(
    s3_lake, monkeypatch, capsys
):
    with closing(create_tiny_store(s3_lake)) as con:
        load(con, rows_of(range(2018, 2022), 1.0))
    before, snapshot = _rows(s3_lake), _snapshot(s3_lake)
    secret = os.environ["AWS_SECRET_ACCESS_KEY"]

    with monkeypatch.context() as patch:
        patch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret-" + secret[:4])
        with pytest.raises(lake.LakeUnreachableError, match="cannot be reached") as refused:
            store.connect(s3_lake)
        assert refused.value.params["part"] == "data"
        assert "403" in str(refused.value) and "not-the-secret" not in str(refused.value)
        assert main(["--db", str(s3_lake), "health", "--json"]) == 1
        report = json.loads(capsys.readouterr().out)
        assert report["checks"][0]["name"] == "data" and report["ok"] is False
        assert secret not in json.dumps(report)

    with monkeypatch.context() as patch:
        patch.delenv("AWS_ACCESS_KEY_ID")
        with pytest.raises(lake.LakeUnreachableError, match="set AWS_ACCESS_KEY_ID") as missing:
            store.connect(s3_lake)
        assert missing.value.params["part"] == "data"
        # The command line says it in one line, without a traceback or the secret.
        assert main(["--db", str(s3_lake), "info"]) == 1
        said = capsys.readouterr().err
        assert said.startswith("error: the lake's data are at s3://")
        assert len(said.strip().splitlines()) == 1 and secret not in said

    assert _rows(s3_lake) == before and _snapshot(s3_lake) == snapshot


def test_a_stopped_object_store_is_a_clear_error_and_a_load_into_it_changes_nothing(
    server, tmp_path, monkeypatch
):
    """Its own server, stopped while a writer is connected: the load fails whole."""
    location = Path(lake.LAKE_PREFIX + lake_postgres.create_database(server, "bw_s3_stop"))
    started = lake_s3.start(tmp_path / "moto.log")
    try:
        for name, value in started.environment("stopping/").items():
            monkeypatch.setenv(name, value)
        with closing(create_tiny_store(location)) as con:
            load(con, rows_of(range(2018, 2022), 1.0))
        snapshot = _snapshot(location)
        writer = store.connect(location)
    finally:
        started.stop()
    with closing(writer), pytest.raises(duckdb.Error):
        load(writer, rows_of(range(2018, 2024), 7.0))
    assert _snapshot(location) == snapshot  # the catalogue never named the unwritten files

    with pytest.raises(lake.LakeUnreachableError, match="cannot be reached") as refused:
        store.connect(location, read_only=True)
    assert refused.value.params["part"] == "data"
    assert started.endpoint in str(refused.value)
    assert os.environ["AWS_SECRET_ACCESS_KEY"] not in str(refused.value)


def test_backup_change_restore_of_an_s3_lake_brings_the_rows_back(
    s3_lake, object_store, server, tmp_path, capsys, monkeypatch
):
    with closing(create_tiny_store(s3_lake)) as con:
        load(con, rows_of(range(2018, 2022), 1.0))
    before = _rows(s3_lake)
    out = tmp_path / "backup"
    assert main(["--db", str(s3_lake), "backup", "--out", str(out)]) == 0
    capsys.readouterr()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["data_path"] == os.environ["BW_LAKE_DATA"]
    # Every object of the lake is in the backup, byte for byte as the manifest says.
    objects = [key[len(_prefix()) :] for key in _objects(object_store, _prefix())]
    assert sorted(entry["path"] for entry in manifest["files"]) == [f"data/{o}" for o in objects]
    assert any(o.endswith(".parquet") for o in objects)
    for entry in manifest["files"]:
        content = (out / entry["path"]).read_bytes()
        assert len(content) == entry["size"]
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]

    with closing(store.connect(s3_lake)) as con:
        load(con, rows_of(range(2018, 2023), 9.0))
    assert _rows(s3_lake) != before

    live = _objects(object_store, _prefix())
    assert main(["--db", str(s3_lake), "restore", str(out), "--yes", "--force"]) == 0
    said = capsys.readouterr().out
    new_data = re.search(r"set BW_LAKE_DATA=(\S+) ", said).group(1)
    assert new_data.startswith(os.environ["BW_LAKE_DATA"] + "restored-")
    # The replaced lake's objects are where they were; the restored ones are under the new prefix.
    assert [key for key in _objects(object_store, _prefix()) if "/restored-" not in key] == live
    monkeypatch.setenv("BW_LAKE_DATA", new_data)
    assert _rows(s3_lake) == before

    # A second restore, into a new catalogue database, never reuses the first one's prefix.
    location = Path(lake.LAKE_PREFIX + lake_postgres.create_database(server, "bw_s3_again"))
    monkeypatch.setenv("BW_LAKE_DATA", manifest["data_path"])
    done = lake_backup.restore(str(location), out)
    assert done.data_path != new_data and done.files == len(manifest["files"])
    monkeypatch.setenv("BW_LAKE_DATA", done.data_path)
    assert _rows(location) == before


def test_a_backup_of_an_s3_lake_without_credentials_is_refused_and_writes_nothing(
    s3_lake, tmp_path, monkeypatch
):
    with closing(create_tiny_store(s3_lake)) as con:
        load(con, rows_of(range(2018, 2022), 1.0))
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong")
    with pytest.raises(lake.LakeUnreachableError, match="403"):
        lake_backup.backup(str(s3_lake), tmp_path / "backup")
    assert not (tmp_path / "backup").exists() and not (tmp_path / "backup.partial").exists()


def test_a_folder_lake_moves_to_s3_by_backup_and_restore(
    lake_db, object_store, server, tmp_path, monkeypatch
):
    with closing(create_tiny_store(lake_db)) as con:
        load(con, rows_of(range(2018, 2022), 1.0))
    before = _rows(lake_db)
    out = tmp_path / "backup"
    lake_backup.backup(str(lake_db), out)
    for name, value in object_store.environment("moved/").items():
        monkeypatch.setenv(name, value)
    location = Path(lake.LAKE_PREFIX + lake_postgres.create_database(server, "bw_moved"))
    done = lake_backup.restore(str(location), out, data_path="s3://bw-lake/moved/")
    assert done.data_path.startswith("s3://bw-lake/moved/restored-")
    assert any(key.endswith(".parquet") for key in _objects(object_store, "moved/restored-"))
    monkeypatch.setenv("BW_LAKE_DATA", done.data_path)
    assert _rows(location) == before
