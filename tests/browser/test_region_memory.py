"""Choosing a region (issue 13): a first visit asks "Kies uw gemeente" in the page itself (a
phone folds the sidebar away), and the next visit on the same device opens on the region
chosen last (a first-party cookie written by the page, read back by the server)."""

from __future__ import annotations

import re

import pytest

from tests.browser.streamlit_ui import (
    assert_no_exception,
    expect,
    main,
    open_app,
    sidebar,
    wait_settled,
)
from tests.browser.test_accessibility import findings, unexpected

pytestmark = pytest.mark.browser


def test_the_prompt_chooses_and_the_next_visit_opens_on_that_region(page, app):
    open_app(page, app.url, "later")
    expect(main(page).get_by_role("heading", level=1)).to_have_text("Kies uw gemeente")
    problems = unexpected(findings(page))
    assert not problems, "axe-core findings:\n" + "\n".join(problems)
    prompt = main(page).get_by_role("combobox", name="Gemeente of regio")
    prompt.click()
    prompt.press_sequentially("Heerl", delay=30)
    expect(page.get_by_role("option", name="Heerlen (gemeente)")).to_be_visible()
    prompt.press("Enter")
    wait_settled(page)
    expect(main(page).get_by_role("heading", level=1)).to_have_text("Later")
    expect(page).to_have_url(re.compile(r"/later\?.*regio=GM0917"))
    expect(sidebar(page).get_by_role("combobox", name="Regio")).to_be_visible()
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("bw_regio") == "GM0917"
    # a new visit in this browser, without a region in the link
    again = page.context.new_page()
    open_app(again, app.url)
    expect(main(again).get_by_role("heading", level=1)).to_contain_text("Heerlen")
    expect(again).to_have_url(re.compile(r"[?&]regio=GM0917"))
    assert_no_exception(again)
    again.close()


def test_a_join_link_opens_the_participant_view_in_lokale_modus(page, app):
    # lokale modus (no accounts, 127.0.0.1): this browser may facilitate, but a link says join
    open_app(page, app.url, "workshop", "workshop=K7PX3M")
    chooser = main(page).get_by_role("radiogroup", name="Ik doe mee als")
    expect(chooser.get_by_role("radio", name="deelnemer")).to_be_checked()
    expect(main(page).get_by_role("textbox", name="Workshopcode")).to_have_value("K7PX3M")
    open_app(page, app.url, "workshop")  # without the code: the facilitator, as before
    expect(chooser.get_by_role("radio", name="begeleider")).to_be_checked()
