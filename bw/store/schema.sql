-- The whole store schema of bw, schema version 1.
-- Conventions: codes are CBS codes stripped of padding; ids are slugs that are never renamed;
-- every CHECK names the closed vocabulary it guards (mirrored by the StrEnums in bw/model.py).
-- Derived tables (prefix none, listed last) are rebuilt by bw.store.refresh_derived after every
-- write, so pages read small tables and never scan all observations.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,     -- 'schema_version', 'demo', 'created_at'
    value VARCHAR NOT NULL
);

-- Regions: NL, landsdelen, provinces, COROP, gemeenten, wijken, buurten and user groups.
CREATE TABLE regions (
    code            VARCHAR PRIMARY KEY,                       -- 'GM0363'
    name            VARCHAR NOT NULL,                          -- 'Amsterdam'
    level           VARCHAR NOT NULL CHECK (level IN ('NL', 'LD', 'PV', 'CR', 'GM', 'WK', 'BU', 'group')),
    landsdeel_code  VARCHAR,                                   -- 'LD03'
    province_code   VARCHAR,                                   -- 'PV27'
    corop_code      VARCHAR,                                   -- 'CR23'
    gemeente_code   VARCHAR,                                   -- parent gemeente of a wijk or buurt
    first_year      INTEGER,                                   -- first calendar year the code is valid
    last_year       INTEGER,                                   -- last valid year; NULL while current
    size_class      INTEGER CHECK (size_class BETWEEN 1 AND 9),  -- CBS gemeentegrootte code, 4 = 20 000 tot 50 000
    urbanity        INTEGER CHECK (urbanity BETWEEN 1 AND 5),    -- CBS stedelijkheid, 1 = zeer sterk stedelijk
    created_by_load INTEGER,                                   -- the load that added it (undo removes it)
    CHECK (first_year IS NULL OR last_year IS NULL OR first_year <= last_year)
);

-- Attributes of existing regions as they were before a load (the region reference) changed
-- them, so undo can put them back.
CREATE TABLE region_attribute_history (
    load_id        INTEGER NOT NULL,     -- the load that changed them
    code           VARCHAR NOT NULL,
    province_code  VARCHAR,
    corop_code     VARCHAR,
    landsdeel_code VARCHAR,
    size_class     INTEGER,
    urbanity       INTEGER,
    PRIMARY KEY (load_id, code)
);

-- A region group (level 'group' in regions) and its members.
CREATE TABLE region_groups (
    code        VARCHAR PRIMARY KEY,   -- 'RD_ZUID_LIMBURG', also a row in regions
    kind        VARCHAR NOT NULL CHECK (kind IN ('regio_deal', 'nationaal_programma', 'peer_group', 'custom')),
    description VARCHAR
);

CREATE TABLE region_group_members (
    group_code  VARCHAR NOT NULL,      -- 'RD_ZUID_LIMBURG'
    region_code VARCHAR NOT NULL,      -- 'GM0917'
    PRIMARY KEY (group_code, region_code)
);

-- Herindeling crosswalk: population share of the old code that went to the new code.
CREATE TABLE region_mergers (
    old_code         VARCHAR NOT NULL,  -- 'GM0738' (Aalburg)
    new_code         VARCHAR NOT NULL,  -- 'GM1959' (Altena)
    year             INTEGER NOT NULL,  -- first year of the new code: 2019
    population_share DOUBLE NOT NULL CHECK (population_share > 0 AND population_share <= 1),
    PRIMARY KEY (old_code, new_code, year)
);

-- Themes (hier en nu) and capitals (later) and elders themes.
CREATE TABLE themes (
    id         VARCHAR PRIMARY KEY,    -- 'gezondheid'
    dimension  VARCHAR NOT NULL CHECK (dimension IN ('hier_en_nu', 'later', 'elders')),
    name_nl    VARCHAR NOT NULL,       -- 'Gezondheid'
    name_en    VARCHAR NOT NULL,       -- 'Health'
    sort_order INTEGER NOT NULL
);

