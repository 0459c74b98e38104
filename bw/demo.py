"""The embedded demo monitor: real regions, fictional values ("demodata (fictief)").

What is real: the 84 gemeenten below, with their CBS codes, names, province, COROP region,
landsdeel, gemeentegrootte, stedelijkheid and population on 1 January 2022, as in the CBS table
"Gebieden in Nederland 2022" (85067NED). They were chosen because their codes stayed in use from
2012 to 2024 and still exist in 2025 (Amsterdam absorbed Weesp on 24 March 2022 but kept its code).

What is fictional: every observation. Gemeente series are drawn from plausible Dutch levels and
trends, deterministically (seeds from ``zlib.crc32`` of stable strings, never ``hash()``), so the
demo is identical in every run and process. Values for COROP regions, provinces, landsdelen,
"Nederland" are *not* drawn: they are aggregated from the demo gemeenten per year (counts
summed, other values weighted with the same year's population, ``none`` indicators left out).
Region groups get no stored values at all: they are aggregated when viewed, as any group.
So the demo's "Nederland" is the sum of these 84 gemeenten, not the country.

Nothing here reads files or the network: users clone the repository without the shared data.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from bw import catalogue
from bw.config import DEMO_FIRST_YEAR, DEMO_LAST_YEAR
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


# Copied by hand from 85067NED (Code_1, Naam_2, Code_26, Code_8, Naam_9, Code_24, Code_50,
# Code_52, Inwonertal_54; first_year from "Ontstaan per" in RegioS); tests/bw/test_demo.py checks
# every row against the real file whenever ../shared/data/real is present.
_GEMEENTE_ROWS: tuple[tuple, ...] = (
    ("GM1895", "Oldambt", "PV20", "CR01", "Oost-Groningen", "LD01", 4, 4, 38521, 2010),
    ("GM0047", "Veendam", "PV20", "CR01", "Oost-Groningen", "LD01", 4, 3, 27466, None),
    ("GM0765", "Pekela", "PV20", "CR01", "Oost-Groningen", "LD01", 3, 4, 12196, 1990),
    ("GM0037", "Stadskanaal", "PV20", "CR01", "Oost-Groningen", "LD01", 4, 4, 31851, 1969),
    ("GM0090", "Smallingerland", "PV21", "CR06", "Zuidoost-Friesland", "LD01", 5, 3, 55895, None),
    ("GM0072", "Harlingen", "PV21", "CR04", "Noord-Friesland", "LD01", 3, 3, 15904, None),
    ("GM0059", "Achtkarspelen", "PV21", "CR04", "Noord-Friesland", "LD01", 4, 5, 27954, None),
    ("GM0086", "Opsterland", "PV21", "CR06", "Zuidoost-Friesland", "LD01", 4, 5, 29791, None),
    ("GM0060", "Ameland", "PV21", "CR04", "Noord-Friesland", "LD01", 1, 5, 3757, None),
    ("GM0106", "Assen", "PV22", "CR07", "Noord-Drenthe", "LD01", 5, 2, 68979, None),
    ("GM0114", "Emmen", "PV22", "CR08", "Zuidoost-Drenthe", "LD01", 6, 4, 107856, None),
    ("GM0118", "Hoogeveen", "PV22", "CR09", "Zuidwest-Drenthe", "LD01", 5, 3, 55857, None),
    ("GM1701", "Westerveld", "PV22", "CR09", "Zuidwest-Drenthe", "LD01", 3, 5, 19854, 1998),
    ("GM1680", "Aa en Hunze", "PV22", "CR07", "Noord-Drenthe", "LD01", 4, 5, 25579, 1998),
    ("GM0193", "Zwolle", "PV23", "CR10", "Noord-Overijssel", "LD02", 6, 2, 130668, None),
    ("GM0153", "Enschede", "PV23", "CR12", "Twente", "LD02", 7, 2, 160640, None),
    ("GM0164", "Hengelo", "PV23", "CR12", "Twente", "LD02", 5, 2, 81476, None),
    ("GM0141", "Almelo", "PV23", "CR12", "Twente", "LD02", 5, 2, 73155, None),
    ("GM0183", "Tubbergen", "PV23", "CR12", "Twente", "LD02", 4, 5, 21364, None),
    ("GM0180", "Staphorst", "PV23", "CR10", "Noord-Overijssel", "LD02", 3, 5, 17282, None),
    ("GM0034", "Almere", "PV24", "CR40", "Flevoland", "LD02", 7, 2, 217828, 1984),
    ("GM0995", "Lelystad", "PV24", "CR40", "Flevoland", "LD02", 5, 3, 81214, 1980),
    ("GM0303", "Dronten", "PV24", "CR40", "Flevoland", "LD02", 4, 4, 42865, 1972),
    ("GM0184", "Urk", "PV24", "CR40", "Flevoland", "LD02", 4, 3, 21468, None),
    ("GM0200", "Apeldoorn", "PV25", "CR13", "Veluwe", "LD02", 7, 2, 165611, None),
    ("GM0202", "Arnhem", "PV25", "CR15", "Arnhem/Nijmegen", "LD02", 7, 2, 163888, None),
    ("GM0268", "Nijmegen", "PV25", "CR15", "Arnhem/Nijmegen", "LD02", 7, 2, 179100, None),
    ("GM0228", "Ede", "PV25", "CR13", "Veluwe", "LD02", 6, 2, 119986, None),
    ("GM0289", "Wageningen", "PV25", "CR13", "Veluwe", "LD02", 4, 2, 39939, None),
    ("GM0294", "Winterswijk", "PV25", "CR14", "Achterhoek", "LD02", 4, 3, 29185, None),
    ("GM1876", "Bronckhorst", "PV25", "CR14", "Achterhoek", "LD02", 4, 5, 36077, 2005),
    ("GM0344", "Utrecht", "PV26", "CR17", "Utrecht", "LD03", 8, 1, 361699, None),
    ("GM0307", "Amersfoort", "PV26", "CR17", "Utrecht", "LD03", 7, 2, 158590, None),
    ("GM0355", "Zeist", "PV26", "CR17", "Utrecht", "LD03", 5, 2, 65987, None),
    ("GM0345", "Veenendaal", "PV26", "CR17", "Utrecht", "LD03", 5, 2, 67671, None),
    ("GM0321", "Houten", "PV26", "CR17", "Utrecht", "LD03", 5, 2, 50323, None),
    ("GM0331", "Lopik", "PV26", "CR17", "Utrecht", "LD03", 3, 5, 14512, None),
    ("GM0363", "Amsterdam", "PV27", "CR23", "Groot-Amsterdam", "LD03", 8, 1, 882633, None),
    ("GM0392", "Haarlem", "PV27", "CR21", "Agglomeratie Haarlem", "LD03", 7, 1, 162898, None),
    ("GM0479", "Zaanstad", "PV27", "CR22", "Zaanstreek", "LD03", 7, 2, 157166, 1974),
    ("GM0402", "Hilversum", "PV27", "CR24", "Het Gooi en Vechtstreek", "LD03", 5, 1, 91733, None),
    ("GM0400", "Den Helder", "PV27", "CR18", "Kop van Noord-Holland", "LD03", 5, 2, 56334, None),
    ("GM0405", "Hoorn", "PV27", "CR18", "Kop van Noord-Holland", "LD03", 5, 2, 74298, None),
    ("GM0448", "Texel", "PV27", "CR18", "Kop van Noord-Holland", "LD03", 3, 5, 13687, None),
    ("GM0599", "Rotterdam", "PV28", "CR29", "Groot-Rijnmond", "LD03", 8, 1, 655468, None),
    ("GM0518", "'s-Gravenhage", "PV28", "CR26", "Agglomeratie 's-Gravenhage", "LD03", 8, 1,
     553417, None),
    ("GM0546", "Leiden", "PV28", "CR25", "Agglomeratie Leiden en Bollenstreek", "LD03", 6, 1,
     125074, None),
    ("GM0503", "Delft", "PV28", "CR27", "Delft en Westland", "LD03", 6, 1, 104572, None),
    ("GM0505", "Dordrecht", "PV28", "CR30", "Zuidoost-Zuid-Holland", "LD03", 6, 1, 119537, None),
    ("GM0637", "Zoetermeer", "PV28", "CR26", "Agglomeratie 's-Gravenhage", "LD03", 6, 1, 125767,
     None),
    ("GM0513", "Gouda", "PV28", "CR28", "Oost-Zuid-Holland", "LD03", 5, 1, 74095, None),
    ("GM0512", "Gorinchem", "PV28", "CR30", "Zuidoost-Zuid-Holland", "LD03", 4, 2, 37632, None),
    ("GM0687", "Middelburg", "PV29", "CR32", "Overig Zeeland", "LD03", 4, 2, 49199, None),
    ("GM0718", "Vlissingen", "PV29", "CR32", "Overig Zeeland", "LD03", 4, 2, 44585, None),
    ("GM0664", "Goes", "PV29", "CR32", "Overig Zeeland", "LD03", 4, 3, 38950, None),
    ("GM0715", "Terneuzen", "PV29", "CR31", "Zeeuwsch-Vlaanderen", "LD03", 5, 4, 54501, None),
    ("GM0717", "Veere", "PV29", "CR32", "Overig Zeeland", "LD03", 4, 5, 21850, None),
    ("GM1714", "Sluis", "PV29", "CR31", "Zeeuwsch-Vlaanderen", "LD03", 4, 5, 23141, 2003),
    ("GM0772", "Eindhoven", "PV30", "CR36", "Zuidoost-Noord-Brabant", "LD04", 7, 1, 238326, None),
    ("GM0758", "Breda", "PV30", "CR33", "West-Noord-Brabant", "LD04", 7, 2, 184702, None),
    ("GM0794", "Helmond", "PV30", "CR36", "Zuidoost-Noord-Brabant", "LD04", 5, 2, 93476, None),
    ("GM1674", "Roosendaal", "PV30", "CR33", "West-Noord-Brabant", "LD04", 5, 2, 77244, 1997),
    ("GM0748", "Bergen op Zoom", "PV30", "CR33", "West-Noord-Brabant", "LD04", 5, 2, 67894, None),
    ("GM0753", "Best", "PV30", "CR36", "Zuidoost-Noord-Brabant", "LD04", 4, 3, 30608, None),
    ("GM0847", "Someren", "PV30", "CR36", "Zuidoost-Noord-Brabant", "LD04", 3, 4, 19701, None),
    ("GM0744", "Baarle-Nassau", "PV30", "CR34", "Midden-Noord-Brabant", "LD04", 2, 5, 6931, None),
    ("GM0917", "Heerlen", "PV31", "CR39", "Zuid-Limburg", "LD04", 5, 2, 86845, None),
    ("GM0928", "Kerkrade", "PV31", "CR39", "Zuid-Limburg", "LD04", 4, 2, 45324, None),
    ("GM0882", "Landgraaf", "PV31", "CR39", "Zuid-Limburg", "LD04", 4, 3, 37023, 1982),
    ("GM0899", "Brunssum", "PV31", "CR39", "Zuid-Limburg", "LD04", 4, 2, 27674, None),
    ("GM0965", "Simpelveld", "PV31", "CR39", "Zuid-Limburg", "LD04", 3, 4, 10425, None),
    ("GM0986", "Voerendaal", "PV31", "CR39", "Zuid-Limburg", "LD04", 3, 4, 12426, None),
    ("GM0935", "Maastricht", "PV31", "CR39", "Zuid-Limburg", "LD04", 6, 1, 121151, None),
    ("GM1883", "Sittard-Geleen", "PV31", "CR39", "Zuid-Limburg", "LD04", 5, 2, 91719, 2001),
    ("GM0981", "Vaals", "PV31", "CR39", "Zuid-Limburg", "LD04", 3, 3, 10135, None),
    ("GM1903", "Eijsden-Margraten", "PV31", "CR39", "Zuid-Limburg", "LD04", 4, 5, 25857, 2011),
    ("GM0994", "Valkenburg aan de Geul", "PV31", "CR39", "Zuid-Limburg", "LD04", 3, 4, 16167,
     1982),
    ("GM0938", "Meerssen", "PV31", "CR39", "Zuid-Limburg", "LD04", 3, 4, 18581, None),
    ("GM1729", "Gulpen-Wittem", "PV31", "CR39", "Zuid-Limburg", "LD04", 3, 5, 14178, 1999),
    ("GM0971", "Stein", "PV31", "CR39", "Zuid-Limburg", "LD04", 4, 4, 24803, None),
    ("GM0888", "Beek", "PV31", "CR39", "Zuid-Limburg", "LD04", 3, 4, 15817, None),
    ("GM0983", "Venlo", "PV31", "CR37", "Noord-Limburg", "LD04", 6, 2, 102136, None),
    ("GM0957", "Roermond", "PV31", "CR38", "Midden-Limburg", "LD04", 5, 2, 59184, None),
    ("GM0984", "Venray", "PV31", "CR37", "Noord-Limburg", "LD04", 4, 3, 43964, None),
)

#: The real gemeenten of the demo, ordered by province.
DEMO_GEMEENTEN: tuple[DemoGemeente, ...] = tuple(DemoGemeente(*row) for row in _GEMEENTE_ROWS)

#: Landsdelen (CBS codes and names).
LANDSDELEN: dict[str, str] = {
    "LD01": "Noord-Nederland",
    "LD02": "Oost-Nederland",
    "LD03": "West-Nederland",
    "LD04": "Zuid-Nederland",
}

#: Provinces: CBS code -> (name, landsdeel code).
PROVINCES: dict[str, tuple[str, str]] = {
    "PV20": ("Groningen", "LD01"),
    "PV21": ("Fryslân", "LD01"),
    "PV22": ("Drenthe", "LD01"),
    "PV23": ("Overijssel", "LD02"),
    "PV24": ("Flevoland", "LD02"),
    "PV25": ("Gelderland", "LD02"),
    "PV26": ("Utrecht", "LD03"),
    "PV27": ("Noord-Holland", "LD03"),
    "PV28": ("Zuid-Holland", "LD03"),
    "PV29": ("Zeeland", "LD03"),
    "PV30": ("Noord-Brabant", "LD04"),
    "PV31": ("Limburg", "LD04"),
}

#: Codes of the demo's "Nederland" (the sum of the demo gemeenten) and of its two groups.
NL_CODE = "NL01"
REGIO_DEAL_CODE = "RD_ZUID_LIMBURG"
G4_CODE = "G4"


def demo_groups() -> list[DemoGroup]:
    """The demo's region groups: Regio Deal Zuid-Limburg and the four big cities (G4)."""
    zuid_limburg = tuple(g.code for g in DEMO_GEMEENTEN if g.corop_code == "CR39")
    return [
        DemoGroup(
            code=REGIO_DEAL_CODE,
            name="Regio Deal Zuid-Limburg",
            kind=GroupKind.REGIO_DEAL,
            description=(
                "Regio Deal van Rijk en regio voor de gemeenten van Zuid-Limburg. In de demo "
                "zonder Beekdaelen, dat in 2019 door een herindeling ontstond."
            ),
            member_codes=zuid_limburg,
        ),
        DemoGroup(
            code=G4_CODE,
            name="G4 (vier grote steden)",
            kind=GroupKind.PEER_GROUP,
            description="Amsterdam, Rotterdam, Den Haag en Utrecht als vergelijkingsgroep.",
            member_codes=("GM0363", "GM0599", "GM0518", "GM0344"),
        ),
    ]


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
_EVEN_YEARS = tuple(y for y in _ALL_YEARS if y % 2 == 0)
# Veiligheidsmonitor: every other year since 2013.
_ODD_YEARS = tuple(y for y in _ALL_YEARS if y % 2 == 1)
# Gezondheidsmonitor Volwassenen en Ouderen: every four years, plus the extra round of 2022.
_GEZONDHEIDSMONITOR_YEARS = (2012, 2016, 2020, 2022, 2024)
# WoonOnderzoek Nederland: every three years.
_WOON_YEARS = (2012, 2015, 2018, 2021, 2024)
_ELECTION_YEARS = (2014, 2018, 2022)
# Bodemgebruik is published irregularly, a few years apart.
_BODEMGEBRUIK_YEARS = (2012, 2015, 2017, 2020, 2022)


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


