-- Accounts for roles and login (issue 7); passwords only as salted scrypt hashes.
CREATE TABLE users (
    name          VARCHAR PRIMARY KEY,    -- 'a.jansen'
    role          VARCHAR NOT NULL CHECK (role IN ('viewer', 'analyst', 'facilitator', 'admin')),
    password_hash VARCHAR NOT NULL,       -- 'scrypt$n=16384,r=8,p=1$<salt hex>$<hash hex>'
    created_at    TIMESTAMP NOT NULL,
    created_by    VARCHAR NOT NULL        -- who added the account: a user name or 'cli'
);