CREATE TABLE indicators (
    id             VARCHAR PRIMARY KEY,  -- 'gezondheid.ervaren_gezondheid'
    name_nl        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    description_nl VARCHAR NOT NULL,
    description_en VARCHAR NOT NULL,
    unit           VARCHAR NOT NULL,     -- '%', 'euro', 'aantal', 'jaar', 'ton CO2-eq per inwoner'
    decimals       INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 6),
    direction      VARCHAR NOT NULL CHECK (direction IN ('up', 'down', 'neutral')),
    aggregation    VARCHAR NOT NULL CHECK (aggregation IN ('sum', 'weighted_mean', 'none')),
    source         VARCHAR NOT NULL,     -- 'CBS, Gezondheidsmonitor'
    is_survey      BOOLEAN NOT NULL DEFAULT FALSE,  -- survey data: comparisons respect 95% intervals
    classification VARCHAR NOT NULL DEFAULT 'classified'
                   CHECK (classification IN ('classified', 'te_classificeren')),
    created_by_load INTEGER               -- the load that added it (undo removes it)
);

-- An indicator counts for one or more themes; its dimensions follow from those themes.
CREATE TABLE indicator_themes (
    indicator_id VARCHAR NOT NULL,       -- 'arbeid.hoogopgeleiden'
    theme_id     VARCHAR NOT NULL,       -- 'menselijk_kapitaal'
    PRIMARY KEY (indicator_id, theme_id)
);

-- Provenance of every intake of one file or API call.
CREATE SEQUENCE load_ids START 1;
CREATE TABLE loads (
    id          INTEGER PRIMARY KEY DEFAULT nextval('load_ids'),
    source      VARCHAR NOT NULL,        -- 'demo', 'CBS 85067NED', 'eigen data'
    file_name   VARCHAR,                 -- 'monitor-2024.csv'
    checksum    VARCHAR,                 -- sha256 of the file bytes
    format      VARCHAR NOT NULL,        -- 'demo', 'long_csv', 'cbs_odata_v4', …
    loaded_at   TIMESTAMP NOT NULL,
    loaded_by   VARCHAR NOT NULL,        -- user name or 'system'
    n_rows      INTEGER NOT NULL DEFAULT 0,  -- rows read from the source
    n_inserted  INTEGER NOT NULL DEFAULT 0,  -- new keys
    n_superseded INTEGER NOT NULL DEFAULT 0, -- existing keys given a newer value
    report      VARCHAR,                 -- the validation report as JSON
    undone_at   TIMESTAMP                -- set when the load was undone
);

-- Current observations: one row per indicator x region x period. Migration v3 recreates the
-- table without its primary key; bw.store.write_observations keeps the keys unique.
CREATE TABLE observations (
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
    PRIMARY KEY (indicator_id, region_code, period),
    CHECK (value IS NOT NULL OR missing_reason IS NOT NULL),
    CHECK (ci_low IS NULL OR ci_high IS NULL OR ci_low <= ci_high),
    CHECK (regexp_full_match(period, '[0-9]{4}((KW0[1-4])|(MM(0[1-9]|1[0-2])))?')),
    CHECK (year = CAST(substr(period, 1, 4) AS INTEGER))
);

-- Values that a later load replaced; kept for history and for undo.
CREATE TABLE observations_superseded (
    indicator_id   VARCHAR NOT NULL,
    region_code    VARCHAR NOT NULL,
    period         VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    value          DOUBLE,
    ci_low         DOUBLE,
    ci_high        DOUBLE,
    status         VARCHAR NOT NULL,
    missing_reason VARCHAR,
    load_id        INTEGER NOT NULL,     -- the load that brought this value
    superseded_by  INTEGER NOT NULL      -- the load that replaced it
);

