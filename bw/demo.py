"""The embedded demo monitor: real regions, fictional values ("demodata (fictief)").

What is real: the 84 gemeenten of ``bw/data/demo_gemeenten.csv``, with their CBS codes, names,
province, COROP region, landsdeel, gemeentegrootte, stedelijkheid and population on 1 January
2022, as in the CBS table
"Gebieden in Nederland 2022" (85067NED). They were chosen because their codes stayed in use from
2012 to 2024 and still exist in 2025 (Amsterdam absorbed Weesp on 24 March 2022 but kept its code).

What is fictional: every observation. Gemeente series are drawn from plausible Dutch levels and
trends, deterministically (seeds from ``zlib.crc32`` of stable strings, never ``hash()``), so the
demo is identical in every run and process. Values for COROP regions, provinces, landsdelen,
"Nederland" are *not* drawn: they are aggregated from the demo gemeenten per year (counts
summed, other values weighted with the same year's population, ``none`` indicators left out).
Region groups get no stored values at all: they are aggregated when viewed, as any group.
So the demo's "Nederland" is the sum of these 84 gemeenten, not the country.

The gemeenten, groups, series settings and targets are data files in ``bw/data`` (``demo_*``),
checked on import; nothing here reads the network or the shared data, which users do not clone.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from bw import catalogue
from bw.config import DEMO_FIRST_YEAR, DEMO_LAST_YEAR
from bw.data_files import DATA_DIR, DataFileError, read_rows, read_toml
from bw.model import (
    OBSERVATION_COLUMNS,
    Aggregation,
    Direction,
    GroupKind,
    Level,
    ObservationStatus,
    Region,
    Target,
)

#: How the UI labels demo data, in Dutch and English.
DEMO_LABEL_NL = "demodata (fictief)"
DEMO_LABEL_EN = "demo data (fictional)"


@dataclass(frozen=True, slots=True)
class DemoGemeente:
    """A real gemeente of the demo with its CBS 2022 classification."""

    code: str  # 'GM0917'
    name: str  # 'Heerlen'
    province_code: str  # 'PV31'
    corop_code: str  # 'CR39'
    corop_name: str  # 'Zuid-Limburg'
    landsdeel_code: str  # 'LD04'
    size_class: int  # 5 = 50 000 tot 100 000 inwoners
    urbanity: int  # 2 = sterk stedelijk
    population_2022: int  # 86845 (Inwonertal on 1 January 2022)
    first_year: int | None  # 1998 when the code was created by a merger then; None: older


@dataclass(frozen=True, slots=True)
class DemoGroup:
    """A region group of the demo (a Regio Deal, a peer group) and its member gemeenten."""

    code: str  # 'RD_ZUID_LIMBURG'
    name: str  # 'Regio Deal Zuid-Limburg'
    kind: GroupKind  # GroupKind.REGIO_DEAL
    description: str
    member_codes: tuple[str, ...]  # ('GM0917', 'GM0928', …)


# Copied by hand from 85067NED into bw/data/demo_gemeenten.csv (Code_1, Naam_2, Code_26, Code_8,
# Naam_9, Code_24, Code_50, Code_52, Inwonertal_54; first_year from "Ontstaan per" in RegioS);
# tests/bw/test_demo.py checks every row against the real file whenever ../shared/data/real is
# present.
_GEMEENTEN_FILE = DATA_DIR / "demo_gemeenten.csv"
#: Landsdelen and provinces with their CBS codes and names.
_AREAS_FILE = DATA_DIR / "demo_areas.csv"
_GROUPS_FILE = DATA_DIR / "demo_groups.toml"
_SERIES_FILE = DATA_DIR / "demo_series.toml"
_TARGETS_FILE = DATA_DIR / "demo_targets.csv"


def _read_gemeenten(path: Path = _GEMEENTEN_FILE) -> tuple[DemoGemeente, ...]:
    """The demo gemeenten file as records."""
    gemeenten = []
    columns = [f.name for f in fields(DemoGemeente)]
    for line, row in read_rows(path, columns=columns):
        try:
            gemeenten.append(
                DemoGemeente(
                    code=row["code"],
                    name=row["name"],
                    province_code=row["province_code"],
                    corop_code=row["corop_code"],
                    corop_name=row["corop_name"],
                    landsdeel_code=row["landsdeel_code"],
                    size_class=int(row["size_class"]),
                    urbanity=int(row["urbanity"]),
                    population_2022=int(row["population_2022"]),
                    first_year=int(row["first_year"]) if row["first_year"] else None,
                )
            )
        except ValueError as error:
            raise DataFileError(f"{path.name}:{line}: {error}") from error
    return tuple(gemeenten)


def _read_areas(path: Path = _AREAS_FILE) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """The landsdelen (code -> name) and provinces (code -> (name, landsdeel)) of the areas file."""
    landsdelen: dict[str, str] = {}
    provinces: dict[str, tuple[str, str]] = {}
    for line, row in read_rows(path, columns=("code", "name", "level", "landsdeel_code")):
        if row["level"] == Level.LD and not row["landsdeel_code"]:
            landsdelen[row["code"]] = row["name"]
        elif row["level"] == Level.PV and row["landsdeel_code"] in landsdelen:
            provinces[row["code"]] = (row["name"], row["landsdeel_code"])
        else:
            raise DataFileError(
                f"{path.name}:{line}: a landsdeel (LD) without parent or a "
                f"province (PV) of a landsdeel listed above it"
            )
    return landsdelen, provinces


DEMO_GEMEENTEN: tuple[DemoGemeente, ...] = _read_gemeenten()

#: Landsdelen (CBS codes and names); provinces: CBS code -> (name, landsdeel code).
LANDSDELEN, PROVINCES = _read_areas()

#: Codes of the demo's "Nederland" (the sum of the demo gemeenten) and of its two groups.
NL_CODE = "NL01"
REGIO_DEAL_CODE = "RD_ZUID_LIMBURG"
G4_CODE = "G4"


def demo_groups() -> list[DemoGroup]:
    """The demo's region groups: Regio Deal Zuid-Limburg and the four big cities (G4)."""
    groups = []
    for i, table in enumerate(read_toml(_GROUPS_FILE)["groups"]):
        if "member_corop" in table:
            members = tuple(g.code for g in DEMO_GEMEENTEN if g.corop_code == table["member_corop"])
        else:
            members = tuple(table["members"])
        try:
            groups.append(
                DemoGroup(
                    table["code"],
                    table["name"],
                    GroupKind(table["kind"]),
                    table["description"],
                    members,
                )
            )
        except (KeyError, ValueError) as error:
            raise DataFileError(f"{_GROUPS_FILE.name}: groups[{i}]: {error!r}") from error
    return groups


