-- Plausibility (issue 14): the possible range of an indicator's values when its unit does not
-- say it (a life expectancy of 40-110 years) or says it wrongly for this indicator (a share in %
-- that can pass 100). Empty: the unit's rule applies (a percentage within 0-100, no negative
-- count). bw.plausibility refuses a value outside it when a file is checked.
ALTER TABLE indicators ADD COLUMN value_min DOUBLE;   -- 40.0
ALTER TABLE indicators ADD COLUMN value_max DOUBLE;   -- 110.0
