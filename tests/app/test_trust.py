"""Small things that erode trust (issue 13), each seen through the page a user opens: Later
opens on an indicator with a target and explains its ratio in words."""

from __future__ import annotations

from bw import monitor, store
from tests.app.helpers import open_page, texts

HEERLEN = "GM0917"


def test_later_opens_on_an_indicator_with_a_target_and_says_what_the_ratio_means(app, demo_store):
    con = store.connect_for_reading(demo_store)
    try:
        items = {
            i.indicator: i
            for i in monitor.assess_region(con, HEERLEN).items
            if "later" in i.dimensions
        }
    finally:
        con.close()
    at = open_page(app(regio=HEERLEN), "later")  # no ?indicator=: the page chooses
    chosen = items[at.selectbox(key="later_indicator").value]
    assert chosen.minimum is not None or chosen.ambition is not None
    assert chosen.target_year is not None  # progress and projection have something to show
    shown = texts(at)
    assert "(R)" not in shown
    assert "vanaf 0,95 keer heet dat op koers" in shown
