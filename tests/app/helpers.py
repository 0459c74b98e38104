"""Helpers shared by the app tests: open a page as a link would, collect visible text."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
#: A generous per-run limit: the first run opens the store, later runs hit the caches.
TIMEOUT = 60


def open_page(at: AppTest, page: str) -> AppTest:
    """Run the app, then switch to a page (switch_page needs the pages of a first run).

    The link's query parameters are given again before the switch, as a deep link
    (``/later?indicator=…``) hands them to the page itself rather than to the start page.
    """
    query = dict(at.query_params)
    at.run()
    assert not at.exception, at.exception
    if page != "overzicht":
        at.query_params.update(query)
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Open the tab ``label`` of the tabs with widget key ``key`` (only the open tab is drawn)."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """All visible text of the run, to look for words regardless of the element that shows them."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
    parts = [element.value for kind in kinds for element in getattr(at, kind)]
    return "\n".join(str(part) for part in parts)


def first_gemeente(regions):
    """The default region: the first current gemeente alphabetically (Dutch sorting)."""
    gemeenten = regions[(regions["level"] == "GM") & regions["last_year"].isna()]
    key = gemeenten["name"].map(lambda name: name.casefold().lstrip("'’").removeprefix("s-"))
    return gemeenten.assign(_key=key).sort_values("_key").iloc[0]


def plotly_figures(at: AppTest) -> list[dict]:
    """The Plotly figures of the run as dicts (``data`` and ``layout``)."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def trace_types(at: AppTest) -> set[str]:
    return {trace.get("type", "scatter") for fig in plotly_figures(at) for trace in fig["data"]}


def trace_names(at: AppTest) -> set[str]:
    return {str(trace.get("name")) for fig in plotly_figures(at) for trace in fig["data"]}


def table_with(at: AppTest, column: str):
    """The first table of the run that has ``column`` (tables without selection have no key):
    a data grid (``st.dataframe``) or a static table whose text wraps (``st.table``)."""
    for element in [*at.dataframe, *at.table]:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with a column {column!r}")


def use_store(path, monkeypatch) -> None:
    """Point the app at the store ``path`` (writable), with fresh caches and connection."""
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()


def make_app(**query: str) -> AppTest:
    """An AppTest of app.py with these URL query parameters."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at


def page_links(at: AppTest) -> list:
    """The ``st.page_link`` elements of the run (protos: page, label, query_string)."""
    return [element.proto for element in at.get("page_link")]


def links_to(at: AppTest, page: str) -> list:
    """The page links of the run to ``app_pages/<page>.py`` (the proto names its url path)."""
    return [link for link in page_links(at) if link.page.removesuffix(".py").endswith(page)]
