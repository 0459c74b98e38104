"""Fixtures for the app tests: the demo store (built once per session) and AppTest factories."""

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import bootstrap, store, workshops
from tests.app.helpers import APP, TIMEOUT, use_store
from ui.auth import login_throttle_of_this_process
from ui.store import clear_caches


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """The demo store, created once for the whole session (creating it takes a moment)."""
    path = tmp_path_factory.mktemp("demo") / "bw.duckdb"
    assert bootstrap.ensure_store(path, kind="demo")
    return path


@pytest.fixture(scope="session")
def demo_regions(demo_store):
    con = store.connect(demo_store)  # as the app opens it: one process, one mode
    try:
        return store.read_regions(con)
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo_info(demo_store):
    con = store.connect(demo_store)  # as the app opens it: one process, one mode
    try:
        return store.read_info(con)
    finally:
        con.close()


def _clear_reads_and_parts() -> None:
    st.cache_data.clear()
    clear_caches()  # also the page parts built from the reads (ui/page_cache.py)
    login_throttle_of_this_process().clear()  # a replica's failed logins (ui/auth.py)
    workshops.reset_limits()  # wrong join codes and posts counted in this process


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Connections and reads are cached per store path; clearing keeps each test independent.
    _clear_reads_and_parts()
    yield
    _clear_reads_and_parts()


@pytest.fixture
def app(demo_store, monkeypatch):
    """Build an AppTest of app.py on the demo store, with optional URL query parameters."""
    monkeypatch.setenv("BW_DB", str(demo_store))

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        return at

    return make


@pytest.fixture
def copy_of_demo(demo_store, tmp_path, monkeypatch):
    """A private copy of the demo store, changed by ``change(con)`` before the app opens it."""

    def make(change) -> None:
        path = tmp_path / "bw.duckdb"
        shutil.copy(demo_store, path)
        con = store.connect(path)
        try:
            with store.transaction(con):
                change(con)
        finally:
            con.close()
        use_store(path, monkeypatch)

    yield make
    st.cache_resource.clear()  # closes the app's connection to the copy


@pytest.fixture
def server_address():
    """Set server.address for one test (0.0.0.0 without accounts: an anonymous viewer)."""
    before = st.get_option("server.address")
    yield lambda value: st.config.set_option("server.address", value)
    st.config.set_option("server.address", before)
