"""The fictional demo programme: read from ``bw/data/demo_programme.toml`` and written to a store.

This module sits above both :mod:`bw.demo` and :mod:`bw.programmes`, so neither needs the other:
the programme's records and inserts stay in ``programmes``, the demo's numbers in ``demo``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from bw import monitor
from bw.auth import Actor
from bw.data_files import DATA_DIR, DataFileError, read_toml
from bw.demo import nice_step
from bw.programmes import (
    Activiteit,
    ActivityStatus,
    Doel,
    MeasurementMoment,
    Opgave,
    Programme,
    ProgrammeKind,
    insert_activiteit,
    insert_doel,
    insert_measurement_moment,
    insert_opgave,
    insert_programme,
    link_indicator,
)

PROGRAMME_FILE = DATA_DIR / "demo_programme.toml"

_PROGRAMME_KEYS = {
    "name",
    "kind",
    "owner",
    "start_year",
    "end_year",
    "description",
    "region_codes",
    "moments",
    "opgaven",
}
_OPGAVE_KEYS = {"title", "description", "indicators", "doelen"}
_DOEL_KEYS = {
    "text",
    "indicator_id",
    "target_value",
    "target_year",
    "owner",
    "feasibility_note",
    "indicators",
    "activiteiten",
}
_ACTIVITEIT_KEYS = {"title", "status", "share_done", "budget"}
_MOMENT_KEYS = {"month", "day", "label"}


def read_demo_programme(path: Path = PROGRAMME_FILE) -> Programme:
    """The demo programme as unsaved records (ids 0: the store gives them).

    A doel's ``target_value`` is a placement in :func:`bw.demo.nice_step` steps (see the file);
    :func:`write_demo_programme` turns it into a value.

    >>> read_demo_programme().region_codes
    ('RD_ZUID_LIMBURG',)
    """
    data = read_toml(path)
    try:
        return _programme(data)
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"{path.name}: {error}") from error


def _checked(table: dict[str, Any], allowed: set[str], where: str) -> dict[str, Any]:
    """The table, after checking it has no key outside ``allowed`` (a typo would be lost)."""
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    return table


def _programme(data: dict[str, Any]) -> Programme:
    """The programme table as a record."""
    data = _checked(data, _PROGRAMME_KEYS, "programme")
    start, end = int(data["start_year"]), int(data["end_year"])
    yearly = [_checked(m, _MOMENT_KEYS, f"moments[{i}]") for i, m in enumerate(data["moments"])]
    moments = tuple(
        MeasurementMoment(date(year, int(m["month"]), int(m["day"])), m["label"].format(year=year))
        for year in range(start, end + 1)
        for m in yearly
    )
    return Programme(
        0,
        data["name"],
        ProgrammeKind(data["kind"]),
        owner=data.get("owner"),
        start_year=start,
        end_year=end,
        description=data.get("description"),
        region_codes=tuple(data["region_codes"]),
        opgaven=tuple(_opgave(o, f"opgaven[{i}]") for i, o in enumerate(data["opgaven"])),
        moments=moments,
    )


def _opgave(table: dict[str, Any], where: str) -> Opgave:
    """One opgave table as a record."""
    table = _checked(table, _OPGAVE_KEYS, where)
    return Opgave(
        0,
        0,
        table["title"],
        table.get("description"),
        indicators=tuple(table.get("indicators", ())),
        doelen=tuple(
            _doel(d, f"{where}.doelen[{i}]") for i, d in enumerate(table.get("doelen", ()))
        ),
    )


def _doel(table: dict[str, Any], where: str) -> Doel:
    """One doel table as a record."""
    table = _checked(table, _DOEL_KEYS, where)
    return Doel(
        0,
        0,
        table["text"],
        indicator_id=table.get("indicator_id"),
        target_value=table.get("target_value"),
        target_year=table.get("target_year"),
        owner=table.get("owner"),
        feasibility_note=table.get("feasibility_note"),
        indicators=tuple(table.get("indicators", ())),
        activiteiten=tuple(
            _activiteit(a, f"{where}.activiteiten[{i}]")
            for i, a in enumerate(table.get("activiteiten", ()))
        ),
    )


def _activiteit(table: dict[str, Any], where: str) -> Activiteit:
    """One activiteit table as a record."""
    table = _checked(table, _ACTIVITEIT_KEYS, where)
    try:
        status = ActivityStatus(table["status"])
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from error
    return Activiteit(0, 0, table["title"], status, float(table["share_done"]), table.get("budget"))


def write_demo_programme(con: duckdb.DuckDBPyConnection, *, actor: Actor) -> int:
    """Write the fictional demo programme (see :func:`read_demo_programme`); return its id.

    Run after the derived tables are refreshed: each doel's target value is placed around the
    demo's current value of its indicator in the programme's region, so that the demo shows a
    goal met, one not met and one without a verdict.
    """
    spec = read_demo_programme()
    programme_id = insert_programme(
        con,
        name=spec.name,
        kind=spec.kind,
        region_codes=spec.region_codes,
        owner=spec.owner,
        start_year=spec.start_year,
        end_year=spec.end_year,
        description=spec.description,
        actor=actor,
    )
    assessment = monitor.assess_region(con, spec.region_codes[0])
    for opgave in spec.opgaven:
        opgave_id = insert_opgave(
            con,
            programme_id,
            title=opgave.title,
            description=opgave.description,
            indicators=opgave.indicators,
            actor=actor,
        )
        for doel in opgave.doelen:
            doel_id = insert_doel(
                con,
                opgave_id,
                text=doel.text,
                indicator_id=doel.indicator_id,
                target_value=_demo_target_value(assessment, doel),
                target_year=doel.target_year,
                owner=doel.owner,
                feasibility_note=doel.feasibility_note,
                actor=actor,
            )
            for indicator_id in doel.indicators:
                link_indicator(
                    con,
                    programme_id,
                    level="doel",
                    ref_id=doel_id,
                    indicator_id=indicator_id,
                    actor=actor,
                )
            for activiteit in doel.activiteiten:
                insert_activiteit(
                    con,
                    doel_id,
                    title=activiteit.title,
                    status=activiteit.status,
                    share_done=activiteit.share_done,
                    budget=activiteit.budget,
                    actor=actor,
                )
    for moment in spec.moments:
        insert_measurement_moment(
            con, programme_id, on=moment.date, label=moment.label, actor=actor
        )
    return programme_id


def _demo_target_value(assessment: monitor.RegionAssessment, doel: Doel) -> float | None:
    """The demo spec's target_value is a placement in steps: +n = n steps worse (so met)."""
    if doel.indicator_id is None or doel.target_value is None:
        return None
    item = assessment.item(doel.indicator_id)
    if item is None or item.value is None:
        return None
    step = nice_step(item.value, decimals=item.decimals)
    worse = -1.0 if item.direction == "up" else 1.0
    return round(round(item.value / step) * step + worse * doel.target_value * step, item.decimals)