def demo_regions() -> list[Region]:
    """All demo regions: NL, landsdelen, provinces, the demo's COROP regions, gemeenten, groups."""
    regions = [Region(NL_CODE, "Nederland", Level.NL)]
    regions += [Region(code, name, Level.LD) for code, name in LANDSDELEN.items()]
    regions += [
        Region(code, name, Level.PV, landsdeel_code=landsdeel)
        for code, (name, landsdeel) in PROVINCES.items()
    ]
    regions += _corop_regions()
    regions += [_gemeente_region(g) for g in DEMO_GEMEENTEN]
    regions += [Region(group.code, group.name, Level.GROUP) for group in demo_groups()]
    return regions


def _corop_regions() -> list[Region]:
    seen: dict[str, Region] = {}
    for g in DEMO_GEMEENTEN:
        seen.setdefault(
            g.corop_code,
            Region(
                g.corop_code,
                g.corop_name,
                Level.CR,
                province_code=g.province_code,
                landsdeel_code=g.landsdeel_code,
            ),
        )
    return sorted(seen.values(), key=lambda region: region.code)


def _gemeente_region(g: DemoGemeente) -> Region:
    return Region(
        g.code,
        g.name,
        Level.GM,
        province_code=g.province_code,
        corop_code=g.corop_code,
        landsdeel_code=g.landsdeel_code,
        first_year=g.first_year,
        size_class=g.size_class,
        urbanity=g.urbanity,
    )


