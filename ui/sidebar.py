"""The shared sidebar: language switch, region picker (kept in the URL) and the demo badge.

No region is chosen for the user (issue 13: the picker opened on Aa en Hunze, the first
gemeente alphabetically, which suggested a choice nobody made). A page about a region opens on
the region in the link (``?regio=``), else the last one chosen on this device (a first-party
cookie the picker sets, read back through ``st.context.cookies``), else on a short prompt to
choose one. The choice goes into the link, so a bookmark or a shared link reopens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from bw.model import Level
from ui.focus import render_focus_style
from ui.format import region_label
from ui.i18n import LANG_KEY, LANGUAGE_NAMES, LANGUAGES, current_language, sync_language_param, t
from ui.markdown import md
from ui.page_cache import cached_part
from ui.render import render_demo_caption
from ui.store import is_demo, read_regions, store_key, store_source
from ui.streamlit_texts import render_streamlit_texts

#: Session-state key (and widget key) of the chosen region, and its URL query parameter.
REGION_KEY = "region"
REGION_PARAM = "regio"
#: Levels offered in the picker; wijken and buurten only when a link asks for one.
PICKER_LEVELS = (Level.NL, Level.LD, Level.PV, Level.CR, Level.GM, Level.GROUP)
_DEEP_LEVELS = (Level.WK, Level.BU)
#: The cookie that remembers the last region chosen on this device (a region code, nothing
#: else; first-party, never sent anywhere but this app), and how long it lasts.
REGION_COOKIE = "bw_regio"
#: What a region code may look like before it is written into the cookie's script.
_SAFE_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
#: The one script the UI runs (tests/test_safe_defaults.py holds it to this): it stores the
#: chosen region's code, checked against _SAFE_CODE, in a first-party cookie. Streamlit can
#: read cookies (st.context.cookies) but not set them.
REGION_COOKIE_SCRIPT = (
    "<script>document.cookie = 'bw_regio={code}; path=/; max-age=31536000; SameSite=Lax';</script>"
)
#: The code this session last wrote into the cookie.
_COOKIE_WRITTEN = "_region_cookie_written"
#: Widget key of the prompt's own picker in the main area (phones hide the sidebar).
PROMPT_KEY = "region_prompt"
#: Pages (url paths) that are not about one region: they run without a chosen region.
REGIONLESS_PAGES = frozenset({"data", "workshop", "beheer", "beleidscyclus"})


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
    gemeenten = regions[(regions["level"] == Level.GM) & regions["last_year"].isna()]
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


@dataclass(frozen=True, slots=True)
class RegionIndex:
    """Every region of the store as lookups, for what each run asks of them."""

    choices: dict[str, RegionChoice]  # by code, labelled in the index's language
    codes: dict[str, str]  # the code by its casefolded form: 'gm0363' -> 'GM0363'


def region_index() -> RegionIndex:
    """The store's regions by code, built once per store and language and then shared.

    Each run used to unpickle the whole region frame from the cache twice and filter it with
    pandas, about a tenth of a warm Overzicht run (py-spy, README "Performance").
    """
    return _region_index(*store_key(), current_language())


@cached_part
def _region_index(path: str, version: str, lang: str) -> RegionIndex:
    choices: dict[str, RegionChoice] = {}
    codes: dict[str, str] = {}
    for row in read_regions().itertuples(index=False):
        code = str(row.code)
        choices[code] = RegionChoice(
            code=code,
            name=str(row.name),
            level=str(row.level),
            label=region_label(row.name, row.level, row.last_year),
        )
        codes.setdefault(code.casefold(), code)  # the store's first spelling, as before
    return RegionIndex(choices=choices, codes=codes)


def _resolve_code(index: RegionIndex, requested: str | None) -> str | None:
    """The store's code for a requested code, matched case-insensitively; None if unknown."""
    if not requested:
        return None
    return index.codes.get(requested.strip().casefold())


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
    path: str, version: str, lang: str, requested: str | None
) -> tuple[dict[str, str], str | None]:
    """The picker's labels by code in picker order, and the default code; shared per store,
    language and linked region, as sorting and labelling every region on each rerun adds up.

    With gemeenten there is no default: the user chooses (issue 13). A store without them (an
    empty store holds only the Netherlands and its parts) opens on the Netherlands.
    """
    options = _picker_regions(read_regions(), requested)
    labels = {
        row.code: region_label(row.name, row.level, row.last_year)
        for row in options.itertuples(index=False)
    }
    default = default_region(options)
    if default is not None and default.startswith(Level.GM):
        default = None  # never a gemeente nobody chose
    return labels, default


