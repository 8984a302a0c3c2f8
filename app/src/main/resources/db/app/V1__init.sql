-- The app's local data, one file per profile: profile/companion.db
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- The control center's certificate, pinned on first use (trust on first use, like SSH)
CREATE TABLE pinned_servers (
    address     TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    pinned_at   INTEGER NOT NULL
);
-- What this terminal did while following: each received action and its outcome
CREATE TABLE follow_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    group_id TEXT NOT NULL,
    sender   TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    outcome  TEXT NOT NULL,
    detail   TEXT
);
CREATE INDEX follow_log_group ON follow_log(group_id, sender, seq);
