-- Each latest value's series once more, as one JSON text (issue 16 item 1): {"y": years,
-- "v": values, "l": ci_low, "h": ci_high, "p": positions, "q": statuses}, the five list
-- columns in one, kept short (an interval list without any interval is null; only the
-- statuses other than definitief are written, with their positions). Pages read a region's
-- series through the index, and DuckDB fetches every list column of a row by scanning its list
-- data: five lists cost 2-3 ms per read at 10 million observations, one text column a
-- fraction of that, and Python decodes the text exactly (doubles round-trip). The lists stay
-- for the refresh's own SQL and the judgements. Written by every refresh
-- (bw.store.derived._REFRESH_LATEST), read by bw.store.derived.series_summary_of.
ALTER TABLE latest_values ADD COLUMN series_json VARCHAR;

-- Filled by the rebuild right after this step (a new store's earlier steps set the flag too).
INSERT INTO meta VALUES ('refresh_derived', 'true')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
