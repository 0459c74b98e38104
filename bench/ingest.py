"""The intake benchmark, ``python -m bw bench --ingest``: how fast files go through intake.

Two loads, each into a fresh store in a temporary folder (never the user's store):

* a long CSV (``indicator,region,period,value``) of N rows (default 10 million), generated
  deterministically with DuckDB COPY from the real catalogue's indicators, synthetic gemeenten
  (inserted first) and years, values with '.' as decimal mark; loaded with
  :func:`bw.intake.load_file` (format detection, validation, the store write and
  ``refresh_derived`` all included). Next to it a naive baseline in the same run: pandas
  ``read_csv`` plus a row-by-row ``INSERT`` (``executemany``) into a DuckDB table of the same
  shape. Row by row is far too slow for millions of rows, so it is timed on the first
  ``baseline_rows`` rows (50 000) and reported as rows per second.
* a waarstaatjegemeente delivery (``GEOITEM, PERIOD, GEOLEVEL`` + one column per indicator,
  -99998 for missing) of 400 gemeenten x 400 indicator columns, whose columns map by name to
  400 indicators created in the catalogue first.

Each load runs in a spawned process, so its peak RSS is the load's own and not the generator's.
Intake's phases are timed by wrapping the functions it calls (the loaders are not changed), so a
missed goal comes with where the time went. Generating the files is not timed. Nothing here
asserts a time.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import duckdb

from bench.child import run_in_child

if TYPE_CHECKING:  # bw is imported where it is used, so importing the bench stays light
    from bw.loaders.common import LoadContext, Loader, Staged
    from bw.plausibility import Rule

#: Goals of the issue (Data intake, item 6).
GOAL_ROWS_PER_S, GOAL_WIDE_S = 1_000_000.0, 2.0
#: Calendar years of the long CSV; gemeenten are added until N rows fit (at most 9 999 codes).
FIRST_YEAR, LAST_YEAR = 1995, 2024
#: The size limit intake applies is raised for the benchmark's own file (BW_MAX_UPLOAD_MB).
_UPLOAD_LIMIT_MB = 1_000_000
#: And its time budget (BW_INTAKE_SECONDS): the bench measures the time, it must not refuse
#: a 10-million-row file because a busy machine checks it slower than the default allows.
_INTAKE_SECONDS = 3_600
_WIDE_PERIOD = 2023
_MAX_GEMEENTEN = 9_999


@dataclass(frozen=True, slots=True)
class LongResult:
    """The long CSV load and its baseline."""

    rows_written: int
    rows_loaded: int  # observations in the store after the load
    file_mb: float
    seconds: float  # intake.load_file, everything included
    phases: dict[str, float]  # seconds per phase of that load
    phase_rss_mb: dict[str, float]  # peak RSS of the load's process when each phase ended
    peak_rss_mb: float  # peak RSS of the process that did the load
    baseline_rows: int  # rows the baseline inserted
    baseline_seconds: float  # pandas read_csv + executemany of those rows
    read_csv_seconds: float  # DuckDB's own read_csv of the same file into a table, nothing else
    report_ok: bool
    report_errors: tuple[str, ...]

    @property
    def rows_per_s(self) -> float:
        return self.rows_loaded / self.seconds if self.seconds > 0 else 0.0

    @property
    def baseline_rows_per_s(self) -> float:
        return self.baseline_rows / self.baseline_seconds if self.baseline_seconds > 0 else 0.0

    @property
    def load_vs_read_csv(self) -> float:
        """How many times longer the load takes than DuckDB's bare read of the file."""
        return self.seconds / self.read_csv_seconds if self.read_csv_seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class WideResult:
    """The waarstaatjegemeente delivery load."""

    gemeenten: int
    columns: int
    cells_loaded: int  # observations in the store after the load
    seconds: float
    phases: dict[str, float]
    phase_rss_mb: dict[str, float]
    peak_rss_mb: float
    report_ok: bool
    report_errors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Everything one run of the intake benchmark measured."""

    long_csv: LongResult
    wide_export: WideResult
    problems: tuple[str, ...] = field(default=())  # counts that differ, refused files

    def summary(self) -> dict[str, Any]:
        """The documented JSON of ``python -m bw bench --ingest --json``."""
        return {
            "long_csv": {
                "rows": self.long_csv.rows_loaded,
                "seconds": round(self.long_csv.seconds, 3),
                "rows_per_s": round(self.long_csv.rows_per_s, 1),
                "baseline_rows_per_s": round(self.long_csv.baseline_rows_per_s, 1),
                "duckdb_read_csv_s": round(self.long_csv.read_csv_seconds, 3),
                "load_vs_read_csv": round(self.long_csv.load_vs_read_csv, 1),
                "peak_rss_mb": round(self.long_csv.peak_rss_mb, 1),
                "phases": {k: round(v, 3) for k, v in self.long_csv.phases.items()},
            },
            "wide_export": {
                "gemeenten": self.wide_export.gemeenten,
                "columns": self.wide_export.columns,
                "seconds": round(self.wide_export.seconds, 3),
                "peak_rss_mb": round(self.wide_export.peak_rss_mb, 1),
            },
        }

    @property
    def long_met(self) -> bool:
        return self.long_csv.rows_per_s >= GOAL_ROWS_PER_S

    @property
    def wide_met(self) -> bool:
        return self.wide_export.seconds < GOAL_WIDE_S


# --- generating the files (not timed) ---------------------------------------------------------


def gemeenten_for(rows: int, *, indicators: int) -> int:
    """How many gemeenten the long CSV needs for ``rows`` rows at one value per year.

    >>> gemeenten_for(10_000_000, indicators=41)
    8131
    >>> gemeenten_for(20_000, indicators=41)
    17
    """
    per_gemeente = indicators * (LAST_YEAR - FIRST_YEAR + 1)
    needed = max(1, -(-rows // per_gemeente))
    if needed > _MAX_GEMEENTEN:
        raise ValueError(f"{rows} rows need more than {_MAX_GEMEENTEN} gemeenten: lower --rows")
    return needed


def _insert_gemeenten(con: duckdb.DuckDBPyConnection, n: int) -> None:
    from bw import store
    from bw.model import Level, Region

    provinces = con.execute(
        "SELECT code, landsdeel_code FROM regions WHERE level = 'PV' ORDER BY code"
    ).fetchall()
    regions = [
        Region(
            code=f"GM{i:04d}",
            name=f"Synthetische gemeente {i}",
            level=Level.GM,
            province_code=provinces[i % len(provinces)][0],
            landsdeel_code=provinces[i % len(provinces)][1],
            size_class=1 + i % 8,
            urbanity=1 + i % 5,
        )
        for i in range(1, n + 1)
    ]
    with store.transaction(con):
        store.insert_regions(con, regions)


def prepare_long(folder: Path, rows: int) -> tuple[Path, Path, int]:
    """A fresh store with the catalogue and gemeenten, and the long CSV of ``rows`` rows."""
    from bw import bootstrap, plausibility, store

    store_path = folder / "long.duckdb"
    bootstrap.init_store(store_path, kind="empty")
    con = store.connect(store_path)
    try:
        indicators = sorted(store.read_indicator_units(con))
        # Values each indicator's unit and catalogue range allow (bw.plausibility refuses others).
        rules = plausibility.rules_for(store.read_indicator_catalogue(con))
        n_gm = gemeenten_for(rows, indicators=len(indicators))
        _insert_gemeenten(con, n_gm)
        store.checkpoint(con)
    finally:
        con.close()
    csv_path = folder / "long.csv"
    gen = duckdb.connect()
    try:
        gen.execute("SET enable_progress_bar = false")
        gen.execute(
            "CREATE TABLE ind AS SELECT * FROM (VALUES "
            + ", ".join(
                f"({i}, '{indicator}', {_bounds(rules.get(indicator))})"
                for i, indicator in enumerate(indicators)
            )
            + ") t(k, id, low, high, whole)"
        )
        # Rows ordered by gemeente, then indicator, then year; values from a hash, within what
        # the indicator allows (0.0-99.9 for a percentage, 0.0-999.9 without a bound).
        gen.execute(f"""
            COPY (
                SELECT i.id AS indicator, 'GM' || lpad(CAST(g AS VARCHAR), 4, '0') AS region,
                       CAST(y AS VARCHAR) AS period,
                       printf('%.1f', CASE WHEN i.whole THEN round(v) ELSE v END) AS value
                FROM range(1, {n_gm + 1}) r(g), ind i, range({FIRST_YEAR}, {LAST_YEAR + 1}) t(y),
                     LATERAL (SELECT i.low + (hash(g, i.k, y) % 1000) / 1000.0 * (i.high - i.low)
                              AS v)
                ORDER BY g, i.k, y
                LIMIT {rows}
            ) TO '{csv_path}' (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')
        """)
    finally:
        gen.close()
    return store_path, csv_path, rows


def _first(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The first column of a query's first row; an error when it has none."""
    row = con.execute(sql).fetchone()
    if row is None:
        raise RuntimeError(f"no row from {sql}")
    return row[0]


def _bounds(rule: Rule | None) -> str:
    """SQL values (low, high, whole) of an indicator's generated values.

    >>> _bounds(None)
    '0.0, 1000.0, false'
    """
    low = rule.low if rule is not None and rule.low is not None else 0.0
    high = rule.high if rule is not None and rule.high is not None else low + 1000.0
    return f"{float(low)!r}, {float(high)!r}, {'true' if rule and rule.is_count else 'false'}"


def prepare_wide(folder: Path, gemeenten: int, columns: int) -> tuple[Path, Path]:
    """A fresh store with ``columns`` bench indicators and the delivery file to load."""
    from bw import bootstrap, store
    from bw.model import Aggregation, Direction, Indicator

    store_path = folder / "wide.duckdb"
    bootstrap.init_store(store_path, kind="empty")
    con = store.connect(store_path)
    try:
        theme = _first(con, "SELECT id FROM themes ORDER BY sort_order, id LIMIT 1")
        names = [f"Benchmark indicator {j:03d}" for j in range(1, columns + 1)]
        with store.transaction(con):
            store.insert_indicators(
                con,
                [
                    Indicator(
                        id=f"bench.indicator_{j:03d}",
                        name_nl=name,
                        name_en=name,
                        description_nl="",
                        description_en="",
                        unit="%",
                        decimals=1,
                        direction=Direction.UP,
                        aggregation=Aggregation.WEIGHTED_MEAN,
                        source="bench (synthetic)",
                        theme_ids=(theme,),
                    )
                    for j, name in enumerate(names, start=1)
                ],
            )
        _insert_gemeenten(con, gemeenten)
        store.checkpoint(con)
    finally:
        con.close()
    csv_path = folder / "wsjg_delivery.csv"
    cells = ", ".join(
        f"CASE WHEN hash(g, {j}) % 100 = 0 THEN '-99998' "
        f"ELSE printf('%.1f', (hash(g, {j}, 'v') % 1000) / 10.0) END AS \"{name}\""
        for j, name in enumerate(names, start=1)
    )
    gen = duckdb.connect()
    try:
        gen.execute("SET enable_progress_bar = false")
        gen.execute(f"""
            COPY (
                SELECT CAST(g AS VARCHAR) AS GEOITEM, '{_WIDE_PERIOD}' AS PERIOD,
                       'gemeente' AS GEOLEVEL, {cells}
                FROM range(1, {gemeenten + 1}) r(g) ORDER BY g
            ) TO '{csv_path}' (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')
        """)
    finally:
        gen.close()
    return store_path, csv_path


# --- timing the loads (in a spawned process each) ---------------------------------------------


@contextlib.contextmanager
def _timed_phases(
    targets: list[tuple[object, str, str]],
) -> Iterator[tuple[dict[str, float], dict[str, float]]]:
    """Wrap ``module.attribute`` functions so each call adds its seconds to a phase.

    The second dict holds the process's peak RSS (MB) when each phase last ended.
    """
    from bench import page_queries
    from bw import store

    phases: dict[str, float] = {}
    rss: dict[str, float] = {}
    originals = []
    for module, attribute, phase in targets:
        original = getattr(module, attribute)
        originals.append((module, attribute, original))

        def wrapper(
            *args: Any, _original: Callable[..., Any] = original, _phase: str = phase, **kwargs: Any
        ) -> Any:
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                phases[_phase] = phases.get(_phase, 0.0) + time.perf_counter() - started
                rss[_phase] = page_queries.peak_rss_mb()

        setattr(module, attribute, wrapper)
    original_transaction = store.transaction

    def timed_transaction(
        con: duckdb.DuckDBPyConnection,
    ) -> contextlib.AbstractContextManager[None]:
        """store.transaction, with the time of its COMMIT (or ROLLBACK) as a phase."""
        inner = original_transaction(con)

        class _Timed:
            def __enter__(self) -> None:
                return inner.__enter__()

            def __exit__(self, *exc: Any) -> bool | None:
                started = time.perf_counter()
                try:
                    return inner.__exit__(*exc)
                finally:
                    phases[_COMMIT] = phases.get(_COMMIT, 0.0) + time.perf_counter() - started
                    rss[_COMMIT] = page_queries.peak_rss_mb()

        return _Timed()

    setattr(store, "transaction", timed_transaction)  # noqa: B010 - swapped like the targets
    originals.append((store, "transaction", original_transaction))
    try:
        yield phases, rss
    finally:
        for module, attribute, original in reversed(originals):
            setattr(module, attribute, original)


class _LoaderCall:
    """The chosen loader's ``load``, called through an attribute the phase timer can wrap.

    Loaders are frozen records in the registry, so the bench cannot wrap their ``load``; it
    hands intake a copy whose ``load`` calls through here instead.
    """

    @staticmethod
    def load(loader: Loader, path: Path, context: LoadContext) -> Staged:
        return loader.load(path, context)


_LOADER_CALL = _LoaderCall()


@contextlib.contextmanager
def _loader_calls_timed() -> Iterator[None]:
    """Make intake's loaders call through :data:`_LOADER_CALL` (so "loader total" is timed)."""
    from bw import intake
    from bw.loaders.common import FormatLoader

    # intake looks loader_for up in its own namespace, so the bench swaps it there.
    original: Callable[[str], Loader] = getattr(intake, "loader_for")  # noqa: B009

    def loader_for(name: str) -> Loader:
        loader = original(name)
        return FormatLoader(
            FORMAT=loader.FORMAT,
            looks_like=loader.looks_like,
            load=lambda path, context: _LOADER_CALL.load(loader, path, context),
        )

    setattr(intake, "loader_for", loader_for)  # noqa: B010
    try:
        yield
    finally:
        setattr(intake, "loader_for", original)  # noqa: B010


def _phase_targets(loader_module: ModuleType) -> list[tuple[object, str, str]]:
    from bw import intake, store

    targets: list[tuple[object, str, str]] = [
        (intake, "read_file_facts", "reading the file once (size, checksum, encoding, head)"),
        (intake, "detect_format", "format detection (from the file facts)"),
        (loader_module, "sha256_of", "checksum (from the file facts)"),
        (loader_module, "detect_encoding", "encoding detection (from the file facts)"),
        (intake, "_compare_with_store", "comparison with the store (new/changed counts)"),
        (store, "write_observations", "store write (write_observations)"),
        (store, "refresh_derived", "refresh_derived"),
    ]
    if hasattr(loader_module, "_stage"):  # long_csv
        targets += [
            (loader_module, "_stage", "DuckDB read_csv into the sandbox (text cells)"),
            (loader_module, "_validate", "validation queries (parse, resolve, checks, clean)"),
        ]
    else:  # wsjg
        targets += [
            (loader_module, "stage_cells", "DuckDB read_csv into the sandbox (text cells)"),
            (loader_module, "_validate_delivery", "validation queries (parse, checks)"),
            (loader_module, "_finish", "clean rows to Arrow"),
        ]
    targets.append((_LOADER_CALL, "load", "loader total"))
    # A format whose loader no longer calls a step itself (the wsjg table takes its encoding
    # from the file facts intake read once) has no such phase to time.
    return [target for target in targets if hasattr(target[0], target[1])]


def _load_in_child(store_path: str, csv_path: str, format: str) -> dict[str, Any]:
    """Load one file through intake.load_file; time it, its phases and the process's peak."""
    from bench import page_queries
    from bw import bootstrap, intake, store
    from bw.loaders import long_csv, wsjg

    os.environ["BW_MAX_UPLOAD_MB"] = str(_UPLOAD_LIMIT_MB)
    os.environ["BW_INTAKE_SECONDS"] = str(_INTAKE_SECONDS)
    _quiet_stdout()
    loader_module = long_csv if format in ("auto", "long_csv") else wsjg
    con = store.connect(Path(store_path))
    try:
        con.execute("SET enable_progress_bar = false")
        failure = None
        with _loader_calls_timed(), _timed_phases(_phase_targets(loader_module)) as (phases, rss):
            started = time.perf_counter()
            try:
                outcome = intake.load_file(
                    con, Path(csv_path), format=format, actor=bootstrap.SYSTEM_ACTOR
                )
            except duckdb.Error as error:  # out of memory, above all: report, do not crash
                outcome, failure = None, f"{type(error).__name__}: {str(error).splitlines()[0]}"
            seconds = time.perf_counter() - started
        loaded = _first(con, "SELECT count(*) FROM observations")
    finally:
        con.close()
    phases = dict(phases)
    total_loader = phases.pop("loader total", 0.0)
    inside = sum(v for k, v in phases.items() if k in _LOADER_PHASES)
    phases["loader rest (staged rows to Arrow, sorted)"] = max(total_loader - inside, 0.0)
    phases["intake rest (new-or-changed join to Arrow, load record)"] = max(
        seconds
        - total_loader
        - sum(
            v for k, v in phases.items() if k not in _LOADER_PHASES and not k.startswith("loader")
        ),
        0.0,
    )
    return {
        "seconds": seconds,
        "loaded": int(loaded),
        "phases": phases,
        "phase_rss_mb": dict(rss),
        "peak_rss_mb": page_queries.peak_rss_mb(),
        "ok": bool(outcome is not None and outcome.report.ok and outcome.load_id is not None),
        "errors": [failure]
        if failure or outcome is None
        else [f"{i.code}: {i.message}" for i in outcome.report.issues if i.severity == "error"][:5],
    }


_COMMIT = "COMMIT of the load's transaction"
_LOADER_PHASES = frozenset(
    {
        "checksum (from the file facts)",
        "encoding detection (from the file facts)",
        "DuckDB read_csv into the sandbox (text cells)",
        "validation queries (parse, resolve, checks, clean)",
        "validation queries (parse, checks)",
        "clean rows to Arrow",
    }
)


def _quiet_stdout() -> None:
    """Send this child process's stdout to /dev/null.

    The loaders' sandbox connections lock their configuration, so DuckDB's progress bar cannot
    be switched off there; it would otherwise land in the parent's ``--json`` output.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def _baseline_in_child(csv_path: str, rows: int) -> dict[str, Any]:
    """pandas read_csv + row-by-row INSERT (executemany) of the first ``rows`` rows."""
    import pandas as pd

    _quiet_stdout()

    con = duckdb.connect()
    try:
        con.execute(
            "CREATE TABLE observations (indicator_id VARCHAR, region_code VARCHAR, "
            "period VARCHAR, value DOUBLE)"
        )
        started = time.perf_counter()
        frame = pd.read_csv(csv_path, nrows=rows, dtype={"period": str})
        con.executemany(
            "INSERT INTO observations VALUES (?, ?, ?, ?)", frame.itertuples(index=False, name=None)
        )
        seconds = time.perf_counter() - started
        inserted = _first(con, "SELECT count(*) FROM observations")
    finally:
        con.close()
    return {"seconds": seconds, "rows": int(inserted)}


def _read_csv_in_child(csv_path: str) -> float:
    """Seconds DuckDB's own read_csv takes to read the file into a table (the floor of a load)."""
    _quiet_stdout()
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        started = time.perf_counter()
        con.execute("CREATE TABLE bare AS SELECT * FROM read_csv(?)", [csv_path])
        return time.perf_counter() - started
    finally:
        con.close()


def run_ingest_bench(
    *,
    rows: int = 10_000_000,
    wide_gemeenten: int = 400,
    wide_columns: int = 400,
    baseline_rows: int = 50_000,
    progress: Callable[[str], None] | None = None,
) -> IngestResult:
    """Generate both files, load each through intake in a fresh store, time the baseline."""
    say = progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="bw-bench-ingest-") as tmp:
        folder = Path(tmp)
        # Generated in a child too: a child's ru_maxrss starts at its parent's RSS (Linux keeps
        # it across fork and exec), so this process must stay small for the loads' peaks.
        say(f"generating a long CSV of {rows:,} rows and its store …")
        long_store, long_csv_path, written = run_in_child(prepare_long, folder, rows)
        file_mb = long_csv_path.stat().st_size / 1e6
        say(
            f"generating a waarstaatjegemeente delivery of {wide_gemeenten} gemeenten x "
            f"{wide_columns} columns and its store …"
        )
        wide_store, wide_csv_path = run_in_child(prepare_wide, folder, wide_gemeenten, wide_columns)
        say(f"loading the long CSV ({file_mb:,.0f} MB) through intake.load_file …")
        long_run = run_in_child(_load_in_child, str(long_store), str(long_csv_path), "auto")
        say("DuckDB's bare read_csv of the same file …")
        read_csv_seconds = run_in_child(_read_csv_in_child, str(long_csv_path))
        say(
            f"baseline: pandas read_csv + row-by-row INSERT of the first "
            f"{min(baseline_rows, written):,} rows …"
        )
        base = run_in_child(_baseline_in_child, str(long_csv_path), min(baseline_rows, written))
        say("loading the waarstaatjegemeente delivery through intake.load_file …")
        wide_run = run_in_child(
            _load_in_child, str(wide_store), str(wide_csv_path), "wsjg_delivery"
        )
    long_result = LongResult(
        rows_written=written,
        rows_loaded=long_run["loaded"],
        file_mb=file_mb,
        seconds=long_run["seconds"],
        phases=long_run["phases"],
        phase_rss_mb=long_run["phase_rss_mb"],
        peak_rss_mb=long_run["peak_rss_mb"],
        baseline_rows=base["rows"],
        baseline_seconds=base["seconds"],
        read_csv_seconds=read_csv_seconds,
        report_ok=long_run["ok"],
        report_errors=tuple(long_run["errors"]),
    )
    wide_result = WideResult(
        gemeenten=wide_gemeenten,
        columns=wide_columns,
        cells_loaded=wide_run["loaded"],
        seconds=wide_run["seconds"],
        phases=wide_run["phases"],
        phase_rss_mb=wide_run["phase_rss_mb"],
        peak_rss_mb=wide_run["peak_rss_mb"],
        report_ok=wide_run["ok"],
        report_errors=tuple(wide_run["errors"]),
    )
    problems = []
    if not long_result.report_ok:
        problems.append(
            "the long CSV load failed or was refused: " + "; ".join(long_result.report_errors)
        )
    if long_result.rows_loaded != written:
        problems.append(f"long CSV: {written} rows written, {long_result.rows_loaded} loaded")
    if not wide_result.report_ok:
        problems.append(
            "the delivery load failed or was refused: " + "; ".join(wide_result.report_errors)
        )
    if wide_result.cells_loaded != wide_gemeenten * wide_columns:
        problems.append(
            f"delivery: {wide_gemeenten * wide_columns} cells written, "
            f"{wide_result.cells_loaded} loaded"
        )
    return IngestResult(long_result, wide_result, tuple(problems))


