"""Boundary files for maps: find the GeoJSON for a level and year, read it and check it.

Boundaries are GeoJSON FeatureCollections in WGS84 (longitude, latitude) with the CBS code of
each area in the ``statcode`` property, one file per level and year because gemeenten merge
almost every year: ``gemeente_2025.geojson``, ``provincie_2023.geojson`` (the simplified CBS/PDOK
*gebiedsindelingen*, CC BY 4.0). Files in RD New (EPSG:28992, metres) exist too; they are
detected and refused with a message that says so, rather than drawn as nonsense.

bw ships the gemeenten of 2025 and the provinces of 2023 in ``data/geo/``
(:func:`bw.config.shipped_boundaries_dir`, made by ``tools/build_boundaries.py``), so maps draw
on a fresh clone; files installed in the data folder come first.

Nothing is cached here: the UI caches what it reads.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from bw import config
from bw.errors import BwError
from bw.model import Level

#: A GeoJSON object as json.load gives it: {'type': 'FeatureCollection', 'features': [...]}.
GeoJSON: TypeAlias = dict[str, Any]

#: File-name word per region level, as CBS/PDOK name their *gebiedsindelingen*.
LEVEL_WORDS: dict[Level, str] = {
    Level.LD: "landsdeel",
    Level.PV: "provincie",
    Level.CR: "coropgebied",
    Level.GM: "gemeente",
    Level.WK: "wijk",
    Level.BU: "buurt",
}

#: Where WGS84 coordinates of the (European) Netherlands lie: lon 3.3–7.3, lat 50.7–53.6,
#: with a margin. The Caribbean Netherlands are not part of the CBS gemeente maps.
NL_LON = (3.0, 8.0)
NL_LAT = (50.0, 54.0)

#: Where RD New (EPSG:28992) coordinates of the Netherlands lie, in metres.
RD_X = (0.0, 300_000.0)
RD_Y = (300_000.0, 625_000.0)

_FILE_NAME = re.compile(r"^(?P<word>[a-z]+)(?:_(?P<year>\d{4}))?\.geojson$", re.IGNORECASE)
_AREA_TYPES = frozenset({"Polygon", "MultiPolygon"})


class BoundaryError(BwError, ValueError):
    """A boundary file that cannot be used; ``code`` is a stable machine word for tests."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code  # 'rd_new_coordinates'
        self.message = message


@dataclass(frozen=True, slots=True)
class Boundaries:
    """A checked boundary file: the GeoJSON (statcodes stripped) and what it covers."""

    geojson: GeoJSON  # {'type': 'FeatureCollection', 'features': [...]}
    codes: frozenset[str]  # frozenset({'GM0014', 'GM0034', …})
    year: int | None  # 2025, from the file name or the jrstatcode property
    level: Level | None  # Level.GM, from the file name or the codes


def level_word(level: Level | str) -> str:
    """The file-name word of a level: ``'GM'`` → ``'gemeente'`` (a word is accepted as is).

    >>> level_word("GM")
    'gemeente'
    >>> level_word("provincie")
    'provincie'
    """
    text = str(level).strip()
    if text in LEVEL_WORDS.values():
        return text
    try:
        return LEVEL_WORDS[Level(text.upper())]
    except (ValueError, KeyError):
        known = ", ".join(f"{key.value} ({word})" for key, word in LEVEL_WORDS.items())
        message = f"no boundary files exist for level {level!r}; use one of {known}"
        raise ValueError(message) from None


def find_boundaries(
    data_dir: Path | str, *, level: Level | str, year: int | None = None, shipped: bool = True
) -> Path | None:
    """The boundary file of ``level`` whose year is closest to ``year`` (the newest without one).

    Looks in ``data_dir/boundaries/`` and ``data_dir/`` for ``<word>_<year>.geojson``
    (``gemeente_2025.geojson``); a file without a year (``gemeente.geojson``) is only used when
    no file has one. On a tie the earlier year wins: a later file may hold codes of mergers
    that did not exist yet in ``year``. Only when the data folder holds no file of the level
    are the files shipped with bw used (``shipped=False``: not even then): an installed file
    is what an analyst chose. Returns ``None`` when there is no file.
    """
    word = level_word(level)
    root = Path(data_dir)
    found = _closest_file((root / "boundaries", root), word=word, year=year)
    if found is None and shipped:
        found = _closest_file((config.shipped_boundaries_dir(),), word=word, year=year)
    return found


def is_shipped(path: Path | str) -> bool:
    """Whether ``path`` is one of the boundary files shipped with bw (``data/geo/``)."""
    return Path(path).resolve().parent == config.shipped_boundaries_dir().resolve()


