-- Control center schema, version 1. Times are epoch milliseconds.

-- Accounts. hash is an Argon2id string: $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>
CREATE TABLE users (
    name    TEXT    NOT NULL PRIMARY KEY,
    hash    TEXT    NOT NULL,
    created INTEGER NOT NULL
);

-- The terminals (app installations) each user logged in from. route is a JSON array of host:port.
CREATE TABLE terminals (
    id          TEXT    NOT NULL,
    user        TEXT    NOT NULL REFERENCES users (name),
    route       TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('online', 'offline')),
    last_seen   INTEGER NOT NULL,
    PRIMARY KEY (user, id)
);

-- Contact pairs: a asked b. One row per pair whichever way round.
CREATE TABLE contacts (
    a     TEXT NOT NULL REFERENCES users (name),
    b     TEXT NOT NULL REFERENCES users (name),
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    PRIMARY KEY (a, b),
    CHECK (a <> b)
);
CREATE UNIQUE INDEX contacts_pair ON contacts (min(a, b), max(a, b));
CREATE INDEX contacts_b ON contacts (b);

-- Invitations into a group (group_id is allocated when a new group is proposed).
CREATE TABLE invitations (
    id         TEXT    NOT NULL PRIMARY KEY,
    from_user  TEXT    NOT NULL REFERENCES users (name),
    to_user    TEXT    NOT NULL REFERENCES users (name),
    group_id   TEXT    NOT NULL,
    created    INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    state      TEXT    NOT NULL CHECK (state IN ('pending', 'accepted', 'declined'))
);
CREATE INDEX invitations_to ON invitations (to_user, state);

-- Live groups. A group only lives while its members are connected (see README).
CREATE TABLE "groups" (
    id        TEXT    NOT NULL PRIMARY KEY,
    leader    TEXT    NOT NULL,
    mode      TEXT    NOT NULL,
    following TEXT    NOT NULL,
    scope     TEXT    NOT NULL,
    created   INTEGER NOT NULL
);

-- Group members; seq orders members who joined in the same millisecond.
CREATE TABLE members (
    seq      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    group_id TEXT    NOT NULL REFERENCES "groups" (id) ON DELETE CASCADE,
    user     TEXT    NOT NULL,
    terminal TEXT    NOT NULL,
    role     TEXT    NOT NULL CHECK (role IN ('leader', 'follower')),
    joined   INTEGER NOT NULL,
    UNIQUE (group_id, user)
);
CREATE INDEX members_user ON members (user);
