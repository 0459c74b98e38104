"""Build the compact CBS snapshot in ``data/cbs/`` that the default store is made from.

Reads the unedited CBS files in ``../shared/data/real/`` (see its README for their provenance)
and writes small derived files, so that a fresh clone builds a store of real figures in seconds
without the network and without the raw files:

- ``rmbw_gemeenten.csv.gz``: the Regionale Monitor Brede Welvaart, original values per gemeente
  (2024 indeling), one row per CBS indicator code x gemeente x year, with the source's flags for
  values CBS left out (``left_out``) and for suspect series (``suspect``); a left-out value has
  an empty value cell (the source wrote 0, which is not a number anyone measured).
- ``population.csv.gz``: population on 1 January (03759ned, measure M000352) for NL, provinces
  and gemeenten, 2019 onwards, with CBS's status of the period.
- ``nl_arbeid.csv``: NL unemployment and net and gross labour participation per year
  (80590ned, 15 to 75 years, not seasonally adjusted), keyed by the matching RMBW code.
- ``regions.csv``: NL, landsdelen, provinces, COROP regions, the current gemeenten and the
  gemeenten dissolved since 2013, with parents, validity years, size class and urbanity and
  where each of the two classes came from.
- ``mergers.csv``: the herindeling crosswalk old -> new with the population share that moved,
  from the merger descriptions of the region code list.
- ``manifest.json``: checksums of every input and output, row counts and the command.

Run from the project root: ``python tools/build_cbs_snapshot.py [--real DIR] [--out DIR]``.
The output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bw import config  # noqa: E402
from bw.demo import LANDSDELEN, PROVINCES  # noqa: E402  (the fixed CBS frame, real names)

RMBW = "cbs-rmbw-gemeenten-2013-2022/rmbw_gemeente_original_values_long.csv"
POPULATION = "cbs-03759ned-odata-v4/observations-page-1.json"
POPULATION_PERIODS = "cbs-03759ned-odata-v4/codes-Perioden.json"
REGION_CODES = "cbs-03759ned-odata-v4/codes-RegioS.json"
LABOUR = "cbs-80590ned-odata-v4/observations-page-1.json"
LABOUR_PERIODS = "cbs-80590ned-odata-v4/codes-Perioden.json"
GEBIEDEN = "cbs-85067NED-gebieden-2022/data.csv"

#: 80590ned measures (15-75 jaar, niet seizoengecorrigeerd) and the RMBW code they match.
LABOUR_MEASURES = {
    "M001906_2": "09_E_V_13",  # werkloosheidspercentage
    "M001796_2": "09_E_V_12",  # nettoarbeidsparticipatie
    "M001731_2": "R_HN_AV_01",  # brutoarbeidsparticipatie
}
#: Gemeenten dissolved before this year cross no series of the monitor (it starts in 2013).
DISSOLVED_FROM = 2013
#: The year of the region reference (85067NED, Gebieden in Nederland 2022).
REFERENCE_YEAR = 2022

_DISSOLVED = re.compile(r"Opgeheven per (\d{2})-(\d{2})-(\d{4})")
_CREATED = re.compile(r"Ontstaan per (\d{2})-(\d{2})-(\d{4})")
_BEGIN = re.compile(r"Begindatum (\d{2})-(\d{2})-(\d{4})")
# "- Altena (GM1959),\r\n... 5041 hectare met 5167 woningen en 13321 inwoners"
_MOVED = re.compile(r"- [^\n]*?\((GM\d{4})\),?\s*\.\.\. [^\n]*? en (\d+) inwoners?")

#: CBS gemeentegrootte classes by inhabitants on 1 January (lower bounds).
_SIZE_BOUNDS = (
    (250_000, 8),
    (150_000, 7),
    (100_000, 6),
    (50_000, 5),
    (20_000, 4),
    (10_000, 3),
    (5_000, 2),
    (0, 1),
)


def size_class_of(inhabitants: float) -> int:
    """The CBS gemeentegrootte class of a number of inhabitants.

    >>> size_class_of(72_000), size_class_of(250_000), size_class_of(4_999)
    (5, 8, 1)
    """
    return next(cls for bound, cls in _SIZE_BOUNDS if inhabitants >= bound)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=config.real_data_dir())
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "cbs")
    args = parser.parse_args(argv)
    real: Path = args.real
    if not (real / RMBW).exists():
        print(f"error: {real / RMBW} not found (the shared real data)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)

    rmbw_rows = _rmbw_rows(real / RMBW)
    current = sorted({row[1] for row in rmbw_rows})
    codes = _json_values(real / REGION_CODES)
    population = _population_rows(real)
    regions, mergers = _regions(codes, current, real / GEBIEDEN, population)
    outputs = {
        "rmbw_gemeenten.csv.gz": _write_csv(
            args.out / "rmbw_gemeenten.csv.gz",
            ("cbs_code", "region", "year", "value", "left_out", "suspect"),
            rmbw_rows,
        ),
        "population.csv.gz": _write_csv(
            args.out / "population.csv.gz", ("region", "year", "value", "status"), population
        ),
        "nl_arbeid.csv": _write_csv(
            args.out / "nl_arbeid.csv",
            ("cbs_code", "measure", "year", "value", "status"),
            _labour_rows(real),
        ),
        "regions.csv": _write_csv(args.out / "regions.csv", REGION_FIELDS, regions),
        "mergers.csv": _write_csv(
            args.out / "mergers.csv", ("old_code", "new_code", "year", "population_share"), mergers
        ),
    }
    inputs = [RMBW, POPULATION, POPULATION_PERIODS, REGION_CODES, LABOUR, LABOUR_PERIODS, GEBIEDEN]
    manifest = {
        "built_by": "python tools/build_cbs_snapshot.py",
        "licence": "CBS open data, CC BY 4.0 (bron: CBS)",
        "inputs": {name: _sha256((real / name).read_bytes()) for name in inputs},
        "outputs": outputs,
    }
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for name, facts in outputs.items():
        print(f"{name}: {facts['rows']} rows, {facts['bytes']:,} bytes")
    return 0


def _rmbw_rows(path: Path) -> list[tuple]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            left_out = row["zero_value"] == "1"
            rows.append(
                (
                    row["indicator_code"],
                    row["statcode"].strip(),
                    int(row["year"]),
                    "" if left_out else row["value"],
                    int(left_out),
                    int(row["suspect_manual_fill"] == "1"),
                )
            )
    return sorted(rows)


def _json_values(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["value"]


def _period_status(path: Path) -> dict[str, str]:
    words = {
        "Definitief": "definitief",
        "Voorlopig": "voorlopig",
        "Nader voorlopig": "nader_voorlopig",
    }
    return {
        p["Identifier"]: words.get(p.get("Status") or "", "definitief") for p in _json_values(path)
    }


def _population_rows(real: Path) -> list[tuple]:
    status = _period_status(real / POPULATION_PERIODS)
    rows = []
    for obs in _json_values(real / POPULATION):
        if obs["Measure"] != "M000352" or obs["Value"] is None:
            continue  # 'Impossible': the region did not exist on that date
        period = obs["Perioden"]
        rows.append((obs["RegioS"].strip(), int(period[:4]), int(obs["Value"]), status[period]))
    return sorted(rows)


def _labour_rows(real: Path) -> list[tuple]:
    status = _period_status(real / LABOUR_PERIODS)
    rows = []
    for obs in _json_values(real / LABOUR):
        period = obs["Perioden"]
        if (
            obs["Measure"] in LABOUR_MEASURES
            and period.endswith("JJ00")
            and obs["Value"] is not None
        ):
            rows.append(
                (
                    LABOUR_MEASURES[obs["Measure"]],
                    obs["Measure"],
                    int(period[:4]),
                    obs["Value"],
                    status[period],
                )
            )
    return sorted(rows)


REGION_FIELDS = (
    "code",
    "name",
    "level",
    "landsdeel_code",
    "province_code",
    "corop_code",
    "first_year",
    "last_year",
    "size_class",
    "urbanity",
    "size_class_source",
    "urbanity_source",
)


def _regions(
    codes: list[dict], current: list[str], gebieden: Path, population: list[tuple]
) -> tuple[list[tuple], list[tuple]]:
    reference = _reference(gebieden)
    by_code = {c["Identifier"].strip(): c for c in codes}
    province_landsdeel = {code: landsdeel for code, (_, landsdeel) in PROVINCES.items()}
    first_population = {}
    for region, year, value, _ in population:  # sorted by region, year: keep the first year
        first_population.setdefault(region, (year, value))

    rows: list[tuple] = [("NL01", "Nederland", "NL", "", "", "", "", "", "", "", "", "")]
    rows += [
        (code, name, "LD", "", "", "", "", "", "", "", "", "")
        for code, name in sorted(LANDSDELEN.items())
    ]
    rows += [
        (code, name, "PV", landsdeel, "", "", "", "", "", "", "", "")
        for code, (name, landsdeel) in sorted(PROVINCES.items())
    ]
    for code, entry in sorted(by_code.items()):
        if code.startswith("CR"):
            province = entry["DimensionGroupId"].removeprefix("CR")
            rows.append(
                (
                    code,
                    _strip_level(entry["Title"]),
                    "CR",
                    province_landsdeel.get(province, ""),
                    province,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                )
            )

    mergers: list[tuple] = []
    dissolved: dict[str, int] = {}
    for code, entry in by_code.items():
        if not code.startswith("GM"):
            continue
        description = entry.get("Description") or ""
        match = _DISSOLVED.search(description)
        if match is None:
            continue
        year = int(match.group(3))
        moved = _MOVED.findall(description[match.end() :].split("\r\n\r\n")[0])
        total = sum(int(n) for _, n in moved)
        if year >= DISSOLVED_FROM:
            dissolved[code] = year
            for new_code, n in moved:
                share = int(n) / total if total else 1 / len(moved)
                if share > 0:
                    mergers.append((code, new_code, year, round(share, 6)))

    predecessors: dict[str, list[str]] = defaultdict(list)
    for old, new, _, _ in mergers:
        predecessors[new].append(old)
    for code in sorted(set(current) | set(dissolved)):
        entry = by_code.get(code)
        if entry is None:
            raise SystemExit(f"gemeente {code} is not in the region code list {REGION_CODES}")
        description = entry.get("Description") or ""
        province = entry["DimensionGroupId"].removeprefix("GM")
        first = _year_of(_CREATED, description) or _year_of(_BEGIN, description)
        ref = reference.get(code)
        if ref is not None:
            corop, size_class, urbanity = ref
            size_source = urbanity_source = f"85067NED {REFERENCE_YEAR}"
        else:
            # Formed after the reference year: COROP from its predecessors when they agree,
            # the size class from its own first population count, urbanity unknown (CBS derives
            # it from address density, which these files do not hold for the new gemeente).
            corops = {reference[p][0] for p in predecessors.get(code, ()) if p in reference}
            corop = corops.pop() if len(corops) == 1 else ""
            size_class, size_source = "", ""
            if code in first_population and code in current:
                year, inhabitants = first_population[code]
                size_class, size_source = size_class_of(inhabitants), f"03759ned {year}"
            urbanity, urbanity_source = "", ""
        rows.append(
            (
                code,
                entry["Title"].strip(),
                "GM",
                province_landsdeel.get(province, ""),
                province,
                corop,
                first if first and first >= 1900 else "",
                dissolved[code] - 1 if code in dissolved else "",
                size_class,
                urbanity,
                size_source,
                urbanity_source,
            )
        )
    return rows, sorted(mergers)


def _reference(path: Path) -> dict[str, tuple[str, int, int]]:
    """COROP code, size class and urbanity per gemeente from Gebieden in Nederland 2022."""
    result = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            result[row["RegioS"].strip()] = (
                row["Code_8"].strip(),
                int(row["Code_50"]),
                int(row["Code_52"]),
            )
    return result


def _strip_level(title: str) -> str:
    return re.sub(r"\s*\((CR|PV|LD)\)\s*$", "", title).strip()


def _year_of(pattern: re.Pattern, text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(3)) if match else None


def _write_csv(path: Path, header: tuple[str, ...], rows: list[tuple]) -> dict:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: byte-identical rebuilds
    path.write_bytes(data)
    return {"rows": len(rows), "bytes": len(data), "sha256": _sha256(data)}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


if __name__ == "__main__":
    raise SystemExit(main())
