-- Failed logins per account name and per client address (issue 14 item 7). A reload starts a
-- new Streamlit session, so a throttle kept in the session reset itself; this one lives in the
-- store and is shared by every session and every restart of the writing app. Read-only
-- replicas cannot write it and keep the same counts in their own process (docs/deploy.md).
-- Written by bw.users.StoreThrottle in short transactions of its own; rows whose last failure
-- is older than bw.users.FORGET_AFTER are deleted on the next failure.
CREATE TABLE login_failures (
    kind         VARCHAR NOT NULL CHECK (kind IN ('account', 'address')),
    key          VARCHAR NOT NULL,   -- 'a.jansen' (as typed, normalised) or '203.0.113.9'
    failures     INTEGER NOT NULL CHECK (failures > 0),  -- in a row, since the counter started
    last_failure DOUBLE NOT NULL,    -- seconds since the epoch: 1764860400.5
    PRIMARY KEY (kind, key)
);
