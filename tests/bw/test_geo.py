"""Boundary files: finding the right year, the shipped fallback, reading real CBS/PDOK GeoJSON,
refusing bad files."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bw import config
from bw.demo import DEMO_GEMEENTEN, PROVINCES
from bw.geo import (
    Boundaries,
    BoundaryError,
    find_boundaries,
    geojson_bounds,
    is_shipped,
    level_word,
    read_boundaries,
)
from bw.model import Level

# A small square near Utrecht, in WGS84 (lon, lat) and in RD New (x, y metres).
WGS84_SQUARE = [[[5.10, 52.08], [5.14, 52.08], [5.14, 52.10], [5.10, 52.10], [5.10, 52.08]]]
RD_SQUARE = [
    [[136000, 455000], [139000, 455000], [139000, 457000], [136000, 457000], [136000, 455000]]
]


def _feature(code: object, coordinates: list, *, kind: str = "Polygon") -> dict:
    properties = {} if code is None else {"statcode": code, "statnaam": f"Naam {code}"}
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def _write(folder: Path, name: str, document: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


# --- find_boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "word"),
    [
        ("GM", "gemeente"),
        (Level.PV, "provincie"),
        ("CR", "coropgebied"),
        ("WK", "wijk"),
        ("BU", "buurt"),
        ("gemeente", "gemeente"),
    ],
)
def test_level_word(level, word):
    assert level_word(level) == word


@pytest.mark.parametrize("level", ["NL", "group", "XX"])
def test_level_word_refuses_levels_without_maps(level):
    with pytest.raises(ValueError, match="no boundary files"):
        level_word(level)


@pytest.fixture
def boundary_folder(tmp_path: Path) -> Path:
    (tmp_path / "boundaries").mkdir()
    for name in (
        "boundaries/gemeente_2019.geojson",
        "boundaries/gemeente_2023.geojson",
        "gemeente_2025.geojson",
        "boundaries/provincie_2023.geojson",
        "boundaries/gemeente_2023.csv",
        "boundaries/wijk.geojson",
    ):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("level", "year", "expected"),
    [
        ("GM", None, "gemeente_2025.geojson"),  # newest without a year
        ("GM", 2025, "gemeente_2025.geojson"),
        ("GM", 2023, "gemeente_2023.geojson"),
        ("GM", 2022, "gemeente_2023.geojson"),
        ("GM", 2021, "gemeente_2019.geojson"),  # tie between 2019 and 2023: the earlier year
        ("GM", 2030, "gemeente_2025.geojson"),
        ("GM", 2000, "gemeente_2019.geojson"),
        (Level.PV, 2020, "provincie_2023.geojson"),
        ("WK", 2024, "wijk.geojson"),  # a file without a year, when no file has one
        ("BU", 2024, None),
        ("CR", None, None),
    ],
)
def test_find_boundaries_picks_the_closest_year(boundary_folder, level, year, expected):
    found = find_boundaries(boundary_folder, level=level, year=year)
    assert (found.name if found else None) == expected


def test_find_boundaries_prefers_the_boundaries_folder_on_the_same_year(tmp_path):
    (tmp_path / "boundaries").mkdir()
    (tmp_path / "gemeente_2024.geojson").write_text("{}", encoding="utf-8")
    (tmp_path / "boundaries" / "gemeente_2024.geojson").write_text("{}", encoding="utf-8")
    assert find_boundaries(tmp_path, level="GM", year=2024).parent.name == "boundaries"


def test_find_boundaries_in_a_missing_folder_finds_nothing(tmp_path):
    assert find_boundaries(tmp_path / "absent", level="GM", shipped=False) is None


# --- the boundaries shipped with bw (data/geo/) ----------------------------------------------

SHIPPED_GEMEENTEN = "gemeente_2025.geojson"
SHIPPED_PROVINCES = "provincie_2023.geojson"
PROVINCE_CODES = frozenset(f"PV{number}" for number in range(20, 32))


@pytest.mark.parametrize(
    ("level", "year", "expected"),
    [
        ("GM", None, SHIPPED_GEMEENTEN),
        ("GM", 2013, SHIPPED_GEMEENTEN),  # the only gemeente file, whatever the year
        (Level.PV, 2024, SHIPPED_PROVINCES),
        ("CR", 2024, None),  # no COROP file is shipped
        ("WK", None, None),
    ],
)
def test_an_empty_data_folder_falls_back_to_the_shipped_files(tmp_path, level, year, expected):
    found = find_boundaries(tmp_path, level=level, year=year)
    assert (found.name if found else None) == expected
    if found is not None:
        assert is_shipped(found) and found.parent == config.shipped_boundaries_dir()


def test_an_installed_file_wins_over_the_shipped_one_even_when_its_year_is_further(tmp_path):
    (tmp_path / "boundaries").mkdir()
    installed = tmp_path / "boundaries" / "gemeente_2019.geojson"
    installed.write_text("{}", encoding="utf-8")
    assert find_boundaries(tmp_path, level="GM", year=2025) == installed
    assert not is_shipped(installed)
    # the other level still falls back
    assert is_shipped(find_boundaries(tmp_path, level="PV", year=2025))


def test_without_the_shipped_folder_nothing_is_found(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "shipped_boundaries_dir", lambda: tmp_path / "absent")
    assert find_boundaries(tmp_path, level="GM") is None
    assert find_boundaries(tmp_path, level="PV", shipped=True) is None


def test_the_shipped_gemeenten_are_valid_and_small():
    path = config.shipped_boundaries_dir() / SHIPPED_GEMEENTEN
    boundaries = read_boundaries(path)
    assert (boundaries.level, boundaries.year, len(boundaries.codes)) == (Level.GM, 2025, 342)
    assert {"GM0014", "GM0363", "GM0917", "GM1992"} <= boundaries.codes
    features = boundaries.geojson["features"]
    names = {feature["id"]: feature["properties"]["statnaam"] for feature in features}
    assert names["GM1900"] == "Súdwest-Fryslân"  # UTF-8 names survive the build
    assert all(feature["id"] == feature["properties"]["statcode"] for feature in features)
    assert path.stat().st_size < 250_000  # shipped in the repository: keep it small


def test_the_shipped_provinces_are_valid_and_small():
    path = config.shipped_boundaries_dir() / SHIPPED_PROVINCES
    boundaries = read_boundaries(path)
    assert (boundaries.level, boundaries.year, boundaries.codes) == (Level.PV, 2023, PROVINCE_CODES)
    assert path.stat().st_size < 50_000


def test_the_shipped_gemeenten_cover_every_demo_gemeente():
    codes = read_boundaries(config.shipped_boundaries_dir() / SHIPPED_GEMEENTEN).codes
    assert {gemeente.code for gemeente in DEMO_GEMEENTEN} <= codes
    assert set(PROVINCES) == PROVINCE_CODES


@pytest.mark.real_data
def test_the_shipped_gemeenten_have_exactly_the_codes_of_the_cbs_data(real_data):
    """Every gemeente of the CBS regional monitor data (2024 indeling) has a boundary, and no
    boundary lacks data: the 2025 indeling has the same 342 codes."""
    path = real_data / "cbs-rmbw-gemeenten-2013-2022" / "rmbw_gemeente_original_values_long.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        data_codes = {row["statcode"].strip() for row in csv.DictReader(handle)}
    shipped = read_boundaries(config.shipped_boundaries_dir() / SHIPPED_GEMEENTEN).codes
    assert len(data_codes) == 342
    assert sorted(data_codes - shipped) == [] and sorted(shipped - data_codes) == []


@pytest.mark.real_data
def test_the_shipped_files_match_a_rebuild_from_the_shared_data(real_data):
    """tools/build_boundaries.py --check: the committed files are what the script makes."""
    tool = config.PROJECT_ROOT / "tools" / "build_boundaries.py"
    result = subprocess.run(
        [sys.executable, str(tool), "--check", "--source", str(real_data / "geo")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("up to date") == 2


# --- read_boundaries: real files -------------------------------------------------------------


@pytest.mark.real_data
def test_read_real_gemeente_boundaries(real_data):
    boundaries = read_boundaries(real_data / "geo" / "gemeente_2025.geojson")
    assert isinstance(boundaries, Boundaries)
    assert boundaries.year == 2025
    assert boundaries.level is Level.GM
    assert len(boundaries.codes) == 342
    assert {"GM0014", "GM0363", "GM0034"} <= boundaries.codes
    assert all(code.startswith("GM") and len(code) == 6 for code in boundaries.codes)
    min_lon, min_lat, max_lon, max_lat = geojson_bounds(boundaries.geojson)
    assert 3.0 < min_lon < max_lon < 8.0
    assert 50.0 < min_lat < max_lat < 54.0


@pytest.mark.real_data
def test_read_real_provincie_boundaries(real_data):
    boundaries = read_boundaries(real_data / "geo" / "provincie_2023.geojson")
    assert boundaries.year == 2023
    assert boundaries.level is Level.PV
    assert boundaries.codes == frozenset(f"PV{number}" for number in range(20, 32))


@pytest.mark.real_data
def test_find_boundaries_in_the_real_folder(real_data):
    found = find_boundaries(real_data / "geo", level="GM", year=2024)
    assert found is not None and found.name == "gemeente_2025.geojson"


# --- read_boundaries: synthetic files --------------------------------------------------------


def test_padded_statcodes_are_stripped_and_input_kept(tmp_path):
    document = _collection(_feature("GM0344  ", WGS84_SQUARE))
    path = _write(tmp_path, "gemeente_2022.geojson", document)
    boundaries = read_boundaries(path)
    assert boundaries.codes == frozenset({"GM0344"})
    assert boundaries.geojson["features"][0]["properties"]["statcode"] == "GM0344"
    assert boundaries.geojson["features"][0]["properties"]["statnaam"] == "Naam GM0344  "


def test_year_and_level_come_from_the_features_when_the_name_has_none(tmp_path):
    feature = _feature("WK034401", WGS84_SQUARE)
    feature["properties"]["jrstatcode"] = "2024WK034401"
    boundaries = read_boundaries(_write(tmp_path, "utrecht.json", _collection(feature)))
    assert boundaries.year == 2024
    assert boundaries.level is Level.WK


def test_a_multipolygon_with_a_utf8_bom_is_read(tmp_path):
    path = tmp_path / "gemeente_2024.geojson"
    document = _collection(_feature("GM0344", [WGS84_SQUARE], kind="MultiPolygon"))
    path.write_text(json.dumps(document), encoding="utf-8-sig")
    assert read_boundaries(path).codes == frozenset({"GM0344"})


def test_rd_new_coordinates_are_detected(tmp_path):
    path = _write(tmp_path, "gemeente_2025.geojson", _collection(_feature("GM0344", RD_SQUARE)))
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path)
    assert caught.value.code == "rd_new_coordinates"
    assert "RD New" in str(caught.value) and "WGS84" in str(caught.value)


def test_a_declared_rd_new_crs_is_detected(tmp_path):
    document = _collection(_feature("GM0344", WGS84_SQUARE))
    document["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(_write(tmp_path, "gemeente_2025.geojson", document))
    assert caught.value.code == "rd_new_coordinates"


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ([1, 2, 3], "not_a_feature_collection"),
        ({"type": "Feature", "properties": {}, "geometry": None}, "not_a_feature_collection"),
        ({"type": "Topology", "objects": {}}, "topojson"),
        ({"type": "FeatureCollection"}, "no_features"),
        (_collection(), "no_features"),
        (_collection({"type": "Polygon", "coordinates": WGS84_SQUARE}), "not_a_feature"),
        (_collection(_feature(None, WGS84_SQUARE)), "missing_statcode"),
        (_collection(_feature("   ", WGS84_SQUARE)), "missing_statcode"),
        (_collection(_feature(344, WGS84_SQUARE)), "missing_statcode"),
        (
            _collection(_feature("GM0344", WGS84_SQUARE), _feature("GM0344 ", WGS84_SQUARE)),
            "duplicate_statcode",
        ),
        (_collection(_feature("GM0344", [5.1, 52.1], kind="Point")), "not_an_area"),
        (_collection(_feature("GM0344", [])), "bad_coordinates"),
        (_collection(_feature("GM0344", [[["5.1", "52.1"], [5.2, 52.2]]])), "bad_coordinates"),
        (
            _collection(_feature("GM0344", [[[lat, lon] for lon, lat in WGS84_SQUARE[0]]])),
            "swapped_coordinates",
        ),
        (
            _collection(_feature("GM0344", [[[-68.3, 12.2], [-68.2, 12.2], [-68.2, 12.1]]])),
            "outside_netherlands",
        ),
    ],
)
def test_bad_boundary_files_are_refused_with_a_code(tmp_path, document, code):
    path = _write(tmp_path, "gemeente_2025.geojson", document)
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path)
    assert caught.value.code == code
    assert "gemeente_2025.geojson" in str(caught.value)


def test_a_file_that_is_not_json_is_refused_with_its_line(tmp_path):
    path = tmp_path / "gemeente_2025.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [,]}', encoding="utf-8")
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path)
    assert caught.value.code == "not_json"
    assert "gemeente_2025.geojson:2:" in str(caught.value)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "gemeente_2025.geojson"
    path.write_bytes('{"type": "FeatureCollection", "naam": "Súdwest-Fryslân"}'.encode("cp1252"))
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path)
    assert caught.value.code == "not_utf8"


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(tmp_path / "gemeente_2025.geojson")
    assert caught.value.code == "not_found"
