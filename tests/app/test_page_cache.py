"""ui/page_cache.py: page parts are built once per store, region, indicator and language, shared
by reruns and sessions, never shown for another region or language, and rebuilt after a write."""

from __future__ import annotations

import pytest

from tests.app.helpers import open_page, open_tab, plotly_figures
from ui import compare, page_cache
from ui import store as ui_store


@pytest.fixture
def builds(monkeypatch):
    """Count the figure builds behind the parts: the expensive work the cache saves."""
    counts = {"matrix": 0, "series": 0, "ranking": 0}

    def counting(kind, build):
        def wrapper(*args, **kwargs):
            counts[kind] += 1
            return build(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        page_cache, "figure_status_matrix", counting("matrix", page_cache.figure_status_matrix)
    )
    monkeypatch.setattr(page_cache, "figure_series", counting("series", page_cache.figure_series))
    monkeypatch.setattr(compare, "figure_ranking", counting("ranking", compare.figure_ranking))
    return counts


def test_reruns_and_new_sessions_reuse_the_overview_parts(app, builds):
    at = open_page(app(regio="GM0917"), "overzicht")
    assert builds["matrix"] == 1
    at.run()
    assert builds["matrix"] == 1  # a rerun of the same session
    open_page(app(regio="GM0917"), "overzicht")
    assert builds["matrix"] == 1  # another session viewing the same region


def test_parts_are_per_region(app, builds):
    heerlen = open_page(app(regio="GM0917"), "overzicht")
    amsterdam = open_page(app(regio="GM0363"), "overzicht")
    assert builds["matrix"] == 2
    heerlen_rows = list(heerlen.dataframe[-1].value["value"])
    amsterdam_rows = list(amsterdam.dataframe[-1].value["value"])
    assert heerlen_rows != amsterdam_rows
    # Going back to the first region shows its own table again, from the cache.
    again = open_page(app(regio="GM0917"), "overzicht")
    assert list(again.dataframe[-1].value["value"]) == heerlen_rows
    assert builds["matrix"] == 2


def test_parts_are_per_language(app, builds):
    dutch = open_page(app(regio="GM0917"), "overzicht")
    english = open_page(app(regio="GM0917", lang="en"), "overzicht")
    assert builds["matrix"] == 2
    # The status matrix's chart is drawn once its tab is open.
    open_tab(english, "overzicht_matrix_tabs", "Chart")
    open_tab(dutch, "overzicht_matrix_tabs", "Grafiek")
    titles = [figure["layout"]["title"]["text"] for figure in plotly_figures(english)]
    dutch_titles = [figure["layout"]["title"]["text"] for figure in plotly_figures(dutch)]
    assert titles != dutch_titles
    assert "status" in titles[0].lower()


def test_indicator_charts_are_shared_by_the_dimension_pages_and_the_detail(app, builds):
    at = open_page(app(regio="GM0917", indicator="arbeid.werkloosheid"), "hier_en_nu")
    assert builds["series"] == 1
    at.run()
    open_page(app(regio="GM0917", indicator="arbeid.werkloosheid"), "hier_en_nu")
    assert builds["series"] == 1
    other = open_page(app(regio="GM0363", indicator="arbeid.werkloosheid"), "hier_en_nu")
    assert builds["series"] == 2
    assert not other.exception


def test_later_keeps_its_projection_apart_from_hier_en_nu(app, builds):
    # The same indicator on Later adds the projection: a part of its own, not the chart without.
    later = open_page(app(regio="GM0917"), "later")
    indicator = later.query_params["indicator"]
    hier = open_page(app(regio="GM0917", indicator=indicator), "hier_en_nu")
    assert builds["series"] == 2
    assert not hier.exception


def test_the_ranking_is_per_comparison_group(app, builds):
    at = open_page(app(regio="GM0917"), "vergelijken")
    assert builds["ranking"] == 1
    at.run()
    assert builds["ranking"] == 1
    options = at.selectbox(key="vergelijken_filter").options
    assert len(options) > 1
    at.selectbox(key="vergelijken_filter").select_index(0).run()
    assert not at.exception
    assert builds["ranking"] == 2  # another group: other rows, another chart


def test_a_write_rebuilds_the_parts(app, builds):
    open_page(app(regio="GM0917"), "overzicht")
    assert builds["matrix"] == 1
    ui_store.clear_caches()  # what every write through ui.store.writer() does after it commits
    open_page(app(regio="GM0917"), "overzicht")
    assert builds["matrix"] == 2


def test_the_parts_every_region_shares_are_read_once_per_write(app, monkeypatch):
    reads = []
    read_shared = ui_store.store.read_shared_reads

    def counting(con):
        reads.append(1)
        return read_shared(con)

    monkeypatch.setattr(ui_store.store, "read_shared_reads", counting)
    open_page(app(regio="GM0917"), "overzicht")
    open_page(app(regio="GM0363"), "overzicht")
    assert len(reads) == 1  # a second region reuses the regions, catalogue and references
    ui_store.clear_caches()  # what every write through ui.store.writer() does after it commits
    open_page(app(regio="GM0917"), "overzicht")
    assert len(reads) == 2


def test_a_read_that_ends_after_a_write_is_not_found_by_later_reads(app):
    open_page(app(regio="GM0917"), "overzicht")
    path, version = ui_store.store_key()
    before = ui_store._generation
    ui_store.clear_caches()  # a write commits while another session is still reading
    late = ui_store._read_shared(path, version, before)  # that read stores its result now
    assert ui_store._generation == before + 1
    assert ui_store._read_shared(path, version, ui_store._generation) is not late
    at = open_page(app(regio="GM0917"), "overzicht")  # reads under the new number
    assert not at.exception


def test_the_parts_are_bounded():
    for cached in ui_store.DERIVED_CACHES:
        assert 0 < cached._info.max_entries <= 256, cached
