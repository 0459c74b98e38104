"""Markdown injection (issue 14 item 6): image, link and HTML payloads in every text field that
users or files fill reach no page as a live image or link.

The store gets payloads through the product's own write paths (an indicator import, the
indicatorenplan, streefwaarden, beleidsopties, a workshop, a region group, a load's file name);
then every page is rendered and every string Streamlit renders as Markdown (bodies, labels,
help texts, radio and segmented-control options, expander and tab labels) is checked: the
payload's brackets, angle brackets, colons and ``@`` must arrive escaped. Plotly figures render a
little HTML of their own (``<a href>``), so their texts are checked for tags too. The browser
test ``tests/browser/test_injection.py`` counts what the browser really shows.
"""

from __future__ import annotations

import html
import json
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app.helpers import APP, TIMEOUT, open_page
from tests.hostile_text import (
    ALL,
    AUTOLINK,
    GROUP,
    HOST,
    HTML,
    IMAGE,
    INDICATOR,
    LINK,
    NEW_INDICATOR,
    REFERENCE,
    make_hostile_store,
)
from ui.markdown import md
from ui.sidebar import REGION_COOKIE_SCRIPT


def markdown_hazards(text: str) -> list[str]:
    """What in ``text`` Markdown (GFM, as Streamlit renders it) would turn into an image or link.

    Constructs (images, links, HTML) need their punctuation unescaped. GFM's literal autolinks
    (``http://``, ``www.``, ``a@b.c``) are found by remark-gfm in the text *after* escapes are
    resolved, so for them the escapes are dropped first (the browser test showed it).

    >>> markdown_hazards(md("![x](http://attacker.invalid/p.png)"))
    []
    >>> markdown_hazards(r"!\\[x\\](http\\://attacker.invalid/p.png)")
    ['autolink']
    >>> markdown_hazards("![x](http://attacker.invalid/p.png)")
    ['image', 'link', 'autolink']
    """
    plain = re.sub(r"\\[!-/:-@\[-`{-~]", "\x00", text)
    # character references are decoded too (an escaped & starts none), then the escapes
    resolved = html.unescape(text.replace("\\&", "\x00"))
    resolved = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", resolved)
    found = []
    if "![" in plain:
        found.append("image")
    if re.search(rf"\]\([^)]*{HOST}|\]:\s*\S*{HOST}", plain, re.IGNORECASE):
        found.append("link")
    if re.search(r"<\s*/?\s*(img|a|iframe|script|svg|image)\b", plain, re.IGNORECASE):
        found.append("html")
    # the patterns of mdast-util-gfm-autolink-literal (its \w is ASCII)
    if (
        re.search(r"(?i)(https?://|www(?=\.))[-.\w]*attacker", resolved, re.ASCII)
        or re.search(r"(?i)[-.\w+]+@attacker", resolved, re.ASCII)
        or re.search(r"<https?:", plain)
    ):
        found.append("autolink")
    return found


def _strings(message, path: str = ""):
    """Every (field path, string) in a protobuf message, recursively."""
    for field, value in message.ListFields():
        name = f"{path}.{field.name}" if path else field.name
        single = isinstance(value, (str, bytes, int, float)) or hasattr(value, "ListFields")
        values = [value] if single else list(value)
        for item in values:
            if isinstance(item, str):
                yield name, item
            elif hasattr(item, "ListFields"):
                yield from _strings(item, name)


#: Proto fields Streamlit renders as Markdown (labels, help and bodies support it).
_MARKDOWN_FIELDS = re.compile(r"(^|\.)(body|label|help|caption|content)$")


#: The one script the app writes itself: the sidebar remembers the chosen region in a cookie
#: (ui/sidebar.py), its only variable a region code that _SAFE_CODE allows. No user text.
_REGION_COOKIE_SCRIPT = re.compile(
    re.escape(REGION_COOKIE_SCRIPT).replace(re.escape("{code}"), "[A-Za-z0-9_.-]{1,64}")
)


def rendered_markdown(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every string this run renders as Markdown."""
    found: list[tuple[str, str]] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", type(node).__name__)
        if proto is not None and hasattr(proto, "ListFields"):
            for name, text in _strings(proto):
                if kind == "html" and _REGION_COOKIE_SCRIPT.fullmatch(text):
                    continue
                if _MARKDOWN_FIELDS.search(name) or (kind == "radio" and name == "options"):
                    found.append((kind, text))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def figure_texts(at: AppTest) -> list[str]:
    """Every string of every Plotly figure of this run (titles, names, hover texts, …)."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return [
        text
        for element in at.get("plotly_chart")
        for text in strings(json.loads(element.proto.spec))
    ]


