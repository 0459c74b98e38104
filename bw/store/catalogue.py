"""The indicator catalogue: themes and indicators, written and read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

import duckdb
import pandas as pd

from bw.model import Aggregation, Dimension, Direction, Indicator, Theme
from bw.store.errors import StoreError

#: Presentation order of the dimensions, for ORDER BY over a themes table aliased ``t``.
DIMENSION_ORDER = "CASE t.dimension WHEN 'hier_en_nu' THEN 1 WHEN 'later' THEN 2 ELSE 3 END"


def insert_themes(con: duckdb.DuckDBPyConnection, themes: Iterable[Theme]) -> None:
    """Add themes to the catalogue."""
    themes = list(themes)
    if not themes:
        return
    con.executemany(
        "INSERT INTO themes VALUES (?, ?, ?, ?, ?)",
        [[t.id, str(t.dimension), t.name_nl, t.name_en, t.sort_order] for t in themes],
    )


def insert_indicators(
    con: duckdb.DuckDBPyConnection,
    indicators: Iterable[Indicator],
    *,
    classification: str = "classified",
    created_by_load: int | None = None,
) -> None:
    """Add indicators and their theme links to the catalogue."""
    indicators = list(indicators)
    if not indicators:
        return
    con.executemany(
        "INSERT INTO indicators (id, name_nl, name_en, description_nl, description_en, unit, "
        "decimals, direction, aggregation, source, is_survey, classification, created_by_load, "
        "cbs_code, value_min, value_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                i.id,
                i.name_nl,
                i.name_en,
                i.description_nl,
                i.description_en,
                i.unit,
                i.decimals,
                str(i.direction),
                str(i.aggregation),
                i.source,
                i.is_survey,
                classification,
                created_by_load,
                i.cbs_code,
                i.value_min,
                i.value_max,
            ]
            for i in indicators
        ],
    )
    links = [[i.id, theme_id] for i in indicators for theme_id in i.theme_ids]
    if links:
        con.executemany("INSERT INTO indicator_themes VALUES (?, ?)", links)
    unknown = con.execute(
        "SELECT DISTINCT it.theme_id FROM indicator_themes it "
        "ANTI JOIN themes t ON t.id = it.theme_id"
    ).fetchall()
    if unknown:
        raise StoreError(f"indicators link to unknown themes: {sorted(u[0] for u in unknown)}")


#: Every indicator with its metadata and its dimensions and themes in presentation order (the
#: first theme is the main theme); unclassified indicators have empty lists. Read as a frame by
#: :func:`read_indicator_catalogue`, as records by :func:`read_indicators`.
_CATALOGUE = f"""
SELECT i.id AS indicator_id, i.name_nl, i.name_en, i.description_nl, i.description_en,
       i.unit, i.decimals, i.direction, i.aggregation, i.source, i.is_survey,
       i.classification, i.cbs_code, i.value_min, i.value_max,
       coalesce(list(t.dimension ORDER BY {DIMENSION_ORDER}, t.sort_order)
                FILTER (WHERE t.id IS NOT NULL), []) AS dimensions,
       coalesce(list(t.id ORDER BY {DIMENSION_ORDER}, t.sort_order)
                FILTER (WHERE t.id IS NOT NULL), []) AS theme_ids
FROM indicators i
LEFT JOIN indicator_themes it ON it.indicator_id = i.id
LEFT JOIN themes t ON t.id = it.theme_id
GROUP BY ALL
ORDER BY i.id
"""


# The same catalogue as one row per indicator and theme, for records: grouped in Python, it
# costs half of DuckDB's ordered list aggregates (the Overzicht reads it per page). Ordered in
# Python too (_theme_order): DuckDB's sort of these few dozen rows took 1 of its 2.4 ms.
_CATALOGUE_ROWS = """
SELECT i.id AS indicator_id, i.name_nl, i.name_en, i.description_nl, i.description_en,
       i.unit, i.decimals, i.direction, i.aggregation, i.source, i.is_survey,
       i.classification, i.cbs_code, i.value_min, i.value_max, t.dimension, t.id AS theme_id,
       t.sort_order
FROM indicators i
LEFT JOIN indicator_themes it ON it.indicator_id = i.id
LEFT JOIN themes t ON t.id = it.theme_id
"""
# The rank of each dimension in DIMENSION_ORDER.
_DIMENSION_RANK = {"hier_en_nu": 1, "later": 2}


def _theme_order(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Sort key of a catalogue row: indicator, then its themes as DIMENSION_ORDER has them."""
    indicator_id, *_, dimension, theme_id, sort_order = row
    # A row without a theme (an unclassified indicator) has None for all three: one row only.
    return (indicator_id, _DIMENSION_RANK.get(dimension, 3), sort_order or 0, theme_id or "")


