"""Everything loads from this computer (issue 13): no favicon from a font server, no map style,
font or script from anywhere else. A council's laptop in a room without internet shows the same
app, and no third party learns who looks at which region."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.streamlit_ui import assert_no_exception, expect, main, open_app

pytestmark = pytest.mark.browser

#: Pages to open, with their query: the chart pages, the map and the workshop's QR code.
VISITS = (
    ("", "regio=GM0917"),
    ("hier_en_nu", "regio=GM0917&indicator=welzijn.rapportcijfer_leven"),
    ("later", "regio=GM0917"),
    ("vergelijken", "regio=GM0917"),
    ("workshop", "regio=GM0917"),
)


def test_no_request_leaves_this_computer(page, app):
    outside: list[str] = []

    def record(request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            outside.append(url)

    page.on("request", record)
    for path, query in VISITS:
        open_app(page, app.url, path, query)
        assert_no_exception(page)
        charts = main(page).get_by_test_id("stPlotlyChart")
        if charts.count():
            expect(charts.first.locator(".main-svg").first).to_be_visible()
    icons = page.locator("link[rel~='icon']")
    assert icons.count() >= 1
    for href in icons.evaluate_all("links => links.map(link => link.href)"):
        local = urlsplit(href).hostname in ("127.0.0.1", "localhost")
        assert local or href.startswith("data:"), href
    page.wait_for_timeout(1_000)  # late requests: map styles, fonts
    assert outside == []
