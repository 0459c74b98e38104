"""The store as the UI sees it: created on first start, one cached connection, bounded readers.

DuckDB connections are not thread-safe and Streamlit runs every session in its own thread, so
the process shares one connection (per store path) and every query runs on its own
``cursor()``, which is closed once the result is fetched completely.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from bw import bootstrap, config, geo, monitor, snapshot, store
from bw.model import Level
from bw.store import lake
from ui.i18n import t

#: How long cached reads live before they are read again (seconds); loads clear them sooner.
_TTL_SECONDS = 600

#: Paths this process has checked or created, so a rerun does not re-check the file system.
_ready: set[str] = set()
_ready_lock = threading.Lock()
_log = logging.getLogger(__name__)


def store_path() -> str:
    """The store file this process uses (``BW_DB`` or ``data/bw.duckdb``), as a cache key.

    A lake's location (``ducklake:postgres:…``) is kept as it is: it is no file path.
    """
    configured = config.store_path()
    return str(configured) if store.is_lake(configured) else str(configured.resolve())


def render_maintenance(error: Exception) -> None:
    """The maintenance message instead of a page (the lake is away); stops the run.

    Viewers see no host names or error text: those go to the log for the operator.
    """
    _log.error("store unreachable, showing the maintenance message: %s", error)
    st.title(t("maintenance.title"))
    st.warning(t("maintenance.body"), icon=":material/construction:")
    if st.button(t("maintenance.retry"), icon=":material/refresh:"):
        st.rerun()  # a failed open is not cached: the next run tries again
    st.stop()


@contextmanager
def maintenance_when_unreachable() -> Iterator[None]:
    """Show the maintenance message when the lake goes away while a page runs.

    The open connection then fails on every query; it is dropped so that the next run,
    once PostgreSQL is back, attaches anew.
    """
    try:
        yield
    except Exception as error:
        if not lake.is_unreachable_error(error):
            raise
        _connection.clear()
        render_maintenance(lake.unreachable(error, store_path()))


def render_store_bootstrap() -> None:
    """Create the default store (real CBS figures) when none exists, showing progress.

    A lake that cannot be reached shows the maintenance message instead of the app.
    """
    path = store_path()
    if path in _ready:
        return
    # One session builds the store; others arriving meanwhile wait here and then find it.
    with _ready_lock:
        if path not in _ready and _needs_init(path):
            with st.status(t("store.creating"), expanded=True) as status:
                try:
                    bootstrap.ensure_store(
                        Path(path), kind=bootstrap.DEFAULT_KIND, progress=status.write
                    )
                except lake.LakeUnreachableError as error:
                    status.update(state="error")
                    render_maintenance(error)
                except Exception as error:  # noqa: BLE001 - shown to the user, then stop
                    status.update(state="error")
                    st.error(t("store.create_failed", error=error), icon=":material/error:")
                    st.stop()
                status.update(label=t("store.created"), state="complete", expanded=False)
        _ready.add(path)


def _needs_init(path: str) -> bool:
    """Whether the store at ``path`` is still to be created (a lake: still to be filled)."""
    if not store.is_lake(path):
        return not Path(path).exists()
    if config.app_read_only():
        return False  # a reading instance never fills a lake (nor opens it writable to ask)
    try:
        return bootstrap.lake_needs_init(Path(path))
    except lake.LakeUnreachableError as error:
        render_maintenance(error)
        raise  # render_maintenance stops the run; this line only satisfies type checkers


def _close(con: duckdb.DuckDBPyConnection | snapshot.SnapshotReader) -> None:
    con.close()


# --- deployment: replicas reopen a published snapshot, one writer per process ----------------
# (docs/deploy.md) A read-only replica keys its connection and cached reads on the store file's
# identity, so a snapshot published by renaming a new file over the old one is opened on the
# next read; connections to older versions finish their queries and are closed once four newer
# ones exist. Writes in one process take turns; a write that waits too long is "bezig".

#: How long a write waits for another session's write in this process before it is "bezig".
WRITE_WAIT_SECONDS = 10.0

_write_lock = threading.RLock()


class WriteBusyError(duckdb.TransactionException):
    """Another session of this app is writing; a kind of DuckDB write conflict, so every page
    that handles one already shows it as "bezig, probeer het zo opnieuw"."""


def store_version(path: str) -> str:
    """The identity of a read-only instance's store file (inode, mtime), or '' for the writer."""
    if not config.app_read_only():
        return ""
    try:
        info = os.stat(path)
    except OSError:
        return ""
    return f"{info.st_ino}-{info.st_mtime_ns}"


#: How long a lake's snapshot id is reused before the catalogue is asked again (seconds).
_LAKE_VERSION_SECONDS = 1.0
_lake_version: dict[str, tuple[float, str]] = {}