def aggregate_members() -> dict[str, tuple[str, ...]]:
    """For every aggregate region of the demo (CR, PV, LD, NL): its member gemeenten.

    Region groups are not here: like any user-defined group they are aggregated when viewed
    (bw.monitor, methods.md §6), with the population coverage shown.
    """
    members: dict[str, list[str]] = {NL_CODE: []}
    for g in DEMO_GEMEENTEN:
        for code in (NL_CODE, g.landsdeel_code, g.province_code, g.corop_code):
            members.setdefault(code, []).append(g.code)
    return {code: tuple(codes) for code, codes in members.items()}


# --- Series ----------------------------------------------------------------------------------

_ALL_YEARS = tuple(range(DEMO_FIRST_YEAR, DEMO_LAST_YEAR + 1))
# Publication calendars that follow the demo's years; demo_series.toml lists the others.
_YEAR_RULES = {
    "all": _ALL_YEARS,
    "even": tuple(y for y in _ALL_YEARS if y % 2 == 0),
    "odd": tuple(y for y in _ALL_YEARS if y % 2 == 1),
}


@dataclass(frozen=True, slots=True)
class _Series:
    """How to draw one indicator's gemeente series (levels are Dutch ballpark figures)."""

    level: float  # value of an average, moderately urban gemeente in the first year
    urban: float = 0.0  # added at stedelijkheid 1, subtracted at 5 (relative: log change)
    spread: float = 0.0  # sd of a gemeente's own level (relative: log sd); part is provincial
    trend: float = 0.0  # change per year (relative: log growth per year)
    trend_spread: float = 0.0  # sd of a gemeente's own change per year
    noise: float = 0.0  # sd of year-to-year noise
    relative: bool = False  # multiplicative model for euros, rates per inhabitant and counts
    years: tuple[int, ...] = _ALL_YEARS  # publication years
    first_year: int = DEMO_FIRST_YEAR
    lower: float = 0.0
    upper: float | None = None
    respondent_sd: float | None = None  # survey scores: sd of one answer (percentages: binomial)


_FLAGS = ("late_register", "small_sample_suppressed")


def _read_series(path: Path = _SERIES_FILE) -> tuple[dict[str, _Series], dict[str, frozenset[str]]]:
    """The series file as records by indicator id, and the ids carrying each flag of ``_FLAGS``."""
    data = read_toml(path)
    calendars = {**_YEAR_RULES, **{name: tuple(years) for name, years in data["years"].items()}}
    known = {f.name for f in fields(_Series)}
    indicator_ids = {indicator.id for indicator in catalogue.INDICATORS}
    series: dict[str, _Series] = {}
    flagged: dict[str, set[str]] = {flag: set() for flag in _FLAGS}
    for indicator_id, table in data["series"].items():
        where = f"{path.name}: series {indicator_id!r}"
        unknown = sorted(set(table) - known - set(_FLAGS))
        if unknown or indicator_id not in indicator_ids:
            raise DataFileError(f"{where}: unknown indicator or key(s) {', '.join(unknown)}")
        options = {key: value for key, value in table.items() if key in known}
        if options.get("years", "all") not in calendars:
            raise DataFileError(f"{where}: unknown calendar {options['years']!r}")
        options["years"] = calendars[options.get("years", "all")]
        bad = [
            key
            for key, value in options.items()
            if key not in ("years", "relative") and not _is_number(value)
        ]
        if bad or not isinstance(options.get("relative", False), bool):
            raise DataFileError(f"{where}: not a number or true/false: {', '.join(bad)}")
        series[indicator_id] = _Series(**options)
        for flag in _FLAGS:
            if table.get(flag, False) is True:
                flagged[flag].add(indicator_id)
    return series, {flag: frozenset(ids) for flag, ids in flagged.items()}