_SERIES: dict[str, _Series] = {
    # Stable with noise.
    "welzijn.tevredenheid_leven": _Series(
        86.0, urban=-1.5, spread=1.0, trend_spread=0.1, noise=0.4, years=_EVEN_YEARS, upper=99.0
    ),
    "welzijn.rapportcijfer_leven": _Series(
        7.7, urban=-0.1, spread=0.08, trend=-0.003, trend_spread=0.01, noise=0.03,
        years=_EVEN_YEARS, upper=10.0, respondent_sd=1.3,
    ),
    # Incomes rise about 2.4% a year in nominal euros.
    "inkomen.besteedbaar_inkomen_mediaan": _Series(
        25000, urban=-0.05, spread=0.06, trend=0.024, trend_spread=0.004, noise=0.005,
        relative=True,
    ),
    "inkomen.besteedbaar_inkomen_gemiddeld": _Series(
        29000, urban=0.02, spread=0.08, trend=0.025, trend_spread=0.004, noise=0.006,
        relative=True,
    ),
    "inkomen.laag_inkomen": _Series(
        8.5, urban=2.5, spread=1.2, trend=-0.15, trend_spread=0.08, noise=0.2, lower=1.0
    ),
    # Health: slowly worse perceived health, clearly more overweight and poor mental health.
    "gezondheid.ervaren_gezondheid": _Series(
        78.5, urban=-0.5, spread=1.5, trend=-0.15, trend_spread=0.08, noise=0.3,
        years=_GEZONDHEIDSMONITOR_YEARS, upper=99.0,
    ),
    # Healthy life expectancy has fallen since the mid-2010s as fewer people feel healthy.
    "gezondheid.gezonde_levensverwachting": _Series(
        64.5, urban=0.3, spread=1.5, trend=-0.25, trend_spread=0.06, noise=0.2, first_year=2015
    ),
    "gezondheid.overgewicht": _Series(
        48.5, urban=-3.0, spread=2.0, trend=0.3, trend_spread=0.1, noise=0.4,
        years=_GEZONDHEIDSMONITOR_YEARS, upper=99.0,
    ),
    "gezondheid.psychisch_ongezond": _Series(
        11.5, urban=2.0, spread=1.0, trend=0.6, trend_spread=0.1, noise=0.3,
        years=_GEZONDHEIDSMONITOR_YEARS, upper=99.0,
    ),
    # Labour market: clearly improving since the 2013 crisis years.
    "arbeid.werkloosheid": _Series(
        6.8, urban=1.2, spread=0.8, trend=-0.3, trend_spread=0.05, noise=0.25, lower=2.0
    ),
    "arbeid.nettoarbeidsparticipatie": _Series(
        65.0, urban=0.5, spread=2.0, trend=0.45, trend_spread=0.1, noise=0.4, upper=90.0
    ),
    "arbeid.hoogopgeleiden": _Series(
        28.0, urban=10.0, spread=4.0, trend=0.6, trend_spread=0.15, noise=0.4, upper=90.0
    ),
    "arbeid.tevredenheid_vrije_tijd": _Series(
        77.0, spread=1.0, trend=-0.05, trend_spread=0.05, noise=0.4, years=_EVEN_YEARS,
        upper=99.0,
    ),
    "wonen.woonquote": _Series(
        28.5, urban=2.0, spread=1.2, trend=-0.15, trend_spread=0.1, noise=0.3, years=_WOON_YEARS
    ),
    "wonen.tevredenheid_woning": _Series(
        86.0, urban=-3.0, spread=1.5, trend=-0.1, trend_spread=0.08, noise=0.5,
        years=_WOON_YEARS, upper=99.0,
    ),
    "wonen.energiearmoede": _Series(
        7.0, urban=1.5, spread=1.2, trend=-0.35, trend_spread=0.1, noise=0.25, first_year=2019,
        lower=1.0,
    ),
    "wonen.afstand_huisarts": _Series(
        1.2, urban=-0.6, spread=0.25, trend_spread=0.003, noise=0.02, lower=0.3
    ),
    # Society: loneliness up, volunteering down.
    "samenleving.eenzaamheid": _Series(
        9.0, urban=1.5, spread=0.8, trend=0.25, trend_spread=0.06, noise=0.3,
        years=_GEZONDHEIDSMONITOR_YEARS, upper=99.0,
    ),
    "samenleving.vrijwilligerswerk": _Series(
        30.0, urban=-5.0, spread=2.0, trend=-0.3, trend_spread=0.1, noise=0.5,
        years=_GEZONDHEIDSMONITOR_YEARS, upper=99.0,
    ),
    "samenleving.opkomst_verkiezingen": _Series(
        54.0, urban=-3.0, spread=3.5, trend=-0.3, trend_spread=0.1, noise=1.2,
        years=_ELECTION_YEARS, first_year=2014, upper=95.0,
    ),
    # Safety: registered crime falls about 3.5% a year.
    "veiligheid.geregistreerde_criminaliteit": _Series(
        60.0, urban=0.45, spread=0.15, trend=-0.035, trend_spread=0.01, noise=0.03,
        relative=True,
    ),
    "veiligheid.onveiligheidsgevoelens": _Series(
        20.0, urban=6.0, spread=2.0, trend=-0.2, trend_spread=0.1, noise=0.4, years=_ODD_YEARS,
        upper=99.0,
    ),
    "milieu.fijnstof": _Series(
        13.0, urban=1.2, spread=0.8, trend=-0.45, trend_spread=0.04, noise=0.25, lower=4.0
    ),
    "milieu.geluidshinder": _Series(
        10.0, urban=4.0, spread=1.5, trend=0.05, trend_spread=0.05, noise=0.4,
        years=_GEZONDHEIDSMONITOR_YEARS, upper=99.0,
    ),
    "economie.brp_per_inwoner": _Series(
        38000, urban=0.25, spread=0.15, trend=0.025, trend_spread=0.005, noise=0.01,
        relative=True,
    ),
    "economie.arbeidsproductiviteit": _Series(
        78000, urban=0.1, spread=0.08, trend=0.01, trend_spread=0.004, noise=0.01, relative=True
    ),
    "natuur.natuurareaal": _Series(
        12.0, urban=-6.0, spread=6.0, trend=0.05, trend_spread=0.02, noise=0.05,
        years=_BODEMGEBRUIK_YEARS, lower=0.5, upper=90.0,
    ),
    "natuur.hernieuwbare_energie": _Series(
        4.5, urban=-2.0, spread=1.5, trend=1.1, trend_spread=0.3, noise=0.3, lower=0.2,
        upper=100.0,
    ),
    "natuur.stikstofdepositie": _Series(
        1650, urban=-150, spread=250, trend=-15, trend_spread=5, noise=40, lower=500
    ),
    "onderwijs.voortijdig_schoolverlaters": _Series(
        2.4, urban=0.8, spread=0.3, trend=-0.06, trend_spread=0.02, noise=0.1, lower=0.3
    ),
    "sociaal.vertrouwen_anderen": _Series(
        58.0, urban=1.0, spread=2.5, trend=0.2, trend_spread=0.1, noise=0.5, years=_EVEN_YEARS,
        upper=99.0,
    ),
    "sociaal.sociale_samenhang": _Series(
        6.2, urban=-0.5, spread=0.2, trend=-0.01, trend_spread=0.01, noise=0.05,
        years=_ODD_YEARS, upper=10.0, respondent_sd=1.4,
    ),
    "grondstoffen.co2_uitstoot": _Series(
        9.5, urban=-0.15, spread=0.25, trend=-0.025, trend_spread=0.006, noise=0.02,
        relative=True,
    ),
    "grondstoffen.restafval": _Series(
        230, urban=0.2, spread=0.15, trend=-0.045, trend_spread=0.01, noise=0.02, relative=True
    ),
    "grondstoffen.energieverbruik": _Series(
        70, urban=-0.1, spread=0.2, trend=-0.015, trend_spread=0.005, noise=0.02, relative=True
    ),
    "grondstoffen.materiaalverbruik": _Series(
        11.0, urban=-0.1, spread=0.1, trend=0.002, trend_spread=0.004, noise=0.02,
        relative=True, first_year=2015,
    ),
    "grondstoffen.stikstofemissie": _Series(
        25.0, urban=-0.6, spread=0.4, trend=-0.015, trend_spread=0.01, noise=0.03, relative=True
    ),
    "handel.uitgaande_pendel": _Series(
        55.0, urban=-15.0, spread=8.0, trend=0.3, trend_spread=0.1, noise=0.5, upper=95.0
    ),
    "handel.import_lage_inkomenslanden": _Series(
        900, urban=0.1, spread=0.25, trend=0.03, trend_spread=0.01, noise=0.04, relative=True,
        first_year=2015,
    ),
}

