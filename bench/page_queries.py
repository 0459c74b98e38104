"""The page benchmark, ``python -m bw bench``: store queries at scale against a pandas baseline.

It builds a synthetic store in a temporary folder (never the user's store): the real catalogue
of indicators, the NL/landsdeel/province frame, and as many gemeenten, wijken and buurten as the
requested number of observations needs at 20 yearly values per indicator. Values are inserted
one indicator at a time in hashed order, as real loads arrive per indicator or table, so the
store gets no conveniently sorted data. Then it times what each page asks of the store, each run
on a fresh ``cursor()`` and a different region, and computes the same answers with pandas from
one DataFrame of all observations. The answers must agree (a mismatch is reported, and the
command exits 1): that proves the derived tables right at scale, and the ratio of the timings
is what they buy. Nothing here asserts a time.
"""

from __future__ import annotations

import math
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, SupportsFloat

import duckdb
import numpy as np
import pandas as pd

from bench.child import run_in_child
from bw import assess, bootstrap, monitor, store
from bw.model import Region

#: Calendar years of every synthetic series; the last one is provisional ('voorlopig').
FIRST_YEAR, LAST_YEAR = 2005, 2024
#: What each page query is called in the output, in order.
QUERY_NAMES = ("overzicht", "vergelijken", "series", "wijk_overzicht")
#: Goals of the benchmark on a 2-core machine at 10 million observations (issue spec).
GOAL_P95_MS, GOAL_RATIO, GOAL_PEAK_RSS_MB = 50.0, 20.0, 1024.0

#: Shares of gemeenten and wijken among the local regions; the rest are buurten. CBS's
#: Wijk- en buurtkaart 2024 has 342 gemeenten, about 3 300 wijken and 14 500 buurten.
_GEMEENTE_SHARE, _WIJK_SHARE = 0.02, 0.18
#: Regions of the fixed frame that bootstrap.write_empty creates: NL, 4 landsdelen, 12 provinces.
_FRAME_REGIONS = 17
#: Typical level of an indicator by unit, so values look like what the pages show.
_BASE_BY_UNIT = {
    "%": 40.0,
    "euro": 30_000.0,
    "aantal": 20_000.0,
    "jaar": 65.0,
    "rapportcijfer": 7.5,
    "euro per inwoner": 500.0,
    "km": 1.2,
}
#: Size of the fixed sample of regions each query cycles through, so caches cannot flatter it.
_SAMPLE = 64
_LEVELS = ("NL", "LD", "PV", "CR", "GM", "WK", "BU", "group")
_SEED = 20240101
#: Ties and rounding: values are compared to this relative precision (sums in another order).
_REL_TOL = 1e-9


@dataclass(frozen=True, slots=True)
class QueryTiming:
    """Latencies of one page query and of its pandas baseline."""

    name: str  # 'overzicht'
    store_ms: tuple[float, ...]  # one per timed run, after one warm-up
    baseline_ms: tuple[float, ...]  # one per baseline run

    @property
    def p50_ms(self) -> float:
        """Median store latency."""
        return percentile(self.store_ms, 50)

    @property
    def p95_ms(self) -> float:
        """95th percentile of the store latency."""
        return percentile(self.store_ms, 95)

    @property
    def baseline_p50_ms(self) -> float:
        """Median latency of the pandas baseline."""
        return percentile(self.baseline_ms, 50)

    @property
    def ratio(self) -> float:
        """How many times faster the store answers than the baseline (medians)."""
        return self.baseline_p50_ms / self.p50_ms if self.p50_ms > 0 else math.inf