def _is_number(value: object) -> bool:
    """True for a TOML integer or float (booleans are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


_SERIES, _FLAGGED = _read_series()
# Register statistics whose second-to-last year CBS still marks as revised provisional (**).
_LATE_REGISTER_IDS = _FLAGGED["late_register"]
# The Veiligheidsmonitor does not publish gemeenten with too few respondents; CBS marks such
# cells as confidential ("geheim").
_SMALL_SAMPLE_SUPPRESSED_IDS = _FLAGGED["small_sample_suppressed"]
_SUPPRESSION_POPULATION = 5000
_SUPPRESSED_REASON = "geheim"

_SEED_SALT = "bw-demo-v1"
_Z95 = 1.959963984540054
_SURVEY_DESIGN_EFFECT = 1.5

# Least final first: an aggregate takes the status of its least final member.
_STATUS_RANK = {
    str(ObservationStatus.VOORLOPIG): 0,
    str(ObservationStatus.NADER_VOORLOPIG): 1,
    str(ObservationStatus.DEFINITIEF): 2,
}


def stable_rng(*parts: str) -> np.random.Generator:
    """A random generator seeded from strings via CRC-32, identical in every process.

    >>> float(stable_rng("a", "b").random()) == float(stable_rng("a", "b").random())
    True
    """
    key = "|".join((_SEED_SALT, *parts)).encode("utf-8")
    return np.random.default_rng(zlib.crc32(key))


def survey_respondents(population: float) -> float:
    """The demo's number of survey respondents in a gemeente of this size (grows with √size).

    >>> round(survey_respondents(100_000))
    1200
    """
    return 120.0 * math.sqrt(population / 1000.0)


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    """The weighted mean of values, ignoring NaN values (their weights drop out too).

    >>> weighted_mean(np.array([1.0, 3.0, np.nan]), np.array([1.0, 3.0, 5.0]))
    2.5
    """
    present = ~np.isnan(values)
    return float(np.sum(values[present] * weights[present]) / np.sum(weights[present]))


def demo_observations() -> pd.DataFrame:
    """All demo observations (gemeenten drawn, aggregates computed) in the store's column order."""
    return _observations().copy()


@lru_cache(maxsize=1)
def _observations() -> pd.DataFrame:
    population = _population_series()
    chunks = _population_chunks(population) + _jobs_chunks(population)
    for indicator_id in _SERIES:
        chunks += _indicator_chunks(indicator_id)
    gemeenten = _chunks_to_frame(chunks)
    frame = pd.concat([gemeenten, _aggregate_frame(gemeenten)], ignore_index=True)
    frame["period"] = frame["year"].astype(str)
    frame["missing_reason"] = frame["missing_reason"].astype(object)
    frame.loc[frame["missing_reason"].isna(), "missing_reason"] = None
    frame = frame.sort_values(["indicator_id", "region_code", "year"], ignore_index=True)
    return frame.loc[:, list(OBSERVATION_COLUMNS)]


# One gemeente's series as column arrays; thousands of small DataFrames would be slow to build.
_Chunk = dict[str, np.ndarray]


def _chunk(
    indicator_id: str,
    code: str,
    years: Sequence[int] | np.ndarray,
    values: ArrayLike,
    *,
    ci: tuple[ArrayLike, ArrayLike] | None = None,
    reason: str | None = None,
) -> _Chunk:
    n = len(years)
    ci_low, ci_high = ci if ci is not None else (np.full(n, np.nan), np.full(n, np.nan))
    return {
        "indicator_id": np.full(n, indicator_id, dtype=object),
        "region_code": np.full(n, code, dtype=object),
        "year": np.asarray(years, dtype="int64"),
        "value": np.asarray(values, dtype="float64"),
        "ci_low": np.asarray(ci_low, dtype="float64"),
        "ci_high": np.asarray(ci_high, dtype="float64"),
        "missing_reason": np.full(n, reason, dtype=object),
    }


