"""``backup --out DIR`` and ``restore DIR`` of a lake: catalogue dump, data files, manifest."""

from __future__ import annotations

import json
import re
import subprocess
from contextlib import closing

import pytest

from bw import store
from bw.cli import main
from bw.store import lake_backup
from tests.bw.tiny_store import create_tiny_store, load


def _values(location) -> list[tuple]:
    with closing(store.connect(location, read_only=True)) as con:
        return con.execute(
            "SELECT indicator_id, region_code, period, value FROM observations ORDER BY ALL"
        ).fetchall()


def _files(folder) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_backup_change_restore_brings_the_values_back(lake_db, tmp_path, capsys, monkeypatch):
    with closing(create_tiny_store(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0), ("t.down", "GM0002", 2020, 2.0)])
    before = _values(lake_db)
    out = tmp_path / "backup"
    assert main(["--db", str(lake_db), "backup", "--out", str(out)]) == 0
    assert "backup written" in capsys.readouterr().out
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "bw-lake-backup" and manifest["snapshot_id"] > 0
    assert manifest["catalogue"]["path"] == "catalogue.dump"
    for entry in manifest["files"]:
        assert (out / entry["path"]).stat().st_size == entry["size"]
        assert len(entry["sha256"]) == 64

    with closing(store.connect(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 9.0), ("t.up", "GM0003", 2021, 3.0)])
    assert _values(lake_db) != before

    # The catalogue is not empty: refused without --force, and nothing changes.
    assert main(["--db", str(lake_db), "restore", str(out), "--yes"]) == 1
    assert "not empty" in capsys.readouterr().err
    assert _values(lake_db) != before
    replaced = _files(tmp_path / "lake-data")
    assert main(["--db", str(lake_db), "restore", str(out), "--yes", "--force"]) == 0
    said = capsys.readouterr().out
    assert "restored" in said
    new_data = re.search(r"set BW_LAKE_DATA=(\S+) ", said).group(1)
    assert new_data.startswith(f"{tmp_path / 'lake-data'}/restored-")
    # The replaced lake's files are where they were; the restored ones are in the subfolder.
    assert {k: v for k, v in _files(tmp_path / "lake-data").items() if "restored-" not in k} == (
        replaced
    )
    monkeypatch.setenv("BW_LAKE_DATA", new_data)
    assert _values(lake_db) == before


