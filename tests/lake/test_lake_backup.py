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


def test_backup_change_restore_brings_the_values_back(lake_db, tmp_path, capsys):
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
    assert main(["--db", str(lake_db), "restore", str(out), "--yes", "--force"]) == 0
    said = capsys.readouterr().out
    assert "restored" in said and "previous data folder kept as" in said
    assert _values(lake_db) == before


def test_a_damaged_backup_is_refused_before_anything_changes(lake_db, server, tmp_path):
    with closing(create_tiny_store(lake_db)) as con:
        load(con, [("t.up", "GM0001", 2020, 1.0)])
    out = tmp_path / "backup"
    lake_backup.backup(str(lake_db), out)
    with pytest.raises(lake_backup.LakeBackupError, match="exists already"):
        lake_backup.backup(str(lake_db), out)
    # Into a new, empty database (another instance's catalogue), with its own data folder.
    subprocess.run(["psql", server, "-q", "-c", "CREATE DATABASE bw_restored"], check=True)
    location = re.sub(r"dbname=\S+", "dbname=bw_restored", str(lake_db))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    damaged = out / manifest["files"][0]["path"] if manifest["files"] else out / "catalogue.dump"
    original = damaged.read_bytes()
    damaged.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    new_data = tmp_path / "restored-data"
    with pytest.raises(lake_backup.LakeBackupError, match="damaged"):
        lake_backup.restore(location, out, data_path=str(new_data))
    assert not new_data.exists()
    damaged.write_bytes(original)
    done = lake_backup.restore(location, out, data_path=str(new_data))
    assert done.previous_data is None and done.data_path == f"{new_data}/"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BW_LAKE_DATA", f"{new_data}/")
        assert _values(location) == [("t.up", "GM0001", "2020", 1.0)]
    subprocess.run(["psql", server, "-q", "-c", "DROP DATABASE bw_restored"], check=False)