def _chunks_to_frame(chunks: list[_Chunk]) -> pd.DataFrame:
    # The last year is provisional (*); registers that CBS revises later keep the year before it
    # as revised provisional (**).
    frame = pd.DataFrame({name: np.concatenate([c[name] for c in chunks]) for name in chunks[0]})
    late_register = frame["indicator_id"].isin(_LATE_REGISTER_IDS)
    frame["status"] = np.select(
        [frame["year"] == DEMO_LAST_YEAR, (frame["year"] == DEMO_LAST_YEAR - 1) & late_register],
        [str(ObservationStatus.VOORLOPIG), str(ObservationStatus.NADER_VOORLOPIG)],
        default=str(ObservationStatus.DEFINITIEF),
    )
    return frame


def _urban_position(g: DemoGemeente) -> float:
    """+1 for zeer sterk stedelijk, 0 for matig stedelijk, -1 for niet stedelijk."""
    return (3 - g.urbanity) / 2


def _population_series() -> dict[str, np.ndarray]:
    # Growth per year: cities grow, rural gemeenten barely; the series passes through 2022's
    # real population.
    years = np.array(_ALL_YEARS)
    series = {}
    for g in DEMO_GEMEENTEN:
        rng = stable_rng(catalogue.POPULATION_INDICATOR_ID, g.code)
        growth = float(
            np.clip(0.003 + 0.005 * _urban_position(g) + 0.003 * rng.normal(), -0.008, 0.025)
        )
        series[g.code] = np.round(g.population_2022 * (1 + growth) ** (years - 2022))
    return series


def _population_chunks(population: dict[str, np.ndarray]) -> list[_Chunk]:
    return [
        _chunk(catalogue.POPULATION_INDICATOR_ID, code, _ALL_YEARS, values)
        for code, values in population.items()
    ]


def _jobs_chunks(population: dict[str, np.ndarray]) -> list[_Chunk]:
    # Cities have more jobs than residents of working age; jobs grow a little faster than people.
    years = np.array(_ALL_YEARS)
    chunks = []
    for g in DEMO_GEMEENTEN:
        rng = stable_rng("economie.banen", g.code)
        ratio = 0.5 * math.exp(0.25 * _urban_position(g) + 0.15 * rng.normal())
        growth = np.exp(0.008 * (years - DEMO_FIRST_YEAR) + 0.01 * rng.normal(size=len(years)))
        values = np.round(population[g.code] * ratio * growth)
        chunks.append(_chunk("economie.banen", g.code, years, values))
    return chunks


def _indicator_chunks(indicator_id: str) -> list[_Chunk]:
    indicator = catalogue.find_indicator(indicator_id)
    series = _SERIES[indicator_id]
    years = [y for y in series.years if series.first_year <= y <= DEMO_LAST_YEAR]
    return [
        _gemeente_series(indicator_id, indicator.decimals, indicator.is_survey, series, g, years)
        for g in DEMO_GEMEENTEN
    ]


def _gemeente_series(
    indicator_id: str,
    decimals: int,
    is_survey: bool,
    series: _Series,
    g: DemoGemeente,
    years: list[int],
) -> _Chunk:
    rng = stable_rng(indicator_id, g.code)
    provincial = stable_rng(indicator_id, g.province_code).normal()
    own_level = 0.6 * provincial + 0.8 * rng.normal()
    slope = series.trend + series.trend_spread * rng.normal()
    elapsed = np.array(years) - series.first_year
    noise = rng.normal(size=len(years))
    if series.relative:
        log_offset = series.urban * _urban_position(g) + series.spread * own_level
        start = series.level * math.exp(log_offset)
        values = start * np.exp(slope * elapsed + series.noise * noise)
    else:
        start = series.level + series.urban * _urban_position(g) + series.spread * own_level
        values = start + slope * elapsed + series.noise * noise
    values = np.clip(values, series.lower, series.upper)
    if not is_survey:
        return _chunk(indicator_id, g.code, years, np.round(values, decimals))
    return _survey_series(indicator_id, decimals, series, g, years, values, rng)