@dataclass(frozen=True, slots=True)
class CatalogueIndicator(Indicator):
    """An indicator as the store holds it: its metadata plus its dimensions and classification."""

    dimensions: tuple[Dimension, ...] = ()  # (Dimension.HIER_EN_NU,): one each, in order
    classification: str = "classified"  # 'unclassified': loaded from a source, no theme yet


def read_indicator_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every indicator with its metadata, dimensions and themes, as a table for pages.

    Indicators still to be classified (loaded from a source, no theme yet) have empty lists.
    """
    frame = con.execute(_CATALOGUE).df()
    # One entry per dimension, in the order hier en nu, later, elders.
    frame["dimensions"] = frame["dimensions"].map(lambda dims: list(dict.fromkeys(dims)))
    return frame


def read_indicators(
    con: duckdb.DuckDBPyConnection, *, classified_only: bool = False
) -> list[CatalogueIndicator]:
    """Every indicator as a record (the catalogue of :func:`read_indicator_catalogue`), by id.

    ``classified_only`` leaves out indicators without a theme yet (the Data page lists them).
    """
    indicators = []
    rows = sorted(con.execute(_CATALOGUE_ROWS).fetchall(), key=_theme_order)
    for _, group in groupby(rows, key=itemgetter(0)):
        own = list(group)
        themes = [row for row in own if row[-2] is not None]
        if classified_only and not themes:
            continue
        lists = ([row[-3] for row in themes], [row[-2] for row in themes])
        indicators.append(indicator_from_row((*own[0][:-3], *lists)))
    return indicators


def indicator_from_row(row: Sequence[Any]) -> CatalogueIndicator:
    """One row of the catalogue query (its 17 columns, in order) as a record."""
    (
        indicator_id,
        name_nl,
        name_en,
        description_nl,
        description_en,
        unit,
        decimals,
        direction,
        aggregation,
        source,
        is_survey,
        classification,
        cbs_code,
        value_min,
        value_max,
        dimensions,
        theme_ids,
    ) = row
    return CatalogueIndicator(
        id=indicator_id,
        name_nl=name_nl,
        name_en=name_en,
        description_nl=description_nl or "",
        description_en=description_en or "",
        unit=unit,
        decimals=decimals,
        direction=Direction(direction),
        aggregation=Aggregation(aggregation),
        source=source,
        theme_ids=tuple(theme_ids),
        is_survey=bool(is_survey),
        cbs_code=cbs_code or None,
        value_min=value_min,
        value_max=value_max,
        dimensions=tuple(Dimension(d) for d in dict.fromkeys(dimensions)),
        classification=classification,
    )


def read_themes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The themes with their dimension and names, in presentation order."""
    return con.execute(
        f"SELECT id AS theme_id, dimension, name_nl, name_en, sort_order FROM themes t "
        f"ORDER BY {DIMENSION_ORDER}, sort_order"
    ).df()


def replace_indicators(con: duckdb.DuckDBPyConnection, indicators: Sequence[Indicator]) -> None:
    """Insert new indicators and overwrite existing ones with their theme links.

    Importing complete metadata classifies an indicator; which load created it is kept, so
    undoing that load still knows. The caller refreshes the derived tables.
    """
    ids = [i.id for i in indicators]
    if not ids:
        return
    placeholders = ", ".join("?" * len(ids))
    created = dict(
        con.execute(
            f"SELECT id, created_by_load FROM indicators WHERE id IN ({placeholders})", ids
        ).fetchall()
    )
    con.execute(f"DELETE FROM indicator_themes WHERE indicator_id IN ({placeholders})", ids)
    con.execute(f"DELETE FROM indicators WHERE id IN ({placeholders})", ids)
    insert_indicators(con, indicators)
    for indicator_id, load_id in created.items():
        if load_id is not None:
            con.execute(
                "UPDATE indicators SET created_by_load = ? WHERE id = ?", [load_id, indicator_id]
            )


def read_theme_dimensions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The dimension of every theme, by theme id."""
    return dict(con.execute("SELECT id, dimension FROM themes").fetchall())


def read_indicator_units(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The unit of every indicator, by indicator id."""
    return dict(con.execute("SELECT id, unit FROM indicators").fetchall())


def read_observed_indicator_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The ids of the indicators that have at least one observation."""
    return {
        row[0] for row in con.execute("SELECT DISTINCT indicator_id FROM observations").fetchall()
    }