def _lake_snapshot(path: str) -> str:
    """The lake's newest snapshot, asked at most once a second: another instance's commit
    changes it, so this instance's cached reads are read again after any instance writes."""
    now = time.monotonic()
    seen = _lake_version.get(path)
    if seen is not None and now - seen[0] < _LAKE_VERSION_SECONDS:
        return seen[1]
    cursor = store.cursor(_opened(path, ""))
    try:
        version = f"lake-{store.lake_snapshot_id(cursor)}"
    finally:
        cursor.close()
    _lake_version[path] = (now, version)
    return version


def store_key() -> tuple[str, str]:
    """The store path and version that cached reads (and parts built from them) are keyed on."""
    path = store_path()
    if store.is_lake(path):
        return path, _lake_snapshot(path)
    return path, store_version(path)


def _busy_message() -> str:
    try:
        return t("deploy.busy")
    except Exception:  # noqa: BLE001 - outside a session (threads in tests): the Dutch words
        return "Bezig, probeer het zo opnieuw."


def _publish_after_write(con: duckdb.DuckDBPyConnection) -> None:
    """Publish a snapshot for the replicas when ``BW_PUBLISH_TO`` is set; never undo a write."""
    target = config.publish_path()
    if target is None:
        return
    if store.is_lake(store_path()):
        # snapshots are for replicas of a store file; every lake instance reads the lake itself
        _log.warning("BW_PUBLISH_TO is ignored on a lake store: instances read the lake")
        return
    try:
        snapshot.publish(con, target)
    except (store.StoreError, duckdb.Error, OSError) as error:
        _log.exception("publishing %s failed", target)
        st.warning(t("deploy.publish_failed", error=error), icon=":material/warning:")


@st.cache_resource(max_entries=4, show_spinner=False, on_release=_close)
def _connection(
    path: str, version: str = ""
) -> duckdb.DuckDBPyConnection | snapshot.SnapshotReader:
    """The process's one connection to the store at ``path`` (keyed on it, so tests can swap).

    Writable by default, so analysts can load data and set targets in the app; a replica
    behind a separate writer sets ``BW_READ_ONLY=1`` and gets the file version ``version``
    (:func:`store_version`) in an instance of its own. DuckDB lets only one process hold a
    store for writing, so the command line cannot write while this app runs.
    """
    if config.app_read_only() and store.is_lake(path):
        return store.connect(Path(path), read_only=True)  # every instance reads the lake itself
    if config.app_read_only():
        try:
            return snapshot.SnapshotReader(Path(path))
        except store.SchemaTooOldError:  # a store (not a snapshot) written by an older bw
            store.connect(Path(path)).close()  # migrates
            return snapshot.SnapshotReader(Path(path))
    return store.connect(Path(path))


def _opened(path: str, version: str) -> duckdb.DuckDBPyConnection | snapshot.SnapshotReader:
    """The cached connection for a store key: one per file version, one per lake."""
    return _connection(path, "" if store.is_lake(path) else version)


def can_write() -> bool:
    """Whether this app instance may write to the store."""
    return not config.app_read_only()


