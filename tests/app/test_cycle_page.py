"""The Beleidscyclus page: renders in both languages, opens the phase from the link, moves
through the cycle, filters the stakeholder matrix, and links (or says 'not built yet') per phase."""

import pytest

from bw.policy_cycle import PHASES
from tests.app.helpers import open_page, table_with, texts
from ui.cycle_page import MATRIX_LEVELS_KEY, MATRIX_PHASES_KEY, NEXT_KEY, PHASE_KEY, PREVIOUS_KEY

PAGE = "beleidscyclus"


#: The default page has the empty URL path.
DEFAULT_PAGE = "app_pages/overzicht.py"


def page_links(at) -> list[str]:
    """The target pages of the run's page links, as page paths."""
    return [
        f"app_pages/{element.proto.page}.py" if element.proto.page else DEFAULT_PAGE
        for element in at.get("page_link")
    ]


def test_renders_in_dutch_with_the_first_phase(app):
    at = open_page(app(), PAGE)
    assert at.title[0].value == "Beleidscyclus"
    assert at.radio(key=PHASE_KEY).value == "agendering"
    assert at.query_params["fase"] == "agendering"
    shown = texts(at)
    for words in (
        "↻ de cyclus is iteratief",
        "Tips",
        "Vragen om te stellen",
        "Griffier",
        "Gemeenteraad",
        "Sturen op Impact",
        "Nationaal Netwerk Brede Welvaart",
    ):
        assert words in shown
    assert "Deze pagina wordt gebouwd." not in [info.value for info in at.info]


def test_renders_in_english(app):
    at = open_page(app(lang="en"), PAGE)
    assert at.title[0].value == "Policy cycle"
    shown = texts(at)
    assert "↻ the cycle is iterative" in shown
    assert "Questions to ask" in shown
    assert "Municipal council" in shown
    table = table_with(at, "Phase")
    assert list(table.columns) == [
        "Phase",
        "Municipalities",
        "Provinces",
        "Central government",
        "Region Deal",
        "National Programme",
    ]
    assert table["Phase"].iloc[0] == "Agenda setting"


def test_fase_in_the_link_opens_that_phase(app):
    at = open_page(app(fase="beleidsuitvoering", regio="GM0917"), PAGE)
    assert at.radio(key=PHASE_KEY).value == "beleidsuitvoering"
    assert any(header.value == "5. Beleidsuitvoering" for header in at.header)
    assert "app_pages/hier_en_nu.py" in page_links(at)
    assert all("regio=GM0917" in element.proto.query_string for element in at.get("page_link"))


def test_an_unknown_fase_warns_and_opens_the_first(app):
    at = open_page(app(fase="onzin"), PAGE)
    assert any("onzin" in warning.value for warning in at.warning)
    assert at.radio(key=PHASE_KEY).value == "agendering"


def test_previous_and_next_go_round_the_cycle(app):
    at = open_page(app(), PAGE)
    at.button(key=PREVIOUS_KEY).click().run()
    assert not at.exception
    assert at.radio(key=PHASE_KEY).value == "beleidsevaluatie"
    assert at.query_params["fase"] == "beleidsevaluatie"
    at.button(key=NEXT_KEY).click().run()
    at.button(key=NEXT_KEY).click().run()
    assert at.radio(key=PHASE_KEY).value == "beleidsvoorbereiding"
    assert at.query_params["fase"] == "beleidsvoorbereiding"


def test_choosing_a_phase_updates_the_link(app):
    at = open_page(app(), PAGE)
    at.radio(key=PHASE_KEY).set_value("beleidsvorming").run()
    assert at.query_params["fase"] == "beleidsvorming"
    assert "SMART" in texts(at)


def test_the_matrix_filters_narrow_rows_and_columns(app):
    at = open_page(app(), PAGE)
    table = table_with(at, "Fase")
    assert len(table) == len(PHASES)
    assert list(table.columns) == [
        "Fase",
        "Gemeenten",
        "Provincies",
        "Rijk",
        "Regio Deal",
        "Nationaal Programma",
    ]
    at.multiselect(key=MATRIX_PHASES_KEY).set_value(["beleidsvorming", "beleidsevaluatie"]).run()
    at.multiselect(key=MATRIX_LEVELS_KEY).set_value(["rijk"]).run()
    assert not at.exception
    table = table_with(at, "Fase")
    assert list(table["Fase"]) == ["Beleidsvorming", "Beleidsevaluatie"]
    assert list(table.columns) == ["Fase", "Rijk"]
    assert "Tweede Kamer" in table["Rijk"].iloc[0]


def test_the_matrix_says_why_the_rijk_has_no_preparation_list(app):
    at = open_page(app(), PAGE)
    table = table_with(at, "Fase")
    cell = table.loc[table["Fase"] == "Beleidsvoorbereiding", "Rijk"].iloc[0]
    assert "Beleidskompas" in cell  # no colour, no blank: words


@pytest.mark.parametrize("phase", PHASES, ids=lambda phase: phase.id)
def test_every_phase_links_to_its_page_or_says_it_is_not_built_yet(app, phase):
    at = open_page(app(fase=phase.id), PAGE)
    assert at.radio(key=PHASE_KEY).value == phase.id
    links = page_links(at)
    infos = [info.value for info in at.info]
    for support in phase.supports:
        if support.page:
            assert support.page in links
        else:
            assert any(support.label.nl in info and "nog niet gebouwd" in info for info in infos)
    assert links or infos
