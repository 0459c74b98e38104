"""Typed records and closed vocabularies of the domain, mirroring ``bw/store/schema.sql``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


def is_missing(value: object) -> bool:
    """Whether one value stands for "no value": None, NaN (float, numpy, Decimal), pd.NA or NaT.

    The one scalar check in bw and ui; whole columns keep pandas' vectorised ``isna``.
    Anything else, a zero, an empty text or an array included, is a value.

    >>> [is_missing(v) for v in (None, float("nan"), 0, 0.0, "", "nan")]
    [True, True, False, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, float):  # numpy.float64 too
        return math.isnan(value)
    if isinstance(value, str | bytes | int):  # bool is an int
        return False
    if isinstance(value, Decimal):
        return value.is_nan()
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas.NA, pandas.NaT, without pandas
        return True
    try:  # numpy.float32 NaN, numpy.datetime64 NaT: scalars that differ from themselves
        return bool(value != value)
    except (TypeError, ValueError):  # an array or a value that cannot compare: not one value
        return False


class Dimension(StrEnum):
    """The three dimensions of brede welvaart."""

    HIER_EN_NU = "hier_en_nu"
    LATER = "later"
    ELDERS = "elders"


class Direction(StrEnum):
    """Which way is good for an indicator."""

    UP = "up"  # higher is better
    DOWN = "down"  # lower is better
    NEUTRAL = "neutral"  # no verdict, only numbers


class Aggregation(StrEnum):
    """How an indicator aggregates over regions (methods.md §6)."""

    SUM = "sum"  # counts: add up
    WEIGHTED_MEAN = "weighted_mean"  # rates and shares: population-weighted mean
    NONE = "none"  # not aggregable: say so


class Level(StrEnum):
    """Region levels, with CBS code prefixes; ``group`` is a user-defined region group."""

    NL = "NL"
    LD = "LD"
    PV = "PV"
    CR = "CR"
    GM = "GM"
    WK = "WK"
    BU = "BU"
    GROUP = "group"


class ObservationStatus(StrEnum):
    """CBS publication status of a value."""

    DEFINITIEF = "definitief"
    VOORLOPIG = "voorlopig"  # marked * by CBS
    NADER_VOORLOPIG = "nader_voorlopig"  # marked ** by CBS


class GroupKind(StrEnum):
    """What a region group is."""

    REGIO_DEAL = "regio_deal"
    NATIONAAL_PROGRAMMA = "nationaal_programma"
    PEER_GROUP = "peer_group"
    CUSTOM = "custom"


class Quartile(StrEnum):
    """Position class among regions of the same level (methods.md §3).

    Neutral indicators (no good direction) get ``highest``/``lowest``, never best or worst.
    """

    BEST = "best_quartile"
    MIDDLE = "middle"
    WORST = "worst_quartile"
    HIGHEST = "highest_quartile"
    LOWEST = "lowest_quartile"


#: The columns of an observations frame, as loaders and the demo hand them to the store.
OBSERVATION_COLUMNS = (
    "indicator_id",  # 'wonen.woonquote'
    "region_code",  # 'GM0363'
    "period",  # '2023'
    "year",  # 2023
    "value",  # 31.2, or NaN/None with a missing_reason
    "ci_low",  # 95% interval, survey data only
    "ci_high",
    "status",  # 'definitief', 'voorlopig' or 'nader_voorlopig'
    "missing_reason",  # 'geheim', 'Impossible', … or None
)

#: CBS gemeentegrootte codes and their Dutch labels (Gebieden in Nederland).
SIZE_CLASSES: dict[int, str] = {
    1: "minder dan 5 000 inwoners",
    2: "5 000 tot 10 000 inwoners",
    3: "10 000 tot 20 000 inwoners",
    4: "20 000 tot 50 000 inwoners",
    5: "50 000 tot 100 000 inwoners",
    6: "100 000 tot 150 000 inwoners",
    7: "150 000 tot 250 000 inwoners",
    8: "250 000 inwoners of meer",
}

