"""Page parts built once per store, region and language, then shared by every session.

A warm page view spent most of its time rebuilding the same Plotly figures, display tables and
download files on every rerun, although they only change with the store, the region, the
indicator or the language. With 50 viewers at once that work queues in one process, so it is
done here once and reused (docs/deploy.md, *Measured*).

Every part is keyed on the store (its path and, on a replica, the snapshot version), the
language and what the page chose; the objects it needs are passed as ``_``-prefixed arguments,
which Streamlit leaves out of the key, so the key must name everything they depend on. Parts are
shared, not copied: callers only read them (``st.plotly_chart`` and ``st.dataframe`` do).
Writes clear them together with the reads they are built from (``ui.store.clear_caches``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from bw.export import to_csv_bytes
from bw.figures import figure_series, figure_status_matrix, scale_of
from bw.monitor import IndicatorAssessment, RegionAssessment
from bw.reports.factsheet import build_factsheet
from ui import judgements as j
from ui.format import unit_label
from ui.i18n import current_language, t
from ui.store import DERIVED_CACHES, is_demo, read_themes, store_key, store_source

#: Parts kept per kind (each tens of kB, so at most some tens of MB in all); the least recently
#: used goes first when a kind is full.
_MAX_PARTS = 256
#: Like the reads they are built from, parts are built again after this many seconds.
_TTL_SECONDS = 600


def cached_part(function):
    """A bounded cache shared by all sessions for a part builder, cleared with the store's reads."""
    cached = st.cache_resource(max_entries=_MAX_PARTS, ttl=_TTL_SECONDS, show_spinner=False)(
        function
    )
    DERIVED_CACHES.append(cached)
    return cached


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as the Arrow table ``st.dataframe`` sends, converted once with its part.

    Given a DataFrame, ``st.dataframe`` converts it to Arrow on every run: for the Overzicht's
    two tables that was a tenth of a warm run's CPU time with 100 viewers (py-spy, README
    "Performance"). Given an Arrow table, it only writes it out. The index is left out: the
    tables hide it anyway.
    """
    return pa.Table.from_pandas(frame, preserve_index=False)


# --- Overzicht --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverviewParts:
    """What the Overzicht page shows of a region besides its counts."""

    factsheet: bytes  # the printable HTML factsheet
    csv: bytes  # every indicator as CSV (formula-neutralised)
    matrix_figure: go.Figure | None  # the status matrix per theme; None without themes
    matrix_table: pa.Table | None  # its table alternative
    table: pa.Table  # one row per indicator
    indicator_ids: tuple[str, ...]  # the table's rows, in order


def overview_parts(assessment: RegionAssessment) -> OverviewParts:
    """The Overzicht parts of the region of ``assessment`` (the latest period's)."""
    return _overview_parts(*store_key(), current_language(), assessment.region.code, assessment)


@cached_part
def _overview_parts(
    path: str, version: str, lang: str, region_code: str, _assessment: RegionAssessment
) -> OverviewParts:
    themes = read_themes()
    matrix = j.status_matrix_frame(_assessment, themes)
    figure = table = None
    if not matrix.empty:
        figure = figure_status_matrix(matrix, lang=lang, title=t("overzicht.matrix_title"))
        table = arrow_table(j.status_matrix_table(matrix))
    rows, ids = j.overview_table(_assessment, themes)
    return OverviewParts(
        factsheet=build_factsheet(
            _assessment, lang=lang, demo=is_demo(), cbs=store_source() == "cbs"
        ),
        csv=to_csv_bytes(j.overview_export(_assessment, themes), lang=lang),
        matrix_figure=figure,
        matrix_table=table,
        table=arrow_table(rows),
        indicator_ids=tuple(ids),
    )


# --- one indicator: Hier en nu, Later, Elders and the Overzicht detail ------------------------


@dataclass(frozen=True, slots=True)
class SeriesParts:
    """An indicator's chart for a region, its table alternative and the CSV behind both."""

    figure: go.Figure
    table: pd.DataFrame  # year, value, interval, status and one column per reference line
    reference_names: tuple[str, ...]  # the reference columns of ``table``
    projection_table: pd.DataFrame | None  # Later: the projection per year; else None
    csv: bytes


def series_parts(
    item: IndicatorAssessment,
    assessment: RegionAssessment,
    references: dict[str, pd.DataFrame],
    *,
    later: bool,
) -> SeriesParts:
    """The chart, tables and CSV of ``item`` (with its projection on Later)."""
    return _series_parts(
        *store_key(),
        current_language(),
        assessment.region.code,
        item.indicator,
        later,
        item,
        assessment,
        references,
    )


@cached_part
def _series_parts(
    path: str,
    version: str,
    lang: str,
    region_code: str,
    indicator: str,
    later: bool,
    _item: IndicatorAssessment,
    _assessment: RegionAssessment,
    _references: dict[str, pd.DataFrame],
) -> SeriesParts:
    figure = figure_series(
        _item.series.frame(),
        title=j.name_of(_item),
        unit=unit_label(_item.unit),
        decimals=_item.decimals,
        lang=lang,
        references=_references,
        target=j.target_of(_item),
        projection=j.projection_frame(_item) if later else None,
        region_label=_assessment.region.name,
        value_range=scale_of(_item.unit),
    )
    display, raw = j.series_tables(_item, _references)
    projection_display = None
    tables = j.projection_tables(_item) if later else None
    if tables is not None:
        projection_display, projection_raw = tables
        raw = raw.merge(projection_raw, on=t("csv.year"), how="outer")
    return SeriesParts(
        figure=figure,
        table=display,
        reference_names=tuple(_references),
        projection_table=projection_display,
        csv=to_csv_bytes(raw, lang=lang, decimals=_item.decimals),
    )


def theme_table(
    assessment: RegionAssessment, dimension: str, theme: str, items: list[IndicatorAssessment]
) -> pd.DataFrame:
    """The table of a theme's indicators on a dimension page."""
    return _theme_table(
        *store_key(), current_language(), assessment.region.code, dimension, theme, items
    )


@cached_part
def _theme_table(
    path: str,
    version: str,
    lang: str,
    region_code: str,
    dimension: str,
    theme: str,
    _items: list[IndicatorAssessment],
) -> pd.DataFrame:
    return j.theme_table(_items)
