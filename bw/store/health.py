"""Whether this instance can use its store: open it, ask the catalogue, read (and write) data.

``python -m bw health`` runs :func:`check_health` for a load balancer or a systemd timer. The
store is opened read-only and nothing in it changes; on a lake, a writing instance also
writes and removes a small probe file in the data folder, the one write the data path needs.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from bw.store import lake
from bw.store.connection import connect, schema_version
from bw.store.errors import StoreError
from bw.store.meta import scalar


@dataclass(frozen=True, slots=True)
class Check:
    """One part of the health check: its name, whether it passed, and what it found."""

    name: str  # 'store', 'catalogue' or 'data'
    ok: bool
    detail: str  # 'snapshot 42, schema version 9' or why it failed (never a password)


@dataclass(frozen=True, slots=True)
class Health:
    """The outcome of :func:`check_health`: ok only when every check passed."""

    store: str  # 'lake' or 'file'
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every check passed (and at least one ran)."""
        return bool(self.checks) and all(check.ok for check in self.checks)

    def to_dict(self) -> dict[str, object]:
        """The JSON form ``health --json`` prints."""
        return {"ok": self.ok, "store": self.store, "checks": [asdict(c) for c in self.checks]}


def check_health(location: Path, *, writable: bool = True) -> Health:
    """Open the store at ``location`` read-only and check its catalogue and its data.

    ``writable``: whether this instance writes (then a lake's local data folder must take a
    probe file); a read-only replica passes False.
    """
    is_lake = lake.is_lake(location)
    health = Health(store="lake" if is_lake else "file")
    if not is_lake and not Path(location).exists():
        health.checks.append(Check("store", False, f"store {location} does not exist"))
        return health
    try:
        con = connect(location, read_only=True)
    except lake.LakeUnreachableError as error:
        part = str(error.params.get("part", "catalogue"))
        health.checks.append(Check("catalogue" if part == "extension" else part, False, str(error)))
        return health
    except (StoreError, duckdb.Error) as error:
        health.checks.append(Check("store", False, lake.redact(str(error))))
        return health
    with contextlib.closing(con):
        health.checks.append(Check("store", True, "opened read-only"))
        health.checks.append(_check_catalogue(con, is_lake=is_lake))
        health.checks.append(_check_data(con, is_lake=is_lake, writable=writable))
    return health


def _check_catalogue(con: duckdb.DuckDBPyConnection, *, is_lake: bool) -> Check:
    """A trivial query of the catalogue: the schema version, and a lake's newest snapshot."""
    try:
        version = schema_version(con)
        if not is_lake:
            return Check("catalogue", True, f"schema version {version}")
        return Check(
            "catalogue", True, f"snapshot {lake.snapshot_id(con)}, schema version {version}"
        )
    except duckdb.Error as error:
        return Check("catalogue", False, lake.redact(str(error)))


def _check_data(con: duckdb.DuckDBPyConnection, *, is_lake: bool, writable: bool) -> Check:
    """Read every observation's row count (a lake reads its Parquet files) and probe a write."""
    try:
        count = int(scalar(con.execute("SELECT count(*) FROM observations")))
    except duckdb.Error as error:
        return Check("data", False, lake.redact(str(error)))
    if not is_lake:
        return Check("data", True, f"{count} observations read")
    data_path = lake.lake_data_path(con)
    if lake.is_local_path(data_path) and writable:
        probe = Path(data_path) / f".bw-health-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as error:
            return Check("data", False, f"cannot write in the data folder {data_path}: {error}")
    return Check("data", True, f"{count} observations read from {data_path}")