def test_a_damaged_backup_is_refused_before_anything_changes(lake_db, server, tmp_path):
    with closing(create_tiny_store(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
    out = tmp_path / "backup"
    lake_backup.backup(str(lake_db), out)
    with pytest.raises(lake_backup.LakeBackupError, match="exists already"):
        lake_backup.backup(str(lake_db), out)
    # Into a new, empty database (another instance's catalogue), with its own data folder.
    subprocess.run(["psql", server, "-q", "-c", "DROP DATABASE IF EXISTS bw_restored"], check=True)
    subprocess.run(["psql", server, "-q", "-c", "CREATE DATABASE bw_restored"], check=True)
    location = re.sub(r"dbname=\S+", "dbname=bw_restored", str(lake_db))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    damaged = out / manifest["files"][0]["path"] if manifest["files"] else out / "catalogue.dump"
    original = damaged.read_bytes()
    damaged.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    new_data = tmp_path / "restored-data"
    new_data.mkdir()
    with pytest.raises(lake_backup.LakeBackupError, match="damaged"):
        lake_backup.restore(location, out, data_path=str(new_data))
    assert list(new_data.iterdir()) == []
    damaged.write_bytes(original)
    # A missing data folder (an unmounted share) is refused, not created on the parent disk.
    with pytest.raises(lake_backup.LakeBackupError, match="does not exist"):
        lake_backup.restore(location, out, data_path=str(tmp_path / "not-mounted"))
    assert not (tmp_path / "not-mounted").exists()
    done = lake_backup.restore(location, out, data_path=str(new_data))
    assert done.data_path.startswith(f"{new_data}/restored-")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BW_LAKE_DATA", done.data_path)
        assert _values(location) == [("t.up", "GM0001", "2020", 1.0)]
    subprocess.run(["psql", server, "-q", "-c", "DROP DATABASE bw_restored"], check=False)


def test_a_restore_beside_a_running_lake_leaves_its_files_alone(lake_db, server, tmp_path):
    """The data folder defaults to the live one: the restore only adds a new subfolder to it."""
    with closing(create_tiny_store(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
    out = tmp_path / "backup"
    lake_backup.backup(str(lake_db), out)
    with closing(store.connect(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 5.0)])
    live = tmp_path / "lake-data"
    live_files, live_values = _files(live), _values(lake_db)
    subprocess.run(["psql", server, "-q", "-c", "DROP DATABASE IF EXISTS bw_beside"], check=True)
    subprocess.run(["psql", server, "-q", "-c", "CREATE DATABASE bw_beside"], check=True)
    location = re.sub(r"dbname=\S+", "dbname=bw_beside", str(lake_db))
    try:
        # A catalogue restore that fails takes its staged subfolder with it.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                lake_backup,
                "_restore_catalogue",
                lambda *args, **kwargs: (_ for _ in ()).throw(
                    lake_backup.LakeBackupError("restoring the catalogue failed")
                ),
            )
            with pytest.raises(lake_backup.LakeBackupError, match="catalogue failed"):
                lake_backup.restore(location, out, data_path=str(live))
        assert _files(live) == live_files
        assert sorted(p.name for p in live.iterdir() if p.name.startswith("restored-")) == []

        done = lake_backup.restore(location, out, data_path=str(live))
        staged = done.data_path.rstrip("/")
        assert staged.startswith(f"{live}/restored-")
        assert {k: v for k, v in _files(live).items() if not k.startswith("restored-")} == (
            live_files
        )
        assert _values(lake_db) == live_values  # the running lake reads as before
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BW_LAKE_DATA", done.data_path)
            assert _values(location) == [("t.up", "GM0001", "2020", 1.0)]
    finally:
        subprocess.run(["psql", server, "-q", "-c", "DROP DATABASE bw_beside"], check=False)


def test_the_password_goes_to_the_environment_not_the_command_line(lake_db, tmp_path):
    with closing(create_tiny_store(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
    seen: list[tuple[list[str], dict]] = []
    real_run = subprocess.run

    def recording_run(command, **kwargs):
        seen.append((list(command), kwargs.get("env") or {}))
        return real_run(command, **kwargs)

    # The test server trusts its users, so the password is accepted and ignored.
    location = f"{lake_db} password='se cr\\'et'"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lake_backup.subprocess, "run", recording_run)
        lake_backup.backup(location, tmp_path / "backup")
    pg_dump = [(c, e) for c, e in seen if c[0].endswith("pg_dump")]
    assert len(pg_dump) == 1
    command, env = pg_dump[0]
    assert not any("se cr" in part or "password=" in part for part in command)
    assert "connect_timeout=10" in command[-1]
    assert env["PGPASSWORD"] == "se cr'et"


def test_a_connection_url_loses_its_password_and_gains_a_timeout():
    url = lake_backup._connection("ducklake:postgres:postgresql://bw:p%40ss@db.example/bw")
    assert url.conninfo == "postgresql://bw@db.example/bw?connect_timeout=10"
    assert url.env["PGPASSWORD"] == "p@ss"
    plain = lake_backup._connection("ducklake:postgres:dbname=bw connect_timeout=3")
    assert plain.conninfo == "dbname=bw connect_timeout=3" and "PGPASSWORD" not in plain.env


def test_a_file_that_vanishes_during_the_backup_is_skipped_and_said(lake_db, tmp_path, capsys):
    with closing(create_tiny_store(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
    (tmp_path / "lake-data" / "failed-write.parquet").write_bytes(b"half a file")
    listed = lake_backup._data_files

    def listed_then_removed(root):
        for source, relative in listed(root):
            if source.name == "failed-write.parquet":
                source.unlink()  # as DuckLake removes the files of a failed write
            yield source, relative

    out = tmp_path / "backup"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lake_backup, "_data_files", listed_then_removed)
        assert main(["--db", str(lake_db), "backup", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "backup written" in said and "1 data files vanished" in said
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["skipped"] == ["data/failed-write.parquet"]
    assert all(entry["path"] != "data/failed-write.parquet" for entry in manifest["files"])
    lake_backup.verify(out, manifest)