def _cookie() -> str | None:
    """The remembered region code as the browser sent it, or None."""
    try:
        value = st.context.cookies.get(REGION_COOKIE)
    except Exception:  # noqa: BLE001 - no request (bare mode, tests): nothing remembered
        return None
    return value if isinstance(value, str) else None


def _remembered_region(index: RegionIndex) -> str | None:
    """The region last chosen on this device (the cookie), if the store still has it."""
    return _resolve_code(index, _cookie())


def _remember_region(code: str | None) -> None:
    """Keep the chosen region in a cookie for the next visit (once per change, not per run)."""
    if code is None or not _SAFE_CODE.fullmatch(code):
        return
    if st.session_state.get(_COOKIE_WRITTEN, _cookie()) == code:
        return
    st.session_state[_COOKIE_WRITTEN] = code
    with st.sidebar:
        st.html(REGION_COOKIE_SCRIPT.format(code=code), unsafe_allow_javascript=True)


def render_region_picker() -> str | None:
    """The searchable region select box (``key="region"``), kept in ``?regio=``.

    Returns the chosen code, or None while nothing is chosen (the box shows "Kies uw
    gemeente") or the store has no regions.
    """
    index = region_index()
    if not index.choices:
        st.sidebar.warning(t("sidebar.no_regions"), icon=":material/warning:")
        return None
    requested_param = st.query_params.get(REGION_PARAM)
    requested = _resolve_code(index, requested_param)
    labels, default = _picker_labels(*store_key(), current_language(), requested)
    if st.session_state.get(REGION_KEY) not in labels:
        # A new session, a store without the previous region, or nothing chosen yet: the link
        # decides, else the last choice on this device, else (with gemeenten) nobody has
        # chosen yet and the page asks.
        chosen = requested or _remembered_region(index) or default
        st.session_state[REGION_KEY] = chosen if chosen in labels else None
        if requested_param and requested is None:
            # In the main area, above the page, where it cannot be missed.
            fallback = st.session_state[REGION_KEY]
            st.warning(
                t(
                    "sidebar.region_invalid",
                    code=md(requested_param),  # shown as written
                    fallback=md(labels[fallback]),
                )
                if fallback
                else t("sidebar.region_unknown", code=md(requested_param)),
                icon=":material/warning:",
            )
    else:
        # Said again every run: the box keeps its value as the label text, which changes with
        # the language ("Heerlen (gemeente)" / "(municipality)"); without this the browser
        # kept the old text, matched nothing on the next run and the region was lost.
        st.session_state[REGION_KEY] = st.session_state[REGION_KEY]
    code = st.sidebar.selectbox(
        t("sidebar.region"),
        list(labels),
        key=REGION_KEY,
        format_func=labels.__getitem__,
        help=t("sidebar.region_help"),
        index=None,
        placeholder=t("sidebar.region_placeholder"),
    )
    if code is None:
        if REGION_PARAM in st.query_params and requested is None:
            del st.query_params[REGION_PARAM]
        return None
    if st.query_params.get(REGION_PARAM) != code:
        st.query_params[REGION_PARAM] = code
    _remember_region(code)
    return code


def _choose_from_prompt() -> None:
    """The prompt's picker hands its choice to the sidebar's (before the next run draws it)."""
    st.session_state[REGION_KEY] = st.session_state.get(PROMPT_KEY)


def render_region_prompt() -> None:
    """Instead of a page about a region, while none is chosen: what to do, and a picker."""
    labels, _ = _picker_labels(*store_key(), current_language(), None)

    st.title(t("region.prompt_title"))
    render_demo_caption()  # demo or real CBS figures: said before anything is chosen
    st.write(t("region.prompt_body"))
    st.selectbox(
        t("region.prompt_label"),
        list(labels),
        key=PROMPT_KEY,
        format_func=labels.__getitem__,
        index=None,
        placeholder=t("sidebar.region_placeholder"),
        on_change=_choose_from_prompt,
    )


def run_page(navigation) -> None:
    """Run the page chosen in the navigation; a page about a region asks for one first."""
    needs_region = navigation.url_path not in REGIONLESS_PAGES
    if needs_region and st.session_state.get(REGION_KEY) is None and region_index().choices:
        render_region_prompt()
        return
    navigation.run()


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
    """The region chosen in the sidebar, for pages; None when none is chosen (or exists)."""
    code = st.session_state.get(REGION_KEY)
    # None: nothing chosen yet, and run_page showed the prompt instead of the page
    return region_index().choices.get(code) if isinstance(code, str) else None
