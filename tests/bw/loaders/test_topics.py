"""Tests for what the CBS loaders share: topic mapping, region names, periods, CBS codes."""

from __future__ import annotations

import pandas as pd
import pytest

from bw.loaders.cbs_codes import CodeInfo, is_region_code, parse_period
from bw.loaders.common import LoadContext
from bw.loaders.topics import Topic, resolve_topics
from bw.regions import clean_region_name
from bw.report import ValidationReport

REGIONS = pd.DataFrame(
    [
        ("NL01", "Nederland", "NL", None),
        ("PV20", "Groningen", "PV", None),
        ("PV26", "Utrecht", "PV", None),
        ("GM0014", "Groningen", "GM", "PV20"),
        ("GM0344", "Utrecht", "GM", "PV26"),
        ("GM0373", "Bergen (NH.)", "GM", "PV27"),
        ("GM0893", "Bergen (L.)", "GM", "PV31"),
        ("GM0164", "Hengelo", "GM", "PV23"),
        ("GM0518", "'s-Gravenhage", "GM", "PV28"),
        ("GM0687", "Middelburg", "GM", "PV29"),
        ("RD_X", "Regio Deal X", "group", None),
    ],
    columns=["code", "name", "level", "province_code"],
)

CATALOGUE = pd.DataFrame(
    [
        ("bevolking.inwoners", "Inwoners", "aantal"),
        ("wonen.afstand_huisarts", "Afstand tot de huisartsenpraktijk", "km"),
        ("arbeid.werkloosheid", "Werkloosheid", "%"),
    ],
    columns=["indicator_id", "name_nl", "unit"],
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023JJ00", ("2023", 2023, "definitief")),
        ("2018KW02", ("2018KW02", 2018, "definitief")),
        ("2018MM10", ("2018MM10", 2018, "definitief")),
        ("2024*", ("2024", 2024, "voorlopig")),
        ("2024**", ("2024", 2024, "nader_voorlopig")),
        ("2024 3e kwartaal*", ("2024KW03", 2024, "voorlopig")),
        ("2024 oktober", ("2024MM10", 2024, "definitief")),
        ("2015HJ01", None),
        ("2016/'17", None),
        ("", None),
    ],
)
def test_periods(raw, expected):
    assert parse_period(raw) == expected


def test_period_status_from_the_table_list_wins():
    assert parse_period("2024JJ00", {"2024JJ00": "voorlopig"}) == ("2024", 2024, "voorlopig")


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("NL01", True),
        ("LD04", True),
        ("PV31", True),
        ("PV32", False),
        ("CR40", True),
        ("GM0363", True),
        ("WK036300", True),
        ("BU03630000", True),
        ("AM01", False),
        ("GM363", False),
        ("gm0363", False),
    ],
)
def test_region_codes(code, valid):
    assert is_region_code(code) is valid


def test_code_info_years_from_the_cbs_description():
    aalburg = CodeInfo("GM0738", "Aalburg", "Opgeheven per 01-01-2019\r\nOntstaan per 01-01-1973")
    assert (aalburg.first_year, aalburg.last_year) == (1973, 2018)
    assert CodeInfo("GM0363", "Amsterdam", "Begindatum voor 1830").first_year is None
    assert clean_region_name("Groningen (PV)") == "Groningen"


def _resolve(topics, **options):
    context = LoadContext(regions=REGIONS, indicators=CATALOGUE, **options)
    report = ValidationReport()
    return resolve_topics(topics, context, table="99999NED", report=report), report


POP = Topic("TotaleBevolking_1", "Totale bevolking", "aantal", 0, ("Bevolking",), line=1)
GP = Topic("AfstandTotHuisartsenpraktijk_5", "Afstand tot de huisartsenpraktijk", "km", 1, line=1)
DENSITY = Topic(
    "Bevolkingsdichtheid_57", "Bevolkingsdichtheid", "aantal inwoners per km²", 0, line=1
)
NAME = Topic("Naam_2", "Naam", "naam", 0, is_text=True, line=1)


def test_title_and_unit_match_the_catalogue_and_the_rest_is_an_error():
    mapping, report = _resolve([POP, GP, NAME])
    assert mapping.indicator_of == {GP.key: "wonen.afstand_huisarts"}
    assert sorted(i.code for i in report.issues) == ["text_topic", "unmapped_topic"]


def test_a_mapping_is_a_selection_of_a_wide_table():
    mapping, report = _resolve(
        [POP, GP, DENSITY], mapping={"Totale bevolking": "bevolking.inwoners"}
    )
    assert mapping.indicator_of == {POP.key: "bevolking.inwoners", GP.key: "wonen.afstand_huisarts"}
    assert mapping.skipped == [DENSITY.key]
    assert [i.code for i in report.issues] == ["topic_skipped"] and report.ok


def test_create_makes_neutral_unclassified_indicators_with_source_metadata():
    mapping, report = _resolve([POP, DENSITY], new_indicators="create")
    ids = [i.id for i in mapping.new_indicators]
    assert ids == ["te_classificeren.totale_bevolking", "te_classificeren.bevolkingsdichtheid"]
    density = mapping.new_indicators[1]
    assert (density.unit, density.decimals, density.source) == (
        "aantal inwoners per km²",
        0,
        "CBS 99999NED",
    )
    assert (str(density.direction), str(density.aggregation), density.theme_ids) == (
        "neutral",
        "none",
        (),
    )
    assert [i.code for i in report.issues] == ["new_indicator", "new_indicator"]


@pytest.mark.parametrize(
    ("mapping", "code"),
    [
        ({"TotaleBevolking_1": "bevolking.onbekend"}, "unknown_indicator"),
        ({"TotaleBevolking_1": "arbeid.werkloosheid"}, "unit_mismatch"),
        ({"Afstand_9": "wonen.afstand_huisarts"}, "duplicate_mapping"),
    ],
)
def test_bad_mappings_are_errors(mapping, code):
    _, report = _resolve([POP, GP, Topic("Afstand_9", "Afstand")], mapping=mapping)
    assert code in {i.code for i in report.issues if i.severity == "error"}


def test_same_titles_in_different_groups_get_distinct_ids():
    one = Topic(
        "Eenpersoonshuishoudens_83",
        "Eenpersoonshuishoudens",
        "aantal",
        0,
        ("Particuliere huishoudens",),
    )
    two = Topic(
        "Eenpersoonshuishoudens_144",
        "Eenpersoonshuishoudens",
        "aantal",
        0,
        ("Inkomen van huishoudens",),
    )
    mapping, _ = _resolve([one, two], new_indicators="create")
    assert len({i.id for i in mapping.new_indicators}) == 2
    assert mapping.new_indicators[0].name_nl == "Eenpersoonshuishoudens (Particuliere huishoudens)"
