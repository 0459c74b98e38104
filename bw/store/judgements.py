"""The ``judgements`` table: status, trend, progress and projection judged at write time.

The rules live in :mod:`bw.assess`; this module feeds every series of ``latest_values`` with
its current target to :func:`bw.assess.judge_series_batch` and stores the answers, so a page
reads one row per indicator instead of fitting. Judged with ``DEFAULT_THRESHOLDS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bw.assess import (
    DEFAULT_THRESHOLDS,
    BatchJudgements,
    ProgressClass,
    ProgressMethod,
    ProgressResult,
    SeriesBatch,
    SeriesJudgement,
    StatusClass,
    StatusResult,
    TheilSenFit,
    TrendClass,
    TrendResult,
    judge_series_columns,
    project_from_fit,
)
from bw.model import Direction, Target
from bw.store.meta import register_frame, unregister_frame

#: The columns of ``judgements`` in table order, with the pandas type each is written as.
_COLUMNS = {
    "indicator_id": "string",
    "region_code": "string",
    "status": "string",
    "distance_to_minimum": "Float64",
    "gap_share": "Float64",
    "trend": "string",
    "slope_per_year": "Float64",
    "intercept": "Float64",
    "p_value": "Float64",
    "trend_n": "Int64",
    "trend_first_year": "Int64",
    "trend_last_year": "Int64",
    "trend_significant": "boolean",
    "fitted_change": "Float64",
    "progress": "string",
    "progress_ratio": "Float64",
    "observed_growth": "Float64",
    "required_growth": "Float64",
    "progress_method": "string",
    "fit_slope": "Float64",
    "fit_intercept": "Float64",
    "fit_low_slope": "Float64",
    "fit_high_slope": "Float64",
    "fit_mid_x": "Float64",
    "fit_mid_y": "Float64",
    "fit_latest_year": "Int64",
    "fit_latest_value": "Float64",
    "projected_value": "Float64",
    "year_minimum_reached": "Int64",
    "not_before_horizon": "boolean",
}

_TARGET_COLUMNS = "t.minimum, t.ambition, t.ceiling, t.target_year, t.baseline_year"


def _where(indicator_ids: Sequence[str] | None, region_codes: Sequence[str] | None) -> str:
    """The scope as a condition on ``l`` (literal placeholders let DuckDB skip row groups)."""
    conditions = ["TRUE"]
    if indicator_ids is not None:
        conditions.append(f"l.indicator_id IN ({', '.join('?' * len(indicator_ids))})")
    if region_codes is not None:
        conditions.append(f"l.region_code IN ({', '.join('?' * len(region_codes))})")
    return " AND ".join(conditions)


def refresh_judgements(
    con: duckdb.DuckDBPyConnection,
    *,
    indicator_ids: Sequence[str] | None = None,
    region_codes: Sequence[str] | None = None,
    into: str = "judgements",
) -> int:
    """Judge again every series of some indicators x regions (None: all); returns how many.

    ``into`` is where the new rows go: a full refresh stages them to write them in region order.

    Run it inside the transaction of the write that made it necessary, after
    ``latest_values`` is refreshed: a load or undo (its indicators), a target edit (its
    indicator x region). All indicators are judged one at a time, so memory grows with one
    indicator's series, not with the store.
    """
    if indicator_ids is None:
        rows = con.execute("SELECT id FROM indicators ORDER BY id").fetchall()
        con.execute(
            f"DELETE FROM judgements l WHERE {_where(None, region_codes)}", list(region_codes or [])
        )
        return sum(
            _judge(con, [row[0]], None if region_codes is None else sorted(set(region_codes)), into)
            for row in rows
        )
    ids = sorted(set(indicator_ids))
    codes = None if region_codes is None else sorted(set(region_codes))
    if not ids or codes == []:
        return 0
    con.execute(f"DELETE FROM judgements l WHERE {_where(ids, codes)}", [*ids, *(codes or [])])
    return _judge(con, ids, codes, into)


def _judge(
    con: duckdb.DuckDBPyConnection,
    ids: list[str],
    codes: list[str] | None,
    into: str = "judgements",
) -> int:
    """Judge and insert the series of ``ids`` x ``codes`` into ``into`` (rows deleted before)."""
    # One read of each series with its direction, target and points, as Arrow, in the region
    # order pages read them in (bw.store.derived._in_region_order): the series lists are
    # flattened here. Unnesting them beside a row_number() window over the whole
    # scope made DuckDB 1.5.5 stall in its streaming fetch now and then in a full refresh of
    # 10 million observations (a spinning executor lock, never finishing).
    table = con.execute(
        f"SELECT l.indicator_id, l.region_code, i.direction, {_TARGET_COLUMNS}, "
        "l.series_years, l.series_values "
        "FROM latest_values l JOIN indicators i ON i.id = l.indicator_id "
        "LEFT JOIN current_targets t "
        "  ON t.region_code = l.region_code AND t.indicator_id = l.indicator_id "
        f"WHERE {_where(ids, codes)} ORDER BY l.region_code, l.indicator_id",
        [*ids, *(codes or [])],
    ).to_arrow_table()
    if not table.num_rows:
        return 0
    series = {name: _masked(table[name]) for name in ("indicator_id", "region_code", "direction")}
    series |= {name: _masked(table[name]) for name in _TARGET_NAMES}
    years = table["series_years"].combine_chunks()
    values = table["series_values"].combine_chunks()
    directions = {name: Direction(name) for name in set(series["direction"].tolist())}
    batch = SeriesBatch(
        series=pc.list_parent_indices(years).to_numpy().astype(np.int64),
        years=pc.list_flatten(years).to_numpy(zero_copy_only=False).astype(np.int64),
        values=pc.list_flatten(values).to_numpy(zero_copy_only=False).astype(np.float64),
        directions=tuple(directions[name] for name in series["direction"].tolist()),
        targets=_targets(series),
    )
    frame = judgement_frame(
        [str(name) for name in series["indicator_id"].tolist()],
        [str(code) for code in series["region_code"].tolist()],
        judge_series_columns(batch, thresholds=DEFAULT_THRESHOLDS),
    )
    register_frame(con, "new_judgements", frame)
    try:
        con.execute(f"INSERT INTO {into} SELECT {', '.join(_COLUMNS)} FROM new_judgements")
    finally:
        unregister_frame(con, "new_judgements")
    return len(frame)


def _targets(series: dict[str, Any]) -> tuple[Target | None, ...]:
    """The current target of each series (None where none of its columns is set)."""
    masks = [np.ma.getmaskarray(series[name]) for name in _TARGET_NAMES]
    columns = [np.ma.getdata(series[name]).tolist() for name in _TARGET_NAMES]
    targets: list[Target | None] = [None] * len(masks[0])
    for i in np.flatnonzero(~np.logical_and.reduce(masks)).tolist():
        minimum, ambition, ceiling, target_year, baseline_year = (
            None if mask[i] else column[i] for column, mask in zip(columns, masks, strict=True)
        )
        targets[i] = Target(
            str(series["region_code"][i]),
            str(series["indicator_id"][i]),
            minimum,
            ambition,
            ceiling,
            None if target_year is None else int(target_year),
            None if baseline_year is None else int(baseline_year),
        )
    return tuple(targets)


_TARGET_NAMES = ("minimum", "ambition", "ceiling", "target_year", "baseline_year")


def _masked(column: pa.ChunkedArray) -> np.ma.MaskedArray:
    """An Arrow column as a numpy array with its nulls masked (what fetchnumpy gives)."""
    return np.ma.masked_array(
        column.to_numpy(), mask=column.is_null().to_numpy(zero_copy_only=False)
    )


def judgement_frame(
    indicator_ids: list[str], region_codes: list[str], judged: BatchJudgements
) -> pd.DataFrame:
    """The rows of ``judgements`` for a judged batch, in :data:`_COLUMNS` order and types.

    Series without a target are written from the batch's columns at once; the few with a
    target row by row (:func:`_row`). Equal to writing every series with :func:`_row`.
    """
    trend = judged.trend
    sufficient = np.array([c is not TrendClass.INSUFFICIENT_DATA for c in trend.trend], bool)
    n = np.asarray(trend.n, dtype=np.int64)
    missing = np.full(len(n), np.nan)

    def when_sufficient(values: np.ndarray) -> np.ndarray:
        return np.where(sufficient, np.asarray(values, dtype=np.float64), np.nan)

    def year_or_none(years: np.ndarray) -> pd.Series:
        return pd.Series(np.where(n > 0, years, 0), dtype="Int64").mask(n == 0)

    columns: dict[str, Any] = {
        "indicator_id": indicator_ids,
        "region_code": region_codes,
        "status": np.where(judged.has_value, str(StatusClass.NO_TARGET), str(StatusClass.NO_DATA)),
        "distance_to_minimum": missing,
        "gap_share": missing,
        "trend": [str(c) for c in trend.trend],
        "slope_per_year": when_sufficient(trend.slope),
        "intercept": when_sufficient(trend.intercept),
        "p_value": when_sufficient(trend.p_value),
        "trend_n": n,
        "trend_first_year": year_or_none(trend.first_year),
        "trend_last_year": year_or_none(trend.last_year),
        "trend_significant": sufficient & np.asarray(trend.significant, dtype=bool),
        "fitted_change": when_sufficient(trend.fitted_change),
    }
    frame = pd.DataFrame({name: columns.get(name, missing) for name in _COLUMNS}).astype(_COLUMNS)
    if not judged.targeted:
        return frame
    rows = sorted(judged.targeted)
    targeted = pd.DataFrame(
        [_row(indicator_ids[i], region_codes[i], judged.targeted[i]) for i in rows],
        columns=list(_COLUMNS),
        index=rows,
    ).astype(_COLUMNS)
    return pd.concat([frame.drop(index=rows), targeted]).sort_index().reset_index(drop=True)


def _row(indicator_id: str, region_code: str, j: SeriesJudgement) -> tuple[object, ...]:
    """One row of ``judgements`` in :data:`_COLUMNS` order."""
    s, t, p, f, pr = j.status, j.trend, j.progress, j.projection_fit, j.projection
    return (
        indicator_id,
        region_code,
        str(s.status),
        s.distance_to_minimum,
        s.gap_share,
        str(t.trend),
        t.slope_per_year,
        t.intercept,
        t.p_value,
        t.n,
        t.first_year,
        t.last_year,
        t.significant,
        t.fitted_change,
        str(p.progress) if p else None,
        p.ratio if p else None,
        p.observed_growth if p else None,
        p.required_growth if p else None,
        str(p.method) if p and p.method else None,
        f.slope if f else None,
        f.intercept if f else None,
        f.low_slope if f else None,
        f.high_slope if f else None,
        f.mid_x if f else None,
        f.mid_y if f else None,
        f.latest_year if f else None,
        f.latest_value if f else None,
        pr.projected_value if pr else None,
        pr.year_minimum_reached if pr else None,
        pr.not_before_horizon if pr else None,
    )


def read_judgements(con: duckdb.DuckDBPyConnection, region_code: str) -> dict[str, SeriesJudgement]:
    """The stored judgements of a region by indicator id, as :func:`bw.assess.judge_series`."""
    rows = con.execute(
        f"SELECT {', '.join('l.' + c for c in _COLUMNS)}, i.direction, t.minimum, t.target_year "
        "FROM judgements l JOIN indicators i ON i.id = l.indicator_id "
        "LEFT JOIN current_targets t "
        "  ON t.region_code = l.region_code AND t.indicator_id = l.indicator_id "
        "WHERE l.region_code = ?",
        [region_code],
    ).fetchall()
    return {row[0]: judgement_from_row(row) for row in rows}


def judgement_from_row(row: Sequence[Any]) -> SeriesJudgement:
    """A stored row (with direction, minimum and target year) as a SeriesJudgement."""
    (_, _, status, distance, gap, trend, slope, intercept, p_value, n, first, last, significant,
     fitted, progress, ratio, g_obs, g_req, method, *fit_columns) = row[:-3]  # fmt: skip
    direction, minimum, target_year = row[-3:]
    # The stored projected value and year are for SQL readers; the projection is drawn again
    # from the fit with the current target (the same arithmetic, so the same numbers).
    fit_values = fit_columns[:8]
    fit = None
    if fit_values[0] is not None:
        fit = TheilSenFit(*fit_values)
    projection = None
    if fit is not None:
        projection = project_from_fit(
            fit,
            target_year=target_year or fit.latest_year,
            direction=direction,
            minimum=minimum,
            thresholds=DEFAULT_THRESHOLDS,
        )
    return SeriesJudgement(
        status=StatusResult(StatusClass(status), distance, gap),
        trend=TrendResult(
            TrendClass(trend), slope, intercept, p_value, n, first, last, significant, fitted
        ),
        progress=None
        if progress is None
        else ProgressResult(
            ProgressClass(progress),
            ratio,
            g_obs,
            g_req,
            None if method is None else ProgressMethod(method),
        ),
        projection_fit=fit,
        projection=projection,
    )
