"""The records of a programme's indicatorenplan: opgaven, doelen, activiteiten and moments.

They live apart from :mod:`bw.programmes` (the rules) so the store's reader,
:mod:`bw.store.programmes`, can build them without importing the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ProgrammeKind(StrEnum):
    """What a programme is (schema: programmes.kind)."""

    BELEIDSPROGRAMMA = "beleidsprogramma"
    REGIO_DEAL = "regio_deal"
    NATIONAAL_PROGRAMMA = "nationaal_programma"


class ActivityStatus(StrEnum):
    """Where an activiteit stands (schema: activiteiten.status)."""

    GEPLAND = "gepland"
    LOPEND = "lopend"
    AFGEROND = "afgerond"
    GESTOPT = "gestopt"


class IndicatorLevel(StrEnum):
    """Where an indicator hangs in the plan: impact on an opgave, outcome on a doel."""

    OPGAVE = "opgave"
    DOEL = "doel"


@dataclass(frozen=True, slots=True)
class Activiteit:
    """An activity under a doel: output, with its status and share done."""

    id: int  # 3
    doel_id: int  # 1
    title: str  # 'Beweegcoaches in de wijk'
    status: ActivityStatus  # ActivityStatus.LOPEND
    share_done: float  # 60.0 (percent)
    budget: float | None = None  # 250000.0 euro


@dataclass(frozen=True, slots=True)
class Doel:
    """A goal under an opgave with its SMART parts; any part may still be missing."""

    id: int  # 1
    opgave_id: int  # 1
    text: str  # 'In 2026 ervaart ten minste 77% van de inwoners zijn gezondheid als goed'
    indicator_id: str | None = None  # 'gezondheid.ervaren_gezondheid'
    target_value: float | None = None  # 77.0
    target_year: int | None = None  # 2026
    owner: str | None = None  # 'wethouder Volksgezondheid'
    feasibility_note: str | None = None  # 'vergelijkbare regio's haalden dit in drie jaar'
    indicators: tuple[str, ...] = ()  # extra outcome indicators linked in the plan
    activiteiten: tuple[Activiteit, ...] = ()


@dataclass(frozen=True, slots=True)
class Opgave:
    """A challenge of a programme, judged by its impact indicators."""

    id: int  # 1
    programme_id: int  # 1
    title: str  # 'Gezondheidsachterstand verkleinen'
    description: str | None = None
    indicators: tuple[str, ...] = ()  # impact indicators: ('gezondheid.gezonde_levensverwachting',)
    doelen: tuple[Doel, ...] = ()


@dataclass(frozen=True, slots=True)
class MeasurementMoment:
    """A moment in the planning & control cycle at which progress is reported."""

    date: date  # date(2025, 4, 15)
    label: str  # 'Voortgangsrapportage voorjaar 2025'


@dataclass(frozen=True, slots=True)
class Programme:
    """A programme with its regions and (when read as a plan) its opgaven and moments."""

    id: int  # 1
    name: str  # 'Regio Deal Zuid-Limburg (fictief)'
    kind: ProgrammeKind  # ProgrammeKind.REGIO_DEAL
    owner: str | None = None  # 'stuurgroep Regio Deal'
    start_year: int | None = None  # 2023
    end_year: int | None = None  # 2027
    description: str | None = None
    region_codes: tuple[str, ...] = ()  # ('RD_ZUID_LIMBURG',)
    opgaven: tuple[Opgave, ...] = field(default=())
    moments: tuple[MeasurementMoment, ...] = ()

    def doelen(self) -> list[Doel]:
        """Every doel of every opgave, in plan order."""
        return [d for o in self.opgaven for d in o.doelen]

    def activiteiten(self) -> list[Activiteit]:
        """Every activiteit of every doel, in plan order."""
        return [a for d in self.doelen() for a in d.activiteiten]
