"""Tests for the CBS region reference ("Gebieden in Nederland") and name matching.

The real 2022 table is read from ../shared/data/real (never copied here); the problem cases use
small cbsodataR folders written to tmp_path, with topic keys whose suffixes differ from the
real table's, to prove columns are found by their DataProperties titles.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from bw import bootstrap, intake, store
from bw.auth import cli_actor
from bw.loaders import region_reference as rr
from bw.loaders.common import LoadContext

TABLE = "cbs-85067NED-gebieden-2022"


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """An empty store and a demo store, made once; tests that write copy them."""
    folder = tmp_path_factory.mktemp("region_reference")
    bootstrap.init_store(folder / "empty.duckdb", kind="empty")
    bootstrap.init_store(folder / "demo.duckdb", kind="demo")
    return folder


def context_of(path: Path, **options) -> LoadContext:
    con = store.connect_for_reading(path)
    try:
        return LoadContext(
            regions=store.read_regions(con),
            indicators=store.read_indicator_catalogue(con),
            **options,
        )
    finally:
        con.close()


def codes(staged) -> set[tuple[str, int | None]]:
    return {(i.code, i.line) for i in staged.report.issues if i.severity == "error"}


# --- the real 2022 table ---------------------------------------------------------------------


def test_real_table_into_an_empty_store(real_data, stores):
    staged = rr.load(real_data / TABLE, context_of(stores / "empty.duckdb"))
    assert staged.report.ok, staged.report.issues
    assert staged.report.counts["rows"] == 345
    gemeenten = [r for r in staged.new_regions if r.level == "GM"]
    corop = [r for r in staged.new_regions if r.level == "CR"]
    assert len(gemeenten) == 345
    assert len(corop) == 40 and all(r.name != r.code for r in corop)
    assert all(
        r.province_code and r.corop_code and r.landsdeel_code and r.size_class and r.urbanity
        for r in gemeenten
    )
    assert staged.region_updates == []
    by_code = {r.code: r for r in staged.new_regions}
    assert by_code["GM1680"].name == "Aa en Hunze"
    assert (by_code["GM1680"].corop_code, by_code["GM1680"].province_code) == ("CR07", "PV22")
    assert by_code["GM1980"].first_year == 2022  # Dijk en Waard: "Ontstaan per 01-01-2022"
    assert by_code["GM0197"].first_year is None  # Aalten: herindeling, the code goes on
    assert by_code["GM0373"].name == "Bergen (NH.)"
    population = staged.observations.to_pandas().set_index("region_code")
    assert len(population) == 345
    assert population.loc["GM1680", "value"] == 25579
    assert set(population["indicator_id"]) == {"bevolking.inwoners"}
    assert set(population["period"]) == {"2022"}
    assert set(population["status"]) == {"definitief"}


def test_real_table_into_the_demo_store_adds_the_missing_and_changes_nothing(real_data, stores):
    context = context_of(stores / "demo.duckdb")
    staged = rr.load(real_data / TABLE / "data.csv", context)
    assert staged.report.ok, staged.report.issues
    demo_gemeenten = set(context.regions.loc[context.regions["level"] == "GM", "code"])
    added = {r.code for r in staged.new_regions if r.level == "GM"}
    assert len(demo_gemeenten) == 84
    assert added.isdisjoint(demo_gemeenten) and len(added) == 345 - 84
    assert staged.region_updates == []
    assert not [i for i in staged.report.issues if i.code == "region_attributes_changed"]


def test_changed_attributes_become_region_updates(real_data, stores):
    context = context_of(stores / "demo.duckdb")
    regions = context.regions.copy()
    aa = regions["code"] == "GM1680"
    regions.loc[aa, "size_class"] = 3
    regions.loc[aa, "corop_code"] = "CR08"
    staged = rr.load(real_data / TABLE, LoadContext(regions=regions, indicators=context.indicators))
    assert staged.report.ok
    [update] = staged.region_updates
    assert (update.code, update.size_class, update.corop_code, update.urbanity) == (
        "GM1680",
        4,
        "CR07",
        5,
    )
    assert update.name == "Aa en Hunze" and update.first_year == 1998  # kept from the store
    assert ("warning", "region_attributes_changed", 2) in {
        (str(i.severity), i.code, i.line) for i in staged.report.issues
    }


def test_real_table_through_intake_and_undo(real_data, stores, tmp_path):
    path = tmp_path / "store.duckdb"
    shutil.copy(stores / "empty.duckdb", path)
    con = store.connect(path)
    try:
        checked = intake.check_file(con, real_data / TABLE / "data.csv")
        assert checked.report.format == "cbs_region_reference"  # auto-detected
        outcome = intake.load_file(
            con,
            real_data / TABLE / "data.csv",
            format="cbs_region_reference",
            actor=cli_actor("test"),
        )
        assert outcome.load_id is not None, outcome.report.issues
        levels = dict(con.execute("SELECT level, count(*) FROM regions GROUP BY 1").fetchall())
        assert (levels["GM"], levels["CR"]) == (345, 40)
        assert con.execute(
            "SELECT value FROM observations WHERE region_code = 'GM1680' AND "
            "indicator_id = 'bevolking.inwoners' AND period = '2022'"
        ).fetchone() == (25579,)
        store.undo_load(con, outcome.load_id)
        assert con.execute(
            "SELECT count(*) FROM regions WHERE level IN ('GM', 'CR')"
        ).fetchone() == (0,)
    finally:
        con.close()


def test_merger_history_of_the_real_table(real_data):
    events = rr.merger_history(real_data / TABLE)
    by_code: dict[str, list] = {}
    for event in events:
        by_code.setdefault(event.code, []).append(event)
    assert len(by_code) == 345
    assert [(e.event, e.date) for e in by_code["GM1980"]] == [("ontstaan", date(2022, 1, 1))]
    assert ("herindeling", date(2005, 1, 1)) in [(e.event, e.date) for e in by_code["GM0197"]]
    assert {e.event for e in events} <= {
        "ontstaan",
        "herindeling",
        "naamswijziging",
        "begindatum",
        "provinciale_wijziging",
    }


# --- small synthetic folders -----------------------------------------------------------------

_PROPERTIES = [
    # ID, ParentID, Type, Key, Title
    (0, "", "Dimension", "RegioS", "Regio's"),
    (1, "", "TopicGroup", "", "Codes en namen van gemeenten"),
    (2, 1, "Topic", "Naam_7", "Naam"),
    (3, "", "TopicGroup", "", "Lokaliseringen van gemeenten"),
    (4, 3, "TopicGroup", "", "COROP-gebieden"),
    (5, 4, "Topic", "Code_11", "Code"),
    (6, 4, "Topic", "Naam_12", "Naam"),
    (7, 3, "TopicGroup", "", "COROP-subgebieden"),
    (8, 7, "Topic", "Code_13", "Code"),
    (9, 3, "TopicGroup", "", "Landsdelen"),
    (10, 9, "Topic", "Code_21", "Code"),
    (11, 9, "Topic", "Naam_22", "Naam"),
    (12, 3, "TopicGroup", "", "Provincies"),
    (13, 12, "Topic", "Code_23", "Code"),
    (14, 12, "Topic", "Naam_24", "Naam"),
    (15, "", "TopicGroup", "", "Grootte en stedelijkheid van gemeenten"),
    (16, 15, "TopicGroup", "", "Gemeentegrootte"),
    (17, 16, "Topic", "Code_40", "Code"),
    (18, 15, "TopicGroup", "", "Stedelijkheid"),
    (19, 18, "Topic", "Code_42", "Code"),
    (20, "", "TopicGroup", "", "Statistische gegevens"),
    (21, 20, "Topic", "Inwonertal_44", "Inwonertal"),
]
_COLUMNS = [
    "ID",
    "RegioS",
    "Naam_7",
    "Code_11",
    "Naam_12",
    "Code_13",
    "Code_21",
    "Naam_22",
    "Code_23",
    "Naam_24",
    "Code_40",
    "Code_42",
    "Inwonertal_44",
]
_GOOD_ROWS = [
    [
        "GM0001  ",
        "Een",
        "CR01  ",
        "Oost-Groningen",
        "CS011",
        "LD01",
        "Noord-Nederland",
        "PV20",
        "Groningen",
        "4 ",
        "3 ",
        "25000",
    ],
    [
        "GM0002  ",
        "Twee",
        "CR01  ",
        "Oost-Groningen",
        "CS011",
        "LD01",
        "Noord-Nederland",
        "PV20",
        "Groningen",
        "5",
        "2",
        "",
    ],
]


def write_folder(
    folder: Path, rows=_GOOD_ROWS, *, properties=_PROPERTIES, title=None, skip=()
) -> Path:
    """A cbsodataR folder of a made-up "Gebieden in Nederland 2023"."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "data.csv": (_COLUMNS, [[i, *row] for i, row in enumerate(rows)]),
        "DataProperties.csv": (["ID", "ParentID", "Type", "Key", "Title"], properties),
        "RegioS.csv": (
            ["Key", "Title", "Description"],
            [
                ["GM0001  ", "Een", "Ontstaan per 01-01-2019"],
                [
                    "GM0002  ",
                    "Twee",
                    "Gemeentelijke herindeling per 01-01-2019\r\nBegindatum voor 1830",
                ],
            ],
        ),
        "TableInfos.csv": (
            ["ID", "Title", "Identifier", "Period"],
            [[0, title or "Gebieden in Nederland 2023", "85385NED", "2023"]],
        ),
    }
    for name, (header, body) in files.items():
        if name in skip:
            continue
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
            writer.writerow(header)
            writer.writerows(body)
    return folder