# Register statistics whose second-to-last year CBS still marks as revised provisional (**).
_LATE_REGISTER_IDS = frozenset(
    {
        "inkomen.besteedbaar_inkomen_mediaan",
        "inkomen.besteedbaar_inkomen_gemiddeld",
        "inkomen.laag_inkomen",
        "economie.brp_per_inwoner",
        "economie.arbeidsproductiviteit",
        "grondstoffen.co2_uitstoot",
        "grondstoffen.energieverbruik",
        "grondstoffen.stikstofemissie",
    }
)

# The Veiligheidsmonitor does not publish gemeenten with too few respondents; CBS marks such
# cells as confidential ("geheim").
_SMALL_SAMPLE_SUPPRESSED_IDS = frozenset(
    {"veiligheid.onveiligheidsgevoelens", "sociaal.sociale_samenhang"}
)
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


def _chunk(indicator_id: str, code: str, years, values, *, ci=None, reason=None) -> _Chunk:
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
        growth = float(np.clip(0.003 + 0.005 * _urban_position(g) + 0.003 * rng.normal(),
                               -0.008, 0.025))
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
    indicator_id: str, decimals: int, is_survey: bool, series: _Series, g: DemoGemeente,
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
    indicator_id: str, decimals: int, series: _Series, g: DemoGemeente, years: list[int],
    values: np.ndarray, rng: np.random.Generator,
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
        [(aggregate, member) for aggregate, members in aggregate_members().items()
         for member in members],
        columns=["aggregate_code", "region_code"],
    )
    population = gemeenten[gemeenten["indicator_id"] == catalogue.POPULATION_INDICATOR_ID]
    weights = population.loc[:, ["region_code", "year", "value"]].rename(
        columns={"value": "weight"}
    )
    aggregation = {i.id: i.aggregation for i in catalogue.INDICATORS}
    rows = gemeenten[gemeenten["value"].notna()].merge(membership, on="region_code")
    rows["aggregation"] = rows["indicator_id"].map(aggregation)
    rows = rows[rows["aggregation"] != Aggregation.NONE].merge(
        weights, on=["region_code", "year"]
    )
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

