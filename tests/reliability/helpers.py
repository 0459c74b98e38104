"""A store with many gemeenten and a long CSV for it, for tests that interrupt real loads."""

from __future__ import annotations

import subprocess
import sys
from contextlib import closing
from pathlib import Path

import duckdb

from bw import store
from bw.model import Region
from bw.store.recovery import RECOVERY_ACTION
from tests.bw.tiny_store import create_tiny_store, load

PROJECT = Path(__file__).resolve().parents[2]
#: Gemeenten in the store; the long CSV has 3 indicators x this x YEARS rows.
N_GEMEENTEN = 2000
YEARS = range(1975, 2025)


def create_base_store(path: Path) -> None:
    """The tiny store plus many gemeenten and one earlier load of two values."""
    with closing(create_tiny_store(path)) as con:
        with store.transaction(con):
            store.insert_regions(
                con,
                [
                    Region(
                        f"GM{n:04d}",
                        f"Gemeente {n}",
                        "GM",
                        province_code="PV27",
                        size_class=4 + n % 2,
                        urbanity=3,
                    )
                    for n in range(6, N_GEMEENTEN + 1)
                ],
            )
        load(con, [("t.up", "GM0001", 2020, 1.0), ("t.down", "GM0002", 2020, 2.0)])


def write_long_csv(path: Path, *, shift: float = 0.0, years: range = YEARS) -> int:
    """A long CSV of every indicator x gemeente x year; return its number of rows."""
    lines = ["indicator,region,period,value"]
    for indicator in ("t.up", "t.down", "t.count"):
        for n in range(1, N_GEMEENTEN + 1):
            lines.extend(
                f"{indicator},GM{n:04d},{year},{(n * 7 + year) % 97 + shift:.1f}" for year in years
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def bw_command(db: Path, *args: str) -> list[str]:
    """``python -m bw --db DB ARGS`` as a subprocess argument list."""
    return [sys.executable, "-m", "bw", "--db", str(db), *args]


def start_load(db: Path, csv: Path, *, by: str = "test") -> subprocess.Popen:
    """Start ``python -m bw load`` in its own process."""
    return subprocess.Popen(
        bw_command(db, "load", str(csv), "--by", by),
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def check_consistent(db: Path) -> list[tuple[int, int, int]]:
    """Open the store as the next process would and check every invariant a load keeps.

    Returns ``(load_id, values written, values present)`` per load; raises AssertionError when
    a load is partly present or the derived tables disagree with the observations.
    """
    with closing(store.connect(db)) as con:  # replays the write-ahead log like any next open
        assert store.schema_version(con) == store.SCHEMA_VERSION
        # Every value a load wrote is current or, replaced by a later load, in the history;
        # an undone load's values are gone, and none of its keys is doubled.
        loads = con.execute(
            "SELECT l.id, l.n_inserted + l.n_superseded, "
            "  (SELECT count(*) FROM observations o WHERE o.load_id = l.id) "
            "  + (SELECT count(*) FROM observations_superseded s WHERE s.load_id = l.id), "
            "  l.undone_at IS NOT NULL "
            "FROM loads l ORDER BY l.id"
        ).fetchall()
        for load_id, written, present, undone in loads:
            expected = 0 if undone else written
            assert present == expected, f"load {load_id}: {present} of {expected} values present"
        doubled = con.execute(
            "SELECT count(*) FROM (SELECT indicator_id, region_code, period FROM observations "
            "GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()[0]
        assert doubled == 0, f"{doubled} keys with two current values"
        loads = [row[:3] for row in loads]
        orphans = con.execute(
            "SELECT (SELECT count(*) FROM observations o ANTI JOIN loads l ON l.id = o.load_id)"
            " + (SELECT count(*) FROM observations_superseded s ANTI JOIN loads l"
            "    ON l.id = s.superseded_by)"
        ).fetchone()[0]
        assert orphans == 0, "values of a load that is not recorded"
        # Derived tables agree with the observations: one latest value per series, at its
        # newest year, and the rank table covers the same series.
        disagree = con.execute(
            """
            SELECT count(*) FROM (
                SELECT indicator_id, region_code, max(year) AS year
                FROM observations WHERE value IS NOT NULL GROUP BY ALL
            ) o FULL JOIN latest_values lv USING (indicator_id, region_code)
            WHERE lv.year IS DISTINCT FROM o.year
            """
        ).fetchone()[0]
        assert disagree == 0, f"{disagree} series where latest_values disagrees"
        ranked = con.execute(
            "SELECT count(*) FROM latest_values WHERE rank IS NULL AND region_code LIKE 'GM%'"
        ).fetchone()[0]
        assert ranked == 0, "latest values of gemeenten without a rank"
        # Each ranking holds exactly the n regions it ranks (ranks has no key to keep it so).
        twice = con.execute(
            "SELECT count(*) FROM (SELECT count(*) AS found, max(n) AS n FROM ranks "
            "GROUP BY indicator_id, level, year) WHERE found <> n"
        ).fetchone()[0]
        assert twice == 0, f"{twice} rankings whose rows are not the regions they rank"
        return loads


def recovery_lines(db: Path) -> list[str]:
    """What the repairs after a crash wrote to the audit log, oldest first (read-only)."""
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        rows = con.execute(
            "SELECT subject FROM audit_log WHERE action = ? ORDER BY id", [RECOVERY_ACTION]
        ).fetchall()
    return [row[0] for row in rows]


def observation_count(db: Path) -> int:
    """Observations in a closed store."""
    with closing(duckdb.connect(str(db), read_only=True)) as con:
        return con.execute("SELECT count(*) FROM observations").fetchone()[0]