def tiny_context(**options) -> LoadContext:
    regions = pd.DataFrame(
        [
            {"code": "NL01", "name": "Nederland", "level": "NL"},
            {
                "code": "GM0001",
                "name": "Een",
                "level": "GM",
                "province_code": "PV20",
                "corop_code": "CR01",
                "landsdeel_code": "LD01",
                "size_class": 4,
                "urbanity": 3,
            },
        ]
    )
    indicators = pd.DataFrame(
        [{"indicator_id": "bevolking.inwoners", "name_nl": "Inwoners", "unit": "aantal"}]
    )
    return LoadContext(regions=regions, indicators=indicators, **options)


def test_synthetic_table_maps_columns_by_title_not_key(tmp_path):
    staged = rr.load(write_folder(tmp_path / "t"), tiny_context())
    assert staged.report.ok, staged.report.issues
    assert staged.report.detected["period"] == "2023"
    new = {r.code: r for r in staged.new_regions}
    assert set(new) == {"LD01", "PV20", "CR01", "GM0002"}
    assert new["GM0002"].first_year is None and new["GM0002"].size_class == 5
    assert new["CR01"].name == "Oost-Groningen" and new["CR01"].province_code == "PV20"
    frame = staged.observations.to_pandas().set_index("region_code")
    assert frame.loc["GM0001", "value"] == 25000
    assert frame.loc["GM0002", "missing_reason"] == "leeg in bron"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["GM01", *_GOOD_ROWS[0][1:]]], {("bad_code", 2)}),
        ([_GOOD_ROWS[0], _GOOD_ROWS[0]], {("duplicate_key", 3)}),
        ([[*_GOOD_ROWS[0][:9], "9", "3", "100"]], {("bad_code", 2)}),
        ([[*_GOOD_ROWS[0][:2], "", *_GOOD_ROWS[0][3:]]], {("missing_field", 2)}),
        ([[*_GOOD_ROWS[0][:11], "veel"]], {("not_a_number", 2)}),
        (
            [_GOOD_ROWS[0], [*_GOOD_ROWS[1][:7], "PV21", *_GOOD_ROWS[1][8:]]],
            {("inconsistent_parent", 3)},
        ),
    ],
)
def test_synthetic_problems(tmp_path, rows, expected):
    staged = rr.load(write_folder(tmp_path / "t", rows), tiny_context())
    assert codes(staged) == expected
    assert staged.observations is None and staged.new_regions == []


