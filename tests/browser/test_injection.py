"""Markdown and HTML payloads in every text field show as text in a real browser (issue 14 item 6).

The app runs on a store whose indicator names, region group, indicatorenplan, streefwaarden,
beleidsopties, workshop and load carry image, link and HTML payloads pointing at
``attacker.invalid`` (``tests/hostile_text.py``). On every page the browser must hold no image
or link to that host (in HTML or in a Plotly figure's SVG) and must never ask for it; the payload
text itself is on the page, so the check is not vacuous.
"""

from __future__ import annotations

import pytest

from tests.browser.streamlit_ui import assert_no_exception, main, wait_settled
from tests.hostile_text import GROUP, HOST, INDICATOR, make_hostile_store

pytestmark = pytest.mark.browser

#: Pages by their path, with the query each opens with.
PAGES = (
    "",
    "hier_en_nu",
    "later",
    "elders",
    "vergelijken",
    "streefwaarden",
    "data",
    "beleidsopties",
    "beleidscyclus",
    "workshop",
)

#: Images and links to the payload host, in the page and in Plotly's SVG.
_FOREIGN = f"""() => {{
    const host = {HOST!r};
    const refs = [];
    for (const el of document.querySelectorAll('img, image, a, iframe, source, video, audio')) {{
        for (const name of ['src', 'href', 'xlink:href', 'srcset', 'data']) {{
            const value = el.getAttribute(name);
            // a heading's own anchor (#werkloosheid-x-http-attacker-…) stays on this page
            if (value && !value.startsWith('#') && value.toLowerCase().includes(host)) {{
                refs.push(el.tagName + ' ' + value);
            }}
        }}
    }}
    for (const el of document.querySelectorAll('[style]')) {{
        if (el.getAttribute('style').toLowerCase().includes(host)) refs.push('style');
    }}
    return refs;
}}"""


@pytest.fixture(scope="module")
def hostile_app(start_app, tmp_path_factory):
    from tests.browser.conftest import create_demo_store

    folder = tmp_path_factory.mktemp("browser-hostile")
    demo = folder / "demo.duckdb"
    create_demo_store(demo)
    path, code = make_hostile_store(demo, folder)
    return start_app(path), code


def _open(page, url: str) -> None:
    page.goto(url)
    main(page).wait_for(state="visible")
    wait_settled(page)


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_becomes_an_image_or_link(hostile_app, page, path):
    app, code = hostile_app
    fetched: list[str] = []
    page.on(
        "request",
        lambda request: fetched.append(request.url) if HOST in request.url.lower() else None,
    )
    query = f"regio={GROUP}&indicator={INDICATOR}"
    if path == "workshop":
        query = f"workshop={code}"
    _open(page, f"{app.url}/{path}?{query}")
    assert_no_exception(page)
    assert page.evaluate(_FOREIGN) == []
    assert fetched == []
    if path in ("", "hier_en_nu", "streefwaarden", "beleidsopties", "workshop"):
        # the payload is there, as text: what the reader sees is what was typed
        assert HOST in page.locator("body").inner_text().lower()