@contextmanager
def writer(*, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor in one transaction for a write; caches are cleared after it commits.

    Writes of this process take turns; one that waits longer than ``wait`` seconds (default
    :data:`WRITE_WAIT_SECONDS`) raises :class:`WriteBusyError` (a duckdb.TransactionException,
    like DuckDB's own write conflict) that pages show as "bezig, probeer het zo opnieuw".
    Raises :class:`bw.store.StoreError` when this instance is read-only. With
    ``BW_PUBLISH_TO`` set, a new snapshot for read-only replicas is published after the commit.
    """
    if not can_write():
        raise store.StoreError("this app instance is read-only (BW_READ_ONLY=1)")
    if not _write_lock.acquire(timeout=WRITE_WAIT_SECONDS if wait is None else wait):
        raise WriteBusyError(_busy_message())
    try:
        con = connection()
        cursor = store.cursor(con)
        try:
            with store.transaction(cursor):
                yield cursor
        finally:
            cursor.close()
        clear_caches()
        _publish_after_write(con)
    finally:
        _write_lock.release()


def connection() -> duckdb.DuckDBPyConnection | snapshot.SnapshotReader:
    """The shared connection to the current store; shows an error and stops when it fails."""
    path = store_path()
    try:
        return _opened(*store_key())  # a lake's key asks it for its newest snapshot
    except lake.LakeUnreachableError as error:
        render_maintenance(error)
        raise  # render_maintenance stops the run; this line only satisfies type checkers
    except (store.StoreError, duckdb.Error) as error:
        if store.is_lake(path) and lake.is_unreachable_error(error):
            # the lake went away after it was opened: asking it for its snapshot failed
            _connection.clear()
            render_maintenance(lake.unreachable(error, path))
        shown, reason = lake.redact(path), lake.redact(str(error))
        st.error(t("store.open_failed", path=shown, error=reason), icon=":material/error:")
        st.stop()
        raise  # st.stop() raises; this line only satisfies type checkers


def new_cursor() -> duckdb.DuckDBPyConnection:
    """A new cursor of the shared connection (on a lake store: querying the lake)."""
    return store.cursor(connection())


@contextmanager
def reading_cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the shared connection for one uncached read, closed afterwards."""
    cursor = new_cursor()
    try:
        yield cursor
    finally:
        cursor.close()


_Result = TypeVar("_Result")


def read_fresh(function: Callable[..., _Result], *args: object, **kwargs: object) -> _Result:
    """``function(cursor, *args, **kwargs)`` on its own cursor: small tables read on every run."""
    with reading_cursor() as cursor:
        return function(cursor, *args, **kwargs)


@contextmanager
def _cursor(path: str, version: str) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = store.cursor(_opened(path, version))
    try:
        yield cursor
    finally:
        cursor.close()


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_regions(path: str, version: str) -> pd.DataFrame:
    with _cursor(path, version) as cursor:
        return store.read_regions(cursor)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_info(path: str, version: str) -> dict:
    with _cursor(path, version) as cursor:
        return store.read_info(cursor)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _is_demo(path: str, version: str) -> bool:
    with _cursor(path, version) as cursor:
        return store.is_demo(cursor)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _store_source(path: str, version: str) -> str:
    with _cursor(path, version) as cursor:
        return store.read_source(cursor)


def store_source() -> str:
    """What the store was built from: ``'cbs'``, ``'demo'`` or ``'empty'``."""
    connection()
    return _store_source(*store_key())


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_load_sources(path: str, version: str) -> dict[int, str]:
    with _cursor(path, version) as cursor:
        loads = store.read_loads(cursor)
    return {int(row.id): str(row.source) for row in loads.itertuples(index=False)}


def read_load_source(load_id: int) -> str:
    """The source named by a load ('CBS 80590ned, …'), so a value says which series it is."""
    connection()
    return _read_load_sources(*store_key()).get(int(load_id), "–")


def read_regions() -> pd.DataFrame:
    """All regions of the store (see :func:`bw.store.read_regions`)."""
    connection()  # surfaces a store that cannot be opened as a message, not a traceback
    return _read_regions(*store_key())


def read_info() -> dict:
    """Counts of what the store holds (see :func:`bw.store.read_info`)."""
    connection()
    return _read_info(*store_key())


def is_demo() -> bool:
    """Whether the store holds the fictional demo monitor."""
    connection()
    return _is_demo(*store_key())


#: Raised by every clear_caches(). A read that began before a write and stores its result after
#: the write cleared the caches (Streamlit does not check) is keyed on the old number, so no
#: later read finds it: the shared reads below would otherwise mix an old catalogue, periods
#: and references into every region's assessment until they expire.
_generation = 0


@st.cache_resource(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_shared(path: str, version: str, generation: int) -> store.SharedReads:
    """The parts every region's assessment and ranking read alike; shared, not copied (callers
    only read them)."""
    with _cursor(path, version) as cursor:
        return store.read_shared_reads(cursor)


@st.cache_data(max_entries=64, ttl=_TTL_SECONDS, show_spinner=False)
def _read_assessment(
    path: str, version: str, generation: int, region_code: str, period: int | None
) -> monitor.RegionAssessment:
    shared = _read_shared(path, version, generation)
    with _cursor(path, version) as cursor:
        return monitor.assess_region(cursor, region_code, period=period, shared=shared)


@st.cache_data(max_entries=64, ttl=_TTL_SECONDS, show_spinner=False)
def _read_ranking(
    path: str, version: str, generation: int, indicator_id: str, level: str, year: int | None
) -> pd.DataFrame:
    shared = _read_shared(path, version, generation)
    with _cursor(path, version) as cursor:
        return store.read_ranking(cursor, indicator_id, level=level, year=year, shared=shared)


@st.cache_data(max_entries=64, ttl=_TTL_SECONDS, show_spinner=False)
def _read_comparison_period(path: str, version: str, indicator_id: str, level: str) -> dict | None:
    with _cursor(path, version) as cursor:
        return store.read_comparison_period(cursor, indicator_id, level=level)


@st.cache_data(max_entries=64, ttl=_TTL_SECONDS, show_spinner=False)
def _read_ranking_years(path: str, version: str, indicator_id: str, level: str) -> list[int]:
    with _cursor(path, version) as cursor:
        return store.read_ranking_years(cursor, indicator_id, level=level)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_catalogue(path: str, version: str) -> pd.DataFrame:
    with _cursor(path, version) as cursor:
        return store.read_indicator_catalogue(cursor)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_themes(path: str, version: str) -> pd.DataFrame:
    with _cursor(path, version) as cursor:
        return store.read_themes(cursor)


@st.cache_data(max_entries=4, ttl=_TTL_SECONDS, show_spinner=False)
def _read_groups(path: str, version: str) -> dict[str, tuple[str, ...]]:
    with _cursor(path, version) as cursor:
        regions = store.read_regions(cursor)
        codes = regions.loc[regions["level"] == Level.GROUP, "code"]
        return {str(code): tuple(store.read_group_members(cursor, str(code))) for code in codes}


def read_assessment(region_code: str, period: int | None = None) -> monitor.RegionAssessment | None:
    """Every indicator of a region judged (:func:`bw.monitor.assess_region`); None if unknown.

    Cached per store, region and period (pickled, so every session gets its own copy).
    """
    connection()
    try:
        return _read_assessment(*store_key(), _generation, region_code, period)
    except store.StoreError:
        return None


def read_ranking(indicator_id: str, level: str, year: int | None = None) -> pd.DataFrame:
    """One indicator across the regions of a level, by rank (see :func:`bw.store.read_ranking`)."""
    connection()
    return _read_ranking(*store_key(), _generation, indicator_id, level, year)


def read_comparison_period(indicator_id: str, level: str) -> dict | None:
    """The comparison period of an indicator at a level (see
    :func:`bw.store.read_comparison_period`): year, n_with_value, n_reporting, latest_year,
    n_latest; None without values at that level."""
    connection()
    return _read_comparison_period(*store_key(), indicator_id, level)


def read_ranking_years(indicator_id: str, level: str) -> list[int]:
    """Years with ranked values of an indicator at a level, newest first."""
    connection()
    return _read_ranking_years(*store_key(), indicator_id, level)


def read_catalogue() -> pd.DataFrame:
    """Every indicator with its metadata (see :func:`bw.store.read_indicator_catalogue`)."""
    connection()
    return _read_catalogue(*store_key())


def read_themes() -> pd.DataFrame:
    """The themes in presentation order (see :func:`bw.store.read_themes`)."""
    connection()
    return _read_themes(*store_key())


def read_groups() -> dict[str, tuple[str, ...]]:
    """Every region group's member codes, by group code."""
    connection()
    return _read_groups(*store_key())


@dataclass(frozen=True, slots=True)
class BoundaryRead:
    """The boundary file of a level: its path, the checked boundaries or why they failed."""

    path: Path | None  # data/boundaries/gemeente_2025.geojson; None when no file was found
    boundaries: geo.Boundaries | None  # None when absent or unreadable
    error: str | None  # BoundaryError message of an unreadable file (for analysts: has paths)
    shipped: bool = False  # True: data/geo/, shipped with bw; False: installed (or none)


@st.cache_resource(max_entries=4, show_spinner=False)
def _read_boundaries(path: str, modified_ns: int) -> geo.Boundaries | str:
    """A checked boundary file, or the message why it cannot be used (shared, read-only)."""
    try:
        return geo.read_boundaries(Path(path))
    except geo.BoundaryError as error:
        return error.message


def read_boundaries(level: str, year: int | None = None) -> BoundaryRead:
    """The boundary GeoJSON of a level, read once per file version: installed in the data
    folder, else shipped with bw (gemeenten 2025, provinces 2023)."""
    try:
        path = geo.find_boundaries(config.data_dir(), level=level, year=year)
    except ValueError:  # a level without boundary files (NL, groups)
        return BoundaryRead(None, None, None)
    if path is None:
        return BoundaryRead(None, None, None)
    shipped = geo.is_shipped(path)
    try:
        modified = path.stat().st_mtime_ns
    except OSError as error:
        return BoundaryRead(path, None, f"{path.name}: {error}", shipped)
    result = _read_boundaries(str(path.resolve()), modified)
    if isinstance(result, str):
        return BoundaryRead(path, None, result, shipped)
    return BoundaryRead(path, result, None, shipped)


#: Caches built from the reads above (ui/page_cache.py registers its own), cleared with them.
DERIVED_CACHES: list = []


def clear_caches() -> None:
    """Forget cached reads and everything built from them, e.g. after a load changed the store."""
    global _generation
    _generation += 1  # first: a read that starts from now on is keyed on the new number
    for reader in (
        _read_regions,
        _read_info,
        _is_demo,
        _store_source,
        _read_load_sources,
        _read_assessment,
        _read_ranking,
        _read_comparison_period,
        _read_ranking_years,
        _read_catalogue,
        _read_themes,
        _read_groups,
        _read_shared,
    ):
        reader.clear()
    _read_boundaries.clear()
    for derived in DERIVED_CACHES:
        derived.clear()
