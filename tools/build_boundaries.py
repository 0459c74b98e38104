"""Build the boundary files bw ships in ``data/geo/`` from the CBS/PDOK files of the shared data.

Vergelijken draws its maps without a download because bw ships two boundary files: the
gemeenten of 2025 (the 342 codes of the CBS data in the 2024 indeling) and the 12 provinces of
2023, the simplified CBS/PDOK *gebiedsindelingen* (CC BY 4.0) as published by cartomap/nl. This
script makes them from ``../shared/data/real/geo/`` (``bw.config.real_data_dir()``), so anyone
can see, and redo, how:

- only ``statcode``, ``statnaam`` and ``jrstatcode`` are kept (the map needs the code and the
  name; ``bw.geo`` reads the year from ``jrstatcode`` when a file name has none);
- the feature ``id`` is the statcode;
- coordinates are rounded to ``--decimals`` (4: about 10 m, far below what a country map shows;
  the source already has 3, so nothing is lost and nothing is gained there);
- features are sorted by statcode and written one per line, so a rebuild gives a readable diff.

Every file written is checked with :func:`bw.geo.read_boundaries` and must hold exactly the
codes of its source. Installed boundary files (``python -m bw fetch boundaries``) go to
``data/boundaries/`` instead and take precedence over these.

Usage: python tools/build_boundaries.py [--source DIR] [--dest DIR] [--decimals 4] [--check]
``--check`` writes nothing and exits 1 when a shipped file differs from what the source gives.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from bw import config  # noqa: E402
from bw.geo import read_boundaries  # noqa: E402

#: The files shipped, by name (the name says level and year, as find_boundaries expects).
FILES = ("gemeente_2025.geojson", "provincie_2023.geojson")
#: Feature properties kept; the rest (rubriek, id, FID) is not used by bw.
KEEP = ("statcode", "statnaam", "jrstatcode")


def reduce_collection(document: dict, *, decimals: int) -> dict:
    """The FeatureCollection with only :data:`KEEP`, id = statcode, rounded, sorted by code.

    >>> square = {"type": "Polygon", "coordinates": [[[5.12345, 52.1], [5.2, 52.1]]]}
    >>> feature = {"type": "Feature", "geometry": square,
    ...            "properties": {"statcode": "GM0344 ", "FID": "x", "statnaam": "Utrecht"}}
    >>> reduced = reduce_collection({"type": "FeatureCollection", "features": [feature]},
    ...                             decimals=3)
    >>> reduced["features"][0]["id"], reduced["features"][0]["properties"]
    ('GM0344', {'statcode': 'GM0344', 'statnaam': 'Utrecht'})
    >>> reduced["features"][0]["geometry"]["coordinates"]
    [[[5.123, 52.1], [5.2, 52.1]]]
    """
    features = []
    for feature in document["features"]:
        properties = feature["properties"]
        code = str(properties["statcode"]).strip()
        kept = {key: properties[key] for key in KEEP if properties.get(key) is not None}
        kept["statcode"] = code
        geometry = feature["geometry"]
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": kept,
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": _rounded(geometry["coordinates"], decimals),
                },
            }
        )
    features.sort(key=lambda feature: feature["id"])
    return {"type": "FeatureCollection", "features": features}


def collection_text(collection: dict) -> str:
    """Compact JSON with one feature per line (UTF-8 names kept as they are)."""
    lines = [
        json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        for feature in collection["features"]
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def _rounded(coordinates: list, decimals: int) -> list:
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(float(value), decimals) for value in coordinates]
    return [_rounded(item, decimals) for item in coordinates]


def build(source: Path, dest: Path, *, decimals: int, check: bool) -> int:
    """Build (or with ``check`` compare) every shipped file; the exit code."""
    failures = 0
    for name in FILES:
        original = read_boundaries(source / name)
        document = json.loads((source / name).read_text(encoding="utf-8-sig"))
        text = collection_text(reduce_collection(document, decimals=decimals))
        target = dest / name
        if check:
            current = target.read_text(encoding="utf-8") if target.is_file() else None
            same = current == text
            failures += not same
            print(f"{target}: {'up to date' if same else 'differs from a rebuild'}")
            continue
        dest.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        shipped = read_boundaries(target)
        if shipped.codes != original.codes:
            print(f"{target}: codes differ from {source / name}", file=sys.stderr)
            failures += 1
            continue
        size = target.stat().st_size
        print(f"{target}: {len(shipped.codes)} areas, {size / 1000:.0f} kB")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=config.real_data_dir() / "geo",
        help="folder with the CBS/PDOK files (default: ../shared/data/real/geo)",
    )
    parser.add_argument(
        "--dest",
        type=Path,
        default=config.shipped_boundaries_dir(),
        help="folder of the shipped files (default: data/geo)",
    )
    parser.add_argument("--decimals", type=int, default=4, help="coordinate decimals (4: ~10 m)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a file would change"
    )
    args = parser.parse_args(argv)
    return build(args.source, args.dest, decimals=args.decimals, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