-- Streefwaarden, append-only: the current target is the newest row per region x indicator.
CREATE SEQUENCE target_ids START 1;
CREATE TABLE targets (
    id            INTEGER PRIMARY KEY DEFAULT nextval('target_ids'),
    region_code   VARCHAR NOT NULL,      -- 'GM0363' or a group code
    indicator_id  VARCHAR NOT NULL,
    minimum       DOUBLE,                -- the floor the council will not accept falling below
    ambition      DOUBLE,                -- what it aims for
    ceiling       DOUBLE,                -- optional upper limit (doughnut model)
    target_year   INTEGER,               -- 2030
    baseline_year INTEGER,               -- 2020
    rationale     VARCHAR,
    source        VARCHAR,               -- 'coalitieakkoord 2022-2026'
    set_by        VARCHAR NOT NULL,
    set_at        TIMESTAMP NOT NULL,
    retracted     BOOLEAN NOT NULL DEFAULT FALSE,  -- a row that withdraws the target
    CHECK (baseline_year IS NULL OR target_year IS NULL OR baseline_year < target_year)
);

CREATE VIEW current_targets AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY region_code, indicator_id ORDER BY set_at DESC, id DESC) AS rn
    FROM targets
) WHERE rn = 1 AND NOT retracted;

-- Derived: per indicator x region, the latest yearly value, the one before it, its rank in
-- that year and the whole yearly series as lists, so a page reads one small row per indicator
-- instead of scanning the observations.
CREATE TABLE latest_values (
    indicator_id   VARCHAR NOT NULL,
    region_code    VARCHAR NOT NULL,
    year           INTEGER NOT NULL,     -- latest year with a value: 2024
    value          DOUBLE NOT NULL,
    ci_low         DOUBLE,
    ci_high        DOUBLE,
    status         VARCHAR NOT NULL,
    load_id        INTEGER NOT NULL,     -- provenance of the latest value
    previous_year  INTEGER,              -- the year before it with a value: 2022
    previous_value DOUBLE,
    n_years        INTEGER NOT NULL,     -- yearly values in the series
    rank           INTEGER,              -- rank in the comparison period of the level (v4)
    n_ranked       INTEGER,
    quartile       VARCHAR,
    series_years   INTEGER[] NOT NULL,   -- [2012, 2013, …, 2024], ascending
    series_values  DOUBLE[] NOT NULL,
    series_ci_low  DOUBLE[] NOT NULL,    -- NULL elements where there is no interval
    series_ci_high DOUBLE[] NOT NULL,
    series_status  VARCHAR[] NOT NULL,
    PRIMARY KEY (indicator_id, region_code)
);

-- Pages read latest_values per region (Overzicht, series), but refreshes write it per indicator,
-- so a region's rows are spread over every row group: this index finds them without a scan.
CREATE INDEX latest_values_region ON latest_values (region_code);

-- Derived: reference values per indicator and year: NL, each province, each peer class.
CREATE TABLE reference_values (
    indicator_id VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('NL', 'PV', 'peer')),
    ref_key      VARCHAR NOT NULL,       -- 'NL01', 'PV27' or peer class '4-3' (size class-urbanity)
    value        DOUBLE NOT NULL,
    ci_low       DOUBLE,                 -- the reference's own 95% interval (NL, province)
    ci_high      DOUBLE,
    n_regions    INTEGER NOT NULL,       -- regions behind the value (1 for NL and provinces)
    PRIMARY KEY (indicator_id, year, kind, ref_key)
);

-- Derived: rank and quartile per indicator, level and year (rank 1 = best).
CREATE TABLE ranks (
    indicator_id VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    level        VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    value        DOUBLE NOT NULL,        -- the ranked value, so a comparison page reads one table
    rank         INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    quartile     VARCHAR NOT NULL CHECK (quartile IN ('best_quartile', 'middle', 'worst_quartile'))
    -- no primary key: the refresh query yields one row per key, and an index on a table as long
    -- as the observations made every refresh several times slower (python -m bw bench store)
);

-- Programmes and their indicatorenplan (Sturen op Impact): a programme has opgaven (the
-- challenge, judged by impact indicators), each opgave SMART doelen (judged by an outcome
-- indicator against a target value) and each doel activiteiten (output: status, share done).
-- Opgaven, doelen, activiteiten and voortgang are kept apart on purpose: activities can be done
-- and goals met while the opgave does not move. Queries live in bw/programmes.py.
CREATE SEQUENCE programme_ids START 1;
CREATE TABLE programmes (
    id          INTEGER PRIMARY KEY DEFAULT nextval('programme_ids'),
    name        VARCHAR NOT NULL CHECK (length(trim(name)) > 0),  -- 'Regio Deal Zuid-Limburg (fictief)'
    kind        VARCHAR NOT NULL
                CHECK (kind IN ('beleidsprogramma', 'regio_deal', 'nationaal_programma')),
    owner       VARCHAR,                 -- 'stuurgroep Regio Deal'
    start_year  INTEGER,                 -- 2023
    end_year    INTEGER,                 -- 2027
    description VARCHAR,
    CHECK (start_year IS NULL OR end_year IS NULL OR start_year <= end_year)
);

