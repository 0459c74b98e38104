"""The schema versions: the migration steps in ``migrations/`` and the version this bw writes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

_MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _migration_steps() -> dict[int, Sequence[str]]:
    """The SQL files in ``bw/store/migrations/vN/`` as the step from version N - 1 to N.

    Each file in a step is one feature's tables (roles, workshops, …), read in name order.
    """
    steps: dict[int, Sequence[str]] = {}
    for folder in sorted(_MIGRATIONS_DIR.glob("v*")):
        files = sorted(folder.glob("*.sql"))
        if folder.is_dir() and folder.name[1:].isdigit() and files:
            steps[int(folder.name[1:]) - 1] = [f.read_text(encoding="utf-8") for f in files]
    return steps


#: Upgrades per version: ``MIGRATIONS[n]`` takes a store from version n to n + 1.
#: Each step is a list of SQL scripts run in one transaction with the version bump. A new store
#: runs ``bw/store/schema.sql`` (version 1) and then every step, so there is one definition
#: per table.
MIGRATIONS: dict[int, Sequence[str]] = _migration_steps()

#: The schema version this code writes.
SCHEMA_VERSION = 1 + len(MIGRATIONS)
