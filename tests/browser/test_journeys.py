"""What only a browser shows: the app's journeys in real Chromium against a running app.

AppTest (tests/app) covers each page's script; these tests cover what it cannot: the sidebar
picker driven by the keyboard, the URL kept in step, the navigation, Plotly drawing a chart,
the table behind it, the language switch, and an upload through the real file chooser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.streamlit_ui import (
    DEMO_BADGE,
    assert_no_exception,
    expect,
    main,
    navigate,
    open_app,
    pick_region,
    sidebar,
    switch_language,
    wait_settled,
)

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "long_csv"
#: Every page in app.py's navigation, by its Dutch title, with a heading it shows.
PAGES = {
    "Overzicht": "Brede welvaart in",
    "Hier en nu": "Hier en nu",
    "Later": "Later",
    "Elders": "Elders",
    "Vergelijken": "Vergelijken",
    "Streefwaarden": "Streefwaarden",
    "Data": "Data",
    "Beleidscyclus": "Beleidscyclus",
}
#: A Dutch number with a decimal comma (7,9 or 1.234,5), as the tables show them.
DUTCH_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*,\d+$")


def cell(table, column: int, row: int):
    """A cell of a data grid (0-based, header excluded), from the grid's accessible table."""
    return table.get_by_test_id(f"glide-cell-{column}-{row}")


def test_home_page_shows_the_demo_badge_and_asks_for_a_gemeente(page, app):
    # no region is chosen for a first visitor (issue 13: it opened on Aa en Hunze)
    open_app(page, app.url)
    expect(sidebar(page).get_by_text(DEMO_BADGE["nl"])).to_be_visible()
    expect(main(page).get_by_role("heading", level=1)).to_have_text("Kies uw gemeente")
    assert "regio=" not in page.url
    assert_no_exception(page)


def test_region_picker_searches_by_typing_and_keeps_the_region_in_the_url(page, app):
    open_app(page, app.url)
    pick_region(page, "Heerl", "Heerlen (gemeente)")
    expect(page).to_have_url(re.compile(r"[?&]regio=GM0917"))
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("Heerlen")
    # The region stays when another page is opened.
    navigate(page, "Hier en nu")
    expect(page).to_have_url(re.compile(r"/hier_en_nu\?.*regio=GM0917"))
    assert_no_exception(page)


def test_every_page_in_the_navigation_renders_without_an_exception(page, app):
    open_app(page, app.url, query="regio=GM0917")
    links = sidebar(page).get_by_test_id("stSidebarNav").get_by_role("link")
    shown = [re.sub(r"^\S+\s+", "", text.strip()) for text in links.all_inner_texts()]
    assert set(PAGES) <= set(shown), f"pages missing from the navigation: {set(PAGES) - set(shown)}"
    # Pages added to app.py later are opened too; they need only a title and no exception.
    for title in shown:
        navigate(page, title)
        expect(main(page).get_by_role("heading", level=1)).to_contain_text(PAGES.get(title, ""))
        assert_no_exception(page)
        expect(page).to_have_url(re.compile(r"regio=GM0917"))


def test_a_chart_has_a_table_behind_it_with_dutch_numbers(page, app):
    open_app(page, app.url, "hier_en_nu", "regio=GM0917&indicator=welzijn.rapportcijfer_leven")
    chart = main(page).get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.locator(".scatterlayer .trace").first).to_be_attached()
    main(page).get_by_role("tab", name="Tabel").click()
    table = main(page).get_by_role("tabpanel").get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    # The data grid draws on a canvas and keeps a table of the cells for screen readers.
    expect(table.locator("th").first).to_have_text("Periode")
    expect(cell(table, 0, 0)).to_have_text(re.compile(r"^20\d\d\*?$"))
    assert DUTCH_NUMBER.match(cell(table, 1, 0).text_content().strip())


def test_switching_to_english_changes_labels_and_the_link(page, app):
    open_app(page, app.url, query="regio=GM0917")
    switch_language(page, "English")
    expect(page).to_have_url(re.compile(r"[?&]lang=en"))
    expect(sidebar(page).get_by_text(DEMO_BADGE["en"])).to_be_visible()
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("Broad well-being in")
    nav = sidebar(page).get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name=re.compile("Here and now$"))).to_be_visible()
    # The language follows the link to another page.
    navigate(page, "Compare")
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page).to_have_url(re.compile(r"regio=GM0917"))  # the region survives the switch
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("Compare")
    assert_no_exception(page)


def test_an_uploaded_csv_is_checked_loaded_and_shown_on_a_view(page, app):
    upload = FIXTURES / "one_new_value_heerlen_2025.csv"
    open_app(page, app.url, "data", "regio=GM0917")
    uploader = main(page).get_by_test_id("stFileUploader")
    uploader.locator("input[type=file]").set_input_files(upload)
    wait_settled(page)
    expect(main(page).get_by_text(f"{upload.name} — geen fouten")).to_be_visible()
    main(page).get_by_role("button", name="Laden").click()
    wait_settled(page)
    expect(main(page).get_by_text(re.compile(r"1 bestand\(en\) geladen"))).to_be_visible()
    assert_no_exception(page)

    open_app(page, app.url, "hier_en_nu", "regio=GM0917&indicator=welzijn.rapportcijfer_leven")
    main(page).get_by_role("tab", name="Tabel").click()
    table = main(page).get_by_role("tabpanel").get_by_test_id("stDataFrame").first
    row = table.locator("tr").filter(has=page.locator("td", has_text=re.compile(r"^2025\*?$")))
    expect(row.locator("td").nth(1)).to_have_text("9,4")
