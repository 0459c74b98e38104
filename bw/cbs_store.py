"""The default store of real CBS figures, built from the compact snapshot shipped in ``data/cbs/``.

What goes in (``tools/build_cbs_snapshot.py`` made the snapshot from the unedited CBS files):

- the Regionale Monitor Brede Welvaart (RMBW), original values for the 342 gemeenten of the 2024
  indeling, one load. A value CBS left out is stored without a number and with the reason
  (``te_weinig_respondenten`` …), never as 0; the two suspect series (whole numbers that look
  typed in) are stored the same way with reason ``verdachte_reeks``, and the load report counts
  both;
- population on 1 January (03759ned) for NL, provinces and gemeenten, one load: the weights of
  every population-weighted mean;
- NL unemployment and net and gross labour participation (80590ned), one load: the same
  definitions as the RMBW's gemeente figures, so NL is a CBS figure there;
- every other value for NL, landsdelen, provinces and COROP regions *computed* from the
  gemeenten (methods.md §6), one load labelled "berekend uit gemeentecijfers", each value with
  its population coverage in ``aggregated_values``: never presented as a CBS figure;
- example streefwaarden for two gemeenten, labelled as examples (``bw.targets``).

Bron: CBS (CC BY 4.0).
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from bw import assess, catalogue, config, data_files, store
from bw.model import (
    OBSERVATION_COLUMNS,
    Indicator,
    Level,
    Region,
    Target,
)
from bw.store import aggregation
from bw.targets import EXAMPLE_TARGET_RATIONALE, EXAMPLE_TARGET_SOURCE

Progress = Callable[[str], None]
Row = dict[str, str]  # a snapshot row: its text cells by the file's column names

#: The RMBW catalogue: our Dutch and English names, definitions, units, directions, themes.
CATALOGUE_FILE = Path(__file__).with_name("data") / "rmbw_indicators.csv"
#: Example streefwaarden, for at most two gemeenten (issue 12): never a council's decision.
EXAMPLE_TARGETS_FILE = Path(__file__).with_name("data") / "example_targets.csv"

#: How the app credits the figures (CBS open data licence).
ATTRIBUTION_NL = "Bron: CBS (CC BY 4.0)"
ATTRIBUTION_EN = "Source: CBS (CC BY 4.0)"
#: The source name of values bw computed from gemeente values.
AGGREGATED_SOURCE = "berekend uit gemeentecijfers"
#: The load format of those values: ``origin`` is ``aggregated`` for them.
AGGREGATED_FORMAT = "aggregated"

#: Why a value is absent, as stored in ``missing_reason``; the app words each one.
LEFT_OUT_REASONS = ("te_weinig_respondenten", "niet_van_toepassing", "niet_gepubliceerd")
SUSPECT_REASON = "verdachte_reeks"

#: The levels computed from gemeenten, and the region column that names a gemeente's parent.
_PARENT_COLUMNS = {Level.PV: "province_code", Level.CR: "corop_code", Level.LD: "landsdeel_code"}
_NL_CODE = "NL01"


class SnapshotError(store.StoreError):
    """The shipped snapshot or catalogue is missing or inconsistent; the message says what."""


@dataclass(frozen=True, slots=True)
class RmbwIndicator:
    """A catalogue indicator with the reason CBS gives for values it leaves out."""

    indicator: Indicator
    left_out_reason: str  # 'te_weinig_respondenten'


def read_rmbw_catalogue(path: Path = CATALOGUE_FILE) -> tuple[RmbwIndicator, ...]:
    """The RMBW catalogue file as checked records; :class:`SnapshotError` on any problem.

    >>> rows = read_rmbw_catalogue()
    >>> next(r.indicator for r in rows if r.indicator.cbs_code == "09_E_V_13").id
    'arbeid.werkloosheid'
    """
    themes = {theme.id for theme in catalogue.THEMES}
    result: list[RmbwIndicator] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                if row["left_out_reason"] not in LEFT_OUT_REASONS:
                    raise ValueError(f"unknown reason {row['left_out_reason']!r}")
                indicator = data_files.indicator_from_row(row, theme_ids=themes)
            except ValueError as error:
                raise SnapshotError(f"{path.name}:{line}: {error}") from error
            result.append(RmbwIndicator(indicator, row["left_out_reason"]))
    ids = [r.indicator.id for r in result]
    codes = [r.indicator.cbs_code for r in result if r.indicator.cbs_code]
    if len(set(ids)) != len(ids) or len(set(codes)) != len(codes):
        raise SnapshotError(f"{path.name}: an id or CBS code occurs twice")
    return tuple(result)


def write_cbs(
    con: duckdb.DuckDBPyConnection,
    *,
    snapshot: Path | None = None,
    progress: Progress | None = None,
) -> None:
    """Fill a new store with the real CBS figures of the snapshot, in one transaction."""
    folder = Path(snapshot) if snapshot is not None else config.cbs_snapshot_dir()
    say = progress or (lambda message: None)
    rmbw = read_rmbw_catalogue()
    with store.transaction(con):
        store.require_unfilled(con)
        say("Thema's, indicatoren en regio's worden aangemaakt…")
        store.insert_themes(con, catalogue.THEMES)
        store.insert_indicators(con, [r.indicator for r in rmbw])
        store.insert_regions(con, _regions(_read_csv(folder / "regions.csv")))
        _write_mergers(con, _read_csv(folder / "mergers.csv"))
        say("CBS-cijfers worden geschreven…")
        _write_population(con, _read_csv(folder / "population.csv.gz"))
        _write_rmbw(con, _read_csv(folder / "rmbw_gemeenten.csv.gz"), rmbw)
        _write_nl_labour(con, _read_csv(folder / "nl_arbeid.csv"), rmbw)
        say("Waarden voor provincies, COROP-gebieden en Nederland worden berekend…")
        aggregate_from_gemeenten(con)
        store.write_targets(con, read_example_targets(), set_by="voorbeeld")
        say("Afgeleide tabellen (laatste waarden, referenties, rangen) worden berekend…")
        # One batch of all indicators: a store this small needs no per-indicator batches
        # (those bound the memory of a 10-million-row refresh) and builds 3 s faster.
        store.refresh_derived(con, indicator_ids=[r.indicator.id for r in rmbw])
        store.set_meta(con, "demo", "false")
        store.set_meta(con, "source", "cbs")


def _read_csv(path: Path) -> list[Row]:
    """The rows of a snapshot file as text cells by column name (``csv``: no type guessing)."""
    if not path.exists():
        raise SnapshotError(
            f"the CBS snapshot file {path.name} is missing from {path.parent}; "
            "rebuild it with python tools/build_cbs_snapshot.py"
        )
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader)
    rows: list[Row] = []
    for cells in reader:
        if len(cells) != len(header):
            raise SnapshotError(
                f"the CBS snapshot file {path.name} has {len(cells)} cells on line "
                f"{reader.line_num} where its header has {len(header)}; rebuild it with "
                "python tools/build_cbs_snapshot.py"
            )
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def _optional_int(text: str) -> int | None:
    return int(text) if text else None


def _regions(frame: list[Row]) -> list[Region]:
    return [
        Region(
            code=row["code"],
            name=row["name"],
            level=Level(row["level"]),
            landsdeel_code=row["landsdeel_code"] or None,
            province_code=row["province_code"] or None,
            corop_code=row["corop_code"] or None,
            first_year=_optional_int(row["first_year"]),
            last_year=_optional_int(row["last_year"]),
            size_class=_optional_int(row["size_class"]),
            urbanity=_optional_int(row["urbanity"]),
        )
        for row in frame
    ]


def _write_mergers(con: duckdb.DuckDBPyConnection, frame: list[Row]) -> None:
    store.insert_region_mergers(
        con,
        [
            (r["old_code"], r["new_code"], int(r["year"]), float(r["population_share"]))
            for r in frame
        ],
    )


def _observations(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(OBSERVATION_COLUMNS))
    return frame.astype(
        {"year": "int64", "value": "float64", "ci_low": "float64", "ci_high": "float64"}
    )


def _observation(
    indicator_id: str,
    region: str,
    year: int,
    value: float | None,
    *,
    status: str = "definitief",
    missing_reason: str | None = None,
) -> dict[str, Any]:
    return {
        "indicator_id": indicator_id,
        "region_code": region,
        "period": str(year),
        "year": year,
        "value": value,
        "ci_low": None,
        "ci_high": None,
        "status": status,
        "missing_reason": missing_reason,
    }


def _write_load(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    file_name: str | None,
    format: str,
    frame: pd.DataFrame,
    report: dict[str, Any],
) -> int:
    load_id = store.create_load(
        con,
        source=source,
        format=format,
        file_name=file_name,
        loaded_by="system",
        n_rows=len(frame),
        report=report,
    )
    store.write_observations(con, frame, load_id=load_id)
    return load_id


def _write_population(con: duckdb.DuckDBPyConnection, frame: list[Row]) -> None:
    rows = [
        _observation(
            catalogue.POPULATION_INDICATOR_ID,
            r["region"],
            int(r["year"]),
            float(r["value"]),
            status=r["status"],
        )
        for r in frame
    ]
    _write_load(
        con,
        source="CBS 03759ned, Bevolking op 1 januari (StatLine)",
        format="cbs_snapshot",
        file_name="data/cbs/population.csv.gz",
        frame=_observations(rows),
        report=_report({"rows": len(rows)}, []),
    )


def _write_rmbw(
    con: duckdb.DuckDBPyConnection, frame: list[Row], rmbw: tuple[RmbwIndicator, ...]
) -> None:
    by_code = {r.indicator.cbs_code: r for r in rmbw if r.indicator.cbs_code}
    unknown = sorted({r["cbs_code"] for r in frame} - set(by_code))
    if unknown:
        raise SnapshotError(f"RMBW codes without a catalogue entry: {unknown}")
    rows: list[dict[str, Any]] = []
    left_out = 0
    suspect: defaultdict[str, set[str]] = defaultdict(set)
    for r in frame:
        entry = by_code[r["cbs_code"]]
        year = int(r["year"])
        if r["suspect"] == "1":
            suspect[r["region"]].add(r["cbs_code"])
            rows.append(
                _observation(
                    entry.indicator.id, r["region"], year, None, missing_reason=SUSPECT_REASON
                )
            )
        elif r["left_out"] == "1":
            left_out += 1
            rows.append(
                _observation(
                    entry.indicator.id,
                    r["region"],
                    year,
                    None,
                    missing_reason=entry.left_out_reason,
                )
            )
        else:
            rows.append(_observation(entry.indicator.id, r["region"], year, float(r["value"])))
    n_suspect = sum(1 for row in rows if row["missing_reason"] == SUSPECT_REASON)
    series = "; ".join(
        f"{region}: {', '.join(sorted(codes))}" for region, codes in sorted(suspect.items())
    )
    notes = [
        (
            "left_out",
            f"{left_out} waarden die CBS niet publiceert (bijvoorbeeld te weinig "
            "respondenten) zijn als ontbrekend opgeslagen, met de reden, nooit als 0",
        ),
        (
            "suspect_series",
            f"{n_suspect} waarden van verdachte reeksen (hele getallen die met de "
            f"hand ingevuld lijken) zijn niet geladen: {series}",
        ),
    ]
    counts = {
        "rows": len(rows),
        "values": len(rows) - left_out - n_suspect,
        "left_out": left_out,
        "suspect": n_suspect,
    }
    _write_load(
        con,
        source="CBS Regionale Monitor Brede Welvaart (RMBW), gemeenten 2013–2022",
        format="cbs_snapshot",
        file_name="data/cbs/rmbw_gemeenten.csv.gz",
        frame=_observations(rows),
        report=_report(counts, notes),
    )


def _write_nl_labour(
    con: duckdb.DuckDBPyConnection, frame: list[Row], rmbw: tuple[RmbwIndicator, ...]
) -> None:
    ids = {r.indicator.cbs_code: r.indicator.id for r in rmbw if r.indicator.cbs_code}
    rows = [
        _observation(
            ids[r["cbs_code"]], _NL_CODE, int(r["year"]), float(r["value"]), status=r["status"]
        )
        for r in frame
    ]
    notes = [
        (
            "same_definition",
            "werkloosheid, netto- en brutoarbeidsparticipatie van 15 tot "
            "75 jaar, niet seizoengecorrigeerd (M001906_2, M001796_2, "
            "M001731_2): dezelfde definitie als de gemeentecijfers",
        )
    ]
    _write_load(
        con,
        source="CBS 80590ned, Arbeidsdeelname en werkloosheid (StatLine)",
        format="cbs_snapshot",
        file_name="data/cbs/nl_arbeid.csv",
        frame=_observations(rows),
        report=_report({"rows": len(rows)}, notes),
    )


def _report(counts: dict[str, int], notes: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "ok": True,
        "format": "cbs_snapshot",
        "detected": {},
        "counts": counts,
        "issues": [
            {"severity": "info", "code": code, "line": None, "message": message}
            for code, message in notes
        ],
    }


def aggregate_from_gemeenten(
    con: duckdb.DuckDBPyConnection, *, thresholds: assess.Thresholds = assess.DEFAULT_THRESHOLDS
) -> int | None:
    """Compute NL, landsdeel, province and COROP values from gemeente values as one load.

    Only where no source value exists for that region, indicator and year, only for
    indicators that aggregate (methods.md §6), and only with at least 80% population coverage;
    each value's coverage goes to ``aggregated_values``. The weights are the gemeenten's
    population on 1 January of the same year, else of the nearest year the store holds (the
    population series starts in 2019). Returns the load id, or None when nothing was computed.
    """
    gemeenten = aggregation.read_current_gemeenten(con)
    indicators = aggregation.read_aggregations(con)
    values = aggregation.read_gemeente_values(con)
    existing = aggregation.read_parent_value_keys(con)
    weights = _population_weights(values, list(gemeenten["code"]))
    parents = _parents(con, gemeenten)
    cells: dict[tuple[str, int], dict[str, tuple[float, str]]] = defaultdict(dict)
    for indicator_id, region_code, year, value, status in values:
        if indicator_id in indicators:
            cells[(indicator_id, int(year))][region_code] = (value, status)

    rows, provenance = [], []
    for (indicator_id, year), by_member in sorted(cells.items()):
        year_weights = weights.get(year)
        if year_weights is None:
            continue
        for parent, members in parents.items():
            if (indicator_id, parent, year) in existing:
                continue  # a source value wins: a computed one is never put beside it
            member_cells = [by_member.get(code) for code in members]
            result = assess.aggregate_group(
                [cell[0] if cell else None for cell in member_cells],
                [year_weights.get(code) for code in members],
                aggregation=indicators[indicator_id],
                thresholds=thresholds,
            )
            if result.value is None or result.coverage is None:
                continue
            status = max(
                (cell[1] for cell in member_cells if cell),
                key=("definitief", "nader_voorlopig", "voorlopig").index,
            )
            rows.append(_observation(indicator_id, parent, year, result.value, status=status))
            provenance.append(
                (
                    indicator_id,
                    parent,
                    str(year),
                    result.coverage,
                    result.n_members,
                    result.n_with_data,
                )
            )
    if not rows:
        return None
    notes = [
        (
            "aggregated",
            "gemiddelden gewogen met het aantal inwoners op 1 januari van "
            "hetzelfde jaar (vóór 2019: van 2019), sommen alleen bij volledige "
            "dekking; alleen getoond bij ten minste 80% dekking van de bevolking",
        )
    ]
    load_id = _write_load(
        con,
        source=AGGREGATED_SOURCE,
        format=AGGREGATED_FORMAT,
        file_name=None,
        frame=_observations(rows),
        report=_report({"rows": len(rows)}, notes),
    )
    aggregation.insert_aggregated_values(con, load_id, provenance)
    return load_id


def _parents(con: duckdb.DuckDBPyConnection, gemeenten: pd.DataFrame) -> dict[str, list[str]]:
    """The current gemeenten of NL, each landsdeel, province and COROP region of the store."""
    known = aggregation.read_parent_codes(con)
    parents: dict[str, list[str]] = defaultdict(list)
    for row in gemeenten.to_dict("records"):
        if _NL_CODE in known:
            parents[_NL_CODE].append(row["code"])
        for column in _PARENT_COLUMNS.values():
            parent = row[column]
            if isinstance(parent, str) and parent in known:
                parents[parent].append(row["code"])
    return {parent: sorted(members) for parent, members in sorted(parents.items())}


def _population_weights(
    values: list[tuple[Any, ...]], codes: list[str]
) -> dict[int, dict[str, float]]:
    """Per year, each gemeente's population: that year's, else the nearest year's."""
    by_code: dict[str, dict[int, float]] = defaultdict(dict)
    for indicator_id, region_code, year, value, _ in values:
        if indicator_id == catalogue.POPULATION_INDICATOR_ID:
            by_code[region_code][int(year)] = float(value)
    years = sorted({int(row[2]) for row in values})
    weights: dict[int, dict[str, float]] = {}
    for year in years:
        weights[year] = {}
        for code in codes:
            series = by_code.get(code)
            if series:
                # The nearest year; on a tie the earlier one (a gemeente's first count).
                nearest = min(series, key=lambda y: (abs(y - year), y))
                weights[year][code] = series[nearest]
    return weights


def read_example_targets(path: Path = EXAMPLE_TARGETS_FILE) -> list[Target]:
    """The shipped example streefwaarden, each labelled as an example (bw.targets' marks)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    regions = set(frame["region_code"])
    if len(regions) > 2:
        raise SnapshotError(f"{path.name}: example targets for {len(regions)} gemeenten; at most 2")

    def number(text: str) -> float | None:
        return float(text) if text else None

    return [
        Target(
            region_code=row["region_code"],
            indicator_id=row["indicator_id"],
            minimum=number(row["minimum"]),
            ambition=number(row["ambition"]),
            target_year=_optional_int(row["target_year"]),
            baseline_year=_optional_int(row["baseline_year"]),
            rationale=EXAMPLE_TARGET_RATIONALE,
            source=EXAMPLE_TARGET_SOURCE,
        )
        for row in frame.to_dict("records")
    ]
