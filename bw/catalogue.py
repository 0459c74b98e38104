"""The fixed catalogue of brede welvaart: 14 themes and the indicators that measure them.

Themes follow the CBS *Monitor Brede Welvaart* (8 themes *hier en nu*, 4 capitals *later*, 2
themes *elders*). Indicators are modelled on the CBS *Regionale Monitor Brede Welvaart* and the
national monitor; names and descriptions are our own words. An indicator may count for several
themes (``arbeid.hoogopgeleiden`` is both *arbeid en vrije tijd* and *menselijk kapitaal*); its
dimensions follow from those themes. Ids are stable slugs ``prefix.name`` that are never renamed.

Aggregation over regions (methods.md §6): ``sum`` for counts, ``weighted_mean`` (population
weights) for shares, rates and per-inhabitant values, ``none`` where neither is right: medians,
values per labour year, and shares or densities of *land area* (a population weight would let the
cities decide the share of nature in a province).

The themes and indicators live in ``bw/data/themes.csv`` and ``bw/data/indicators.csv`` (with
provenance per indicator); :mod:`bw.data_files` checks every row on import.
"""

from __future__ import annotations

from bw import data_files
from bw.model import Dimension, Indicator, Provenance, Theme

#: The id of the population indicator whose values weight every ``weighted_mean`` aggregate.
POPULATION_INDICATOR_ID = "bevolking.inwoners"

#: The 14 themes in CBS order: hier en nu, later (capitals), elders.
THEMES: tuple[Theme, ...] = data_files.read_themes()

_ROWS = data_files.read_indicators(themes=THEMES)

#: Every indicator of the catalogue, grouped by dimension (hier en nu, later, elders).
INDICATORS: tuple[Indicator, ...] = tuple(indicator for indicator, _ in _ROWS)

#: Where each indicator's definition comes from, by indicator id.
PROVENANCE: dict[str, Provenance] = {indicator.id: provenance for indicator, provenance in _ROWS}

_THEMES_BY_ID = {theme.id: theme for theme in THEMES}
_INDICATORS_BY_ID = {indicator.id: indicator for indicator in INDICATORS}


def find_theme(theme_id: str) -> Theme:
    """The theme with this id; ``KeyError`` when there is none.

    >>> find_theme("wonen").name_en
    'Housing'
    """
    return _THEMES_BY_ID[theme_id]


def find_indicator(indicator_id: str) -> Indicator:
    """The indicator with this id; ``KeyError`` when there is none.

    >>> find_indicator("bevolking.inwoners").aggregation
    <Aggregation.SUM: 'sum'>
    """
    return _INDICATORS_BY_ID[indicator_id]


def dimensions_of(indicator: Indicator) -> tuple[Dimension, ...]:
    """The dimensions an indicator counts for, in the order hier en nu, later, elders.

    >>> [str(d) for d in dimensions_of(find_indicator("arbeid.hoogopgeleiden"))]
    ['hier_en_nu', 'later']
    """
    found = {find_theme(theme_id).dimension for theme_id in indicator.theme_ids}
    return tuple(dimension for dimension in Dimension if dimension in found)


def indicators_of_theme(theme_id: str) -> tuple[Indicator, ...]:
    """The indicators that count for a theme, in catalogue order.

    >>> [i.id for i in indicators_of_theme("handel_en_hulp")]
    ['handel.uitgaande_pendel', 'handel.import_lage_inkomenslanden']
    """
    return tuple(indicator for indicator in INDICATORS if theme_id in indicator.theme_ids)
