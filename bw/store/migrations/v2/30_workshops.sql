-- Workshops for Communities of Practice (issue 6): sessions and their contributions.
-- Contributions are append-only events, so participants writing at once never overwrite each
-- other; bw/workshops.py derives the current state from the events in id order.
CREATE SEQUENCE workshop_session_ids START 1;
CREATE TABLE workshop_sessions (
    id           INTEGER PRIMARY KEY DEFAULT nextval('workshop_session_ids'),
    code         VARCHAR NOT NULL UNIQUE,  -- 'K7PX3M': the join code, never reused
    title        VARCHAR NOT NULL,         -- 'Gezond ouder worden in Heerlen'
    region_code  VARCHAR NOT NULL,         -- 'GM0917': the case's region
    phase        VARCHAR NOT NULL,         -- 'beleidsvorming' (bw.policy_cycle.PHASES)
    themes       VARCHAR[] NOT NULL,       -- ['gezondheid', 'wonen']
    status       VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finalised')),
    created_by   VARCHAR NOT NULL,         -- 'a.jansen' (the facilitator)
    created_at   TIMESTAMP NOT NULL,
    finalised_by VARCHAR,                  -- 'a.jansen'
    finalised_at TIMESTAMP
);

CREATE SEQUENCE workshop_event_ids START 1;
CREATE TABLE workshop_events (
    id            BIGINT PRIMARY KEY DEFAULT nextval('workshop_event_ids'),
    session_id    INTEGER NOT NULL,        -- 1
    kind          VARCHAR NOT NULL CHECK (kind IN ('argument', 'edit', 'hide', 'unhide', 'merge',
                                                   'comment', 'indicator', 'indicator_removed')),
    argument_id   BIGINT,                  -- 17: the argument (its 'argument' event id) concerned
    into_id       BIGINT,                  -- 12: merge only, the argument it is merged into
    theme_id      VARCHAR,                 -- 'gezondheid' (argument, edit)
    text          VARCHAR,                 -- 'Meer groen in de wijk' (argument, edit, comment)
    sentiment     VARCHAR CHECK (sentiment IN ('positief', 'negatief', 'neutraal')),
    scale         VARCHAR CHECK (scale IN ('straat_buurt', 'wijk', 'gemeente', 'regio_provincie',
                                           'nederland', 'eu', 'buiten_eu')),
    time_frame    VARCHAR CHECK (time_frame IN ('nu', 'later')),
    indicator_ids VARCHAR[],               -- ['gezondheid.ervaren_gezondheid'] linked indicators
    stakeholders  VARCHAR[],               -- ['Gemeenteraad']
    indicator_id  VARCHAR,                 -- 'wonen.woonlasten' (indicator, indicator_removed)
    minimum       DOUBLE,                  -- 40.0: proposed minimum (indicator)
    ambition      DOUBLE,                  -- 35.0: proposed ambition (indicator)
    target_year   INTEGER,                 -- 2030 (indicator)
    author        VARCHAR NOT NULL,        -- 'Vos' (a pseudonym) or the facilitator's name
    created_at    TIMESTAMP NOT NULL
);
