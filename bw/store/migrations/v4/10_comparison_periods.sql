-- Comparison periods (methods.md §3, issue 12 items 7 and 8). Rank, quartile and the
-- differences with NL, province and peers use one year per indicator and level: the latest year
-- of the trend window in which at least 80% of the regions of that level that reported the
-- indicator in the window have a value. Two gemeenten with an early 2025 value no longer make a
-- ranking of two. Derived from ranks by bw.store.refresh_derived, so pages read one row instead
-- of counting; latest_values.rank, n_ranked and quartile now hold the position in this year.
CREATE TABLE comparison_periods (
    indicator_id VARCHAR NOT NULL,       -- 'arbeid.werkloosheid'
    level        VARCHAR NOT NULL,       -- 'GM': every ranked level (not NL, not groups)
    year         INTEGER,                -- the comparison period: 2024; NULL when no year reaches 80%
    n_with_value INTEGER,                -- regions of the level with a value in that year: 338
    n_reporting  INTEGER NOT NULL,       -- regions of the level with a value in the window: 340
    latest_year  INTEGER NOT NULL,       -- the latest year any region of the level has a value: 2025
    n_latest     INTEGER NOT NULL,       -- regions of the level with a value in latest_year: 2
    PRIMARY KEY (indicator_id, level)
);

-- ranks again, with the classes of neutral indicators in its CHECK. The stored class is the one
-- shown: a neutral indicator (ranked high-to-low) gets highest_quartile / lowest_quartile, never
-- best or worst, so no reader (Vergelijken, Streefwaarden, factsheet, CSV) has to translate it.
-- DuckDB cannot alter a CHECK; the table is derived, so it is recreated empty and refilled below.
DROP TABLE ranks;
CREATE TABLE ranks (
    indicator_id VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    level        VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    value        DOUBLE NOT NULL,        -- the ranked value, so a comparison page reads one table
    rank         INTEGER NOT NULL,       -- 1 = best (neutral: highest)
    n            INTEGER NOT NULL,
    quartile     VARCHAR NOT NULL CHECK (quartile IN ('best_quartile', 'middle', 'worst_quartile',
                                                      'highest_quartile', 'lowest_quartile'))
    -- no primary key: the refresh query yields one row per key, and an index on a table as long
    -- as the observations made every refresh several times slower (python -m bw bench store)
);

-- The rules of the derived tables changed: bw.store rebuilds them all right after this step.
INSERT INTO meta VALUES ('refresh_derived', 'true')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
