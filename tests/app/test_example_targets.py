"""Example streefwaarden and "geen streefwaarde" (issue 12 item 10): a verdict that uses an
example target is labelled as one on the Overzicht, in the detail, on Later and on the
Streefwaarden page; "geen streefwaarde" links to that indicator's form for those who may set
targets, and not for a viewer; the form opens on the linked indicator."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from bw import store
from bw.model import Target
from bw.targets import EXAMPLE_TARGET_RATIONALE, EXAMPLE_TARGET_SOURCE
from tests.app.helpers import links_to, make_app, open_page, table_with, texts

#: Heerlen has demo targets, but none for these indicators (hier en nu, later).
HEERLEN = "GM0917"
NO_TARGET = "wonen.woonquote"
NO_TARGET_LATER = "economie.banen"
#: A later indicator with a demo target (and target year) in Heerlen, made an example here.
EXAMPLE_INDICATOR = "onderwijs.voortijdig_schoolverlaters"


def _example_target(con) -> None:
    # Heerlen's demo target for this indicator, now as one of bw's examples.
    current = con.execute(
        "SELECT minimum, ambition, target_year, baseline_year FROM current_targets "
        "WHERE region_code = ? AND indicator_id = ?",
        [HEERLEN, EXAMPLE_INDICATOR],
    ).fetchone()
    store.write_targets(
        con,
        [
            Target(
                HEERLEN,
                EXAMPLE_INDICATOR,
                *current,
                rationale=EXAMPLE_TARGET_RATIONALE,
                source=EXAMPLE_TARGET_SOURCE,
            )
        ],
        set_by="bw",
    )


def test_an_example_target_is_labelled_on_the_overview_and_in_the_detail(copy_of_demo):
    copy_of_demo(_example_target)
    at = open_page(make_app(regio=HEERLEN, indicator=EXAMPLE_INDICATOR), "overzicht")
    table = table_with(at, "status")
    marked = table[table["status"].str.endswith("(voorbeeld)")]  # short in a narrow column
    assert len(marked) == 1
    assert "1 van deze oordelen gebruiken een voorbeeld-streefwaarde" in texts(at)
    assert "de tabel markeert ze met '(voorbeeld)'" in texts(at)
    words = texts(at)  # the detail of the linked indicator, below the table
    assert "(voorbeeld-streefwaarde)" in " ".join(m.value for m in at.markdown)
    assert "voorbeeld, niet vastgesteld door de gemeente" in words


def test_an_example_target_is_labelled_on_later_and_on_the_streefwaarden_page(copy_of_demo):
    copy_of_demo(_example_target)
    at = open_page(make_app(regio=HEERLEN, indicator=EXAMPLE_INDICATOR, lang="en"), "later")
    verdicts = [m.value for m in at.markdown if m.value.startswith("**")]
    assert sum("(example target)" in v for v in verdicts) == 2, "status and progress"
    assert "an example, not set by the council" in texts(at)
    at.switch_page("app_pages/streefwaarden.py").run()
    assert not at.exception, at.exception
    table = table_with(at, "indicator_id")
    status = table.loc[table["indicator_id"] == EXAMPLE_INDICATOR, "status"].iloc[0]
    assert status.endswith("(example)")
    assert "The current target is an example" in texts(at)


def test_editing_an_example_does_not_carry_its_source_and_rationale_into_the_form(copy_of_demo):
    copy_of_demo(_example_target)
    at = open_page(make_app(regio=HEERLEN, indicator=EXAMPLE_INDICATOR), "streefwaarden")
    assert at.text_input(key="target_minimum").value  # a starting point
    assert at.text_area(key="target_rationale").value == ""
    assert at.text_input(key="target_source_detail").value == ""


# --- from "geen streefwaarde" to the form ---------------------------------------------------


@pytest.mark.parametrize(
    ("page", "indicator"),
    [("overzicht", NO_TARGET), ("hier_en_nu", NO_TARGET), ("later", NO_TARGET_LATER)],
)
def test_no_target_links_to_the_form_in_lokale_modus(app, page, indicator):
    at = open_page(app(regio=HEERLEN, indicator=indicator), page)
    assert "○ geen streefwaarde" in [m.value.strip("*") for m in at.markdown]
    links = links_to(at, "streefwaarden")
    assert len(links) == 1
    assert links[0].label == "Streefwaarde vastleggen"
    assert parse_qs(links[0].query_string) == {"indicator": [indicator], "regio": [HEERLEN]}


def test_no_link_under_a_target_that_is_set(app):
    at = open_page(app(regio=HEERLEN, indicator=EXAMPLE_INDICATOR), "later")
    assert not links_to(at, "streefwaarden")


def test_a_viewer_sees_no_target_without_a_link(copy_of_demo, server_address):
    copy_of_demo(lambda con: None)
    server_address("0.0.0.0")
    at = open_page(make_app(regio=HEERLEN, indicator=NO_TARGET), "hier_en_nu")
    assert "○ geen streefwaarde" in [m.value.strip("*") for m in at.markdown]
    assert not links_to(at, "streefwaarden")


def test_the_link_keeps_the_language(app):
    at = open_page(app(regio=HEERLEN, indicator=NO_TARGET, lang="en"), "hier_en_nu")
    link = links_to(at, "streefwaarden")[0]
    assert link.label == "Set a target"
    assert parse_qs(link.query_string)["lang"] == ["en"]


def test_following_the_link_opens_the_form_on_that_indicator(app):
    # The page was open on another indicator before: the link's indicator wins.
    at = open_page(app(regio=HEERLEN, indicator="arbeid.werkloosheid"), "streefwaarden")
    assert at.selectbox(key="target_indicator").value == "arbeid.werkloosheid"
    at.query_params.update({"indicator": NO_TARGET, "regio": HEERLEN})  # as the link sets them
    at.switch_page("app_pages/streefwaarden.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="target_indicator").value == NO_TARGET
    assert at.text_input(key="target_minimum").value == ""  # the form, empty, for it
    assert at.button(key="target_submit")