#: CBS stedelijkheid codes and their Dutch labels.
URBANITY_CLASSES: dict[int, str] = {
    1: "Zeer sterk stedelijk",
    2: "Sterk stedelijk",
    3: "Matig stedelijk",
    4: "Weinig stedelijk",
    5: "Niet stedelijk",
}


@dataclass(frozen=True, slots=True)
class Region:
    """A region with its CBS code and parents."""

    code: str  # 'GM0363'
    name: str  # 'Amsterdam'
    level: Level  # Level.GM
    province_code: str | None = None  # 'PV27'
    corop_code: str | None = None  # 'CR23'
    landsdeel_code: str | None = None  # 'LD03'
    gemeente_code: str | None = None  # parent of a wijk or buurt: 'GM0363'
    first_year: int | None = None  # 1830 or the year a merger created it
    last_year: int | None = None  # None while the code is current
    size_class: int | None = None  # 8 = 250 000 inwoners of meer
    urbanity: int | None = None  # 1 = zeer sterk stedelijk


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme (hier en nu), capital (later) or elders theme."""

    id: str  # 'gezondheid'
    dimension: Dimension  # Dimension.HIER_EN_NU
    name_nl: str  # 'Gezondheid'
    name_en: str  # 'Health'
    sort_order: int  # 3


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator's metadata; ``theme_ids`` link it to one or more themes."""

    id: str  # 'gezondheid.ervaren_gezondheid'
    name_nl: str  # 'Ervaren gezondheid goed of zeer goed'
    name_en: str  # 'Perceived health good or very good'
    description_nl: str
    description_en: str
    unit: str  # '%'
    decimals: int  # 1
    direction: Direction  # Direction.UP
    aggregation: Aggregation  # Aggregation.WEIGHTED_MEAN
    source: str  # 'CBS/GGD, Gezondheidsmonitor'
    theme_ids: tuple[str, ...]  # ('gezondheid',)
    is_survey: bool = False  # True: values carry 95% intervals
    cbs_code: str | None = None  # '09_E_V_13': the code in its CBS source monitor, if any
    # The possible range of a value when the unit does not say it, or says it wrongly for this
    # indicator (bw.plausibility): 40.0 and 110.0 for a life expectancy; None: the unit's rule.
    value_min: float | None = None  # 40.0
    value_max: float | None = None  # 110.0


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an indicator's definition comes from (the owid/etl habit: provenance per indicator)."""

    source: str  # 'CBS, Bodemgebruik Nederland (BBG)'
    code: str | None  # '09_E_V_13': the table or monitor code at the source, when known
    licence: str | None  # 'CC BY 4.0', when known
    retrieved: str | None  # '2025-06-01': when the definition was taken, when known
    note: str | None  # why a choice was made: 'over 100% is real for wind parks'


@dataclass(frozen=True, slots=True)
class Observation:
    """One value of an indicator for a region and period."""

    indicator_id: str  # 'gezondheid.ervaren_gezondheid'
    region_code: str  # 'GM0363'
    period: str  # '2023'
    value: float | None  # 78.4; None only with a missing_reason
    ci_low: float | None = None  # 76.9
    ci_high: float | None = None  # 79.9
    status: ObservationStatus = ObservationStatus.DEFINITIEF
    missing_reason: str | None = None  # 'Impossible'


@dataclass(frozen=True, slots=True)
class Target:
    """A streefwaarde: minimum and ambition for an indicator in a region or group."""

    region_code: str  # 'GM0363'
    indicator_id: str  # 'wonen.woonlasten'
    minimum: float | None  # 40.0
    ambition: float | None  # 35.0
    ceiling: float | None = None
    target_year: int | None = None  # 2030
    baseline_year: int | None = None  # 2020
    rationale: str | None = None
    source: str | None = None  # 'coalitieakkoord 2022-2026'


@dataclass(frozen=True, slots=True)
class Load:
    """Provenance of one intake."""

    id: int  # 7
    source: str  # 'CBS 85067NED'
    file_name: str | None  # 'gebieden-2022.csv'
    checksum: str | None  # sha256 hex
    format: str  # 'long_csv'
    loaded_at: str  # '2026-11-28 10:00:00'
    loaded_by: str  # 'analist'
    n_rows: int
    n_inserted: int
    n_superseded: int
