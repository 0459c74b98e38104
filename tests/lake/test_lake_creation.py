"""Several processes opening one brand-new lake at the same instant: one creates it, all use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from bw import store
from bw.store import lake

PROJECT = Path(__file__).resolve().parents[2]
#: Processes that open the empty lake at once (each attaches and finds no schema).
PROCESSES = 4

# Each process imports bw, says it is ready, waits for the go file, then opens the lake as an
# app instance does (writable) and reports the schema it sees, or the error it got.
_OPEN_AT_GO = """
import json, sys, time
from pathlib import Path
from contextlib import closing
from bw import store
ready, go, db = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
ready.touch()
while not go.exists():
    time.sleep(0.001)
try:
    with closing(store.connect(db)) as con:
        cursor = store.cursor(con)
        tables = sorted(
            name for (name,) in cursor.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_catalog = current_database() ORDER BY 1"
            ).fetchall()
        )
        print(json.dumps({"version": store.schema_version(con), "tables": tables}))
except Exception as error:
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
"""


def _open_all_at_once(lake_db: Path, tmp_path: Path) -> list[dict[str, object]]:
    """Start PROCESSES processes that open ``lake_db`` at the same instant; what each saw."""
    go = tmp_path / "go"
    readies = [tmp_path / f"ready{n}" for n in range(PROCESSES)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AT_GO, str(ready), str(go), str(lake_db)],
            cwd=PROJECT,
            env={**os.environ, "PYTHONPATH": str(PROJECT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for ready in readies
    ]
    try:
        deadline = time.monotonic() + 300
        while not all(ready.exists() for ready in readies):
            assert time.monotonic() < deadline, "the processes did not start"
            assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
            time.sleep(0.05)
        go.touch()
        outputs = [p.communicate(timeout=300) for p in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
    return [
        json.loads(out.strip().splitlines()[-1]) if out.strip() else {"error": err}
        for out, err in outputs
    ]


def test_processes_opening_a_new_lake_at_once_all_get_the_one_schema_one_of_them_made(
    lake_db, tmp_path
):
    # found in review: the loser of DuckLake's own catalogue creation got "the lake's
    # catalogue cannot be reached"; docs/deploy.md had told the operator to run init first.
    seen = _open_all_at_once(lake_db, tmp_path)
    assert [s.get("error") for s in seen] == [None] * PROCESSES, seen
    assert {s["version"] for s in seen} == {store.SCHEMA_VERSION}
    assert len({tuple(s["tables"]) for s in seen}) == 1  # type: ignore[arg-type]
    with closing(store.connect(lake_db)) as con:
        cursor = store.cursor(con)
        # One process made the schema: its one commit created the tables, and meta holds
        # one version and one creation time rather than one per process.
        made = cursor.execute(
            f"SELECT count(*) FROM {lake.LAKE_ALIAS}.snapshots() "
            "WHERE list_contains(map_extract(changes, 'tables_created')[1], 'main.meta')"
        ).fetchone()
        assert made == (1,)
        assert cursor.execute(
            "SELECT key, count(*) FROM meta WHERE key IN ('schema_version', 'created_at') "
            "GROUP BY key ORDER BY key"
        ).fetchall() == [("created_at", 1), ("schema_version", 1)]
        tables = cursor.execute(
            "SELECT table_name, count(*) FROM information_schema.tables "
            "WHERE table_catalog = current_database() GROUP BY table_name HAVING count(*) > 1"
        ).fetchall()
        assert tables == []


def test_a_read_only_instance_on_a_new_lake_says_it_is_not_created_yet_and_creates_nothing(
    lake_db,
):
    with pytest.raises(store.LakeUnreachableError, match="has not been created yet") as refused:
        store.connect(lake_db, read_only=True)
    assert refused.value.params["part"] == "catalogue"  # the maintenance message, not a trace
    with pytest.raises(store.LakeUnreachableError, match="has not been created yet"):
        store.connect(lake_db, read_only=True)  # still nothing: it did not create the lake
    store.connect(lake_db).close()  # a writable instance creates it
    with closing(store.connect(lake_db, read_only=True)) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
