-- Judgements at write time (issue 16 item 1). Status, trend, progress and projection of a series
-- depend only on its values, its current target and the thresholds of methods.md, so
-- bw.store.refresh_judgements computes them when one of those changes (a load, an undo, a
-- target edit: only that indicator x region) with bw.assess.judge_series_batch, and a page reads
-- one row per indicator instead of fitting ~40 least-squares trends per request. One row per
-- row of latest_values, judged with bw.assess.DEFAULT_THRESHOLDS; other thresholds, an earlier
-- period and region groups are still judged when the page asks.
CREATE TABLE judgements (
    indicator_id          VARCHAR NOT NULL,   -- 'arbeid.werkloosheid'
    region_code           VARCHAR NOT NULL,   -- 'GM0363'
    -- §1 status of the latest value against the current target
    status                VARCHAR NOT NULL,   -- 'below_minimum'
    distance_to_minimum   DOUBLE,             -- 2.5: > 0 is better than the minimum
    gap_share             DOUBLE,             -- 0.25: share of the way from minimum to ambition
    -- §2 OLS trend over the window
    trend                 VARCHAR NOT NULL,   -- 'improving'
    slope_per_year        DOUBLE,             -- 0.42
    intercept             DOUBLE,             -- -801.3
    p_value               DOUBLE,             -- 0.003
    trend_n               INTEGER NOT NULL,   -- 8: values in the window
    trend_first_year      INTEGER,            -- 2016
    trend_last_year       INTEGER,            -- 2023
    trend_significant     BOOLEAN NOT NULL,
    fitted_change         DOUBLE,             -- 2.94: slope x (last - first year)
    -- §4 progress towards the target year; NULL without one
    progress              VARCHAR,            -- 'acceleration_needed'
    progress_ratio        DOUBLE,             -- 0.65
    observed_growth       DOUBLE,             -- -0.0292
    required_growth       DOUBLE,             -- -0.0452
    progress_method       VARCHAR,            -- 'growth' or 'linear'
    -- §5 Theil-Sen fit of the window (NULL without minimum and target year) and what it says
    fit_slope             DOUBLE,             -- 0.8
    fit_intercept         DOUBLE,             -- -1600.2
    fit_low_slope         DOUBLE,             -- 0.5: 95% interval of the slope
    fit_high_slope        DOUBLE,             -- 1.1
    fit_mid_x             DOUBLE,             -- 2019.5: median year
    fit_mid_y             DOUBLE,             -- 28.0: median value
    fit_latest_year       INTEGER,            -- 2023
    fit_latest_value      DOUBLE,             -- 28.1
    projected_value       DOUBLE,             -- 31.4: on the line in the target year
    year_minimum_reached  INTEGER,            -- 2027
    not_before_horizon    BOOLEAN,            -- TRUE: the line meets the minimum not before 2050
    PRIMARY KEY (indicator_id, region_code)
);

-- Pages read the judgements per region, refreshes write them per indicator (as latest_values).
CREATE INDEX judgements_region ON judgements (region_code);

-- A new derived table: bw.store fills it right after this step.
INSERT INTO meta VALUES ('refresh_derived', 'true')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
