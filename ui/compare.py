"""Vergelijken: one indicator across the regions of a level, as a map (when a boundary file is
there: installed, or the gemeenten and provinces shipped with bw) or a ranked bar chart, always
with a ranked table; filtered to similar regions or a region group on request.

Council members read this page: when there is no map it says so in a plain sentence, without
paths or commands (installing boundaries is advice on the Data page, for analysts)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bw.assess import DEFAULT_THRESHOLDS
from bw.export import to_csv_bytes
from bw.figures import PALETTE, figure_map, figure_ranking, scale_of
from bw.formatting import format_number
from bw.model import Level, is_missing
from ui import judgements as j
from ui.format import unit_label
from ui.i18n import current_language, t
from ui.indicator import render_no_region, render_plotly
from ui.page_cache import cached_part
from ui.params import INDICATOR_PARAM, LEVEL_PARAM, seed_choice, write_choice
from ui.render import lazy_tabs, render_demo_caption
from ui.sidebar import RegionChoice
from ui.store import (
    read_assessment,
    read_boundaries,
    read_catalogue,
    read_comparison_period,
    read_groups,
    read_ranking,
    read_ranking_years,
    read_regions,
    read_themes,
    store_key,
)

#: Levels that can be ranked and compared, in the order the level radio offers them.
COMPARE_LEVELS = (Level.GM, Level.PV, Level.CR, Level.LD, Level.WK, Level.BU)
#: Widget keys.
INDICATOR_KEY = "vergelijken_indicator"
LEVEL_KEY = "vergelijken_niveau"
FILTER_KEY = "vergelijken_filter"
YEAR_KEY = "vergelijken_jaar"
#: Widget key of the map/ranking/table tabs (only the open one is drawn).
TABS_KEY = "vergelijken_tabs"
#: The selected region's marker in the table (the figures use the same sign).
MARKER = "▶"

LOG = logging.getLogger(__name__)


def render_compare_page(region: RegionChoice | None) -> None:
    """The whole Vergelijken page."""
    st.title(t("vergelijken.title"))
    render_demo_caption()
    st.write(t("vergelijken.body", region=j.md(region.label) if region else "—"))
    if region is None:
        render_no_region()
        return
    catalogue = read_catalogue()
    regions = read_regions()
    levels = [level for level in COMPARE_LEVELS if (regions["level"] == level).any()]
    if catalogue.empty or not levels:
        st.info(t("overzicht.no_indicators"), icon=":material/info:")
        return
    meta = _choose_indicator(catalogue)
    level_column, year_column = st.columns([3, 1])
    with level_column:
        level = _choose_level(levels, region)
    comparison = read_comparison_period(str(meta["indicator_id"]), level)
    with year_column:
        chosen_year = _choose_year(str(meta["indicator_id"]), level, comparison)
    ranking = read_ranking(str(meta["indicator_id"]), level, chosen_year)
    name = str(meta["name_en"] if current_language() == "en" else meta["name_nl"])
    if ranking.empty:
        st.info(
            t(
                "vergelijken.no_ranking",
                indicator=j.md(name),
                regions=t(f"levels.{level}"),
                year=chosen_year or t("vergelijken.latest_year"),
            ),
            icon=":material/info:",
        )
        return
    shown, filter_text = _filter(ranking, regions, region, level)
    year = int(ranking["year"].iloc[0])
    st.caption(
        t(
            "vergelijken.caption",
            regions=t(f"levels.{level}"),
            year=year,
            n=format_number(int(ranking["value"].notna().sum()), lang=current_language()),
        )
        + " "
        + filter_text
    )
    if chosen_year is None:
        _say_comparison_year(comparison, level, year)
    if shown.empty:
        st.info(t("vergelijken.filter_empty"), icon=":material/info:")
        return
    highlight = region.code if region.code in set(shown["code"]) else None
    if highlight is None:
        _say_own_value(region, str(meta["indicator_id"]))
    title = t("vergelijken.figure_title", indicator=name, year=year)
    unit = unit_label(str(meta["unit"]))
    decimals, direction = int(meta["decimals"]), str(meta["direction"])
    boundaries = read_boundaries(level, year)
    tabs: list[str] = []
    if boundaries.boundaries is not None:
        tabs.append(t("tab.map"))
    else:
        _say_there_is_no_map(level, year, boundaries)
    tabs += [t("tab.ranking"), t("tab.table")]
    # Only the open tab is drawn: the map alone is most of what the browser receives here.
    containers = dict(zip(tabs, lazy_tabs(tabs, key=TABS_KEY), strict=True))
    if boundaries.boundaries is not None and containers[t("tab.map")].open:
        with containers[t("tab.map")]:
            geojson = boundaries.boundaries.geojson
            mapped = shown
            if st.session_state.get(FILTER_KEY) == "peer":
                # Similar municipalities lie all over the country: the map shows every one, so
                # the others read as context rather than as "no data".
                mapped = ranking
                st.caption(t("vergelijken.map_all"))
            elif len(shown) < len(ranking):
                codes = set(shown["code"])
                geojson = {
                    "type": "FeatureCollection",
                    "features": [
                        feature
                        for feature in geojson["features"]
                        if feature["properties"]["statcode"] in codes
                    ],
                }
            figure = figure_map(
                mapped,
                geojson,
                title=title,
                unit=unit,
                decimals=decimals,
                lang=current_language(),
                highlight=highlight,
                direction=direction,
            )
            _add_attribution(figure)
            render_plotly(figure, key="vergelijken_map")
            boundary_year = boundaries.boundaries.year
            source = (
                t("vergelijken.map_source_year", year=boundary_year)
                if boundary_year
                else f"{t('vergelijken.map_source')}."
            )
            st.caption(f"{source} {t('vergelijken.map_note')}")
    parts = _ranking_parts(
        *store_key(),
        current_language(),
        # What chose the rows shown: with the rest of the arguments, the cache key.
        (str(meta["indicator_id"]), level, str(chosen_year), _filter_choice(), region.code),
        title,
        unit,
        decimals,
        direction,
        highlight,
        scale_of(str(meta["unit"])),
        shown,
    )
    if containers[t("tab.ranking")].open:
        with containers[t("tab.ranking")]:
            render_plotly(parts.figure, key="vergelijken_ranking")
    if containers[t("tab.table")].open:
        with containers[t("tab.table")]:
            _render_table(parts, meta, region, highlight=highlight)


def _choose_indicator(catalogue: pd.DataFrame) -> pd.Series:
    """The indicator select box (``?indicator=``), grouped by theme in the option labels."""
    labels = _indicator_labels(*store_key(), current_language(), catalogue)
    seed_choice(
        INDICATOR_PARAM,
        INDICATOR_KEY,
        list(labels),
        default=next(iter(labels)),
        invalid_message=lambda value: t("monitor.indicator_invalid", value=value),
    )
    chosen = st.selectbox(
        t("monitor.indicator"),
        list(labels),
        key=INDICATOR_KEY,
        format_func=labels.__getitem__,
        placeholder=t("select.one"),
    )
    write_choice(INDICATOR_PARAM, INDICATOR_KEY, chosen)
    return catalogue[catalogue["indicator_id"] == chosen].iloc[0]


@cached_part
def _indicator_labels(
    path: str, version: str, lang: str, _catalogue: pd.DataFrame
) -> dict[str, str]:
    """Every indicator's label with its main theme, by id, ordered by theme then name."""
    themes = read_themes()
    names = j.theme_names(themes)
    order = {theme: index for index, theme in enumerate(themes["theme_id"])}
    name_column = "name_en" if lang == "en" else "name_nl"
    rows = _catalogue.assign(
        main_theme=_catalogue["theme_ids"].map(lambda ids: str(ids[0]) if len(ids) else ""),
    )
    rows = rows.assign(theme_order=rows["main_theme"].map(lambda theme: order.get(theme, 999)))
    rows = rows.sort_values(["theme_order", name_column], key=_casefold, kind="stable")
    return {
        str(row["indicator_id"]): f"{row[name_column]} ({names.get(row['main_theme'], '')})"
        for _, row in rows.iterrows()
    }