def format_breakdown(
    phases: dict[str, float], total: float, rss: dict[str, float] | None = None
) -> list[str]:
    """Lines of a per-phase breakdown, largest first, with shares of the total and peak RSS."""
    rss = rss or {}
    return [
        f"    {seconds:8.2f} s  {100 * seconds / total:5.1f}%  {phase}"
        + (f"  (peak RSS so far {rss[phase]:,.0f} MB)" if phase in rss else "")
        for phase, seconds in sorted(phases.items(), key=lambda kv: -kv[1])
        if total > 0
    ]


def format_result(result: IngestResult, *, breakdown: bool | None = None) -> list[str]:
    """Readable lines with both goals MET or MISSED; a breakdown of a missed goal's time."""
    lr, wr = result.long_csv, result.wide_export
    speedup = lr.rows_per_s / lr.baseline_rows_per_s if lr.baseline_rows_per_s else 0.0
    lines = [
        f"long CSV: {lr.rows_loaded:,} rows ({lr.file_mb:,.0f} MB) through intake.load_file "
        f"(format detection and validation included) in {lr.seconds:.2f} s = "
        f"{lr.rows_per_s:,.0f} rows/s; peak RSS of the load {lr.peak_rss_mb:,.0f} MB",
        "baseline: pandas read_csv + row-by-row INSERT (executemany) "
        + (
            f"timed on a sample of the first {lr.baseline_rows:,} rows only (all "
            f"{lr.rows_written:,} would take far too long)"
            if lr.baseline_rows < lr.rows_written
            else f"of all {lr.baseline_rows:,} rows"
        )
        + f": {lr.baseline_seconds:.2f} s = {lr.baseline_rows_per_s:,.0f} rows/s "
        + (f"(intake is {speedup:,.0f}x faster)" if lr.rows_loaded else "(intake loaded no rows)"),
        f"DuckDB's bare read_csv of the same file into a table: {lr.read_csv_seconds:.2f} s; "
        f"the load takes {lr.load_vs_read_csv:.1f}x that",
        f"goal long CSV >= {GOAL_ROWS_PER_S:,.0f} rows/s including validation: "
        f"{'MET' if result.long_met else 'MISSED'}",
    ]
    if breakdown or (breakdown is None and not result.long_met):
        lines.append("  where the long CSV load's time goes:")
        lines += format_breakdown(lr.phases, lr.seconds, lr.phase_rss_mb)
    lines += [
        f"wide export (waarstaatjegemeente delivery): {wr.gemeenten} gemeenten x {wr.columns} "
        f"indicator columns = {wr.cells_loaded:,} values in {wr.seconds:.2f} s; "
        f"peak RSS of the load {wr.peak_rss_mb:,.0f} MB",
        f"goal wide export < {GOAL_WIDE_S:.0f} s: {'MET' if result.wide_met else 'MISSED'}",
    ]
    if breakdown or (breakdown is None and not result.wide_met):
        lines.append("  where the wide export load's time goes:")
        lines += format_breakdown(wr.phases, wr.seconds, wr.phase_rss_mb)
    for problem in result.problems:
        lines.append(f"PROBLEM: {problem}")
    return lines
