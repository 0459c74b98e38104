-- Beleidsopties (issue 6 part 3): a decision question for a region, its 2–4 options and each
-- option's expected effects on indicators, as judged by the people preparing the decision.
-- Queries live in bw/policy_options.py. Sets and options record who created and last changed
-- them; an effect that is changed or removed is first copied to policy_effect_history, so the
-- reasoning behind a council proposal can be traced afterwards.
CREATE SEQUENCE policy_option_set_ids START 1;
CREATE TABLE policy_option_sets (
    id          INTEGER PRIMARY KEY DEFAULT nextval('policy_option_set_ids'),
    region_code VARCHAR NOT NULL,        -- 'GM0917' (a region or region group)
    title       VARCHAR NOT NULL CHECK (length(trim(title)) > 0),  -- 'Aanpak armoede 2026 (fictief)'
    question    VARCHAR,                 -- 'Hoe verkleinen we de armoede zonder …?'
    created_by  VARCHAR NOT NULL,        -- 'a.jansen'
    created_at  TIMESTAMP NOT NULL,
    updated_by  VARCHAR NOT NULL,        -- who changed the set or anything in it last
    updated_at  TIMESTAMP NOT NULL
);

CREATE SEQUENCE policy_option_ids START 1;
CREATE TABLE policy_options (
    id          INTEGER PRIMARY KEY DEFAULT nextval('policy_option_ids'),
    set_id      INTEGER NOT NULL,        -- 1
    position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 4),  -- 1: order shown
    name        VARCHAR NOT NULL CHECK (length(trim(name)) > 0),  -- 'A. Schuldhulp in de wijk'
    description VARCHAR,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (set_id, position),
    UNIQUE (set_id, name)
);

-- One expected effect of an option on an indicator, at a time (nu/later) and place
-- (hier/elders): an option may worsen an indicator now and improve it later.
-- effect is relative to the indicator's good direction: 'beter' = towards it.
CREATE SEQUENCE policy_effect_ids START 1;
CREATE TABLE policy_effects (
    id              INTEGER PRIMARY KEY DEFAULT nextval('policy_effect_ids'),
    option_id       INTEGER NOT NULL,    -- 1
    indicator_id    VARCHAR NOT NULL,    -- 'arbeid.werkloosheid'
    effect          VARCHAR NOT NULL CHECK (effect IN ('beter', 'slechter', 'geen')),
    size            VARCHAR NOT NULL CHECK (size IN ('klein', 'middel', 'groot')),
    confidence      VARCHAR NOT NULL CHECK (confidence IN ('laag', 'middel', 'hoog')),
    timing          VARCHAR NOT NULL CHECK (timing IN ('nu', 'later')),
    place           VARCHAR NOT NULL CHECK (place IN ('hier', 'elders')),
    expected_change DOUBLE,              -- -0.5: change in the indicator's unit; NULL: unknown
    note            VARCHAR,             -- 'schatting op basis van de pilot in Kerkrade'
    updated_by      VARCHAR NOT NULL,    -- 'a.jansen'
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (option_id, indicator_id, timing, place)
);

-- Earlier versions of effects: the row as it was, who replaced or removed it and when.
CREATE TABLE policy_effect_history (
    effect_id       INTEGER NOT NULL,    -- policy_effects.id of the changed row
    option_id       INTEGER NOT NULL,
    indicator_id    VARCHAR NOT NULL,
    effect          VARCHAR NOT NULL,
    size            VARCHAR NOT NULL,
    confidence      VARCHAR NOT NULL,
    timing          VARCHAR NOT NULL,
    place           VARCHAR NOT NULL,
    expected_change DOUBLE,
    note            VARCHAR,
    updated_by      VARCHAR NOT NULL,    -- who wrote this version
    updated_at      TIMESTAMP NOT NULL,
    replaced_by     VARCHAR NOT NULL,    -- who changed or removed it: 'a.jansen'
    replaced_at     TIMESTAMP NOT NULL,
    change          VARCHAR NOT NULL CHECK (change IN ('gewijzigd', 'verwijderd'))
);
