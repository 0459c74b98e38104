"""SIGKILL during ``python -m bw undo``: afterwards the store opens, is consistent, and the undo
is either complete or not done at all, wherever the kill landed.

The undone load replaced 300.000 values of an earlier one, so the undo puts 300.000 values back
into ``observations`` (an insert large enough for DuckDB to write it into the file before the
commit: duckdb/duckdb#25931 can replay it without the rest of the undo) and removes as many.
"""

from __future__ import annotations

import shutil
import subprocess
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from tests.reliability.helpers import (
    bw_command,
    check_consistent,
    create_base_store,
    recovery_lines,
    start_load,
    write_long_csv,
)
from tests.reliability.test_kill_during_load import (
    _started,
    _wal_appears,
    _wal_gone,
    kill_when,
)

PROJECT = Path(__file__).resolve().parents[2]

#: (name, event, seconds after it): the undo running; writing blocks into the file; the commit.
KILLS = [
    ("running", _started, 1.5),
    ("later", _started, 2.5),
    ("commit_starts", _wal_appears, 0.0),
    ("checkpoint", _wal_appears, 0.03),
    ("after_commit", _wal_gone, 0.0),
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The base store, then the long CSV (load 2), then the same keys again (load 3)."""
    folder = tmp_path_factory.mktemp("kill_undo")
    db, csv, shifted = folder / "base.duckdb", folder / "big.csv", folder / "shifted.csv"
    create_base_store(db)
    rows = write_long_csv(csv)
    write_long_csv(shifted, shift=0.5)
    for path in (csv, shifted):
        process = start_load(db, path)
        assert process.wait(timeout=600) == 0, process.stderr.read()
    return db, rows


def _state(db: Path) -> tuple[object, ...]:
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        return (
            con.execute("SELECT id, undone_at IS NOT NULL FROM loads ORDER BY id").fetchall(),
            con.execute(
                "SELECT load_id, count(*) FROM observations GROUP BY 1 ORDER BY 1"
            ).fetchall(),
        )


@pytest.mark.parametrize(("moment", "event", "delay"), KILLS, ids=[k[0] for k in KILLS])
def test_a_killed_undo_is_complete_or_not_done(loaded, tmp_path, moment, event, delay):
    base, rows = loaded
    db = tmp_path / "bw.duckdb"
    shutil.copy(base, db)
    process = subprocess.Popen(
        bw_command(db, "undo", "3", "--by", "test"),
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    killed = kill_when(process, event(db), delay)
    process.communicate(timeout=300)
    loads = check_consistent(db)  # bw's open repairs what a replay brought back
    assert [load_id for load_id, _, _ in loads] == [1, 2, 3]
    recorded, current = _state(db)
    repairs = len(recovery_lines(db))
    undone = recorded[2][1]
    print(
        f"{moment}: {'killed' if killed else 'finished first'}, undo "
        f"{'complete' if undone else 'not done'}{', repaired on open' if repairs else ''}"
    )
    if not killed:
        assert undone
    # Undone: load 2's values are current again; not done: load 3's are, load 2's in history.
    assert current == ([(2, rows)] if undone else [(3, rows)])
