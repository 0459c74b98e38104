"""The store as the UI sees it: created on first start, one cached connection, bounded readers.

DuckDB connections are not thread-safe and Streamlit runs every session in its own thread, so
the process shares one connection (per store path) and every query runs on its own
``cursor()``, which is closed once the result is fetched completely.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from bw import bootstrap, config, store
from ui.i18n import t

#: How long cached reads live before they are read again (seconds); loads clear them sooner.
_TTL_SECONDS = 600

#: Paths this process has checked or created, so a rerun does not re-check the file system.
_ready: set[str] = set()
_ready_lock = threading.Lock()


def store_path() -> str:
    """The store file this process uses (``BW_DB`` or ``data/bw.duckdb``), as a cache key."""
    return str(config.store_path().resolve())


def render_store_bootstrap() -> None:
    """Create the demo store when none exists, showing progress; stop the page on failure."""
    path = store_path()
    if path in _ready:
        return
    # One session builds the store; others arriving meanwhile wait here and then find it.
    with _ready_lock:
        if path not in _ready and not Path(path).exists():
            with st.status(t("store.creating"), expanded=True) as status:
                try:
                    bootstrap.ensure_store(Path(path), progress=status.write)
                except Exception as error:  # noqa: BLE001 - shown to the user, then stop
                    status.update(state="error")
                    st.error(t("store.create_failed", error=error), icon=":material/error:")
                    st.stop()
                status.update(label=t("store.created"), state="complete", expanded=False)
        _ready.add(path)


def _close(con: duckdb.DuckDBPyConnection) -> None:
    con.close()


@st.cache_resource(max_entries=4, show_spinner=False, on_release=_close)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """The process's one connection to the store at ``path`` (keyed on it, so tests can swap)."""
    return store.connect_for_reading(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """The shared connection to the current store; shows an error and stops when it fails."""
    path = store_path()
    try:
        return _connection(path)
    except (store.StoreError, duckdb.Error) as error:
        st.error(t("store.open_failed", path=path, error=error), icon=":material/error:")
        st.stop()
        raise  # st.stop() raises; this line only satisfies type checkers


@contextmanager
def _cursor(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = _connection(path).cursor()
    try:
        yield cursor
    finally:
        cursor.close()


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_regions(path: str) -> pd.DataFrame:
    with _cursor(path) as cursor:
        return store.read_regions(cursor)


@st.cache_data(max_entries=256, ttl=_TTL_SECONDS, show_spinner=False)
def _read_latest_by_theme(path: str, region_code: str) -> pd.DataFrame:
    with _cursor(path) as cursor:
        return store.read_latest_by_theme(cursor, region_code)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_info(path: str) -> dict:
    with _cursor(path) as cursor:
        return store.read_info(cursor)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _is_demo(path: str) -> bool:
    with _cursor(path) as cursor:
        return store.is_demo(cursor)


def read_regions() -> pd.DataFrame:
    """All regions of the store (see :func:`bw.store.read_regions`)."""
    connection()  # surfaces a store that cannot be opened as a message, not a traceback
    return _read_regions(store_path())


def read_latest_by_theme(region_code: str) -> pd.DataFrame:
    """Every indicator's latest value for a region (see :func:`bw.store.read_latest_by_theme`)."""
    connection()
    return _read_latest_by_theme(store_path(), region_code)


def read_info() -> dict:
    """Counts of what the store holds (see :func:`bw.store.read_info`)."""
    connection()
    return _read_info(store_path())


def is_demo() -> bool:
    """Whether the store holds the fictional demo monitor."""
    connection()
    return _is_demo(store_path())


def clear_caches() -> None:
    """Forget cached reads, e.g. after a load changed the store."""
    for reader in (_read_regions, _read_latest_by_theme, _read_info, _is_demo):
        reader.clear()
