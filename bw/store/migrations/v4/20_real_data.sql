-- Real CBS data (issue 12): the CBS code of an indicator, where an aggregated value came from,
-- and why a region has no value where a source left one out.

-- The CBS code of an indicator in its source monitor: '09_E_V_13' (RMBW werkloosheid).
ALTER TABLE indicators ADD COLUMN cbs_code VARCHAR;

-- Values that bw computed from gemeente values (methods.md §6) rather than read from a source:
-- one row per aggregated observation, so every such figure says how it was made. The value
-- itself is an ordinary observation of the aggregating load (undo removes both).
CREATE TABLE aggregated_values (
    load_id      INTEGER NOT NULL,    -- the load that computed it ('berekend uit gemeentecijfers')
    indicator_id VARCHAR NOT NULL,    -- 'welzijn.tevredenheid_leven'
    region_code  VARCHAR NOT NULL,    -- 'PV31'
    period       VARCHAR NOT NULL,    -- '2022'
    coverage     DOUBLE NOT NULL CHECK (coverage >= 0 AND coverage <= 1),  -- population share with data
    n_members    INTEGER NOT NULL,    -- gemeenten in the region: 31
    n_with_value INTEGER NOT NULL,    -- of which with a value: 30
    PRIMARY KEY (indicator_id, region_code, period)
);

-- Derived: per indicator x region, the newest period without a value and why, when it is newer
-- than the latest value (or there is no value at all), so a page can say why a number is absent.
CREATE TABLE latest_missing (
    indicator_id   VARCHAR NOT NULL,
    region_code    VARCHAR NOT NULL,
    year           INTEGER NOT NULL,   -- 2022
    missing_reason VARCHAR NOT NULL,   -- 'te_weinig_respondenten', 'Impossible', …
    n_missing      INTEGER NOT NULL,   -- periods without a value after the latest value
    PRIMARY KEY (indicator_id, region_code)
);
