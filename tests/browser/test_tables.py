"""The judgement is always visible: on a 1366×768 laptop the Overzicht table shows the status,
trend and position of its first rows without a sideways scroll, in Dutch and in English; on a
390 px phone its first columns are the indicator and its status.

How the boxes are measured. ``st.dataframe`` draws on a canvas (glide-data-grid), so there is no
element per cell to ask for a bounding box. What the grid does expose is real layout, and the
test reads only that:

- the grid keeps, for screen readers, a table of the cells it currently draws (``role=grid``,
  a ``th`` per drawn column in display order, a ``td`` with id ``glide-cell-COL-ROW`` per cell);
- its scroll area (``.dvn-scroller``) is an ordinary element: ``scrollWidth`` is the width of all
  columns and ``scrollHeight`` the header plus every row;
- the grid's own box (``role=region``, named by its ``alt`` text) and Streamlit's fixed header.

At 1366: when the scroll area has nothing to the right of its visible width, every column (the
row box included) lies horizontally inside the grid's box, so a cell's left and right edges are
inside it. The rows are as tall as ``ui.tables.WRAP_ROW_HEIGHT`` (checked: the scroll height is
the header plus n such rows), so row r spans ``header + r·h`` to ``header + (r+1)·h`` below the
grid's top. With the table's heading scrolled to the top, as a reader does, those boxes must lie
below Streamlit's header and inside the window, and their cells must hold the judgements.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.streamlit_ui import expect, main, open_app
from ui.tables import HEADER_HEIGHT, WIDTH, WRAP_ROW_HEIGHT

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
#: Per language: the table's accessible name, its heading, the headers in order, a rank.
LANGUAGES = {
    "nl": (
        "Alle indicatoren van",
        "Alle indicatoren",
        ["Indicator", "Status", "Trend", "Rang", "T.o.v. NL"],
        r"\d+ van \d+",
    ),
    "en": (
        "All indicators of",
        "All indicators",
        ["Indicator", "Status", "Trend", "Rank", "vs NL"],
        r"\d+ of \d+",
    ),
}
#: The three judgements of a row (the position is the rank and the difference with NL):
#: an icon and a word each, never colour alone.
JUDGEMENT_COLUMNS = {
    2: r"^[✖◐★⚠○∅] \S",  # status
    3: r"^[↑↓→] \S+ \S",  # trend: the arrow for the number, the icon and word for the verdict
    5: r"^([⊕≈⊖↑↓] \S|–$)",  # difference with NL
}
FIRST_ROWS = 3

_GRID_LAYOUT = """grid => {
    const scroller = grid.querySelector('.dvn-scroller');
    const table = grid.querySelector('table[role=grid]');
    return {
        scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth,
        scrollHeight: scroller.scrollHeight,
        rows: Number(table.getAttribute('aria-rowcount')) - 1,
        headers: Array.from(table.querySelectorAll('th')).map(th => th.textContent.trim()),
    };
}"""


def _open_overview(page, url: str, lang: str, viewport: dict):
    page.set_viewport_size(viewport)
    open_app(page, url, query="regio=GM0917" + ("&lang=en" if lang == "en" else ""))
    name, heading = LANGUAGES[lang][:2]
    grid = main(page).get_by_role("region", name=re.compile(f"^{name}"))
    expect(grid).to_be_visible()
    # Scroll as a reader does: the table's heading to the top of the window.
    main(page).get_by_role("heading", name=heading, exact=True).evaluate(
        "h => h.scrollIntoView({block: 'start'})"
    )
    page.wait_for_timeout(300)  # the grid redraws its visible region after a scroll
    return grid, grid.evaluate(_GRID_LAYOUT)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_status_trend_and_position_of_the_first_rows_are_on_a_laptop_screen(page, app, lang):
    grid, layout = _open_overview(page, app.url, lang, LAPTOP)
    headers, rank = LANGUAGES[lang][2], LANGUAGES[lang][3]
    assert layout["headers"][:5] == headers, "the indicator and its three judgements come first"
    assert layout["scrollWidth"] <= layout["clientWidth"] + 1, (
        f"the table scrolls sideways: {layout['scrollWidth']} px of columns in "
        f"{layout['clientWidth']} px"
    )
    assert len(layout["headers"]) == len(set(layout["headers"])), "every column is drawn once"
    assert layout["scrollHeight"] == pytest.approx(
        HEADER_HEIGHT + layout["rows"] * WRAP_ROW_HEIGHT, abs=3
    ), "rows are as tall as ui.tables.WRAP_ROW_HEIGHT (so long text wraps)"

    box = grid.bounding_box()
    header = page.get_by_test_id("stHeader").bounding_box()
    top_limit = header["y"] + header["height"] if header else 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"]
    columns = {2: "status", 3: "trend", 4: "rank", 5: "vs_nl"}
    patterns = {**JUDGEMENT_COLUMNS, 4: rf"^{rank}"}
    for row in range(FIRST_ROWS):
        top = box["y"] + HEADER_HEIGHT + row * WRAP_ROW_HEIGHT
        bottom = top + WRAP_ROW_HEIGHT
        assert top_limit <= top and bottom <= LAPTOP["height"], (
            f"row {row} spans {top:.0f}–{bottom:.0f} px, outside {top_limit:.0f}–"
            f"{LAPTOP['height']} px"
        )
        for column, name in columns.items():
            cell = grid.locator(f"#glide-cell-{column}-{row}")
            expect(cell, f"{name} of row {row} is drawn").to_have_count(1)
            assert re.search(patterns[column], cell.text_content().strip()), (
                f"{name} of row {row}: {cell.text_content()!r}"
            )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_on_a_phone_the_first_columns_are_the_indicator_and_its_status(page, app, lang):
    grid, layout = _open_overview(page, app.url, lang, PHONE)
    assert layout["headers"][:2] == LANGUAGES[lang][2][:2]
    # The columns are as wide as ui.tables says (the rest of the scroll width is the row box):
    # the status column ends inside the phone's window.
    shown = ["indicator", "status", "trend", "rank", "vs_nl", "latest", "series", "theme"]
    row_box = layout["scrollWidth"] - sum(WIDTH[column] for column in shown)
    assert 0 < row_box < 60, f"unexpected column widths: {layout['scrollWidth']} px in all"
    box = grid.bounding_box()
    status_right = box["x"] + row_box + WIDTH["indicator"] + WIDTH["status"]
    assert box["x"] >= 0 and status_right <= PHONE["width"], (
        f"the status ends at {status_right:.0f} px on a {PHONE['width']} px phone"
    )
    expect(grid.locator("#glide-cell-2-0")).to_have_text(re.compile(JUDGEMENT_COLUMNS[2]))