def _closest_file(folders: tuple[Path, ...], *, word: str, year: int | None) -> Path | None:
    """The file of ``word`` closest to ``year`` in ``folders`` (earlier folders win a tie)."""
    candidates: list[tuple[int | None, int, Path]] = []  # (year, folder preference, path)
    for preference, folder in enumerate(folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            match = _FILE_NAME.match(path.name)
            if not path.is_file() or not match or match["word"].lower() != word:
                continue
            candidates.append((int(match["year"]) if match["year"] else None, preference, path))
    if not candidates:
        return None
    dated = [
        (year_, preference, path) for year_, preference, path in candidates if year_ is not None
    ]
    if not dated:
        return min(candidates, key=lambda candidate: candidate[1])[2]
    if year is None:
        return min(dated, key=lambda candidate: (-candidate[0], candidate[1]))[2]
    return min(dated, key=lambda c: (abs(c[0] - year), c[0], c[1]))[2]


def read_boundaries(path: Path | str) -> Boundaries:
    """Read and check a boundary GeoJSON file; raise :class:`BoundaryError` on any problem.

    Checks: readable UTF-8 JSON; a FeatureCollection with at least one feature; every feature
    a Polygon or MultiPolygon with a non-empty, unique ``statcode`` property (padding spaces
    are stripped, as CBS pads codes); coordinates in WGS84 within the Netherlands. RD New
    coordinates are recognised and named in the message.
    """
    path = Path(path)
    where = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BoundaryError("not_found", f"{path}: boundary file not found") from None
    except UnicodeDecodeError as error:
        raise BoundaryError(
            "not_utf8", f"{where}: not UTF-8 text (byte {error.start}); save the GeoJSON as UTF-8"
        ) from None
    except OSError as error:
        raise BoundaryError("unreadable", f"{where}: cannot be read: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BoundaryError(
            "not_json",
            f"{where}:{error.lineno}: not valid JSON (column {error.colno}: {error.msg})",
        ) from None
    geojson = _check_collection(document, where)
    codes = frozenset(feature["properties"]["statcode"] for feature in geojson["features"])
    return Boundaries(
        geojson=geojson,
        codes=codes,
        year=_year_of(path, geojson),
        level=_level_of(path, codes),
    )


def geojson_bounds(geojson: GeoJSON) -> tuple[float, float, float, float]:
    """``(min_lon, min_lat, max_lon, max_lat)`` over every coordinate of a FeatureCollection.

    >>> square = {"type": "Polygon", "coordinates": [[[4, 52], [5, 52], [5, 53], [4, 52]]]}
    >>> geojson_bounds({"type": "FeatureCollection", "features": [{"geometry": square}]})
    (4.0, 52.0, 5.0, 53.0)
    """
    lons: list[float] = []
    lats: list[float] = []
    for feature in geojson.get("features", []):
        for position in _positions((feature.get("geometry") or {}).get("coordinates", [])):
            lons.append(float(position[0]))
            lats.append(float(position[1]))
    if not lons:
        raise ValueError("the GeoJSON holds no coordinates")
    return min(lons), min(lats), max(lons), max(lats)


def _check_collection(document: object, where: str) -> GeoJSON:
    """The checked FeatureCollection with stripped statcodes (a new dict; input untouched)."""
    if not isinstance(document, dict):
        raise BoundaryError(
            "not_a_feature_collection",
            f"{where}: the JSON is a {type(document).__name__}, not a GeoJSON FeatureCollection",
        )
    kind = document.get("type")
    if kind == "Topology":
        raise BoundaryError(
            "topojson",
            f"{where}: this is TopoJSON; convert it to a GeoJSON FeatureCollection first",
        )
    if kind != "FeatureCollection":
        raise BoundaryError(
            "not_a_feature_collection",
            f"{where}: the GeoJSON type is {kind!r}; a FeatureCollection of areas is required",
        )
    features = document.get("features")
    if not isinstance(features, list):
        raise BoundaryError("no_features", f"{where}: the FeatureCollection has no feature list")
    if not features:
        raise BoundaryError("no_features", f"{where}: the FeatureCollection has no features")
    _check_crs(document, where)
    checked: list[GeoJSON] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        checked.append(_check_feature(feature, number, where, seen))
    _check_coordinates({"features": checked}, where)
    return {**document, "features": checked}


def _check_crs(document: GeoJSON, where: str) -> None:
    """Refuse a declared RD New ``crs`` (old GeoJSON 2008 member) before looking at numbers."""
    crs = document.get("crs")
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = str(properties.get("name", "")) if isinstance(properties, dict) else ""
    if "28992" in name:
        raise BoundaryError(
            "rd_new_coordinates",
            f"{where}: RD New (EPSG:28992) coordinates detected (crs {name!r}); maps need WGS84 "
            "(EPSG:4326, longitude/latitude): reproject the file, e.g. with "
            "ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson",
        )


def _check_feature(feature: object, number: int, where: str, seen: dict[str, int]) -> GeoJSON:
    """One checked feature with its statcode stripped."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise BoundaryError("not_a_feature", f"{where}: feature {number} is not a GeoJSON Feature")
    properties = feature.get("properties")
    raw = properties.get("statcode") if isinstance(properties, dict) else None
    code = raw.strip() if isinstance(raw, str) else ""
    if not code:
        raise BoundaryError(
            "missing_statcode",
            f"{where}: feature {number} has no 'statcode' property (the CBS code such as GM0363)",
        )
    if code in seen:
        raise BoundaryError(
            "duplicate_statcode",
            f"{where}: statcode {code} occurs in features {seen[code]} and {number}; "
            "one feature per area is required",
        )
    seen[code] = number
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if not isinstance(geometry, dict) or kind not in _AREA_TYPES:
        raise BoundaryError(
            "not_an_area",
            f"{where}: feature {number} ({code}) has geometry {kind!r}; "
            "a Polygon or MultiPolygon is required",
        )
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        raise BoundaryError(
            "bad_coordinates", f"{where}: feature {number} ({code}) has no coordinates"
        )
    return {**feature, "properties": {**properties, "statcode": code}}  # type: ignore[dict-item]


def _check_coordinates(collection: GeoJSON, where: str) -> None:
    """Every position is two or three numbers, in WGS84 within the Netherlands."""
    for feature in collection["features"]:
        code = feature["properties"]["statcode"]
        for position in _positions(feature["geometry"]["coordinates"]):
            if (
                not isinstance(position, list | tuple)
                or len(position) < 2
                or not all(_is_number(value) for value in position[:2])
            ):
                raise BoundaryError(
                    "bad_coordinates",
                    f"{where}: {code} holds a position {position!r} that is not [lon, lat]",
                )
    min_lon, min_lat, max_lon, max_lat = geojson_bounds(collection)
    if _within((min_lon, max_lon), NL_LON) and _within((min_lat, max_lat), NL_LAT):
        return
    box = f"x {min_lon:g}…{max_lon:g}, y {min_lat:g}…{max_lat:g}"
    if _within((min_lon, max_lon), RD_X) and _within((min_lat, max_lat), RD_Y):
        raise BoundaryError(
            "rd_new_coordinates",
            f"{where}: RD New (EPSG:28992) coordinates detected ({box}, in metres); maps need "
            "WGS84 (EPSG:4326, longitude/latitude): reproject the file, e.g. with "
            "ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson",
        )
    if _within((min_lon, max_lon), NL_LAT) and _within((min_lat, max_lat), NL_LON):
        raise BoundaryError(
            "swapped_coordinates",
            f"{where}: coordinates are in latitude, longitude order ({box}); "
            "GeoJSON requires longitude first",
        )
    raise BoundaryError(
        "outside_netherlands",
        f"{where}: coordinates lie outside the Netherlands in WGS84 ({box}); expected longitude "
        f"{NL_LON[0]:g}…{NL_LON[1]:g} and latitude {NL_LAT[0]:g}…{NL_LAT[1]:g}",
    )


def _positions(coordinates: object) -> Iterator[list[Any]]:
    """Every position in nested GeoJSON coordinate arrays (any depth)."""
    stack = [coordinates]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple) and item and not isinstance(item[0], list | tuple):
            yield item  # type: ignore[misc]
        elif isinstance(item, list | tuple):
            stack.extend(reversed(item))
        else:
            yield item  # type: ignore[misc]  # a bare number: reported as a bad position


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _within(span: tuple[float, float], box: tuple[float, float]) -> bool:
    return box[0] <= span[0] and span[1] <= box[1]


def _year_of(path: Path, geojson: GeoJSON) -> int | None:
    """The boundary year from the file name, else from a consistent ``jrstatcode`` prefix."""
    match = _FILE_NAME.match(path.name)
    if match and match["year"]:
        return int(match["year"])
    years = {
        str((feature.get("properties") or {}).get("jrstatcode", ""))[:4]
        for feature in geojson["features"]
    }
    if len(years) == 1 and (year := years.pop()).isdigit():
        return int(year)
    return None


def _level_of(path: Path, codes: frozenset[str]) -> Level | None:
    """The level from the file name, else from a prefix all codes share."""
    match = _FILE_NAME.match(path.name)
    if match:
        word = match["word"].lower()
        for level, level_name in LEVEL_WORDS.items():
            if level_name == word:
                return level
    prefixes = {code[:2].upper() for code in codes}
    if len(prefixes) == 1:
        try:
            return Level(prefixes.pop())
        except ValueError:
            return None
    return None
