"""The stored records of a workshop: a session and the events its state is derived from.

They live apart from :mod:`bw.workshops` (the rules) so the store's reader,
:mod:`bw.store.workshops`, can build them without importing the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Session:
    """A workshop session: the case and whether it is still open."""

    id: int  # 1
    code: str  # 'K7PX3M'
    title: str  # 'Gezond ouder worden in Heerlen'
    region_code: str  # 'GM0917'
    phase: str  # 'beleidsvorming'
    themes: tuple[str, ...]  # ('gezondheid', 'wonen')
    status: str  # 'open' or 'finalised'
    created_by: str  # 'lokaal'
    created_at: datetime
    finalised_by: str | None = None
    finalised_at: datetime | None = None
    case_level: str = "GM"  # the region's level: decides hier/elders

    @property
    def is_open(self) -> bool:
        """Whether participants may still contribute."""
        return self.status == "open"


@dataclass(frozen=True, slots=True)
class Event:
    """One row of ``workshop_events`` (unused fields None)."""

    id: int  # 17
    kind: str  # 'argument'
    author: str  # 'Vos'
    created_at: datetime | None = None
    argument_id: int | None = None
    into_id: int | None = None
    theme_id: str | None = None
    text: str | None = None
    sentiment: str | None = None
    scale: str | None = None
    time_frame: str | None = None
    indicator_ids: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()
    indicator_id: str | None = None
    minimum: float | None = None
    ambition: float | None = None
    target_year: int | None = None
