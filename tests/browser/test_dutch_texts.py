"""In a real browser the Dutch UI shows none of Streamlit's English words (issue 13, item 2).

tests/app/test_dutch_everywhere.py reads what the app sends; only the browser shows what
Streamlit's frontend adds by itself. Every page of the navigation is opened in Dutch and its
visible text, placeholders and the names of its buttons are searched for Streamlit's English;
on Data the uploader says "Bestanden kiezen" (ui/streamlit_texts.py) and hides "200MB per
file" and a chosen file's size. English that CSS cannot reach (aria-labels such as "Help for …"
and "Remove …", read only by screen readers) is listed in docs/accessibility.md, not here.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.streamlit_ui import expect, main, open_app, sidebar, wait_settled

pytestmark = pytest.mark.browser

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
    "beheer",
)
#: Streamlit's English words that a sighted user could read on the page.
VISIBLE_ENGLISH = re.compile(
    r"\b(Upload|Browse files|Drag and drop|per file|Select all|Choose an option|No results|"
    r"Press Enter|Increment|Decrement|\d+(\.\d+)?(B|KB|MB))\b"
)

_VISIBLE = """() => {
  const texts = [document.querySelector('[data-testid="stMain"]').innerText,
                 document.querySelector('[data-testid="stSidebar"]').innerText];
  for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (input.offsetParent !== null) texts.push(input.placeholder);
  }
  for (const button of document.querySelectorAll('button')) {
    if (button.offsetParent !== null) texts.push(button.innerText);
  }
  return texts.join('\\n');
}"""


@pytest.mark.parametrize("path", PAGES, ids=[p or "overzicht" for p in PAGES])
def test_no_english_of_streamlit_is_shown(page, app, path):
    open_app(page, app.url, path, "regio=GM0917")
    shown = page.evaluate(_VISIBLE)
    assert not VISIBLE_ENGLISH.findall(shown), VISIBLE_ENGLISH.findall(shown)


def test_the_uploader_speaks_dutch(page, app, tmp_path):
    open_app(page, app.url, "data", "regio=GM0917")
    button = main(page).get_by_role("button", name="Bestanden kiezen")
    expect(button).to_be_visible()
    expect(main(page).get_by_text("per file")).to_be_hidden()  # in the DOM, not shown
    upload = tmp_path / "waarden.csv"
    upload.write_text(
        "indicator,region,period,value\narbeid.werkloosheid,GM0917,2024,vier\n", encoding="utf-8"
    )
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
    wait_settled(page)
    expect(main(page).get_by_test_id("stFileChipName")).to_have_text("waarden.csv")
    assert not re.search(r"\d+(\.\d+)?B\b", page.get_by_test_id("stFileChips").inner_text())
    expect(main(page).get_by_text("waarden.csv — 1 fout(en)")).to_be_visible()


def test_a_search_without_results_says_so_in_dutch(page, app):
    open_app(page, app.url, "", "regio=GM0917")
    picker = sidebar(page).get_by_role("combobox", name=re.compile("^Regio"))
    picker.click()
    picker.press_sequentially("qqzzx", delay=30)
    empty = page.locator('[role="listbox"][data-empty="true"] > [role="option"]')
    expect(empty).to_have_count(1)
    # The words are CSS generated content (ui/streamlit_texts.py), not text in the DOM.
    assert empty.evaluate("e => getComputedStyle(e, '::after').content") == '"Geen resultaten"'
    expect(empty.get_by_text("No results")).to_be_hidden()
    picker.press("Escape")
