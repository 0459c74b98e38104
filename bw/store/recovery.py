"""Repairing a store file after a crash: what DuckDB replayed of a commit that never finished.

DuckDB 1.5 writes the rows of a large insert into the store file before the commit
("optimistic writes") and, when a process dies while committing, can replay those rows from
the write-ahead log without the rest of their transaction (duckdb/duckdb#25931): the values
of a load come back without the load's record, or the values an undo put back return beside
the ones it removed, or a rebuild's ranks beside the old ones. As far as is known only inserts
come back this way (deletes and updates are logged at the commit). So a store opened for
writing after a crash (its log still there) is checked here, repaired in one transaction, its
derived tables rebuilt, and the repair written to the audit log.
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

_UNRECORDED = f"NOT IN {_RECORDED}"

#: The phrases a repair's summary is made of, by id: the app shows them in its own words.
PHRASES = {
    "removed": "removed",
    "values": "values of a load that is not recorded",
    "computed": "computed values of a load that is not recorded",
    "attributes": "region attributes of a load that is not recorded",
    "indicators": "indicators added by a load that is not recorded",
    "regions": "regions added by a load that is not recorded",
    "undo": "values that an unfinished undo put back",
    "restored": "replaced values put back",
    "ranks": "rankings held rows twice",
    "rebuilt": "derived tables rebuilt",
}

#: What a commit can leave behind: (what it is, query counting it, statements removing it).
#: Every row that names a load that is not recorded is a leftover of that load: the load's
#: record is written first in its transaction, so a finished load always has it.
_LEFTOVERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        PHRASES["values"],
        f"SELECT count(*) FROM observations WHERE load_id {_UNRECORDED}",
        (f"DELETE FROM observations WHERE load_id {_UNRECORDED}",),
    ),
    (
        PHRASES["computed"],
        f"SELECT count(*) FROM aggregated_values WHERE load_id {_UNRECORDED}",
        (f"DELETE FROM aggregated_values WHERE load_id {_UNRECORDED}",),
    ),
    (
        # The history holds each region's attributes from before the load: put back (as an
        # undo does) in case the load's update came back too, then dropped.
        PHRASES["attributes"],
        f"SELECT count(*) FROM region_attribute_history WHERE load_id {_UNRECORDED}",
        (
            "UPDATE regions r SET province_code = h.province_code, corop_code = h.corop_code, "
            "landsdeel_code = h.landsdeel_code, size_class = h.size_class, "
            f"urbanity = h.urbanity FROM region_attribute_history h "
            f"WHERE h.load_id {_UNRECORDED} AND r.code = h.code",
            f"DELETE FROM region_attribute_history WHERE load_id {_UNRECORDED}",
        ),
    ),
    (
        PHRASES["indicators"],
        f"SELECT count(*) FROM indicators WHERE created_by_load {_UNRECORDED}",
        (
            "DELETE FROM indicator_themes WHERE indicator_id IN "
            f"(SELECT id FROM indicators WHERE created_by_load {_UNRECORDED})",
            f"DELETE FROM indicators WHERE created_by_load {_UNRECORDED}",
        ),
    ),
    (
        PHRASES["regions"],
        f"SELECT count(*) FROM regions WHERE created_by_load {_UNRECORDED}",
        (f"DELETE FROM regions WHERE created_by_load {_UNRECORDED}",),
    ),
    (
        # An undo moves the values it restores back into observations and then removes them
        # from the history: replayed without the removal, the old value stands beside the one
        # the undo never took away. A finished write never holds one value in both tables.
        PHRASES["undo"],
        f"SELECT count(*) FROM observations o SEMI JOIN observations_superseded s "
        f"USING ({_KEY}, load_id)",
        (
            "DELETE FROM observations o USING observations_superseded s "
            "WHERE o.indicator_id = s.indicator_id AND o.region_code = s.region_code "
            "AND o.period = s.period AND o.load_id = s.load_id",
        ),
    ),
)

# Ranks has no primary key (it is as long as the observations), so a rebuild's rows replayed
# beside the old ones would stand there twice: each (indicator, level, year) holds exactly the
# n regions it ranks. Other derived tables have primary keys.
_RANKS_TWICE = """
SELECT count(*) FROM (
    SELECT count(*) AS found, min(n) AS low, max(n) AS high
    FROM ranks GROUP BY indicator_id, level, year
) WHERE found <> high OR low <> high
"""


@dataclass(frozen=True, slots=True)
class Recovery:
    """What the repair after a crash removed, (what, rows) per kind, and restored."""

    removed: tuple[tuple[str, int], ...]
    history_restored: int  # replaced values of an unrecorded load put back as current
    ranks_twice: int  # (indicator, level, year) groups of ranks holding more rows than ranked

    def summary(self) -> str:
        """One line for the audit log and the log: what was removed and restored."""
        removed = [f"{rows} {what}" for what, rows in self.removed if rows]
        parts = [f"{PHRASES['removed']} " + "; ".join(removed)] if removed else []
        if self.history_restored:
            parts.append(f"{self.history_restored} {PHRASES['restored']}")
        if self.ranks_twice:
            parts.append(f"{self.ranks_twice} {PHRASES['ranks']}")
        return "; ".join([*parts, PHRASES["rebuilt"]])


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
        removed = tuple((what, _remove(con, count, deletes)) for what, count, deletes in _LEFTOVERS)
        _refuse_keys_twice(con)
        ranks_twice = int(scalar(con.execute(_RANKS_TWICE)))
        if not history_restored and not ranks_twice and not any(rows for _, rows in removed):
            return None
        refresh_derived(con)
        recovery = Recovery(removed, history_restored, ranks_twice)
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


def _remove(con: duckdb.DuckDBPyConnection, count: str, statements: tuple[str, ...]) -> int:
    """Remove the rows ``count`` finds (only when there are any: most opens find none)."""
    rows = int(scalar(con.execute(count)))
    if rows:
        for statement in statements:
            con.execute(statement)
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