def _casefold(column: pd.Series) -> pd.Series:
    if pd.api.types.is_string_dtype(column) or column.dtype == object:
        return column.astype(str).str.casefold()
    return column


def _choose_level(levels: list[Level], region: RegionChoice) -> Level:
    """The level radio (``?niveau=``); defaults to the region's own level, else gemeenten."""
    default = (
        region.level if region.level in levels else Level.GM if Level.GM in levels else levels[0]
    )
    seed_choice(
        LEVEL_PARAM,
        LEVEL_KEY,
        levels,
        default=default,
        invalid_message=lambda value: t(
            "vergelijken.level_invalid",
            value=value,
            levels=", ".join(t(f"levels.{level}") for level in levels),
        ),
    )
    level = st.radio(
        t("vergelijken.level"),
        levels,
        key=LEVEL_KEY,
        horizontal=True,
        format_func=lambda code: t(f"levels.{code}"),
    )
    write_choice(LEVEL_PARAM, LEVEL_KEY, level)
    # The first run gives the seeded text, later runs the option: one type, so cached parts
    # built from the level (their key includes it) are found again on a rerun.
    return Level(level)


def _choose_year(indicator_id: str, level: str, comparison: dict | None) -> int | None:
    """The year select box: the comparison period of the level (default, methods.md §3) or any
    year with values at the level, newer ones with fewer regions included."""
    options: list[int | None] = [None, *read_ranking_years(indicator_id, level)]
    if st.session_state.get(YEAR_KEY) not in options:
        st.session_state[YEAR_KEY] = None
    default_year = comparison["year"] if comparison else None

    def name(year: int | None) -> str:
        if year is not None:
            return str(year)
        if default_year is not None:
            return t("vergelijken.comparison_year", year=default_year)
        return t("vergelijken.latest_year")  # no year with 80% of the regions: the latest

    return st.selectbox(
        t("vergelijken.year"),
        options,
        key=YEAR_KEY,
        format_func=name,
        help=t("vergelijken.year_help"),
        placeholder=t("select.one"),
    )