def _survey_series(
    indicator_id: str,
    decimals: int,
    series: _Series,
    g: DemoGemeente,
    years: list[int],
    values: np.ndarray,
    rng: np.random.Generator,
) -> _Chunk:
    respondents = survey_respondents(g.population_2022)
    if series.respondent_sd is None:  # a percentage: binomial standard error
        share = values / 100.0
        error = 100.0 * np.sqrt(share * (1 - share) * _SURVEY_DESIGN_EFFECT / respondents)
    else:
        error = np.full(
            len(values), series.respondent_sd * math.sqrt(_SURVEY_DESIGN_EFFECT / respondents)
        )
    # Sampling error makes small gemeenten jumpier, as in real survey series.
    drawn = np.clip(values + error * rng.normal(size=len(values)), series.lower, series.upper)
    if indicator_id in _SMALL_SAMPLE_SUPPRESSED_IDS and g.population_2022 < _SUPPRESSION_POPULATION:
        nothing = np.full(len(years), np.nan)
        return _chunk(indicator_id, g.code, years, nothing, reason=_SUPPRESSED_REASON)
    ci = (np.round(drawn - _Z95 * error, decimals), np.round(drawn + _Z95 * error, decimals))
    return _chunk(indicator_id, g.code, years, np.round(drawn, decimals), ci=ci)


def _aggregate_frame(gemeenten: pd.DataFrame) -> pd.DataFrame:
    membership = pd.DataFrame(
        [
            (aggregate, member)
            for aggregate, members in aggregate_members().items()
            for member in members
        ],
        columns=["aggregate_code", "region_code"],
    )
    population = gemeenten[gemeenten["indicator_id"] == catalogue.POPULATION_INDICATOR_ID]
    weights = population.loc[:, ["region_code", "year", "value"]].rename(
        columns={"value": "weight"}
    )
    aggregation = {i.id: i.aggregation for i in catalogue.INDICATORS}
    rows = gemeenten[gemeenten["value"].notna()].merge(membership, on="region_code")
    rows["aggregation"] = rows["indicator_id"].map(aggregation)
    rows = rows[rows["aggregation"] != Aggregation.NONE].merge(weights, on=["region_code", "year"])
    # A sum counts every member once; a weighted mean weights each value with its population.
    is_sum = rows["aggregation"] == Aggregation.SUM
    rows["weight"] = rows["weight"].where(~is_sum, 1.0)
    rows["weighted"] = rows["value"] * rows["weight"]
    rows["status_rank"] = rows["status"].map(_STATUS_RANK)
    keys = ["indicator_id", "aggregate_code", "year"]
    totals = rows.groupby(keys, as_index=False).agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), status_rank=("status_rank", "min")
    )
    is_sum_total = totals["indicator_id"].map(aggregation) == Aggregation.SUM
    totals["value"] = totals["weighted"].where(is_sum_total, totals["weighted"] / totals["weight"])
    # An aggregate is as provisional as its least final member.
    status_by_rank = {rank: status for status, rank in _STATUS_RANK.items()}
    return pd.DataFrame(
        {
            "indicator_id": totals["indicator_id"],
            "region_code": totals["aggregate_code"],
            "year": totals["year"].astype("int64"),
            "value": totals["value"].astype("float64"),
            "ci_low": np.nan,
            "ci_high": np.nan,
            "status": totals["status_rank"].map(status_by_rank),
            "missing_reason": pd.Series([None] * len(totals), dtype="object"),
        }
    )


# --- Targets ---------------------------------------------------------------------------------

