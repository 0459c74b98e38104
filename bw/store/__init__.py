"""The DuckDB store: opening and migrating the file, every query, and the derived tables."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from bw import config
from bw.assess import DEFAULT_THRESHOLDS, Thresholds
from bw.errors import BwError
from bw.model import OBSERVATION_COLUMNS, GroupKind, Indicator, Region, Target, Theme

_SCHEMA_FILE = Path(__file__).with_name("schema.sql")
_MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _migration_steps() -> dict[int, Sequence[str]]:
    """The SQL files in ``bw/store/migrations/vN/`` as the step from version N - 1 to N.

    Each file in a step is one feature's tables (roles, workshops, …), read in name order.
    """
    steps: dict[int, Sequence[str]] = {}
    for folder in sorted(_MIGRATIONS_DIR.glob("v*")):
        files = sorted(folder.glob("*.sql"))
        if folder.is_dir() and folder.name[1:].isdigit() and files:
            steps[int(folder.name[1:]) - 1] = [f.read_text(encoding="utf-8") for f in files]
    return steps


#: Upgrades per version: ``MIGRATIONS[n]`` takes a store from version n to n + 1.
#: Each step is a list of SQL scripts run in one transaction with the version bump. A new store
#: runs ``bw/store/schema.sql`` (version 1) and then every step, so there is one definition per table.
MIGRATIONS: dict[int, Sequence[str]] = _migration_steps()

#: The schema version this code writes.
SCHEMA_VERSION = 1 + len(MIGRATIONS)
#: Meta key a migration sets when the rules of the derived tables changed: the store rebuilds
#: them right after migrating (v4: comparison periods), then removes the key.
_REFRESH_FLAG = "refresh_derived"
_DIMENSION_ORDER = "CASE t.dimension WHEN 'hier_en_nu' THEN 1 WHEN 'later' THEN 2 ELSE 3 END"


class StoreError(BwError):
    """A store that cannot be opened or written as asked; the message says why."""


class SchemaTooNewError(StoreError):
    """The store file was written by a newer version of bw."""


class StoreInUseError(StoreError):
    """Another process holds the store file open for writing."""


class SchemaTooOldError(StoreError):
    """A read-only open found a store that needs a migration first."""


@dataclass(frozen=True, slots=True)
class WriteCounts:
    """What a write of observations did."""

    inserted: int  # keys that had no value before
    superseded: int  # keys whose earlier value moved to history


# --- opening and migrating -------------------------------------------------------------------


def connect(path: Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store file, creating the schema in a new file and upgrading an older one."""
    path = Path(path) if path is not None else config.store_path()
    if read_only and not path.exists():
        raise StoreError(f"store {path} does not exist; create it with `python -m bw init`")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise StoreInUseError(
                f"store {path} is in use by another process (is the app running with write "
                f"access?); try again when it is done, or stop it first"
            ) from error
        raise StoreError(f"cannot open store {path}: {error}") from error
    except duckdb.Error as error:
        raise StoreError(f"cannot open store {path}: {error}") from error
    try:
        con.execute("SET memory_limit = ?", [config.memory_limit()])
        _prepare_schema(con, path=path, read_only=read_only)
    except Exception:
        con.close()
        raise
    return con


