"""A checked file's observations compared with the store: what loading it would change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from bw.store.meta import register_frame, unregister_frame

#: The name under which a checked file's observations are queryable while intake compares them.
STAGED_OBSERVATIONS = "staged_observations"

# A staged value differs from the store's when the store has none for its key (o is the
# observations row, s the staged one) or any stored field is another.
_DIFFERS = """
    o.indicator_id IS NULL
    OR o.value IS DISTINCT FROM s.value OR o.ci_low IS DISTINCT FROM s.ci_low
    OR o.ci_high IS DISTINCT FROM s.ci_high OR o.status IS DISTINCT FROM s.status
    OR o.missing_reason IS DISTINCT FROM s.missing_reason
"""


@dataclass(frozen=True, slots=True)
class StagedCounts:
    """How a checked file's values compare with the store's."""

    new: int  # keys the store holds no value for
    changed: int  # keys whose stored value the file would replace
    unchanged: int  # keys the store holds exactly as in the file
    missing: int  # values the file leaves empty (stored as missing, never as 0)

    def as_dict(self) -> dict[str, int]:
        """The counts by name, as a load report shows them."""
        return {
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "missing": self.missing,
        }


@contextmanager
def staged_observations(con: duckdb.DuckDBPyConnection, observations: pa.Table) -> Iterator[None]:
    """Make ``observations`` queryable as :data:`STAGED_OBSERVATIONS` for the block's length."""
    register_frame(con, STAGED_OBSERVATIONS, observations)
    try:
        yield
    finally:
        unregister_frame(con, STAGED_OBSERVATIONS)


def count_staged(con: duckdb.DuckDBPyConnection) -> StagedCounts:
    """How many staged values are new, changed, unchanged or missing against the store."""
    row = con.execute(f"""
        SELECT count(*) FILTER (WHERE o.indicator_id IS NULL),
               count(*) FILTER (WHERE o.indicator_id IS NOT NULL AND ({_DIFFERS})),
               count(*) FILTER (WHERE NOT ({_DIFFERS})),
               count(*) FILTER (WHERE s.value IS NULL)
        FROM {STAGED_OBSERVATIONS} s
        LEFT JOIN observations o USING (indicator_id, region_code, period)
    """).fetchone()
    assert row is not None  # an aggregate without GROUP BY always returns one row
    new, changed, unchanged, missing = (int(n) for n in row)
    return StagedCounts(new, changed, unchanged, missing)


def read_superseding_loads(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    """(load id, number of values) of each load holding other values than the staged file's,
    by load id."""
    rows = con.execute(f"""
        SELECT o.load_id, count(*) FROM {STAGED_OBSERVATIONS} s
        JOIN observations o USING (indicator_id, region_code, period)
        WHERE {_DIFFERS} GROUP BY 1 ORDER BY 1
    """).fetchall()
    return [(int(load_id), int(n)) for load_id, n in rows]


def read_new_or_changed(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The staged observations the store does not hold as they are: the ones a load writes."""
    return con.sql(f"""
        SELECT s.* FROM {STAGED_OBSERVATIONS} s
        LEFT JOIN observations o USING (indicator_id, region_code, period)
        WHERE {_DIFFERS}
    """).to_arrow_table()