@dataclass(frozen=True, slots=True)
class BenchResult:
    """Everything one run of the benchmark measured."""

    observations: int  # rows in the observations table: 9_999_540
    regions: dict[str, int]  # regions per level: {'NL': 1, 'GM': 244, …}
    indicators: int  # 41
    years: int  # 20
    build_s: float  # inserting all observations (per indicator, hashed order)
    refresh_s: float  # store.refresh_derived for all indicators, with its commit
    checkpoint_s: float  # writing the store file once after the refresh
    build_rss_mb: float  # peak RSS of the process that built and refreshed the store
    query_rss_mb: float  # peak RSS of the reading process before the baseline loaded
    baseline_rss_mb: float  # the same process's peak after the pandas baseline ran
    # reads of what every region's Overzicht shares (regions, catalogue, references), which
    # the app keeps per store version: paid by the first page after each write
    shared_reads_ms: tuple[float, ...]
    queries: tuple[QueryTiming, ...]
    mismatches: tuple[str, ...]  # store and baseline answers that differ; empty when right

    @property
    def peak_rss_mb(self) -> float:
        """Peak RSS of the store side: building, refreshing and answering pages.

        The pandas baseline needs all observations in memory, which is the point of having
        derived tables, so its peak is reported apart (``baseline_rss_mb``), not here.
        """
        return max(self.build_rss_mb, self.query_rss_mb)

    def summary(self) -> dict[str, Any]:
        """The documented JSON of ``python -m bw bench --json``."""
        return {
            "observations": self.observations,
            "build_s": round(self.build_s, 3),
            "refresh_s": round(self.refresh_s, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "shared_reads_ms": round(percentile(self.shared_reads_ms, 50), 3),
            "queries": {
                q.name: {
                    "p50_ms": round(q.p50_ms, 3),
                    "p95_ms": round(q.p95_ms, 3),
                    "baseline_p50_ms": round(q.baseline_p50_ms, 3),
                    "ratio": round(q.ratio, 1),
                }
                for q in self.queries
            },
        }


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile with linear interpolation between the closest ranks.

    >>> percentile([4.0, 1.0, 3.0, 2.0], 50)
    2.5
    >>> percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95)
    4.8
    >>> percentile([7.0], 95)
    7.0
    """
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def plan_regions(observations: int, *, indicators: int, years: int) -> dict[str, int]:
    """Gemeenten, wijken and buurten so that regions x indicators x years is about N.

    >>> plan_regions(10_000_000, indicators=41, years=20)
    {'GM': 244, 'WK': 2192, 'BU': 9742}
    >>> plan_regions(20_000, indicators=41, years=20)
    {'GM': 2, 'WK': 1, 'BU': 4}
    """
    local = max(round(observations / (indicators * years)) - _FRAME_REGIONS, 7)
    gemeenten = max(2, round(local * _GEMEENTE_SHARE))
    wijken = max(1, round(local * _WIJK_SHARE))
    return {"GM": gemeenten, "WK": wijken, "BU": max(1, local - gemeenten - wijken)}


def synthetic_regions(
    counts: dict[str, int], *, provinces: Sequence[tuple[str, str]], seed: int = _SEED
) -> pd.DataFrame:
    """Gemeenten with province, size class and urbanity; wijken and buurten inside them.

    Codes follow CBS: GM + 4 digits, WK + the gemeente's 4 digits + 2, BU + the wijk's 6 + 2.
    ``provinces`` are (province code, landsdeel code) pairs. Larger gemeenten get more wijken.
    """
    rng = np.random.default_rng(seed)
    n_gm, n_wk, n_bu = counts["GM"], counts["WK"], counts["BU"]
    # Roughly the CBS distribution of gemeentegrootte (1-8) and stedelijkheid (1-5).
    size = rng.choice(
        np.arange(1, 9), size=n_gm, p=[0.01, 0.03, 0.25, 0.45, 0.17, 0.05, 0.02, 0.02]
    )
    urbanity = rng.choice(np.arange(1, 6), size=n_gm, p=[0.05, 0.15, 0.25, 0.30, 0.25])
    province = rng.integers(0, len(provinces), size=n_gm)
    gm_codes = [f"GM{i + 1:04d}" for i in range(n_gm)]
    # code, name, level, landsdeel, province, gemeente, size class, urbanity
    rows: list[tuple[str, str, str, str, str, str | None, int | None, int | None]] = [
        (
            code,
            f"Synthetische gemeente {i + 1}",
            "GM",
            provinces[province[i]][1],
            provinces[province[i]][0],
            None,
            int(size[i]),
            int(urbanity[i]),
        )
        for i, code in enumerate(gm_codes)
    ]
    wijk_parent = _spread(n_wk, weights=size.astype(float), rng=rng)
    wk_codes = _child_codes("WK", [gm_codes[p][2:] for p in wijk_parent])
    for code, parent in zip(wk_codes, wijk_parent, strict=True):
        gm = rows[parent]
        rows.append((code, f"Wijk {code[2:]}", "WK", gm[3], gm[4], gm[0], None, None))
    buurt_parent = _spread(n_bu, weights=np.ones(n_wk), rng=rng)
    bu_codes = _child_codes("BU", [wk_codes[p][2:] for p in buurt_parent])
    for code, parent in zip(bu_codes, buurt_parent, strict=True):
        wk = rows[n_gm + parent]
        rows.append((code, f"Buurt {code[2:]}", "BU", wk[3], wk[4], wk[5], None, None))
    return pd.DataFrame(
        rows,
        columns=[
            "code",
            "name",
            "level",
            "landsdeel_code",
            "province_code",
            "gemeente_code",
            "size_class",
            "urbanity",
        ],
    ).astype({"size_class": "Int64", "urbanity": "Int64"})


def _spread(n: int, *, weights: np.ndarray, rng: np.random.Generator) -> list[int]:
    """Parents for n children: one per parent first (while they last), the rest by weight."""
    first = list(range(min(n, len(weights))))
    rest = rng.choice(len(weights), size=n - len(first), p=weights / weights.sum())
    return sorted(first + [int(p) for p in rest])


def _child_codes(prefix: str, parent_digits: Sequence[str]) -> list[str]:
    numbers: dict[str, int] = {}
    codes = []
    for digits in parent_digits:
        number = numbers.get(digits, 0)
        if number > 99:
            raise ValueError(f"more than 100 {prefix} children of {digits}: lower the size")
        numbers[digits] = number + 1
        codes.append(f"{prefix}{digits}{number:02d}")
    return codes


# One indicator's observations for every region and year. Values: the indicator's typical level,
# a fixed position per region, a trend per indicator and a little noise per year, rounded to the
# indicator's decimals as CBS publishes them (so ranks meet ties). Survey indicators get 95%
# intervals that widen from NL to buurten; 1% of buurt values are secret (value NULL with a
# missing_reason), so some series end a year early; the last year is provisional.
_INSERT_INDICATOR = """
INSERT INTO observations
WITH grid AS (
    SELECT r.code, r.level, y.year,
           (hash(r.code, $indicator) % 1000000) / 1e6 AS position,
           (hash(r.code, $indicator, y.year) % 1000000) / 1e6 AS noise,
           hash(r.code, y.year, $indicator, 'geheim') % 100 = 0 AND r.level = 'BU' AS secret
    FROM bench_regions r, range($first_year, $last_year + 1) y(year)
), valued AS (
    SELECT *,
           round($base * (0.7 + 0.6 * position + $trend * (year - $first_year)
                          + 0.04 * (noise - 0.5)), $decimals) AS v,
           $base * CASE level WHEN 'BU' THEN 0.08 WHEN 'WK' THEN 0.04 WHEN 'GM' THEN 0.02
                              ELSE 0.005 END AS half_width
    FROM grid
)
SELECT $indicator, code, CAST(year AS VARCHAR), year,
       CASE WHEN NOT secret THEN v END,
       CASE WHEN $is_survey AND NOT secret THEN round(v - half_width, $decimals) END,
       CASE WHEN $is_survey AND NOT secret THEN round(v + half_width, $decimals) END,
       CASE WHEN year = $last_year THEN 'voorlopig' ELSE 'definitief' END,
       CASE WHEN secret THEN 'geheim' END,
       $load_id
