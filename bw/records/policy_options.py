"""The records of policy options: sets of 2-4 options with their expected effects.

They live apart from :mod:`bw.policy_options` (the rules and judgements) so the store's reader,
:mod:`bw.store.policy_options`, can build them without importing the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Effect(StrEnum):
    """Which way an option moves an indicator, relative to the indicator's good direction."""

    BETER = "beter"  # towards the good direction (lower unemployment, higher health)
    SLECHTER = "slechter"
    GEEN = "geen"


class Size(StrEnum):
    """Rough size of an effect."""

    KLEIN = "klein"
    MIDDEL = "middel"
    GROOT = "groot"


class Confidence(StrEnum):
    """How sure the authors are of an effect."""

    LAAG = "laag"
    MIDDEL = "middel"
    HOOG = "hoog"


class Timing(StrEnum):
    """When an effect lands: in the coming years (nu) or for later generations (later)."""

    NU = "nu"
    LATER = "later"


class Place(StrEnum):
    """Where an effect lands: in the region (hier) or outside it (elders)."""

    HIER = "hier"
    ELDERS = "elders"


@dataclass(frozen=True, slots=True)
class ExpectedEffect:
    """One expected effect of an option on an indicator, at a time and place."""

    id: int  # 3
    option_id: int  # 1
    indicator_id: str  # 'arbeid.werkloosheid'
    effect: Effect  # Effect.BETER
    size: Size  # Size.MIDDEL
    confidence: Confidence  # Confidence.LAAG
    timing: Timing  # Timing.NU
    place: Place  # Place.HIER
    expected_change: float | None = None  # -0.5 (in the indicator's unit)
    note: str | None = None  # 'schatting op basis van de pilot'
    updated_by: str = ""  # 'a.jansen'
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PolicyOption:
    """One option of a set, with its expected effects."""

    id: int  # 1
    set_id: int  # 1
    position: int  # 1: shown first
    name: str  # 'A. Schuldhulp in de wijk (fictief)'
    description: str | None = None
    effects: tuple[ExpectedEffect, ...] = ()


@dataclass(frozen=True, slots=True)
class OptionSet:
    """A decision question for a region with its 2–4 options."""

    id: int  # 1
    region_code: str  # 'GM0917'
    title: str  # 'Aanpak armoede (fictief)'
    question: str | None  # 'Hoe verkleinen we …?'
    created_by: str  # 'demo'
    created_at: datetime
    updated_by: str
    updated_at: datetime
    options: tuple[PolicyOption, ...] = ()