_BELOW, _BETWEEN, _REACHED = "below_minimum", "above_minimum", "ambition_reached"


def _read_target_plan(
    path: Path = _TARGETS_FILE,
) -> tuple[tuple[tuple[str, str, str, str], ...], dict[str, str]]:
    """(region, indicator, where the latest demo value should land, rationale) per target, and
    the source per region (one per region: the coalition agreement it stands for)."""
    plan: list[tuple[str, str, str, str]] = []
    sources: dict[str, str] = {}
    columns = ("region_code", "indicator_id", "placement", "source", "rationale")
    for line, row in read_rows(path, columns=columns):
        region, source = row["region_code"], row["source"]
        if row["placement"] not in (_BELOW, _BETWEEN, _REACHED):
            raise DataFileError(f"{path.name}:{line}: unknown placement {row['placement']!r}")
        if sources.setdefault(region, source) != source:
            raise DataFileError(f"{path.name}:{line}: a second source for {region}")
        plan.append((region, row["indicator_id"], row["placement"], row["rationale"]))
    return tuple(plan), sources


_TARGET_PLAN, _TARGET_SOURCES = _read_target_plan()
#: Target and baseline year of every demo target.
TARGET_YEAR = 2030
BASELINE_YEAR = 2020


def demo_targets() -> list[Target]:
    """Example minimum targets and ambitions for Heerlen, Zwolle and the province of Limburg.

    The numbers are fictional and placed around the demo's latest values on purpose, so that the
    demo shows every status: some below the minimum, some between minimum and ambition and some
    with the ambition reached (direction-aware: for a lower-is-better indicator the ambition is
    lower than the minimum).
    """
    latest = _latest_values()
    return [
        _target(region, indicator_id, placement, rationale, latest[(indicator_id, region)])
        for region, indicator_id, placement, rationale in _TARGET_PLAN
    ]


def _latest_values() -> dict[tuple[str, str], float]:
    frame = _observations()
    present = frame[frame["value"].notna()].sort_values("year")
    last = present.groupby(["indicator_id", "region_code"]).tail(1)
    keys = zip(last["indicator_id"], last["region_code"], strict=True)
    return dict(zip(keys, last["value"], strict=True))


def nice_step(magnitude: float, *, decimals: int) -> float:
    """A round step of about 2% of a value, at least two units of the last shown decimal.

    >>> nice_step(59893.0, decimals=0), nice_step(66.6, decimals=1), nice_step(2.1, decimals=1)
    (1000.0, 1.0, 0.2)
    """
    raw = abs(magnitude) * 0.02
    smallest = 2 * 10.0**-decimals
    if raw <= smallest:
        return round(smallest, decimals)
    scale = 10.0 ** math.floor(math.log10(raw))
    return max(round(round(raw / scale) * scale, decimals), smallest)


# Offsets in steps, towards "better", of the minimum and the ambition from the latest value
# rounded to the step: that rounding moves at most half a step, so every placement stays strict.
_PLACEMENT_STEPS = {_BELOW: (1, 3), _BETWEEN: (-1, 2), _REACHED: (-3, -1)}


def _target(
    region: str, indicator_id: str, placement: str, rationale: str, latest: float
) -> Target:
    indicator = catalogue.find_indicator(indicator_id)
    better = 1.0 if indicator.direction == Direction.UP else -1.0
    step = nice_step(latest, decimals=indicator.decimals)
    anchor = round(latest / step) * step
    minimum_steps, ambition_steps = _PLACEMENT_STEPS[placement]
    return Target(
        region_code=region,
        indicator_id=indicator_id,
        minimum=round(anchor + better * minimum_steps * step, indicator.decimals),
        ambition=round(anchor + better * ambition_steps * step, indicator.decimals),
        target_year=TARGET_YEAR,
        baseline_year=BASELINE_YEAR,
        rationale=rationale,
        source=_TARGET_SOURCES[region],
    )