def _say_comparison_year(comparison: dict | None, level: str, year: int) -> None:
    """Say that the default year is the comparison period, and how many have a newer value."""
    if comparison is None or comparison["year"] != year:
        return
    lang = current_language()
    text = t(
        "vergelijken.comparison_caption",
        year=year,
        share=j.percent_text(DEFAULT_THRESHOLDS.comparison_coverage, decimals=0),
        regions=t(f"levels.{level}"),
    )
    if comparison["latest_year"] > year:
        text += " " + t(
            "vergelijken.newer_caption",
            latest=comparison["latest_year"],
            n_latest=format_number(comparison["n_latest"], lang=lang),
            n=format_number(comparison["n_reporting"], lang=lang),
            regions=t(f"levels.{level}"),
        )
    st.caption(text)


def _filter(
    ranking: pd.DataFrame, regions: pd.DataFrame, region: RegionChoice, level: str
) -> tuple[pd.DataFrame, str]:
    """The comparison group select box; returns the rows shown and a sentence saying how many."""
    options: dict[str, str] = {"all": t("vergelijken.filter_all", regions=t(f"levels.{level}"))}
    members: dict[str, set[str]] = {}
    own = regions[regions["code"] == region.code]
    own_row = own.iloc[0] if not own.empty else None
    if level == Level.GM and region.level == Level.GM and own_row is not None:
        size, urbanity = own_row["size_class"], own_row["urbanity"]
        if not is_missing(size) and not is_missing(urbanity):
            peers = ranking[(ranking["size_class"] == size) & (ranking["urbanity"] == urbanity)]
            options["peer"] = t("vergelijken.filter_peer")
            members["peer"] = set(peers["code"])
    province = None
    if own_row is not None:
        province = own_row["code"] if region.level == Level.PV else own_row["province_code"]
    if level not in (Level.PV, Level.LD) and isinstance(province, str) and province:
        names = regions.loc[regions["code"] == province, "name"]
        if not names.empty:
            key = f"province:{province}"
            options[key] = t("vergelijken.filter_province", province=str(names.iloc[0]))
            members[key] = set(ranking.loc[ranking["province_code"] == province, "code"])
    group_names = dict(zip(regions["code"], regions["name"], strict=True))
    at_level = set(ranking["code"])
    for group, codes in read_groups().items():
        inside = set(codes) & at_level
        if inside:
            key = f"group:{group}"
            options[key] = t("vergelijken.filter_group", group=group_names.get(group, group))
            members[key] = inside
    if region.level == Level.GROUP and f"group:{region.code}" in options:
        default = f"group:{region.code}"
    elif "peer" in options:
        default = "peer"
    elif region.level == Level.PV and f"province:{region.code}" in options:
        default = f"province:{region.code}"
    else:
        default = "all"
    # A new region (or level) starts from its own default group, not the previous region's.
    context = (region.code, level)
    if st.session_state.get(FILTER_KEY) not in options or (
        st.session_state.get("_vergelijken_filter_for") != context
    ):
        st.session_state[FILTER_KEY] = default
    st.session_state["_vergelijken_filter_for"] = context
    chosen = st.selectbox(
        t("vergelijken.filter"),
        list(options),
        key=FILTER_KEY,
        format_func=options.__getitem__,
        help=t("vergelijken.filter_help"),
        placeholder=t("select.one"),
    )
    if chosen == "all":
        return ranking, ""
    shown = ranking[ranking["code"].isin(members[chosen])]
    lang = current_language()
    return shown, t(
        "vergelijken.filtered",
        shown=format_number(len(shown), lang=lang),
        total=format_number(len(ranking), lang=lang),
        regions=t(f"levels.{level}"),
    )


def _filter_choice() -> str:
    """The comparison group chosen in the select box ('all', 'peer', 'province:PV27', …)."""
    return str(st.session_state.get(FILTER_KEY, "all"))


