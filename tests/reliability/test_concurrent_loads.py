"""Two analysts loading at once from the command line: each load succeeds in turn or says
"busy, try again shortly" and exits 1; the store holds exactly the successful loads."""

from __future__ import annotations

import shutil
from contextlib import closing

import duckdb

from tests.reliability.helpers import (
    check_consistent,
    create_base_store,
    start_load,
    write_long_csv,
)

#: 20 years: 120.000 rows per file, long enough that the two loads overlap.
SHORTER = range(2005, 2025)


def test_two_loads_at_once_take_turns_or_one_is_told_to_retry(tmp_path):
    db = tmp_path / "bw.duckdb"
    create_base_store(db)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    write_long_csv(first, years=SHORTER)
    write_long_csv(second, shift=0.5, years=SHORTER)  # every value differs from the first file's
    processes = {"first.csv": start_load(db, first), "second.csv": start_load(db, second)}
    finished = {name: (p.wait(timeout=300), p.stderr.read()) for name, p in processes.items()}
    succeeded = [name for name, (code, _) in finished.items() if code == 0]
    for name, (code, err) in finished.items():
        assert code == 0 or (code == 1 and "busy, try again shortly" in err), (name, err)
    assert succeeded, "at least one of the two loads gets the store"
    loads = check_consistent(db)
    assert len(loads) == 1 + len(succeeded)
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        files = [
            row[0]
            for row in con.execute(
                "SELECT file_name FROM loads WHERE id > 1 ORDER BY id"
            ).fetchall()
        ]
    assert sorted(files) == sorted(succeeded)
    # The one told to retry succeeds when it does.
    for name in set(processes) - set(succeeded):
        retry = start_load(db, tmp_path / name)
        assert retry.wait(timeout=300) == 0, retry.stderr.read()
    assert len(check_consistent(db)) == 3


def test_a_load_while_another_process_holds_the_store_is_refused_cleanly(tmp_path):
    db = tmp_path / "bw.duckdb"
    create_base_store(db)
    csv = tmp_path / "one.csv"
    write_long_csv(csv, years=SHORTER)
    shutil.copy(db, tmp_path / "before.duckdb")
    holder = duckdb.connect(str(db))  # the writing app, in this process
    try:
        process = start_load(db, csv)
        code, err = process.wait(timeout=120), process.stderr.read()
    finally:
        holder.close()
    assert code == 1
    assert "busy, try again shortly: store" in err and "is in use by another process" in err
    assert check_consistent(db) == [(1, 2, 2)]
