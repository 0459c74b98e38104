-- observations without its PRIMARY KEY: the ART index behind it made a load of 10 million rows
-- spend most of its write and commit on the index (python -m bw bench --ingest). Keys stay
-- unique without it: bw.store.write_observations refuses a frame that repeats a key and
-- deletes the keys it replaces before it inserts (tests/bw/test_store.py). The table is
-- recreated (DuckDB cannot drop a primary key) with every other constraint and all its rows,
-- in key order, so the zone maps of indicator_id let point queries skip row groups.
CREATE TABLE observations_v3 (
    indicator_id   VARCHAR NOT NULL,     -- 'wonen.woonlasten'
    region_code    VARCHAR NOT NULL,     -- 'GM0363'
    period         VARCHAR NOT NULL,     -- '2023', '2023KW02' or '2023MM10'
    year           INTEGER NOT NULL,     -- 2023
    value          DOUBLE,               -- NULL only with a missing_reason
    ci_low         DOUBLE,               -- lower bound of the 95% interval (survey data)
    ci_high        DOUBLE,
    status         VARCHAR NOT NULL DEFAULT 'definitief'
                   CHECK (status IN ('definitief', 'voorlopig', 'nader_voorlopig')),
    missing_reason VARCHAR,              -- 'Impossible', 'geheim', …: never a zero
    load_id        INTEGER NOT NULL,
    -- no PRIMARY KEY: one row per indicator x region x period is kept by write_observations
    CHECK (value IS NOT NULL OR missing_reason IS NOT NULL),
    CHECK (ci_low IS NULL OR ci_high IS NULL OR ci_low <= ci_high),
    CHECK (regexp_full_match(period, '[0-9]{4}((KW0[1-4])|(MM(0[1-9]|1[0-2])))?')),
    CHECK (year = CAST(substr(period, 1, 4) AS INTEGER))
);
INSERT INTO observations_v3
SELECT * FROM observations ORDER BY indicator_id, region_code, period;
DROP TABLE observations;
ALTER TABLE observations_v3 RENAME TO observations;
