-- Control center schema, version 2: every way of following (docs/protocol.md, "Group settings,
-- hand-over, pause and away").

-- version grows with every change to the group (members, states, leader, settings); group_set must
-- name the version it is based on. kinds and pages: the partial scope, JSON arrays of text.
ALTER TABLE "groups" ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "groups" ADD COLUMN kinds   TEXT    NOT NULL DEFAULT '[]';
ALTER TABLE "groups" ADD COLUMN pages   TEXT    NOT NULL DEFAULT '[]';

-- state: here (connected, following), away (lost its connection; kept for the away grace), paused
-- (stopped following for now). epoch grows each time the member's terminal comes back.
ALTER TABLE members ADD COLUMN state TEXT    NOT NULL DEFAULT 'here' CHECK (state IN ('here', 'away', 'paused'));
ALTER TABLE members ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
