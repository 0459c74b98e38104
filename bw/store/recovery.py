"""Repairing a store file after a crash: what DuckDB replayed of a commit that never finished.

DuckDB 1.5 writes the rows of a large insert into the store file before the commit
("optimistic writes") and, when a process dies while committing, can replay those rows from
the write-ahead log without the rest of their transaction (duckdb/duckdb#25931): the values
of a load come back without the load's record, or the values an undo put back return beside
the ones it removed. Only inserts are replayed this way; deletes and updates are not. So a
store opened for writing after a crash (its log still there) is checked here, repaired in one
transaction, its derived tables rebuilt, and the repair written to the audit log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from bw.store.audit import insert_audit_line
from bw.store.derived import refresh_derived
from bw.store.errors import StoreError
from bw.store.meta import scalar, transaction

_log = logging.getLogger(__name__)

#: How the audit log names a repair, and who did it.
RECOVERY_ACTION = "recover_after_crash"
RECOVERY_ACTOR = "bw"

_KEY = "indicator_id, region_code, period"
_RECORDED = "(SELECT id FROM loads)"

#: What a commit can leave behind, as (what it is, query counting it, statement removing it).
#: Every row that names a load that is not recorded is a leftover of that load: the load's
#: record is written first in its transaction, so a finished load always has it.
_LEFTOVERS = (
    (
        "values of a load that is not recorded",
        f"SELECT count(*) FROM observations WHERE load_id NOT IN {_RECORDED}",
        f"DELETE FROM observations WHERE load_id NOT IN {_RECORDED}",
    ),
    (
        "computed values of a load that is not recorded",
        f"SELECT count(*) FROM aggregated_values WHERE load_id NOT IN {_RECORDED}",
        f"DELETE FROM aggregated_values WHERE load_id NOT IN {_RECORDED}",
    ),
    (
        "region attributes of a load that is not recorded",
        f"SELECT count(*) FROM region_attribute_history WHERE load_id NOT IN {_RECORDED}",
        f"DELETE FROM region_attribute_history WHERE load_id NOT IN {_RECORDED}",
    ),
    (
        # An undo moves the values it restores back into observations and then removes them
        # from the history: replayed without the removal, the old value stands beside the one
        # the undo never took away. A finished write never holds one value in both tables.
        "values that an unfinished undo put back",
        f"SELECT count(*) FROM observations o SEMI JOIN observations_superseded s "
        f"USING ({_KEY}, load_id)",
        "DELETE FROM observations o USING observations_superseded s "
        "WHERE o.indicator_id = s.indicator_id AND o.region_code = s.region_code "
        "AND o.period = s.period AND o.load_id = s.load_id",
    ),
)


@dataclass(frozen=True, slots=True)
class Recovery:
    """What the repair after a crash removed, (what, rows) per kind, and restored."""

    removed: tuple[tuple[str, int], ...]
    history_restored: int  # replaced values of an unrecorded load put back as current

    def summary(self) -> str:
        """One line for the audit log and the log: what was removed and restored."""
        parts = [f"{rows} {what}" for what, rows in self.removed if rows]
        if self.history_restored:
            parts.append(f"{self.history_restored} replaced values restored")
        return "removed " + "; ".join(parts) + "; derived tables rebuilt"


def wal_path(path: Path) -> Path:
    """The write-ahead log DuckDB keeps beside a store file while it is open for writing."""
    return path.with_name(path.name + ".wal")


def recover_after_crash(con: duckdb.DuckDBPyConnection) -> Recovery | None:
    """Remove what a crashed commit left behind; None when the store was already consistent.

    Runs in one transaction of its own. Raises :class:`StoreError` (and changes nothing) when
    the store holds a value twice for one key in a way no known leftover explains.
    """
    with transaction(con):
        history_restored = _restore_history_of_unrecorded_loads(con)
        removed = tuple((what, _remove(con, count, delete)) for what, count, delete in _LEFTOVERS)
        _refuse_keys_twice(con)
        if not history_restored and not any(rows for _, rows in removed):
            return None
        refresh_derived(con)
        recovery = Recovery(removed, history_restored)
        insert_audit_line(
            con,
            done_at=datetime.now(),
            actor=RECOVERY_ACTOR,
            role="system",
            action=RECOVERY_ACTION,
            subject=recovery.summary(),
        )
    _log.warning("store repaired after a crash: %s", recovery.summary())
    return recovery


def _remove(con: duckdb.DuckDBPyConnection, count: str, delete: str) -> int:
    """Delete the rows ``count`` finds (only when there are any: most opens find none)."""
    rows = int(scalar(con.execute(count)))
    if rows:
        con.execute(delete)
    return rows


def _restore_history_of_unrecorded_loads(con: duckdb.DuckDBPyConnection) -> int:
    """Put back values that an unrecorded load replaced, and drop its history rows.

    A load moves the values it replaces into the history before it removes them from
    observations; replayed without the removal, the value is current still and its history
    row is dropped. Where the value is gone from observations it is put back, so whatever
    DuckDB replayed, every key keeps the value of the last recorded load.
    """
    unrecorded = f"superseded_by NOT IN {_RECORDED}"
    rows = int(
        scalar(con.execute(f"SELECT count(*) FROM observations_superseded WHERE {unrecorded}"))
    )
    if not rows:
        return 0
    restored = int(
        scalar(
            con.execute(
                f"INSERT INTO observations SELECT * EXCLUDE (superseded_by) "
                f"FROM observations_superseded s WHERE s.{unrecorded} AND s.load_id IN {_RECORDED} "
                f"AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = "
                f"s.indicator_id AND o.region_code = s.region_code AND o.period = s.period "
                f"AND o.load_id IN {_RECORDED})"
            )
        )
    )
    con.execute(f"DELETE FROM observations_superseded WHERE {unrecorded}")
    return restored


def _refuse_keys_twice(con: duckdb.DuckDBPyConnection) -> None:
    """Stop when, after the repair, a key still has two values: there is no safe choice."""
    # Each load adds its new keys and an undo takes them away again, so a store written only
    # by loads holds exactly this many values; then no key can be there twice, and the scan
    # of every key (seconds at 10 million) is needed only when the counts differ.
    expected = scalar(con.execute("SELECT sum(n_inserted) FROM loads WHERE undone_at IS NULL"))
    if scalar(con.execute("SELECT count(*) FROM observations")) == expected:
        return
    twice = int(
        scalar(
            con.execute(
                f"SELECT count(*) FROM (SELECT {_KEY} FROM observations GROUP BY ALL "
                f"HAVING count(*) > 1)"
            )
        )
    )
    if twice:
        raise StoreError(
            f"the store holds {twice} indicator × region × period keys twice after an "
            f"interrupted write, which bw cannot repair safely; nothing was changed: restore "
            f"the backup made before the last write (python -m bw restore FILE)"
        )