@pytest.fixture(scope="module")
def hostile_store(demo_store, tmp_path_factory):
    """A copy of the demo store with payloads in every text field."""
    return make_hostile_store(demo_store, tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def hostile(hostile_store, monkeypatch):
    path, code = hostile_store
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        return at

    yield make, code
    st.cache_resource.clear()


def _assert_inert(at: AppTest, where: str, *, shown: bool = True) -> None:
    assert not at.exception, at.exception
    rendered = rendered_markdown(at)
    bad = [(kind, text, hazards) for kind, text in rendered if (hazards := markdown_hazards(text))]
    assert not bad, f"{where}: live Markdown from user text: {bad[:5]}"
    tags = [text for text in figure_texts(at) if re.search(r"<\s*(a|img)\b", text, re.IGNORECASE)]
    assert not tags, f"{where}: HTML in a figure: {tags[:5]}"
    if shown:  # the payload did reach this page (escaped): the check above was not vacuous
        assert any(HOST in text.lower() for _, text in rendered), f"{where}: no payload shown"


PAGES = (
    "overzicht",
    "hier_en_nu",
    "later",
    "elders",
    "vergelijken",
    "streefwaarden",
    "data",
    "beleidsopties",
    "beleidscyclus",
    "beheer",
)
#: Pages that show a payload as Markdown for the region (others show it only in tables, select
#: boxes and figures, which render text literally, or not at all).
SHOWN = {
    "GM0917": {"overzicht", "hier_en_nu", "streefwaarden"},
    GROUP: {
        "overzicht",
        "hier_en_nu",
        "later",
        "elders",
        "vergelijken",
        "streefwaarden",
        "beleidsopties",
    },
}


@pytest.mark.parametrize("region", ["GM0917", GROUP])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_a_payload_as_image_or_link(hostile, page, region):
    make, _ = hostile
    at = open_page(make(regio=region, indicator=INDICATOR), page)
    _assert_inert(at, f"{page} ({region})", shown=page in SHOWN[region])


@pytest.mark.parametrize("page", ["overzicht", "hier_en_nu", "vergelijken", "workshop"])
def test_a_hostile_link_is_shown_inert(hostile, page):
    """Query parameters come from whoever wrote the link: an unknown value is named, inert."""
    make, _ = hostile
    at = make(regio=IMAGE, indicator=LINK, niveau=HTML, workshop=AUTOLINK, lang="nl")
    at = open_page(at, page)
    _assert_inert(at, f"link to {page}")


def test_indicator_pages_show_the_new_indicator_inert(hostile):
    make, _ = hostile
    for page in ("hier_en_nu", "vergelijken"):
        at = open_page(make(regio="GM0917", indicator=NEW_INDICATOR), page)
        _assert_inert(at, page)


def test_streefwaarden_tabs_and_history_are_inert(hostile):
    make, _ = hostile
    at = open_page(make(regio="GM0917", indicator=INDICATOR), "streefwaarden")
    _assert_inert(at, "streefwaarden")
    # every tab's content is in the tree already; the programme selector lists both plans
    texts = " ".join(text for _, text in rendered_markdown(at))
    assert "Programma" in texts and "Opgave" in texts and "Doel" in texts


@pytest.mark.parametrize("view", ["facilitator", "participant", "reviewer"])
def test_workshop_views_are_inert(hostile, view):
    make, code = hostile
    query = {} if view == "facilitator" else {"workshop": code}
    at = open_page(make(regio="GM0917", **query), "workshop")
    if view == "reviewer":
        at.segmented_control(key="workshop_view").set_value("reviewer").run()
    _assert_inert(at, f"workshop {view}")


def test_the_checker_finds_raw_payloads():
    for payload in (IMAGE, LINK, HTML, AUTOLINK, REFERENCE):
        assert markdown_hazards(payload), payload
    for payload in (IMAGE, LINK, HTML, AUTOLINK, REFERENCE, ALL):
        assert markdown_hazards(md(payload)) == [], md(payload)
