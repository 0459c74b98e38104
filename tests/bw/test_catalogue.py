"""Tests for bw.catalogue: the 14 themes and the indicator metadata."""

from __future__ import annotations

import re

import pytest

from bw import catalogue
from bw.catalogue import INDICATORS, THEMES
from bw.model import Aggregation, Dimension, Direction

EXPECTED_THEMES = [
    ("subjectief_welzijn", "hier_en_nu"),
    ("materiele_welvaart", "hier_en_nu"),
    ("gezondheid", "hier_en_nu"),
    ("arbeid_en_vrije_tijd", "hier_en_nu"),
    ("wonen", "hier_en_nu"),
    ("samenleving", "hier_en_nu"),
    ("veiligheid", "hier_en_nu"),
    ("milieu", "hier_en_nu"),
    ("economisch_kapitaal", "later"),
    ("natuurlijk_kapitaal", "later"),
    ("menselijk_kapitaal", "later"),
    ("sociaal_kapitaal", "later"),
    ("handel_en_hulp", "elders"),
    ("milieu_en_grondstoffen", "elders"),
]
THEME_IDS = {theme.id for theme in THEMES}
ID_PATTERN = re.compile(r"^[a-z_]+\.[a-z0-9_]+$")


def test_there_are_exactly_the_fourteen_cbs_themes_in_order():
    assert [(t.id, str(t.dimension)) for t in THEMES] == EXPECTED_THEMES


def test_themes_have_names_and_distinct_sort_orders():
    assert all(t.name_nl.strip() and t.name_en.strip() for t in THEMES)
    assert sorted(t.sort_order for t in THEMES) == list(range(1, 15))


def test_there_are_at_least_thirty_indicators_with_unique_ids():
    ids = [i.id for i in INDICATORS]
    assert len(ids) >= 30
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.id)
def test_every_indicator_has_complete_metadata(indicator):
    assert ID_PATTERN.match(indicator.id)
    for text in (
        indicator.name_nl,
        indicator.name_en,
        indicator.description_nl,
        indicator.description_en,
        indicator.unit,
        indicator.source,
    ):
        assert text.strip()
    assert indicator.direction in set(Direction)
    assert indicator.aggregation in set(Aggregation)
    assert 0 <= indicator.decimals <= 6
    assert indicator.theme_ids
    assert set(indicator.theme_ids) <= THEME_IDS
    assert len(set(indicator.theme_ids)) == len(indicator.theme_ids)


@pytest.mark.parametrize("theme_id", sorted(THEME_IDS))
def test_every_theme_has_an_indicator(theme_id):
    assert catalogue.indicators_of_theme(theme_id)


@pytest.mark.parametrize("dimension", list(Dimension))
def test_every_dimension_is_covered(dimension):
    assert any(dimension in catalogue.dimensions_of(i) for i in INDICATORS)


def test_elders_has_at_least_five_indicators():
    elders = [i for i in INDICATORS if Dimension.ELDERS in catalogue.dimensions_of(i)]
    assert len(elders) >= 5


def test_hoogopgeleiden_counts_for_work_and_human_capital():
    indicator = catalogue.find_indicator("arbeid.hoogopgeleiden")
    assert set(indicator.theme_ids) == {"arbeid_en_vrije_tijd", "menselijk_kapitaal"}
    assert catalogue.dimensions_of(indicator) == (Dimension.HIER_EN_NU, Dimension.LATER)


def test_population_exists_as_a_summed_count():
    population = catalogue.find_indicator(catalogue.POPULATION_INDICATOR_ID)
    assert population.id == "bevolking.inwoners"
    assert population.aggregation == Aggregation.SUM
    assert population.unit == "aantal"
    assert population.direction == Direction.NEUTRAL


@pytest.mark.parametrize(
    ("indicator_id", "direction", "aggregation"),
    [
        ("arbeid.werkloosheid", "down", "weighted_mean"),
        ("gezondheid.ervaren_gezondheid", "up", "weighted_mean"),
        ("samenleving.eenzaamheid", "down", "weighted_mean"),
        ("milieu.fijnstof", "down", "weighted_mean"),
        ("economie.banen", "neutral", "sum"),
        ("inkomen.besteedbaar_inkomen_mediaan", "up", "none"),
        ("natuur.natuurareaal", "up", "none"),
        ("grondstoffen.co2_uitstoot", "down", "weighted_mean"),
    ],
)
def test_known_indicators_have_the_expected_direction_and_aggregation(
    indicator_id, direction, aggregation
):
    indicator = catalogue.find_indicator(indicator_id)
    assert (str(indicator.direction), str(indicator.aggregation)) == (direction, aggregation)


def test_survey_indicators_are_shares_or_scores():
    surveys = [i for i in INDICATORS if i.is_survey]
    assert len(surveys) >= 5
    assert {i.unit for i in surveys} <= {"%", "rapportcijfer", "score (0–10)"}


def test_unknown_ids_raise_key_error():
    with pytest.raises(KeyError):
        catalogue.find_indicator("bestaat.niet")
    with pytest.raises(KeyError):
        catalogue.find_theme("bestaat_niet")
