-- Control center schema, version 4: safe among strangers (docs/security.md).

-- Users: the collision keys of each name (auth.UserNames); V5 fills them for existing rows and makes
-- each UNIQUE.
ALTER TABLE users ADD COLUMN key_fold  TEXT;
ALTER TABLE users ADD COLUMN key_glyph TEXT;

-- Contact requests may name a user that does not exist: contact_add answers the same either way, so
-- that nobody learns who has an account, and keeps the request like any other. b therefore no longer
-- references users; registering a user drops the pending requests addressed to its name.
CREATE TABLE contacts_v4 (
    a     TEXT NOT NULL REFERENCES users (name),
    b     TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    PRIMARY KEY (a, b),
    CHECK (a <> b)
);
INSERT INTO contacts_v4 (a, b, state) SELECT a, b, state FROM contacts;
DROP TABLE contacts;
ALTER TABLE contacts_v4 RENAME TO contacts;
CREATE UNIQUE INDEX contacts_pair ON contacts (min(a, b), max(a, b));
CREATE INDEX contacts_b ON contacts (b);

-- Invitations: creates_group is 1 for the invitation that proposed a new group (accepting it creates
-- the group; it is the first invitation of its group id). Any other invitation joins a live group and
-- is refused (GROUP_ENDED) once that group is gone: a stale invitation never re-creates a group.
ALTER TABLE invitations ADD COLUMN creates_group INTEGER NOT NULL DEFAULT 0 CHECK (creates_group IN (0, 1));
UPDATE invitations SET creates_group = 1 WHERE NOT EXISTS (
    SELECT 1 FROM invitations o WHERE o.group_id = invitations.group_id
        AND (o.created < invitations.created OR (o.created = invitations.created AND o.rowid < invitations.rowid)));
-- the caps (per inviter, per group) and the sweep of expired invitations
CREATE INDEX invitations_from    ON invitations (from_user, state, expires_at);
CREATE INDEX invitations_group   ON invitations (group_id, state);
CREATE INDEX invitations_expires ON invitations (expires_at);
