"""Driving a running Streamlit app in Playwright: wait for a run to finish, navigate, pick.

Streamlit marks its root element with the script state (``data-test-script-state``) and the
connection state, and marks elements of the previous run as stale while a rerun draws; a page
is settled when the script is not running, the connection is up and nothing is stale. Tests
wait for that (and for what they expect to see), never for a fixed time.
"""

from __future__ import annotations

import re

try:  # the fixtures skip (or fail in CI) before a test gets here without playwright
    from playwright.sync_api import Page, expect
except ImportError:  # pragma: no cover
    Page = object  # type: ignore[assignment,misc]
    expect = None  # type: ignore[assignment]

_SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null
        && app.dataset.testScriptState === 'notRunning'
        && app.dataset.testConnectionState === 'CONNECTED'
        && document.querySelector('[data-stale="true"]') === null
        && document.querySelector('[data-testid="stSkeleton"]') === null;
}"""

#: The demo badge in the sidebar (Dutch and English).
DEMO_BADGE = {"nl": "demodata (fictief)", "en": "demo data (fictional)"}


def wait_settled(page: Page) -> None:
    """Wait until the app has finished its run and drawn everything (no spinner, no stale)."""
    page.wait_for_function(_SETTLED, polling=100)
    # Two checks 250 ms apart: a click's rerun may start a moment after the first one.
    page.wait_for_timeout(250)
    page.wait_for_function(_SETTLED, polling=100)


def open_app(page: Page, base_url: str, path: str = "", query: str = "") -> None:
    """Open a page of the app (``path`` as in the URL, '' for Overzicht) and wait for it."""
    url = f"{base_url}/{path}" + (f"?{query}" if query else "")
    page.goto(url)
    expect(sidebar(page).get_by_text(re.compile("demodata|demo data"))).to_be_visible()
    wait_settled(page)


def sidebar(page: Page):
    """The sidebar."""
    return page.get_by_test_id("stSidebar")


def main(page: Page):
    """The main area, where the page script draws."""
    return page.get_by_test_id("stMain")


def navigate(page: Page, title: str) -> None:
    """Open a page by its title in the sidebar navigation and wait for it to render."""
    links = sidebar(page).get_by_test_id("stSidebarNav")
    links.get_by_role("link", name=re.compile(rf"{re.escape(title)}$")).click()
    wait_settled(page)


def assert_no_exception(page: Page) -> None:
    """No Streamlit exception box and no error page on the screen."""
    expect(page.get_by_test_id("stException")).to_have_count(0)


def pick_region(page: Page, search: str, option: str) -> None:
    """Choose a region in the sidebar picker by typing ``search`` and pressing Enter."""
    picker = sidebar(page).get_by_role("combobox", name=re.compile("^(Regio|Region)"))
    picker.click()
    picker.press_sequentially(search, delay=30)
    expect(page.get_by_role("option", name=option)).to_be_visible()
    picker.press("Enter")
    wait_settled(page)


def switch_language(page: Page, name: str) -> None:
    """Choose a language ('English', 'Nederlands') in the sidebar switch."""
    sidebar(page).get_by_test_id("stRadio").get_by_text(name, exact=True).click()
    wait_settled(page)