def _say_own_value(region: RegionChoice, indicator_id: str) -> None:
    """The chosen region's own value, when it is not one of the regions compared (NL, a group,
    another level), so the ranking can still be read against it."""
    assessment = read_assessment(region.code)
    item = assessment.item(indicator_id) if assessment is not None else None
    if item is None or item.value is None:
        return
    st.caption(
        j.md(
            t(
                "vergelijken.own_value",
                region=region.label,
                value=j.value_text(item.value, item),
                period=j.period_text(item),
            )
        )
    )


def _say_there_is_no_map(level: str, year: int, boundaries) -> None:
    """A plain sentence that the ranking stands in for the map: no path, no command (the Data
    page tells analysts which boundary files are in use and how to install others)."""
    if boundaries.error:
        LOG.warning("no map for level %s, %s: %s", level, year, boundaries.error)
    st.info(t("vergelijken.no_map"), icon=":material/map:")


def _add_attribution(figure: go.Figure) -> None:
    """The boundaries' source in the map's corner, as map attributions go (and in a PNG)."""
    figure.add_annotation(
        text=t("vergelijken.map_source"),
        xref="paper",
        yref="paper",
        x=1,
        y=0,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=10, color=PALETTE["text"]),
        bgcolor="rgba(255,255,255,0.8)",
    )


@dataclass(frozen=True, slots=True)
class RankingParts:
    """The ranked bar chart of the regions compared, its table and the table's CSV."""

    figure: go.Figure
    table: pd.DataFrame  # marker, rank "x van n", region, value with unit, quartile
    csv: bytes
    year: int  # the year compared, for the file name


@cached_part
def _ranking_parts(
    path: str,
    version: str,
    lang: str,
    view: tuple[str, ...],
    title: str,
    unit: str,
    decimals: int,
    direction: str,
    highlight: str | None,
    value_range: tuple[float, float] | None,
    _shown: pd.DataFrame,
) -> RankingParts:
    """Built once per store, language and view, then shared by every session and rerun."""
    figure = figure_ranking(
        _shown,
        title=title,
        unit=unit,
        decimals=decimals,
        lang=lang,
        highlight=highlight,
        direction=direction,
        value_range=value_range,
    )

    def value_text(value: object) -> str:
        number = format_number(value, decimals, lang=lang)
        if is_missing(value) or not unit:
            return number
        return f"{number}{unit}" if unit == "%" else f"{number} {unit}"

    n = _shown["n"].dropna()
    total = int(n.max()) if not n.empty else len(_shown)
    quartiles = [j.judgement("quartile", quartile) for quartile in _shown["quartile"]]
    display = pd.DataFrame(
        {
            "marker": [MARKER if code == highlight else "" for code in _shown["code"]],
            "rank": [
                t("rank.of", rank=format_number(rank, lang=lang), n=format_number(total, lang=lang))
                if not is_missing(rank)
                else "–"
                for rank in _shown["rank"]
            ],
            "region": _shown["name"].astype(str),
            "value": [value_text(value) for value in _shown["value"]],
            "quartile": quartiles,
        }
    )
    raw = pd.DataFrame(
        {
            t("csv.rank"): _shown["rank"].astype("Int64"),
            t("csv.n"): _shown["n"].astype("Int64"),
            t("csv.region_code"): _shown["code"],
            t("csv.region"): _shown["name"],
            t("csv.year"): _shown["year"].astype("Int64"),
            t("col.value"): _shown["value"],
            t("col.unit"): unit,
            t("col.quartile"): quartiles,
            t("csv.selected"): [code == highlight for code in _shown["code"]],
        }
    )
    return RankingParts(
        figure=figure,
        table=display,
        csv=to_csv_bytes(raw, lang=lang, decimals=decimals),
        year=int(_shown["year"].iloc[0]),
    )


def _render_table(
    parts: RankingParts,
    meta: pd.Series,
    region: RegionChoice,
    *,
    highlight: str | None,
) -> None:
    """The ranked table with the chosen region marked, and its CSV download."""
    st.dataframe(
        parts.table,
        column_config={
            "marker": st.column_config.TextColumn(
                MARKER, help=t("vergelijken.marker_help"), width="small"
            ),
            "rank": st.column_config.TextColumn(t("col.rank"), help=t("col.rank_help")),
            "region": st.column_config.TextColumn(t("csv.region")),
            "value": st.column_config.TextColumn(t("col.value"), alignment="right"),
            "quartile": st.column_config.TextColumn(t("col.quartile")),
        },
        hide_index=True,
        key="vergelijken_table",
        alt=t("vergelijken.table_alt"),
    )
    if highlight is None:
        st.caption(t("vergelijken.not_in_table", region=j.md(region.label)))
    st.download_button(
        t("download.csv"),
        data=parts.csv,
        file_name=f"{meta['indicator_id']}-{parts.year}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="vergelijken_csv",
    )