FROM valued
ORDER BY hash(code, year, $indicator, 'order')
"""


def build_synthetic_store(path: Path, *, observations: int, seed: int = _SEED) -> dict[str, Any]:
    """Create a synthetic store of about ``observations`` values at ``path``; return timings."""
    con = store.connect(path)
    try:
        con.execute("SET enable_progress_bar = false")  # stdout carries the --json output
        bootstrap.write_empty(con)
        indicators = con.execute(
            "SELECT id, unit, decimals, is_survey FROM indicators ORDER BY id"
        ).fetchall()
        years = LAST_YEAR - FIRST_YEAR + 1
        counts = plan_regions(observations, indicators=len(indicators), years=years)
        provinces = con.execute(
            "SELECT code, landsdeel_code FROM regions WHERE level = 'PV' ORDER BY code"
        ).fetchall()
        regions = synthetic_regions(counts, provinces=provinces, seed=seed)
        con.register("new_regions", regions)
        with store.transaction(con):
            con.execute(
                "INSERT INTO regions (code, name, level, landsdeel_code, province_code, "
                "gemeente_code, size_class, urbanity) SELECT * FROM new_regions"
            )
        con.unregister("new_regions")
        con.execute(
            "CREATE TEMP TABLE bench_regions AS SELECT code, level FROM regions "
            "WHERE level <> 'group'"
        )
        trends = random.Random(seed)
        started = time.perf_counter()
        for indicator, unit, decimals, is_survey in indicators:
            with store.transaction(con):
                load_id = store.create_load(
                    con, source="bench (synthetic)", format="bench", file_name=indicator
                )
                con.execute(
                    _INSERT_INDICATOR,
                    {
                        "indicator": indicator,
                        "first_year": FIRST_YEAR,
                        "last_year": LAST_YEAR,
                        "base": _BASE_BY_UNIT.get(unit, 100.0),
                        "trend": trends.uniform(-0.01, 0.01),
                        "decimals": min(int(decimals), 2),
                        "is_survey": bool(is_survey),
                        "load_id": load_id,
                    },
                )
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        with store.transaction(con):
            store.refresh_derived(con)
        refresh_s = time.perf_counter() - started
        started = time.perf_counter()
        store.checkpoint(con)
        checkpoint_s = time.perf_counter() - started
        per_level = dict(
            sorted(
                con.execute("SELECT level, count(*) FROM regions GROUP BY level").fetchall(),
                key=lambda row: _LEVELS.index(row[0]) if row[0] in _LEVELS else len(_LEVELS),
            )
        )
        counted = con.execute("SELECT count(*) FROM observations").fetchone()
        total = counted[0] if counted else 0
    finally:
        con.close()
    return {
        "observations": total,
        "regions": per_level,
        "indicators": len(indicators),
        "years": years,
        "build_s": build_s,
        "refresh_s": refresh_s,
        "checkpoint_s": checkpoint_s,
        "rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """The peak resident set size of this process so far, in MB (MiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def run_bench(
    *, observations: int, repeat: int = 20, progress: Callable[[str], None] | None = None
) -> BenchResult:
    """Build a synthetic store, time every page's queries and check them against pandas.

    The store is built in a spawned process (:func:`bench.child.run_in_child`), which never runs
    the caller's ``__main__`` again.
    """
    say = progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="bw-bench-") as folder:
        path = Path(folder) / "bench.duckdb"
        say(f"building a synthetic store of about {observations:,} observations in {folder} …")
        # Built in a child process: the peak RSS of a process can only grow, and loading the
        # store is another process than the app's in real use too, so the reading side's
        # peak is measured apart from the writing side's.
        built = run_in_child(build_synthetic_store, path, observations=observations)
        say(
            f"built: insert {built['build_s']:.1f} s, refresh {built['refresh_s']:.1f} s; "
            f"timing {repeat} runs per page query …"
        )
        con = store.connect_for_reading(path)
        try:
            con.execute("SET enable_progress_bar = false")
            plan = _Plan.of(con, repeat=repeat)
            shared, shared_ms = _time_shared_reads(con)
            store_ms, store_answers = _time_store(con, plan, shared)
            query_rss = peak_rss_mb()
            say("loading all observations into pandas for the baseline …")
            baseline = _Baseline.load(con)
        finally:
            con.close()
    baseline_ms, mismatches = _time_baseline(baseline, plan, store_answers, say=say)
    return BenchResult(
        observations=built["observations"],
        regions=built["regions"],
        indicators=built["indicators"],
        years=built["years"],
        build_s=built["build_s"],
        refresh_s=built["refresh_s"],
        checkpoint_s=built["checkpoint_s"],
        build_rss_mb=built["rss_mb"],
        query_rss_mb=query_rss,
        shared_reads_ms=tuple(shared_ms),
        baseline_rss_mb=peak_rss_mb(),
        queries=tuple(
            QueryTiming(name, tuple(store_ms[name]), tuple(baseline_ms[name]))
            for name in QUERY_NAMES
        ),
        mismatches=tuple(mismatches),
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which gemeente, wijk and indicator each run asks for: run 0 warms up, 1…K are timed."""

    gemeenten: tuple[Region, ...]
    wijken: tuple[Region, ...]
    indicators: tuple[str, ...]
    repeat: int

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection, *, repeat: int) -> _Plan:
        rng = random.Random(_SEED)
        regions = store.read_regions(con)

        def sample(level: str) -> tuple[Region, ...]:
            codes = sorted(regions.loc[regions["level"] == level, "code"])
            chosen = rng.sample(codes, min(_SAMPLE, len(codes)))
            # The codes come from the regions table, so each one reads a region.
            return tuple(
                region for code in chosen if (region := store.read_region(con, code)) is not None
            )

        indicators = sorted(store.read_indicator_units(con))
        rng.shuffle(indicators)
        return cls(sample("GM"), sample("WK"), tuple(indicators), repeat)

    def run(self, i: int) -> tuple[Region, Region, str]:
        """The gemeente, wijk and indicator of run i."""
        return (
            self.gemeenten[i % len(self.gemeenten)],
            self.wijken[i % len(self.wijken)],
            self.indicators[i % len(self.indicators)],
        )


# --- the store side: what each page asks -----------------------------------------------------


def _store_queries(
    gemeente: Region, wijk: Region, indicator: str, shared: store.SharedReads
) -> dict[str, Callable[[duckdb.DuckDBPyConnection], object]]:
    """Each page's store reads for one run, as functions of a fresh cursor.

    Each gets the parts every region shares (``shared``: regions, catalogue, comparison
    periods, references) as the app keeps them: read once per store version (timed apart,
    :func:`_time_shared_reads`). The series reads its one indicator's row and takes the
    references from them; the app's detail page takes both from the region's assessment,
    which reads them the same way.
    """

    def series(cursor: duckdb.DuckDBPyConnection) -> object:
        summaries = store.read_series_summaries(cursor, [gemeente.code], indicator_ids=[indicator])
        references = shared.references(
            province_code=gemeente.province_code, peer_key=store.peer_key_of(gemeente)
        )
        return summaries, references.get(indicator, {})

    return {
        "overzicht": lambda cursor: monitor.assess_region(cursor, gemeente.code, shared=shared),
        "vergelijken": lambda cursor: store.read_ranking(
            cursor, indicator, level="GM", shared=shared
        ),
        "series": series,
        "wijk_overzicht": lambda cursor: monitor.assess_region(cursor, wijk.code, shared=shared),
    }


#: Reads of the shared parts timed (after one warm-up): they happen once per store version.
_SHARED_RUNS = 3


def _time_shared_reads(con: duckdb.DuckDBPyConnection) -> tuple[store.SharedReads, list[float]]:
    """The parts every region's page shares, and the milliseconds of each timed read of them."""
    timings = []
    for i in range(_SHARED_RUNS + 1):
        started = time.perf_counter()
        cursor = store.cursor(con)
        try:
            shared = store.read_shared_reads(cursor)
        finally:
            cursor.close()
        if i > 0:
            timings.append((time.perf_counter() - started) * 1000)
    return shared, timings


def _time_store(
    con: duckdb.DuckDBPyConnection, plan: _Plan, shared: store.SharedReads
) -> tuple[dict[str, list[float]], dict[str, list[object]]]:
    """Milliseconds per run and the answers of the timed runs, per query name."""
    timings: dict[str, list[float]] = {name: [] for name in QUERY_NAMES}
    answers: dict[str, list[object]] = {name: [] for name in QUERY_NAMES}
    # One query at a time, so no run reads rows that another page's query has just read.
    for name in QUERY_NAMES:
        for i in range(plan.repeat + 1):
            query = _store_queries(*plan.run(i), shared)[name]
            started = time.perf_counter()
            cursor = store.cursor(con)  # on a lake: a cursor that queries it
            try:
                answer = query(cursor)
            finally:
                cursor.close()
            elapsed = (time.perf_counter() - started) * 1000
            if i > 0:  # run 0 warms up: the first read of each table pages it in
                timings[name].append(elapsed)
                answers[name].append(_answer_of_store(name, answer))
    return timings, answers


def _answer_of_store(name: str, answer: Any) -> object:  # each page's own answer type
    """The store's answer in the form the baseline computes, for comparison."""
    if name in ("overzicht", "wijk_overzicht"):
        latest = {
            item.indicator: (
                item.period,
                item.value,
                item.previous_period,
                None if item.recent_change is None else item.value - item.recent_change,
                item.rank,
                item.n,
            )
            for item in answer.items
            if item.period is not None
        }
        return latest, {
            kind: {
                (indicator, year): point
                for indicator, by_kind in answer.references.items()
                for year, point in _reference_answer(by_kind.get(kind)).items()
            }
            for kind in ("NL", "PV", "peer")
        }
    if name == "vergelijken":
        return _ranking_answer(answer, code="code")
    summary, references = answer
    series = {
        int(y): float(v) for row in summary for y, v in zip(row.years, row.values, strict=True)
    }
    return series, {kind: _reference_answer(references.get(kind)) for kind in ("NL", "PV", "peer")}


def _reference_answer(reference: store.ReferenceSeries | None) -> dict[int, tuple[float, int]]:
    """A reference series as the baseline computes it: year -> (value, regions behind it)."""
    if reference is None:
        return {}
    points = zip(reference.years, reference.values, reference.n_regions, strict=True)
    return {int(year): (float(value), int(n)) for year, value, n in points}


def _ranking_answer(
    frame: pd.DataFrame, *, code: str
) -> tuple[list[int], dict[str, tuple[float, int, int]]]:
    years = sorted(set(int(y) for y in frame["year"]))
    return (
        years,
        {
            str(r[code]): (float(r["value"]), int(r["rank"]), int(r["n"]))
            for r in frame.to_dict("records")
        },
    )


# --- the naive baseline: one DataFrame of all observations, filtered per question ---------------


@dataclass(frozen=True, slots=True)
class _Baseline:
    """All observations in one DataFrame (with each region's level), and the small tables."""

    observations: pd.DataFrame
    regions: pd.DataFrame  # indexed by code
    directions: dict[str, str]  # indicator id -> 'up', 'down', 'neutral'

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> _Baseline:
        observations = con.execute("SELECT * FROM observations").df()
        regions = con.execute("SELECT * FROM regions").df().set_index("code", drop=False)
        # The level is looked up once, as anyone would before asking many questions.
        observations["level"] = observations["region_code"].map(regions["level"])
        directions = dict(con.execute("SELECT id, direction FROM indicators").fetchall())
        return cls(observations, regions, directions)

    # Every synthetic period is a year, so only the NULL values of secret cells are left out.
    def region_answer(self, region: Region) -> tuple[dict[str, tuple[Any, ...]], dict[str, Any]]:
        """What the Overzicht judges, for every indicator of a region.

        Its latest and previous value with the rank in its level, and the NL, province and peer
        values of every year. The judgements themselves are pure functions of these inputs,
        equally fast either way, so they are left out here.
        """
        return self._latest_with_ranks(region.code), self._references(region)

    def _latest_with_ranks(self, code: str) -> dict[str, tuple[Any, ...]]:
        obs = self.observations
        mine = obs[(obs["region_code"] == code) & obs["value"].notna()].sort_values("year")
        level = self.regions.at[code, "level"]
        latest = mine.groupby("indicator_id").tail(1)
        previous = mine.groupby("indicator_id").nth(-2).set_index("indicator_id")
        same_level = obs[(obs["level"] == level) & obs["value"].notna()]
        # Ranked in the comparison period of the level (methods.md §3), not the latest year.
        periods = self._comparison_years(same_level)
        peers = same_level.merge(periods, on=["indicator_id", "year"])
        ranks = {
            (str(r["indicator_id"]), str(r["region_code"])): r
            for r in self._ranked(peers).to_dict("records")
        }
        earlier = {str(r["indicator_id"]): r for r in previous.reset_index().to_dict("records")}
        answer: dict[str, tuple[Any, ...]] = {}
        for row in latest.to_dict("records"):
            indicator_id = str(row["indicator_id"])
            rank = ranks.get((indicator_id, code))
            before = earlier.get(indicator_id)
            answer[indicator_id] = (
                int(row["year"]),
                float(row["value"]),
                None if before is None else int(before["year"]),
                None if before is None else float(before["value"]),
                None if rank is None else int(rank["rank"]),
                None if rank is None else int(rank["n"]),
            )
        return answer

    @staticmethod
    def _comparison_years(rows: pd.DataFrame) -> pd.DataFrame:
        """indicator_id, year: the latest year of the window with a value for 80% of the
        regions that reported in it (methods.md §3), per indicator of one level's rows."""
        limits = assess.DEFAULT_THRESHOLDS
        latest = rows.groupby("indicator_id")["year"].transform("max")
        window = rows[rows["year"] > latest - limits.trend_window_years]
        reporting = window.groupby("indicator_id")["region_code"].nunique()
        counts = window.groupby(["indicator_id", "year"]).size().reset_index(name="n")
        share = counts["n"] / counts["indicator_id"].map(reporting)
        met = counts[share >= limits.comparison_coverage * (1 - 1e-9)]
        return met.groupby("indicator_id")["year"].max().reset_index()

    def _references(self, region: Region) -> dict[str, dict[tuple[str, int], tuple[float, int]]]:
        obs, regions = self.observations, self.regions
        nl = regions[regions["level"] == "NL"]["code"].tolist()
        province = [region.province_code] if region.province_code else []
        peers = self._peers(region)
        rows = obs[obs["region_code"].isin(nl + province + peers) & obs["value"].notna()]

        def by_indicator_year(codes: list[str]) -> dict[tuple[str, int], tuple[float, int]]:
            grouped = (
                rows[rows["region_code"].isin(codes)]
                .groupby(["indicator_id", "year"])["value"]
                .agg(["mean", "count"])
            )
            return {(i, int(y)): (float(v), int(n)) for (i, y), v, n in grouped.itertuples()}

        return {
            "NL": by_indicator_year(nl),
            "PV": by_indicator_year(province),
            "peer": by_indicator_year(peers),
        }

    def _peers(self, region: Region) -> list[str]:
        """The gemeenten of a gemeente's peer class (size class and urbanity); [] otherwise."""
        if region.level != "GM" or region.size_class is None or region.urbanity is None:
            return []
        regions = self.regions
        return regions[
            (regions["level"] == "GM")
            & (regions["size_class"] == region.size_class)
            & (regions["urbanity"] == region.urbanity)
        ]["code"].tolist()

    def ranking(self, indicator: str, *, level: str) -> pd.DataFrame:
        """One indicator across a level in its comparison period, ranked."""
        obs = self.observations
        rows = obs[
            (obs["indicator_id"] == indicator) & (obs["level"] == level) & obs["value"].notna()
        ]
        periods = self._comparison_years(rows)
        year = int(periods["year"].iloc[0]) if not periods.empty else rows["year"].max()
        return self._ranked(rows[rows["year"] == year])

    def series(
        self, region: Region, indicator: str
    ) -> tuple[dict[int, float], dict[str, dict[int, tuple[float, int]]]]:
        """A region's series of one indicator with the NL, province and peer means per year."""
        obs = self.observations
        of_indicator = obs[(obs["indicator_id"] == indicator) & obs["value"].notna()]

        def by_year(rows: pd.DataFrame) -> dict[int, tuple[float, int]]:
            grouped = rows.groupby("year")["value"].agg(["mean", "count"])
            return {int(y): (float(v), int(n)) for y, v, n in grouped.itertuples()}

        peers = self._peers(region)
        own = of_indicator[of_indicator["region_code"] == region.code]
        return (
            {int(y): float(v) for y, v in zip(own["year"], own["value"], strict=True)},
            {
                "NL": by_year(of_indicator[of_indicator["region_code"] == "NL01"]),
                "PV": by_year(of_indicator[of_indicator["region_code"] == region.province_code]),
                "peer": by_year(of_indicator[of_indicator["region_code"].isin(peers)]),
            },
        )

    def _ranked(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Competition ranks (1, 2, 2, 4) per indicator, best first; neutral high-to-low."""
        down = rows["indicator_id"].map(self.directions) == "down"
        key = rows["value"].where(down, -rows["value"])
        grouped = key.groupby(rows["indicator_id"])
        return rows.assign(rank=grouped.rank(method="min").astype(int), n=grouped.transform("size"))


def _time_baseline(
    baseline: _Baseline,
    plan: _Plan,
    store_answers: dict[str, list[object]],
    *,
    say: Callable[[str], None],
) -> tuple[dict[str, list[float]], list[str]]:
    """Milliseconds per baseline run (the same runs as the store's) and every disagreement."""
    timings: dict[str, list[float]] = {name: [] for name in QUERY_NAMES}
    mismatches: list[str] = []
    for i in range(1, plan.repeat + 1):
        gemeente, wijk, indicator = plan.run(i)
        # Each question binds this run's regions (it is asked within the same run).
        questions: dict[str, tuple[str, Callable[[], object]]] = {
            "overzicht": (gemeente.code, partial(baseline.region_answer, gemeente)),
            "vergelijken": (indicator, partial(_baseline_ranking, baseline, indicator)),
            "series": (
                f"{gemeente.code} {indicator}",
                partial(baseline.series, gemeente, indicator),
            ),
            "wijk_overzicht": (wijk.code, partial(baseline.region_answer, wijk)),
        }
        for name, (subject, question) in questions.items():
            started = time.perf_counter()
            answer = question()
            timings[name].append((time.perf_counter() - started) * 1000)
            expected = store_answers[name][i - 1]
            mismatches += [f"{name} {subject}: {m}" for m in _differences(expected, answer)]
        say(f"baseline run {i} of {plan.repeat} done")
    return timings, mismatches


def _baseline_ranking(
    baseline: _Baseline, indicator: str
) -> tuple[list[int], dict[str, tuple[float, int, int]]]:
    """The baseline's Vergelijken answer in the store's form."""
    return _ranking_answer(baseline.ranking(indicator, level="GM"), code="region_code")


def _number(value: object) -> float:
    """A number of an answer as a float: periods are text in one answer, years in the other."""
    if not isinstance(value, str | SupportsFloat):
        raise TypeError(f"not a number: {value!r}")
    return float(value)


def _differences(store_answer: object, baseline_answer: object, path: str = "") -> list[str]:
    """Where two answers differ (numbers to a relative 1e-9); [] when they agree."""
    if isinstance(store_answer, dict) and isinstance(baseline_answer, dict):
        found = []
        for key in sorted(set(store_answer) | set(baseline_answer), key=str):
            if key not in store_answer or key not in baseline_answer:
                side = "baseline" if key not in store_answer else "store"
                found.append(f"{path}{key}: only the {side} has it")
                continue
            found += _differences(store_answer[key], baseline_answer[key], f"{path}{key}: ")
        return found
    if isinstance(store_answer, (tuple, list)) and isinstance(baseline_answer, (tuple, list)):
        if len(store_answer) != len(baseline_answer):
            return [f"{path}store {store_answer!r} != baseline {baseline_answer!r}"]
        found = [
            difference
            for a, b in zip(store_answer, baseline_answer, strict=True)
            for difference in _differences(a, b, path)
        ]
        if found and not any(isinstance(a, (dict, tuple, list)) for a in store_answer):
            return [f"{path}store {store_answer!r} != baseline {baseline_answer!r}"]  # one row
        return found
    if store_answer is None or baseline_answer is None:
        same = store_answer is None and baseline_answer is None
    else:
        same = math.isclose(
            _number(store_answer), _number(baseline_answer), rel_tol=_REL_TOL, abs_tol=_REL_TOL
        )
    return [] if same else [f"{path}store {store_answer!r} != baseline {baseline_answer!r}"]


# --- printing ---------------------------------------------------------------------------------


def format_result(result: BenchResult) -> list[str]:
    """Readable lines of a benchmark result, with the goals met or missed."""
    regions = ", ".join(f"{level} {n:,}" for level, n in result.regions.items())
    n_regions = sum(result.regions.values())
    lines = [
        f"synthetic store: {result.observations:,} observations = {n_regions:,} regions "
        f"({regions}) x {result.indicators} indicators x {result.years} years",
        f"build (insert per indicator, hashed order): {result.build_s:.1f} s",
        f"refresh_derived (all indicators): {result.refresh_s:.1f} s "
        f"(then checkpoint {result.checkpoint_s:.1f} s)",
        f"peak RSS store side: {result.peak_rss_mb:,.0f} MB (build and refresh "
        f"{result.build_rss_mb:,.0f} MB, page queries {result.query_rss_mb:,.0f} MB); "
        f"with the pandas baseline loaded: {result.baseline_rss_mb:,.0f} MB",
        f"shared parts of every Overzicht (regions, catalogue, periods, references), read once "
        f"per store version: {percentile(result.shared_reads_ms, 50):,.1f} ms",
        f"{'query':<16}{'p50 ms':>9}{'p95 ms':>9}{'baseline p50 ms':>17}{'ratio':>8}"
        f"   ({len(result.queries[0].store_ms)} runs each after one warm-up, fresh cursor)",
    ]
    for q in result.queries:
        lines.append(
            f"{q.name:<16}{q.p50_ms:>9.1f}{q.p95_ms:>9.1f}{q.baseline_p50_ms:>17,.1f}"
            f"{q.ratio:>7,.0f}x"
        )
    slow = ", ".join(q.name for q in result.queries if q.p95_ms > GOAL_P95_MS)
    weak = ", ".join(q.name for q in result.queries if q.ratio < GOAL_RATIO)
    lines.append(
        f"goals: p95 <= {GOAL_P95_MS:.0f} ms {'MISSED by ' + slow if slow else 'met'}; "
        f">= {GOAL_RATIO:.0f}x baseline {'MISSED by ' + weak if weak else 'met'}; "
        f"peak RSS <= {GOAL_PEAK_RSS_MB:.0f} MB "
        f"{'met' if result.peak_rss_mb <= GOAL_PEAK_RSS_MB else 'MISSED'}"
    )
    lines.append(
        "answers: store and pandas baseline agree on latest values, previous values, ranks, "
        "rankings and reference series"
        if not result.mismatches
        else f"answers: {len(result.mismatches)} DISAGREEMENTS between store and baseline"
    )
    return lines
