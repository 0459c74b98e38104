"""The indicator catalogue: themes and indicators, written and read."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from bw.model import Indicator, Theme
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
                i.id, i.name_nl, i.name_en, i.description_nl, i.description_en, i.unit,
                i.decimals, str(i.direction), str(i.aggregation), i.source, i.is_survey,
                classification, created_by_load, i.cbs_code, i.value_min, i.value_max,
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


def read_indicator_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every indicator with its metadata, dimensions and themes (first theme = main theme).

    Indicators still to be classified (loaded from a source, no theme yet) have empty lists.
    """
    frame = con.execute(
        f"""
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
    ).df()
    # One entry per dimension, in the order hier en nu, later, elders.
    frame["dimensions"] = frame["dimensions"].map(lambda dims: list(dict.fromkeys(dims)))
    return frame


def read_themes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The themes with their dimension and names, in presentation order."""
    return con.execute(
        f"SELECT id AS theme_id, dimension, name_nl, name_en, sort_order FROM themes t "
        f"ORDER BY {DIMENSION_ORDER}, sort_order"
    ).df()
