"""The shared sidebar: language switch, region picker (kept in the URL) and the demo badge."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.focus import render_focus_style
from ui.streamlit_texts import render_streamlit_texts
from ui.format import region_label
from ui.i18n import LANG_KEY, LANGUAGE_NAMES, LANGUAGES, current_language, sync_language_param, t
from ui.page_cache import cached_part
from ui.store import is_demo, read_regions, store_key, store_source

#: Session-state key (and widget key) of the chosen region, and its URL query parameter.
REGION_KEY = "region"
REGION_PARAM = "regio"
#: Levels offered in the picker; wijken and buurten only when a link asks for one.
PICKER_LEVELS = ("NL", "LD", "PV", "CR", "GM", "group")
_DEEP_LEVELS = ("WK", "BU")


@dataclass(frozen=True, slots=True)
class RegionChoice:
    """The region the pages show."""

    code: str  # 'GM0363'
    name: str  # 'Amsterdam'
    level: str  # 'GM'
    label: str  # 'Amsterdam (gemeente)'


def _name_key(name: str) -> str:
    """Sort key that files 's-Gravenhage under G, as Dutch lists do."""
    folded = name.casefold().lstrip("'’")
    return folded.removeprefix("s-")


def _sorted_by_name(regions: pd.DataFrame) -> pd.DataFrame:
    return regions.sort_values("name", key=lambda names: names.map(_name_key), kind="stable")


def default_region(regions: pd.DataFrame) -> str | None:
    """The first current gemeente alphabetically, else NL01, else the first region, else None."""
    gemeenten = regions[(regions["level"] == "GM") & regions["last_year"].isna()]
    if not gemeenten.empty:
        return str(_sorted_by_name(gemeenten).iloc[0]["code"])
    if (regions["code"] == "NL01").any():
        return "NL01"
    return str(regions.iloc[0]["code"]) if not regions.empty else None


def _picker_regions(regions: pd.DataFrame, requested: str | None) -> pd.DataFrame:
    """The regions offered: the picker levels in store order, names sorted within a level."""
    offered = regions["level"].isin(PICKER_LEVELS)
    if requested is not None:
        offered |= regions["level"].isin(_DEEP_LEVELS) & (regions["code"] == requested)
    chosen = regions[offered]
    order = {level: i for i, level in enumerate(dict.fromkeys(chosen["level"]))}
    return chosen.assign(_level_order=chosen["level"].map(order)).sort_values(
        ["_level_order", "name"],
        key=lambda column: column.map(_name_key) if column.name == "name" else column,
        kind="stable",
    )


def _resolve_code(regions: pd.DataFrame, requested: str | None) -> str | None:
    """The store's code for a requested code, matched case-insensitively; None if unknown."""
    if not requested:
        return None
    matches = regions.loc[regions["code"].str.casefold() == requested.strip().casefold(), "code"]
    return str(matches.iloc[0]) if not matches.empty else None


def render_language_switch() -> str:
    """The language radio (``key="lang"``), kept in ``?lang=``; returns the language."""
    current_language()  # seeds session state from ?lang= before the widget reads it
    lang = st.sidebar.radio(
        t("sidebar.language"),
        LANGUAGES,
        key=LANG_KEY,
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
    )
    sync_language_param()
    return lang


@cached_part
def _picker_labels(
    path: str, version: str, lang: str, requested: str | None, _regions: pd.DataFrame
) -> tuple[dict[str, str], str | None]:
    """The picker's labels by code in picker order, and the default code; shared per store,
    language and linked region, as sorting and labelling every region on each rerun adds up."""
    options = _picker_regions(_regions, requested)
    labels = {
        row.code: region_label(row.name, row.level, row.last_year)
        for row in options.itertuples(index=False)
    }
    return labels, default_region(options)


def render_region_picker() -> str | None:
    """The searchable region select box (``key="region"``), kept in ``?regio=``."""
    regions = read_regions()
    if regions.empty:
        st.sidebar.warning(t("sidebar.no_regions"), icon=":material/warning:")
        return None
    requested_param = st.query_params.get(REGION_PARAM)
    requested = _resolve_code(regions, requested_param)
    labels, default = _picker_labels(*store_key(), current_language(), requested, regions)
    if st.session_state.get(REGION_KEY) not in labels:
        # A new session (or a store without the previous region): the link decides.
        st.session_state[REGION_KEY] = requested or default
        if requested_param and requested is None:
            # In the main area, above the page, where it cannot be missed.
            st.warning(
                t(
                    "sidebar.region_invalid",
                    code=requested_param,
                    fallback=labels[st.session_state[REGION_KEY]],
                ),
                icon=":material/warning:",
            )
    code = st.sidebar.selectbox(
        t("sidebar.region"),
        list(labels),
        key=REGION_KEY,
        format_func=labels.__getitem__,
        help=t("sidebar.region_help"),
        placeholder=t("select.one"),
    )
    if st.query_params.get(REGION_PARAM) != code:
        st.query_params[REGION_PARAM] = code
    return code


def render_demo_badge() -> None:
    """A visible 'demodata (fictief)' badge when the store is the demo (pages explain it)."""
    if is_demo():
        st.sidebar.badge(t("demo.badge"), icon=":material/science:", color="orange")
    elif store_source() == "cbs":
        st.sidebar.badge(t("source.cbs_badge"), icon=":material/verified:", color="blue")


def render_sidebar() -> str | None:
    """Draw the shared sidebar and return the chosen region code (None in an empty store)."""
    render_focus_style()
    render_streamlit_texts()  # Streamlit's own English words: hidden or ours instead

    render_language_switch()
    code = render_region_picker()
    render_demo_badge()
    return code


def current_region() -> RegionChoice | None:
    """The region chosen in the sidebar, for pages; None when the store has no regions."""
    regions = read_regions()
    code = st.session_state.get(REGION_KEY)
    match = regions[regions["code"] == code]
    if match.empty:
        code = default_region(regions)
        match = regions[regions["code"] == code]
        if match.empty:
            return None
    row = match.iloc[0]
    return RegionChoice(
        code=str(row["code"]),
        name=str(row["name"]),
        level=str(row["level"]),
        label=region_label(row["name"], row["level"], row["last_year"]),
    )