def connect_for_reading(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store read-only, upgrading an older file first with a short writable open.

    Readers (the app's pages, ``info``) hold no write lock, so several processes can read one
    store; DuckDB refuses a second process while any process has the file open for writing.
    """
    path = Path(path) if path is not None else config.store_path()
    try:
        return connect(path, read_only=True)
    except SchemaTooOldError:
        connect(path).close()  # migrates
        return connect(path, read_only=True)


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version recorded in the store, or None for a file without bw's schema."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()[0]
    if not has_meta:
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def _prepare_schema(con: duckdb.DuckDBPyConnection, *, path: Path, read_only: bool) -> None:
    version = schema_version(con)
    if version is None:
        has_tables = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
        if has_tables:
            raise StoreError(f"{path} is a DuckDB file but not a bw store (no schema version)")
        if read_only:
            raise StoreError(f"store {path} is empty; create it with `python -m bw init`")
        with transaction(con):
            con.execute(_SCHEMA_FILE.read_text(encoding="utf-8"))
            for version in range(1, SCHEMA_VERSION):
                for script in MIGRATIONS[version]:
                    con.execute(script)
            set_meta(con, "schema_version", str(SCHEMA_VERSION))
            set_meta(con, "created_at", datetime.now().isoformat(timespec="seconds"))
            _refresh_if_flagged(con)
        return
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"store {path} has schema version {version}, newer than this bw "
            f"(version {SCHEMA_VERSION}); update bw or use another store (BW_DB)"
        )
    if version < SCHEMA_VERSION:
        if read_only:
            raise SchemaTooOldError(
                f"store {path} has schema version {version} and needs an upgrade to "
                f"{SCHEMA_VERSION}; open it once for writing (e.g. `python -m bw info`)"
            )
        migrate(con, from_version=version)
    elif not read_only and read_meta(con, _REFRESH_FLAG) is not None:
        # A rebuild after a migration that did not finish (the process stopped in between).
        with transaction(con):
            _refresh_if_flagged(con)


def migrate(con: duckdb.DuckDBPyConnection, *, from_version: int) -> int:
    """Run the migrations from ``from_version`` to :data:`SCHEMA_VERSION`, a transaction each."""
    version = from_version
    while version < SCHEMA_VERSION:
        steps = MIGRATIONS.get(version)
        if steps is None:
            raise StoreError(f"no migration from schema version {version} to {version + 1}")
        with transaction(con):
            for statement in steps:
                con.execute(statement)
            set_meta(con, "schema_version", str(version + 1))
        version += 1
    if read_meta(con, _REFRESH_FLAG) is not None:
        # After every step, so the rebuild runs once and with the code's own (newest) schema.
        with transaction(con):
            _refresh_if_flagged(con)
    return version


def _refresh_if_flagged(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables when a migration asked for it, and clear its request."""
    if read_meta(con, _REFRESH_FLAG) is None:
        return
    refresh_derived(con)
    con.execute("DELETE FROM meta WHERE key = ?", [_REFRESH_FLAG])


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: commit on success, roll back on any error."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


# --- writing ---------------------------------------------------------------------------------


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set one key of the store's metadata."""
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def read_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """One key of the store's metadata, or None."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def insert_themes(con: duckdb.DuckDBPyConnection, themes: Iterable[Theme]) -> None:
    """Add themes to the catalogue."""
    themes = list(themes)
    if not themes:
        return
    con.executemany(
        "INSERT INTO themes VALUES (?, ?, ?, ?, ?)",
        [[t.id, str(t.dimension), t.name_nl, t.name_en, t.sort_order] for t in themes],
    )


def insert_indicators(
    con: duckdb.DuckDBPyConnection,
    indicators: Iterable[Indicator],
    *,
    classification: str = "classified",
    created_by_load: int | None = None,
) -> None:
    """Add indicators and their theme links to the catalogue."""
    indicators = list(indicators)
    if not indicators:
        return
    con.executemany(
        "INSERT INTO indicators (id, name_nl, name_en, description_nl, description_en, unit, "
        "decimals, direction, aggregation, source, is_survey, classification, created_by_load, "
        "cbs_code, value_min, value_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                i.id, i.name_nl, i.name_en, i.description_nl, i.description_en, i.unit,
                i.decimals, str(i.direction), str(i.aggregation), i.source, i.is_survey,
                classification, created_by_load, i.cbs_code, i.value_min, i.value_max,
            ]
            for i in indicators
        ],
    )
    links = [[i.id, theme_id] for i in indicators for theme_id in i.theme_ids]
    if links:
        con.executemany("INSERT INTO indicator_themes VALUES (?, ?)", links)
    unknown = con.execute(
        "SELECT DISTINCT it.theme_id FROM indicator_themes it "
        "ANTI JOIN themes t ON t.id = it.theme_id"
    ).fetchall()
    if unknown:
        raise StoreError(f"indicators link to unknown themes: {sorted(u[0] for u in unknown)}")


def insert_regions(
    con: duckdb.DuckDBPyConnection,
    regions: Iterable[Region],
    *,
    created_by_load: int | None = None,
) -> None:
    """Add regions."""
    rows = [
        [
            r.code, r.name, str(r.level), r.landsdeel_code, r.province_code, r.corop_code,
            r.gemeente_code, r.first_year, r.last_year, r.size_class, r.urbanity, created_by_load,
        ]
        for r in regions
    ]
    if rows:
        con.executemany(
            "INSERT INTO regions (code, name, level, landsdeel_code, province_code, corop_code, "
            "gemeente_code, first_year, last_year, size_class, urbanity, created_by_load) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def update_region_attributes(
    con: duckdb.DuckDBPyConnection, regions: Iterable[Region], *, load_id: int
) -> int:
    """Set province, COROP, landsdeel, size class and urbanity of existing regions.

    The previous attributes are kept per load in ``region_attribute_history`` for undo.
    Returns how many regions were updated.
    """
    rows = [
        [r.province_code, r.corop_code, r.landsdeel_code, r.size_class, r.urbanity, r.code]
        for r in regions
    ]
    for row in rows:
        con.execute(
            "INSERT INTO region_attribute_history SELECT ?, code, province_code, corop_code, "
            "landsdeel_code, size_class, urbanity FROM regions WHERE code = ?",
            [load_id, row[-1]],
        )
        con.execute(
            "UPDATE regions SET province_code = ?, corop_code = ?, landsdeel_code = ?, "
            "size_class = ?, urbanity = ? WHERE code = ?",
            row,
        )
    return len(rows)


def insert_group(
    con: duckdb.DuckDBPyConnection,
    *,
    code: str,
    name: str,
    kind: GroupKind,
    member_codes: Sequence[str],
    description: str | None = None,
) -> None:
    """Add a region group (a Regio Deal, a peer group, …) with its members."""
    missing = _unknown_codes(con, member_codes)
    if missing:
        raise StoreError(f"group {code} names unknown regions: {missing}")
    insert_regions(con, [Region(code=code, name=name, level="group")])
    con.execute("INSERT INTO region_groups VALUES (?, ?, ?)", [code, str(kind), description])
    con.executemany(
        "INSERT INTO region_group_members VALUES (?, ?)", [[code, m] for m in member_codes]
    )


def _unknown_codes(con: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> list[str]:
    known = {row[0] for row in con.execute("SELECT code FROM regions").fetchall()}
    return sorted(set(codes) - known)


def create_load(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    format: str,
    file_name: str | None = None,
    checksum: str | None = None,
    loaded_by: str = "system",
    n_rows: int = 0,
    report: dict | None = None,
) -> int:
    """Record a new load and return its id."""
    return con.execute(
        "INSERT INTO loads "
        "(source, file_name, checksum, format, loaded_at, loaded_by, n_rows, report) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            source, file_name, checksum, format, datetime.now(), loaded_by, n_rows,
            json.dumps(report, ensure_ascii=False) if report is not None else None,
        ],
    ).fetchone()[0]


def write_observations(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame | pa.Table, *, load_id: int
) -> WriteCounts:
    """Write observations of one load; a value for an existing key supersedes the old one.

    ``frame`` is a pandas DataFrame or an Arrow table with the columns of
    :data:`bw.model.OBSERVATION_COLUMNS`. The caller runs this inside a transaction together
    with the load record, so that a load is present or absent as a whole. Unknown indicators
    or regions, and a key the frame gives more than once, raise :class:`StoreError`: this
    function is what keeps one row per key in ``observations``, which has no primary key.
    """
    names = frame.column_names if isinstance(frame, pa.Table) else list(frame.columns)
    missing = [c for c in OBSERVATION_COLUMNS if c not in names]
    if missing:
        raise StoreError(f"observations frame lacks columns {missing}")
    if isinstance(frame, pa.Table):
        incoming = frame.select(list(OBSERVATION_COLUMNS))
    else:
        incoming = frame.loc[:, list(OBSERVATION_COLUMNS)]
    register_frame(con, "incoming_observations", incoming)
    try:
        _check_references(con)
        _check_unique_keys(con)
        superseded = con.execute(
            "INSERT INTO observations_superseded "
            "SELECT o.*, ? FROM observations o JOIN incoming_observations n "
            "USING (indicator_id, region_code, period)",
            [load_id],
        ).fetchone()[0]
        con.execute(
            "DELETE FROM observations o USING incoming_observations n "
            "WHERE o.indicator_id = n.indicator_id AND o.region_code = n.region_code "
            "AND o.period = n.period"
        )
        # No primary key (migration v3): the keys of the frame are unique (checked above) and
        # the keys it replaces are gone, so every key is still there once after the insert.
        con.execute(
            "INSERT INTO observations SELECT indicator_id, region_code, period, "
            "CAST(year AS INTEGER), CAST(value AS DOUBLE), CAST(ci_low AS DOUBLE), "
            "CAST(ci_high AS DOUBLE), status, missing_reason, ? FROM incoming_observations",
            [load_id],
        )
    finally:
        unregister_frame(con, "incoming_observations")
    counts = WriteCounts(inserted=incoming.shape[0] - superseded, superseded=superseded)
    con.execute(
        "UPDATE loads SET n_inserted = n_inserted + ?, n_superseded = n_superseded + ? "
        "WHERE id = ?",
        [counts.inserted, counts.superseded, load_id],
    )
    return counts


def register_frame(con: duckdb.DuckDBPyConnection, name: str, frame) -> None:
    """Make a DataFrame or Arrow table queryable as ``name`` on this connection.

    DuckDB refuses to register while an earlier result is unread (``fetchone`` leaves one
    open), so that result is run to its end first.
    """
    con.complete()
    con.register(name, frame)


def unregister_frame(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a frame registered with :func:`register_frame`; quiet after an aborted transaction.

    An aborted transaction refuses it; the next register of the name replaces the view anyway.
    """
    with contextlib.suppress(duckdb.Error):
        con.complete()
        con.unregister(name)


def _check_unique_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a frame that gives an indicator x region x period key more than once.

    ``observations`` has no primary key any more (migration v3: its index made a load of 10
    million rows spend 13 s of its 36 s on the index, python -m bw bench --ingest), so this
    check keeps one row per key. Distinct hashes settle it in one pass (10 million rows:
    0.6 s); only when two hashes collide does the exact query look for the repeated keys.
    """
    rows, hashes = con.execute(
        "SELECT count(*), count(DISTINCT hash(indicator_id, region_code, period)) "
        "FROM incoming_observations"
    ).fetchone()
    if rows == hashes:
        return
    repeated = con.execute(
        "SELECT indicator_id, region_code, period, count(*) FROM incoming_observations "
        "GROUP BY ALL HAVING count(*) > 1 ORDER BY ALL LIMIT 5"
    ).fetchall()
    if repeated:
        keys = "; ".join(f"{i} x {r} x {p} ({n} times)" for i, r, p, n in repeated)
        raise StoreError(f"indicator x region x period keys occur more than once: {keys}")


def _check_references(con: duckdb.DuckDBPyConnection) -> None:
    unknown_indicators = con.execute(
        "SELECT DISTINCT indicator_id FROM incoming_observations "
        "ANTI JOIN indicators ON indicators.id = incoming_observations.indicator_id LIMIT 5"
    ).fetchall()
    if unknown_indicators:
        raise StoreError(f"unknown indicators: {[row[0] for row in unknown_indicators]}")
    unknown_regions = con.execute(
        "SELECT DISTINCT region_code FROM incoming_observations "
        "ANTI JOIN regions ON regions.code = incoming_observations.region_code LIMIT 5"
    ).fetchall()
    if unknown_regions:
        raise StoreError(f"unknown regions: {[row[0] for row in unknown_regions]}")


def write_targets(
    con: duckdb.DuckDBPyConnection,
    targets: Iterable[Target],
    *,
    set_by: str,
    set_at: datetime | None = None,
) -> int:
    """Append target versions; earlier versions stay in the history. Returns how many."""
    set_at = set_at or datetime.now()
    rows = [
        [
            t.region_code, t.indicator_id, t.minimum, t.ambition, t.ceiling, t.target_year,
            t.baseline_year, t.rationale, t.source, set_by, set_at,
        ]
        for t in targets
    ]
    if rows:
        con.executemany(
            "INSERT INTO targets (region_code, indicator_id, minimum, ambition, ceiling, "
            "target_year, baseline_year, rationale, source, set_by, set_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def find_load_by_checksum(con: duckdb.DuckDBPyConnection, checksum: str) -> int | None:
    """The id of a load (not undone) of a file with this checksum, or None."""
    row = con.execute(
        "SELECT id FROM loads WHERE checksum = ? AND undone_at IS NULL ORDER BY id LIMIT 1",
        [checksum],
    ).fetchone()
    return row[0] if row else None


def undo_load(con: duckdb.DuckDBPyConnection, load_id: int) -> list[str]:
    """Restore exactly the state before a load; return the indicators it touched.

    Refused when a later load replaced values of this one: undo that later load first, so the
    history stays a stack and nothing is restored on top of newer data.
    """
    row = con.execute("SELECT undone_at FROM loads WHERE id = ?", [load_id]).fetchone()
    if row is None:
        raise StoreError(f"there is no load {load_id}")
    if row[0] is not None:
        raise StoreError(f"load {load_id} was already undone at {row[0]:%Y-%m-%d %H:%M}")
    later = con.execute(
        "SELECT DISTINCT superseded_by FROM observations_superseded WHERE load_id = ? "
        "ORDER BY 1",
        [load_id],
    ).fetchall()
    if later:
        ids = ", ".join(str(r[0]) for r in later)
        raise StoreError(
            f"load {load_id} cannot be undone on its own: load(s) {ids} replaced some of its "
            f"values; undo those first"
        )
    touched = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT indicator_id FROM observations WHERE load_id = ? UNION "
            "SELECT DISTINCT indicator_id FROM observations_superseded WHERE superseded_by = ?",
            [load_id, load_id],
        ).fetchall()
    ]
    changed_later = con.execute(
        "SELECT DISTINCT later.load_id FROM region_attribute_history mine "
        "JOIN region_attribute_history later ON later.code = mine.code AND later.load_id > ? "
        "JOIN loads l ON l.id = later.load_id AND l.undone_at IS NULL "
        "WHERE mine.load_id = ? ORDER BY 1",
        [load_id, load_id],
    ).fetchall()
    if changed_later:
        ids = ", ".join(str(r[0]) for r in changed_later)
        raise StoreError(
            f"load {load_id} changed region attributes that load(s) {ids} changed again; "
            f"undo those first"
        )
    used_later = con.execute(
        "SELECT DISTINCT o.load_id FROM observations o "
        "WHERE o.load_id <> ? AND (o.region_code IN (SELECT code FROM regions WHERE "
        "created_by_load = ?) OR o.indicator_id IN (SELECT id FROM indicators WHERE "
        "created_by_load = ?)) ORDER BY 1",
        [load_id, load_id, load_id],
    ).fetchall()
    if used_later:
        ids = ", ".join(str(r[0]) for r in used_later)
        raise StoreError(
            f"load {load_id} added regions or indicators that load(s) {ids} use; undo those first"
        )
    con.execute("DELETE FROM observations WHERE load_id = ?", [load_id])
    con.execute(
        "INSERT INTO observations SELECT * EXCLUDE (superseded_by) FROM observations_superseded "
        "WHERE superseded_by = ?",
        [load_id],
    )
    con.execute("DELETE FROM observations_superseded WHERE superseded_by = ?", [load_id])
    con.execute("DELETE FROM aggregated_values WHERE load_id = ?", [load_id])
    con.execute(
        "DELETE FROM indicator_themes WHERE indicator_id IN "
        "(SELECT id FROM indicators WHERE created_by_load = ?)",
        [load_id],
    )
    con.execute("DELETE FROM indicators WHERE created_by_load = ?", [load_id])
    con.execute("DELETE FROM regions WHERE created_by_load = ?", [load_id])
    restored = con.execute(
        "UPDATE regions r SET province_code = h.province_code, corop_code = h.corop_code, "
        "landsdeel_code = h.landsdeel_code, size_class = h.size_class, urbanity = h.urbanity "
        "FROM region_attribute_history h WHERE h.load_id = ? AND r.code = h.code",
        [load_id],
    ).fetchone()[0]
    con.execute("DELETE FROM region_attribute_history WHERE load_id = ?", [load_id])
    con.execute("UPDATE loads SET undone_at = ? WHERE id = ?", [datetime.now(), load_id])
    # Peer references depend on size class and urbanity: restored attributes touch them all.
    refresh_derived(con, indicator_ids=None if restored else touched)
    return sorted(touched)


def read_loads(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every load, newest first, with its provenance and counts."""
    return con.execute(
        "SELECT id, source, file_name, format, loaded_at, loaded_by, n_rows, n_inserted, "
        "n_superseded, checksum, undone_at FROM loads ORDER BY id DESC"
    ).df()


# --- derived tables --------------------------------------------------------------------------

# Only yearly periods feed the derived tables: the methods judge calendar years.
_YEARLY = "o.value IS NOT NULL AND o.period = CAST(o.year AS VARCHAR)"

_REFRESH_LATEST = """
INSERT INTO latest_values
SELECT s.indicator_id, s.region_code, s.series_years[-1], s.series_values[-1],
       s.series_ci_low[-1], s.series_ci_high[-1], s.series_status[-1], s.load_id,
       s.series_years[-2], s.series_values[-2], len(s.series_years),
       r.rank, r.n, r.quartile,
       s.series_years, s.series_values, s.series_ci_low, s.series_ci_high, s.series_status
FROM (
    -- One ordered list of structs per series, split afterwards: one sort per group, not five
    -- (python -m bw bench, 10 million observations: 15 s -> 6 s, identical rows). The list is
    -- sorted after it is built rather than by an ordered aggregate: a series has each year
    -- once and the year is the struct's first field, so the order is the same (python -m bw
    -- bench --ingest, 10 million rows: 4.0 s -> 3.4 s).
    SELECT indicator_id, region_code, load_id,
           list_transform(points, lambda p: p.year) AS series_years,
           list_transform(points, lambda p: p.value) AS series_values,
           list_transform(points, lambda p: p.ci_low) AS series_ci_low,
           list_transform(points, lambda p: p.ci_high) AS series_ci_high,
           list_transform(points, lambda p: p.status) AS series_status
    FROM (
        SELECT o.indicator_id, o.region_code,
               list_sort(list({{'year': o.year, 'value': o.value, 'ci_low': o.ci_low,
                               'ci_high': o.ci_high, 'status': o.status}}),
                         'ASC', 'NULLS FIRST') AS points,
               arg_max(o.load_id, o.year) AS load_id
        FROM observations o
        WHERE {yearly} AND {scope}
        GROUP BY o.indicator_id, o.region_code
    )
) s
-- The position in the comparison period of the region's level (methods.md §3), not in the
-- series' latest year: a region without a value in that period has none.
LEFT JOIN regions g ON g.code = s.region_code
LEFT JOIN comparison_periods c ON c.indicator_id = s.indicator_id AND c.level = g.level
LEFT JOIN ranks r
  ON r.indicator_id = s.indicator_id AND r.region_code = s.region_code AND r.year = c.year
"""

# NL and provinces are their own observations; a peer class is the plain mean of the gemeenten
# of one size class and urbanity (methods.md §3: "the peer group mean").
_REFRESH_REFERENCES = """
INSERT INTO reference_values
SELECT o.indicator_id, o.year, r.level, r.code, o.value, o.ci_low, o.ci_high, 1
FROM observations o JOIN regions r ON r.code = o.region_code
WHERE {yearly} AND r.level IN ('NL', 'PV') AND {scope}
UNION ALL
SELECT o.indicator_id, o.year, 'peer', r.size_class || '-' || r.urbanity, avg(o.value), NULL, NULL,
       count(*)
FROM observations o JOIN regions r ON r.code = o.region_code
WHERE {yearly} AND r.level = 'GM' AND r.size_class IS NOT NULL AND r.urbanity IS NOT NULL
  AND {scope}
GROUP BY ALL
"""

# Competition ranking (1, 2, 2, 4) in the good direction; neutral indicators high-to-low, and
# their quarters are called highest/lowest, never best/worst (methods.md §3; migration v4).
# Written in the order pages read it (indicator, level, year), so the min/max of each row group
# lets a ranking skip the others (python -m bw bench: 79 of 82 row groups scanned -> 2).
# The window and the sort carry an indicator's position in the sorted batch (the first
# parameter) instead of its id, a string too long to sort cheaply, and the id is looked up
# again after the sort: the same rows in the same order (python -m bw bench --ingest, 10
# million rows: 4.0 s -> 3.4 s). Parameters: the batch as a list, three times, then its ids.
_REFRESH_RANKS = """
INSERT INTO ranks
SELECT list_extract(?, number), region_code, level, year, value, rank, n,
       CASE WHEN rank <= ceil(n / 4) THEN CASE WHEN neutral THEN 'highest_quartile'
                                               ELSE 'best_quartile' END
            WHEN rank > n - ceil(n / 4) THEN CASE WHEN neutral THEN 'lowest_quartile'
                                                  ELSE 'worst_quartile' END
            ELSE 'middle' END
FROM (
    SELECT o.region_code, r.level, o.year, o.value, i.number, i.direction = 'neutral' AS neutral,
           rank() OVER levelyear AS rank,
           count(*) OVER (PARTITION BY i.number, r.level, o.year) AS n
    FROM observations o
    JOIN regions r ON r.code = o.region_code
    JOIN (SELECT id, direction, list_position(?, id)::UINTEGER AS number
          FROM indicators WHERE list_contains(?, id)) i ON i.id = o.indicator_id
    WHERE {yearly} AND r.level NOT IN ('NL', 'group')
      AND {scope}
    WINDOW levelyear AS (
        PARTITION BY i.number, r.level, o.year
        ORDER BY CASE WHEN i.direction = 'down' THEN o.value ELSE -o.value END
    )
)
ORDER BY number, level, year, rank
"""


# Why the newest periods have no value: per series, the newest missing period after the latest
# value (or with no value at all), with its reason. Yearly periods only, like the others.
_REFRESH_MISSING = """
INSERT INTO latest_missing
SELECT m.indicator_id, m.region_code, max(m.year), arg_max(m.missing_reason, m.year), count(*)
FROM observations m
LEFT JOIN (
    SELECT o.indicator_id, o.region_code, max(o.year) AS latest_year
    FROM observations o WHERE {yearly} AND {scope} GROUP BY ALL
) l ON l.indicator_id = m.indicator_id AND l.region_code = m.region_code
WHERE m.value IS NULL AND m.period = CAST(m.year AS VARCHAR)
  AND m.indicator_id IN ({placeholders})
  AND (l.latest_year IS NULL OR m.year > l.latest_year)
GROUP BY ALL
"""


# The comparison period per indicator and level (methods.md §3), counted from the ranks, which
# hold every region with a yearly value except NL and groups, with its level: the window is the
# last trend_window_years up to the latest year with a value (up to the as-of year, when given);
# the period is the window's latest year in which a share of the regions that reported in the
# window have a value. bw.assess.select_comparison_period is the reference version. Parameters:
# see _comparison_params.
_COMPARISON_PERIODS = """
WITH counts AS (
    SELECT o.indicator_id, o.level, o.year, count(*) AS n_with_value
    FROM ranks o
    WHERE o.year <= coalesce(?, o.year) AND {scope} {level}
    GROUP BY ALL
), latest AS (
    SELECT indicator_id, level, max(year) AS latest_year,
           arg_max(n_with_value, year) AS n_latest
    FROM counts GROUP BY ALL
), reporting AS (
    SELECT o.indicator_id, o.level, count(DISTINCT o.region_code) AS n_reporting
    FROM ranks o JOIN latest l ON l.indicator_id = o.indicator_id AND l.level = o.level
    WHERE o.year <= coalesce(?, o.year) AND {scope} {level} AND o.year > l.latest_year - ?
    GROUP BY ALL
), met AS (
    -- Equal to the share counts as enough; the tolerance forgives 0.8 * 35 = 28.000000000000004.
    SELECT c.indicator_id, c.level, c.year, c.n_with_value
    FROM counts c
    JOIN latest l ON l.indicator_id = c.indicator_id AND l.level = c.level
    JOIN reporting p ON p.indicator_id = c.indicator_id AND p.level = c.level
    WHERE c.year > l.latest_year - ?
      AND c.n_with_value >= ? * p.n_reporting * (1 - 1e-9)
)
SELECT l.indicator_id, l.level, max(m.year) AS year, arg_max(m.n_with_value, m.year),
       p.n_reporting, l.latest_year, l.n_latest
FROM latest l
JOIN reporting p ON p.indicator_id = l.indicator_id AND p.level = l.level
LEFT JOIN met m ON m.indicator_id = l.indicator_id AND m.level = l.level
GROUP BY l.indicator_id, l.level, p.n_reporting, l.latest_year, l.n_latest
"""


def _comparison_params(
    scope: Sequence, as_of: int | None, thresholds: Thresholds
) -> list:
    """The parameters of :data:`_COMPARISON_PERIODS`; ``scope`` those of its scope and level."""
    window = thresholds.trend_window_years
    return [as_of, *scope, as_of, *scope, window, window, thresholds.comparison_coverage]


def refresh_derived(
    con: duckdb.DuckDBPyConnection, *, indicator_ids: Sequence[str] | None = None
) -> None:
    """Rebuild ranks, comparison periods, references and latest values, for some or all indicators.

    Run it inside the transaction of the write that made it necessary. All indicators are
    rebuilt one at a time, so the memory a refresh needs grows with one indicator's
    observations, not with the store (python -m bw bench, 10 million: 3.5 GB -> 1.1 GB).
    The comparison periods use the share and window of ``bw.assess.DEFAULT_THRESHOLDS``
    (methods.md §3); :func:`read_comparison_periods` computes them for other thresholds.
    """
    tables = ("ranks", "comparison_periods", "reference_values", "latest_values",
              "latest_missing")
    if indicator_ids is None:
        for table in tables:
            con.execute(f"DELETE FROM {table}")
        ids = con.execute("SELECT id FROM indicators ORDER BY id").fetchall()
        batches = [[row[0]] for row in ids]
    else:
        batch = sorted(set(indicator_ids))
        if not batch:
            return
        for table in tables:
            con.execute(f"DELETE FROM {table} o WHERE {_scope(batch)}", batch)
        batches = [batch]
    for batch in batches:
        # Ranks first, then the comparison periods counted from them: latest_values copies each
        # series' rank in the comparison period of its level.
        comparison = "INSERT INTO comparison_periods " + _COMPARISON_PERIODS
        for insert, params in ((_REFRESH_RANKS, [batch, batch, batch, *batch]),
                               (comparison, _comparison_params(batch, None, DEFAULT_THRESHOLDS)),
                               (_REFRESH_REFERENCES, batch * 2), (_REFRESH_LATEST, batch)):
            con.execute(insert.format(scope=_scope(batch), yearly=_YEARLY, level=""), params)
        con.execute(
            _REFRESH_MISSING.format(scope=_scope(batch), yearly=_YEARLY,
                                    placeholders=", ".join("?" * len(batch))),
            batch * 2,
        )


def _scope(indicator_ids: Sequence[str]) -> str:
    # Literal placeholders (not a subquery) let DuckDB skip row groups of other indicators.
    return f"o.indicator_id IN ({', '.join('?' * len(indicator_ids))})"


# --- reading ---------------------------------------------------------------------------------


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store holds the fictional demo monitor."""
    return read_meta(con, "demo") == "true"


#: What a store was built from: real CBS figures, the fictional demo, or nothing.
STORE_SOURCES = ("cbs", "demo", "empty")


def read_source(con: duckdb.DuckDBPyConnection) -> str:
    """What the store was built from: ``'cbs'``, ``'demo'`` or ``'empty'`` (meta ``source``).

    Stores made before the key existed were demo or empty; the ``demo`` flag says which.
    """
    source = read_meta(con, "source")
    if source in STORE_SOURCES:
        return source
    return "demo" if is_demo(con) else "empty"


def read_missing(con: duckdb.DuckDBPyConnection, region_code: str) -> pd.DataFrame:
    """Per indicator, the newest period a source left empty after the latest value, and why."""
    return con.execute(
        "SELECT indicator_id, year, missing_reason, n_missing FROM latest_missing "
        "WHERE region_code = ? ORDER BY indicator_id",
        [region_code],
    ).df()


def read_aggregated(con: duckdb.DuckDBPyConnection, region_code: str) -> pd.DataFrame:
    """Per indicator whose latest value bw computed from gemeenten: that year and its coverage.

    Joined on the latest value's load, so a source value loaded later for the same key counts
    as a source value; reads the small derived table, not the observations.
    """
    return con.execute(
        "SELECT a.indicator_id, l.year, a.coverage, a.n_members, a.n_with_value "
        "FROM latest_values l JOIN aggregated_values a ON a.indicator_id = l.indicator_id "
        "AND a.region_code = l.region_code AND a.period = CAST(l.year AS VARCHAR) "
        "AND a.load_id = l.load_id "
        "WHERE l.region_code = ? ORDER BY a.indicator_id",
        [region_code],
    ).df()


def read_regions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All regions, ordered by level (NL first, groups last) and name."""
    return con.execute(
        "SELECT code, name, level, province_code, corop_code, landsdeel_code, size_class, "
        "urbanity, first_year, last_year FROM regions "
        "ORDER BY CASE level WHEN 'NL' THEN 1 WHEN 'LD' THEN 2 WHEN 'PV' THEN 3 WHEN 'CR' THEN 4 "
        "WHEN 'GM' THEN 5 WHEN 'WK' THEN 6 WHEN 'BU' THEN 7 ELSE 8 END, name, code"
    ).df()


def read_region(con: duckdb.DuckDBPyConnection, code: str) -> Region | None:
    """One region by its code, or None."""
    row = con.execute(
        "SELECT code, name, level, province_code, corop_code, landsdeel_code, gemeente_code, "
        "first_year, last_year, size_class, urbanity FROM regions WHERE code = ?",
        [code],
    ).fetchone()
    if row is None:
        return None
    fields = ("code", "name", "level", "province_code", "corop_code", "landsdeel_code",
              "gemeente_code", "first_year", "last_year", "size_class", "urbanity")
    return Region(**dict(zip(fields, row, strict=True)))


def read_group_members(con: duckdb.DuckDBPyConnection, group_code: str) -> list[str]:
    """The member region codes of a region group."""
    rows = con.execute(
        "SELECT region_code FROM region_group_members WHERE group_code = ? ORDER BY region_code",
        [group_code],
    ).fetchall()
    return [row[0] for row in rows]


def read_latest_by_theme(con: duckdb.DuckDBPyConnection, region_code: str) -> pd.DataFrame:
    """Every indicator with its latest value for a region, one row per indicator and theme."""
    return con.execute(
        f"""
        SELECT t.dimension, t.id AS theme_id, t.name_nl AS theme_nl, t.name_en AS theme_en,
               t.sort_order AS theme_order, i.id AS indicator_id, i.name_nl, i.name_en, i.unit,
               i.decimals, i.direction, l.year, l.value, l.ci_low, l.ci_high, l.status, l.load_id
        FROM indicators i
        JOIN indicator_themes it ON it.indicator_id = i.id
        JOIN themes t ON t.id = it.theme_id
        LEFT JOIN latest_values l ON l.indicator_id = i.id AND l.region_code = ?
        ORDER BY {_DIMENSION_ORDER}, t.sort_order, i.name_nl
        """,
        [region_code],
    ).df()


def read_info(con: duckdb.DuckDBPyConnection) -> dict:
    """Counts of what the store holds, as ``python -m bw info --json`` prints them."""
    regions = dict(
        con.execute("SELECT level, count(*) FROM regions GROUP BY level ORDER BY level").fetchall()
    )
    per_dimension = dict(
        con.execute(
            "SELECT t.dimension, count(DISTINCT it.indicator_id) FROM indicator_themes it "
            "JOIN themes t ON t.id = it.theme_id GROUP BY t.dimension"
        ).fetchall()
    )
    indicators = {d: per_dimension.get(d, 0) for d in ("hier_en_nu", "later", "elders")}
    indicators["total"] = con.execute("SELECT count(*) FROM indicators").fetchone()[0]

    def count(sql: str) -> int:
        return con.execute(sql).fetchone()[0]

    return {
        "regions": regions,
        "indicators": indicators,
        "observations": count("SELECT count(*) FROM observations"),
        "targets": count("SELECT count(*) FROM current_targets"),
        "loads": count("SELECT count(*) FROM loads WHERE undone_at IS NULL"),
        "demo": is_demo(con),
        "source": read_source(con),
    }


def read_current_targets(con: duckdb.DuckDBPyConnection, region_code: str) -> pd.DataFrame:
    """The current streefwaarden of a region or group."""
    return con.execute(
        "SELECT indicator_id, minimum, ambition, ceiling, target_year, baseline_year, rationale, "
        "source, set_by, set_at FROM current_targets WHERE region_code = ? ORDER BY indicator_id",
        [region_code],
    ).df()


def backup_path_for(path: Path, *, now: Callable[[], datetime] = datetime.now) -> Path:
    """Where a store is moved when ``init --force`` recreates it."""
    stamp = now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")


def read_indicator_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every indicator with its metadata, dimensions and themes (first theme = main theme).

    Indicators still to be classified (loaded from a source, no theme yet) have empty lists.
    """
    frame = con.execute(
        f"""
        SELECT i.id AS indicator_id, i.name_nl, i.name_en, i.description_nl, i.description_en,
               i.unit, i.decimals, i.direction, i.aggregation, i.source, i.is_survey,
               i.classification, i.cbs_code, i.value_min, i.value_max,
               coalesce(list(t.dimension ORDER BY {_DIMENSION_ORDER}, t.sort_order)
                        FILTER (WHERE t.id IS NOT NULL), []) AS dimensions,
               coalesce(list(t.id ORDER BY {_DIMENSION_ORDER}, t.sort_order)
                        FILTER (WHERE t.id IS NOT NULL), []) AS theme_ids
        FROM indicators i
        LEFT JOIN indicator_themes it ON it.indicator_id = i.id
        LEFT JOIN themes t ON t.id = it.theme_id
        GROUP BY ALL
        ORDER BY i.id
        """
    ).df()
    # One entry per dimension, in the order hier en nu, later, elders.
    frame["dimensions"] = frame["dimensions"].map(lambda dims: list(dict.fromkeys(dims)))
    return frame


def read_themes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The themes with their dimension and names, in presentation order."""
    return con.execute(
        f"SELECT id AS theme_id, dimension, name_nl, name_en, sort_order FROM themes t "
        f"ORDER BY {_DIMENSION_ORDER}, sort_order"
    ).df()


def read_series_summaries(
    con: duckdb.DuckDBPyConnection, region_codes: Sequence[str]
) -> pd.DataFrame:
    """The derived latest value, rank and yearly series (as lists) per indicator of regions."""
    if not region_codes:
        return con.execute("SELECT * FROM latest_values LIMIT 0").df()
    placeholders = ", ".join("?" * len(region_codes))
    return con.execute(
        f"SELECT * FROM latest_values WHERE region_code IN ({placeholders}) "
        "ORDER BY region_code, indicator_id",
        list(region_codes),
    ).df()


def read_references(
    con: duckdb.DuckDBPyConnection,
    *,
    province_code: str | None,
    peer_key: str | None,
    indicator_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Reference series (NL, the given province, the given peer class) per indicator and year."""
    conditions = ["(kind = 'NL')"]
    params: list = []
    if province_code:
        conditions.append("(kind = 'PV' AND ref_key = ?)")
        params.append(province_code)
    if peer_key:
        conditions.append("(kind = 'peer' AND ref_key = ?)")
        params.append(peer_key)
    where = " OR ".join(conditions)
    if indicator_ids is not None:
        if not indicator_ids:
            return con.execute("SELECT * FROM reference_values LIMIT 0").df()
        where = f"({where}) AND indicator_id IN ({', '.join('?' * len(indicator_ids))})"
        params.extend(indicator_ids)
    return con.execute(
        f"SELECT indicator_id, year, kind, ref_key, value, ci_low, ci_high, n_regions "
        f"FROM reference_values WHERE {where} ORDER BY indicator_id, kind, year",
        params,
    ).df()


def read_ranks_in_year(
    con: duckdb.DuckDBPyConnection, region_code: str, *, year: int
) -> pd.DataFrame:
    """Rank, n and quartile of a region per indicator in one year."""
    return con.execute(
        "SELECT indicator_id, rank, n, quartile FROM ranks WHERE region_code = ? AND year = ?",
        [region_code, year],
    ).df()


#: The columns of :func:`read_comparison_periods`.
COMPARISON_PERIOD_COLUMNS = (
    "indicator_id", "level", "year", "n_with_value", "n_reporting", "latest_year", "n_latest",
)


def read_comparison_periods(
    con: duckdb.DuckDBPyConnection,
    *,
    level: str,
    as_of: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """The comparison period of every indicator at a level (methods.md §3), one row each.

    Columns :data:`COMPARISON_PERIOD_COLUMNS`; ``year`` is NULL when no year of the window has
    a value for 80% of the regions that reported. Read from the derived table; computed from
    the ranks instead as of a year (``as_of``: the store as if it held nothing newer, for
    ``assess --period``) or with other thresholds than those of the refresh.
    """
    columns = ", ".join(COMPARISON_PERIOD_COLUMNS)
    if as_of is None and has_stored_comparison_rule(thresholds):
        return con.execute(
            f"SELECT {columns} FROM comparison_periods WHERE level = ? ORDER BY indicator_id",
            [level],
        ).df()
    query = _COMPARISON_PERIODS.format(scope="TRUE", level="AND o.level = ?")
    frame = con.execute(
        f"SELECT * FROM ({query}) ORDER BY 1", _comparison_params([level], as_of, thresholds)
    ).df()
    frame.columns = list(COMPARISON_PERIOD_COLUMNS)
    return frame


def has_stored_comparison_rule(thresholds: Thresholds) -> bool:
    """Whether these thresholds give the comparison periods the refresh stored (the defaults)."""
    return (thresholds.comparison_coverage, thresholds.trend_window_years) == (
        DEFAULT_THRESHOLDS.comparison_coverage, DEFAULT_THRESHOLDS.trend_window_years
    )


def read_comparison_period(
    con: duckdb.DuckDBPyConnection, indicator_id: str, *, level: str
) -> dict | None:
    """The comparison period of one indicator at a level as a dict, or None without values."""
    row = con.execute(
        f"SELECT {', '.join(COMPARISON_PERIOD_COLUMNS)} FROM comparison_periods "
        "WHERE indicator_id = ? AND level = ?",
        [indicator_id, level],
    ).fetchone()
    return dict(zip(COMPARISON_PERIOD_COLUMNS, row, strict=True)) if row else None


def read_ranking(
    con: duckdb.DuckDBPyConnection, indicator_id: str, *, level: str, year: int | None = None
) -> pd.DataFrame:
    """One indicator across all regions of a level in one year, by rank.

    The default year is the comparison period of the level (methods.md §3), else (no year with
    80% of the regions) the latest year with a value.
    """
    # One statement: the default year is a subquery, not a second round trip.
    return con.execute(
        "SELECT k.region_code AS code, r.name, k.year, k.value, k.rank, k.n, k.quartile, "
        "r.size_class, r.urbanity, r.province_code "
        "FROM ranks k JOIN regions r ON r.code = k.region_code "
        "WHERE k.indicator_id = $indicator AND k.level = $level AND k.year = coalesce($year, "
        "(SELECT year FROM comparison_periods WHERE indicator_id = $indicator AND level = $level), "
        "(SELECT max(year) FROM ranks WHERE indicator_id = $indicator AND level = $level)) "
        "ORDER BY k.rank, r.name",
        {"indicator": indicator_id, "level": level, "year": year},
    ).df()


def read_ranking_years(
    con: duckdb.DuckDBPyConnection, indicator_id: str, *, level: str
) -> list[int]:
    """The years in which an indicator has ranked values at a level, newest first."""
    rows = con.execute(
        "SELECT DISTINCT year FROM ranks WHERE indicator_id = ? AND level = ? ORDER BY year DESC",
        [indicator_id, level],
    ).fetchall()
    return [row[0] for row in rows]


def read_group(con: duckdb.DuckDBPyConnection, group_code: str) -> dict | None:
    """A region group's kind, description and members, or None when it is no group."""
    row = con.execute(
        "SELECT kind, description FROM region_groups WHERE code = ?", [group_code]
    ).fetchone()
    if row is None:
        return None
    return {
        "kind": row[0],
        "description": row[1],
        "members": read_group_members(con, group_code),
    }


def peer_key_of(region: Region) -> str | None:
    """The default peer class of a gemeente: size class and urbanity, as '4-3'.

    >>> peer_key_of(Region("GM0001", "Een", "GM", size_class=4, urbanity=3))
    '4-3'
    """
    if region.size_class is None or region.urbanity is None:
        return None
    return f"{region.size_class}-{region.urbanity}"