def test_missing_size_class_is_a_warning_and_never_an_update(tmp_path):
    rows = [[*_GOOD_ROWS[0][:9], "", "3", "25000"]]
    staged = rr.load(write_folder(tmp_path / "t", rows), tiny_context())
    assert staged.report.ok
    assert ("missing_field", 2) in {(i.code, i.line) for i in staged.report.issues}
    assert staged.region_updates == []


def test_missing_group_in_dataproperties(tmp_path):
    properties = [p for p in _PROPERTIES if p[4] != "Stedelijkheid" and p[3] != "Code_42"]
    staged = rr.load(write_folder(tmp_path / "t", properties=properties), tiny_context())
    assert codes(staged) == {("missing_topic", None)}


def test_missing_metadata_file(tmp_path):
    staged = rr.load(write_folder(tmp_path / "t", skip=("RegioS.csv",)), tiny_context())
    assert codes(staged) == {("missing_file", None)}


def test_another_table_is_refused(tmp_path):
    folder = write_folder(tmp_path / "t", title="Regionale kerncijfers Nederland")
    assert codes(rr.load(folder, tiny_context())) == {("unexpected_table", None)}
    assert not rr.looks_like(folder / "data.csv", _COLUMNS)


def test_population_indicator_absent_from_the_catalogue(tmp_path):
    context = tiny_context()
    empty = LoadContext(regions=context.regions, indicators=context.indicators.iloc[0:0])
    assert codes(rr.load(write_folder(tmp_path / "t"), empty)) == {("unmapped_topic", None)}


# --- history and names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "events", "first_year"),
    [
        ("Ontstaan per 01-01-2022", [("ontstaan", date(2022, 1, 1))], 2022),
        (
            "Gemeentelijke herindeling per 01-01-2005\nBegindatum voor 1830",
            [("herindeling", date(2005, 1, 1)), ("begindatum", None)],
            None,
        ),
        ("Begindatum 01-12-1913", [("begindatum", date(1913, 12, 1))], 1913),
        ("Begindatum 02-01-1839", [("begindatum", date(1839, 1, 2))], None),
        (
            "Naamswijziging per 01-01-2016\r\nOntstaan per 01-01-1984",
            [("naamswijziging", date(2016, 1, 1)), ("ontstaan", date(1984, 1, 1))],
            1984,
        ),
        ("Iets anders", [("anders", None)], None),
    ],
)
def test_history_events(description, events, first_year):
    parsed = rr.parse_description("GM0001", description)
    assert [(e.event, e.date) for e in parsed] == events
    assert rr.first_year_of(parsed) == first_year
