-- Exactly-once following across link drops and restarts (see docs/protocol.md, "Delivery").
-- What this terminal sent in a group: a bounded log (the newest Protocol.LOG_BOUND) to fill others' gaps.
CREATE TABLE sent_log (
    group_id TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    payload  BLOB    NOT NULL,
    PRIMARY KEY (group_id, seq)
) WITHOUT ROWID;
-- The last sequence number of each sender this terminal applied (or settled by a catch-up).
CREATE TABLE applied (
    group_id TEXT    NOT NULL,
    sender   TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (group_id, sender)
) WITHOUT ROWID;
