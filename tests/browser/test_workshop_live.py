"""A live workshop in two real browsers (issue 13): a participant's argument reaches the
facilitator's list, counts and moderation choices without a reload, within a few refreshes."""

from __future__ import annotations

import re

import pytest

from tests.browser.streamlit_ui import assert_no_exception, expect, main, open_app, wait_settled

pytestmark = pytest.mark.browser

#: Seconds a refresh may take: the fragment runs every 3 s; a busy CI machine gets slack.
REFRESH_MS = 20_000


def test_a_new_argument_can_be_moderated_without_a_reload(page, app, browser):
    open_app(page, app.url, "workshop", "regio=GM0917")  # lokale modus: the facilitator
    area = main(page)
    area.get_by_role("textbox", name="Titel van de casus").fill("Live modereren")
    themes = area.get_by_role("combobox", name="Thema's")
    themes.click()
    page.get_by_role("option", name="Gezondheid").click()
    page.keyboard.press("Escape")
    area.get_by_role("button", name="Workshop starten").click()
    wait_settled(page)
    created = area.get_by_text(re.compile(r"is gestart met code [A-Z2-9]{6}"))
    code = re.search(r"code ([A-Z2-9]{6})", created.inner_text()).group(1)
    expect(area.get_by_text("Nog geen argumenten om te modereren.")).to_be_visible()
    # the QR code is left out in lokale modus: the page says how to start for a room
    local_only = area.get_by_text(re.compile("Telefoons kunnen deze app nu niet bereiken"))
    expect(local_only).to_be_visible()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    try:
        participant = phone.new_page()
        open_app(participant, app.url, "workshop", f"workshop={code}")
        form = main(participant)
        form.get_by_role("textbox", name="Argument").fill("Meer bankjes in het park")
        form.get_by_role("button", name="Toevoegen").click()
        wait_settled(participant)
        expect(form.get_by_text("Je argument is toegevoegd.")).to_be_visible()
    finally:
        phone.close()

    # the facilitator's page was not reloaded: the refreshing part brings all of it up to date
    expect(area.get_by_text("Laatste stand: 1 argument.")).to_be_visible(timeout=REFRESH_MS)
    expect(area.get_by_text("Nog geen argumenten om te modereren.")).to_have_count(0)
    choice = area.get_by_role("combobox", name="Argument")
    expect(choice).to_have_value(re.compile(r"^#\d+ Meer bankjes in het park$"))
    # icon and word, as text: a "+" at the start is not turned into a list bullet
    meta = area.get_by_text(re.compile(r"^\+ positief · hier en nu · gemeente"))
    expect(meta).to_be_visible()
    assert_no_exception(page)