-- The regions (or region groups) a programme works in: its indicators are judged there.
CREATE TABLE programme_regions (
    programme_id INTEGER NOT NULL,       -- 1
    region_code  VARCHAR NOT NULL,       -- 'RD_ZUID_LIMBURG' or 'GM0917'
    PRIMARY KEY (programme_id, region_code)
);

CREATE SEQUENCE opgave_ids START 1;
CREATE TABLE opgaven (
    id           INTEGER PRIMARY KEY DEFAULT nextval('opgave_ids'),
    programme_id INTEGER NOT NULL,       -- 1
    title        VARCHAR NOT NULL CHECK (length(trim(title)) > 0),  -- 'Gezondheidsachterstand verkleinen'
    description  VARCHAR
);

-- A doel and its SMART parts: text (specific), indicator + target value (measurable), owner
-- (assignable), feasibility note (realistic), target year (time-bound). Parts may be missing
-- while a doel is drafted; bw.programmes.smart_check says which.
CREATE SEQUENCE doel_ids START 1;
CREATE TABLE doelen (
    id               INTEGER PRIMARY KEY DEFAULT nextval('doel_ids'),
    opgave_id        INTEGER NOT NULL,   -- 1
    text             VARCHAR NOT NULL,   -- 'In 2026 ervaart ten minste 77% van de inwoners …'
    indicator_id     VARCHAR,            -- 'gezondheid.ervaren_gezondheid'
    target_value     DOUBLE,             -- 77.0, in the indicator's unit
    target_year      INTEGER,            -- 2026
    owner            VARCHAR,            -- 'wethouder Volksgezondheid'
    feasibility_note VARCHAR             -- 'haalbaar: vergelijkbare regio's haalden +1 pp in 3 jaar'
);

CREATE SEQUENCE activiteit_ids START 1;
CREATE TABLE activiteiten (
    id         INTEGER PRIMARY KEY DEFAULT nextval('activiteit_ids'),
    doel_id    INTEGER NOT NULL,         -- 1
    title      VARCHAR NOT NULL CHECK (length(trim(title)) > 0),  -- 'Beweegcoaches in de wijk'
    status     VARCHAR NOT NULL DEFAULT 'gepland'
               CHECK (status IN ('gepland', 'lopend', 'afgerond', 'gestopt')),
    share_done DOUBLE NOT NULL DEFAULT 0 CHECK (share_done BETWEEN 0 AND 100),  -- 60: percent done
    budget     DOUBLE CHECK (budget IS NULL OR budget >= 0)  -- 250000: euro, optional
);

-- The indicatorenplan's links: impact indicators on an opgave, outcome indicators on a doel
-- (besides the doel's own measurable indicator). ref_id is an opgaven.id or a doelen.id.
CREATE TABLE programme_indicators (
    programme_id INTEGER NOT NULL,       -- 1
    level        VARCHAR NOT NULL CHECK (level IN ('opgave', 'doel')),
    ref_id       INTEGER NOT NULL,       -- 2
    indicator_id VARCHAR NOT NULL,       -- 'gezondheid.gezonde_levensverwachting'
    PRIMARY KEY (programme_id, level, ref_id, indicator_id)
);

-- When progress is reported in the planning & control cycle (twice a year).
CREATE TABLE measurement_moments (
    programme_id INTEGER NOT NULL,       -- 1
    date         DATE NOT NULL,          -- 2025-04-15
    label        VARCHAR NOT NULL,       -- 'Voortgangsrapportage voorjaar 2025 (bij de jaarrekening)'
    PRIMARY KEY (programme_id, date)
);