# (region, indicator, where the latest demo value should land, rationale)
_TARGET_PLAN: tuple[tuple[str, str, str, str], ...] = (
    ("GM0917", "arbeid.werkloosheid", _BETWEEN,
     "Werk is de beste route uit armoede; Heerlen wil naar het landelijk niveau."),
    ("GM0917", "gezondheid.ervaren_gezondheid", _BELOW,
     "De gezondheidsachterstand van Parkstad is een kernopgave van de Regio Deal."),
    ("GM0917", "samenleving.eenzaamheid", _BELOW,
     "Minder inwoners die zich sterk eenzaam voelen, via wijkgerichte ontmoeting."),
    ("GM0917", "inkomen.laag_inkomen", _BETWEEN,
     "Armoede terugdringen met schuldhulp en een hogere benutting van regelingen."),
    ("GM0917", "veiligheid.geregistreerde_criminaliteit", _REACHED,
     "De daling van de criminaliteit vasthouden."),
    ("GM0917", "onderwijs.voortijdig_schoolverlaters", _BETWEEN,
     "Elke jongere een startkwalificatie."),
    ("GM0917", "grondstoffen.restafval", _REACHED,
     "Minder restafval door omgekeerd inzamelen (VANG-doelstelling)."),
    ("GM0917", "grondstoffen.co2_uitstoot", _BELOW,
     "Bijdragen aan de klimaatdoelen: 55% minder uitstoot in 2030 dan in 1990."),
    ("GM0193", "arbeid.nettoarbeidsparticipatie", _REACHED,
     "Iedereen die kan werken doet mee."),
    ("GM0193", "welzijn.tevredenheid_leven", _BETWEEN,
     "Het welzijn van inwoners is de maat van beleid, niet alleen de economie."),
    ("GM0193", "wonen.energiearmoede", _BETWEEN,
     "Isoleren van woningen van huishoudens met een laag inkomen."),
    ("GM0193", "wonen.woonquote", _BELOW,
     "Wonen moet betaalbaar blijven, ook voor starters en middeninkomens."),
    ("GM0193", "milieu.fijnstof", _REACHED,
     "Op weg naar de WHO-advieswaarde voor fijnstof."),
    ("GM0193", "grondstoffen.co2_uitstoot", _BETWEEN,
     "Klimaatneutraal in 2040 vraagt een snellere daling van de uitstoot."),
    ("GM0193", "samenleving.vrijwilligerswerk", _BELOW,
     "Vrijwilligers dragen sport, zorg en cultuur; hun aantal mag niet verder dalen."),
    ("GM0193", "arbeid.hoogopgeleiden", _BETWEEN,
     "Kennis vasthouden in de regio met hbo en wo in de stad."),
    ("PV31", "arbeid.werkloosheid", _BETWEEN,
     "Een arbeidsmarkt die aansluit op het landelijk gemiddelde."),
    ("PV31", "gezondheid.gezonde_levensverwachting", _BELOW,
     "Limburgers leven korter in goede gezondheid dan gemiddeld; dat verschil moet kleiner."),
    ("PV31", "economie.brp_per_inwoner", _BETWEEN,
     "Een sterke regionale economie als basis voor brede welvaart."),
    ("PV31", "natuur.hernieuwbare_energie", _BELOW,
     "De Regionale Energiestrategie vraagt veel meer zon en wind."),
    ("PV31", "grondstoffen.energieverbruik", _REACHED,
     "Energiebesparing bij woningen en bedrijven vasthouden."),
    ("PV31", "grondstoffen.restafval", _BETWEEN,
     "Van afval naar grondstof: een circulaire provincie."),
    ("PV31", "sociaal.vertrouwen_anderen", _REACHED,
     "Vertrouwen tussen inwoners als sociaal kapitaal voor later."),
)

_TARGET_SOURCES = {
    "GM0917": "coalitieakkoord Heerlen 2022–2026 (fictief)",
    "GM0193": "coalitieakkoord Zwolle 2022–2026 (fictief)",
    "PV31": "coalitieakkoord provincie Limburg 2023–2027 (fictief)",
}
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
    return {(row.indicator_id, row.region_code): row.value for row in last.itertuples()}


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
