-- Accounts for roles and login (issue 7); passwords only as salted scrypt hashes.
CREATE TABLE users (
    name          VARCHAR PRIMARY KEY,    -- 'a.jansen' or, with OIDC, 'a.jansen@gemeente.nl'
    role          VARCHAR NOT NULL CHECK (role IN ('viewer', 'analyst', 'facilitator', 'admin')),
    password_hash VARCHAR NOT NULL,       -- 'scrypt$n=16384,r=8,p=1$<salt hex>$<hash hex>'; '' = OIDC only
    created_at    TIMESTAMP NOT NULL,
    created_by    VARCHAR NOT NULL        -- who added the account: a user name or 'cli'
);

-- Who did which write that has no "by" column of its own (undo, programme edits, accounts).
-- Loads keep loaded_by and streefwaarden set_by; this log adds the rest, newest last.
CREATE SEQUENCE audit_ids START 1;
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY DEFAULT nextval('audit_ids'),
    done_at TIMESTAMP NOT NULL,           -- 2025-04-15 10:12:03
    actor   VARCHAR NOT NULL,             -- 'a.jansen', 'lokaal', 'cli'
    role    VARCHAR NOT NULL,             -- 'analyst'
    action  VARCHAR NOT NULL,             -- 'undo_load', 'insert_doel', 'add_user'
    subject VARCHAR NOT NULL              -- 'load 12', 'doel 4', 'user b.smit (viewer)'
);
