-- The group chat (docs/protocol.md, "Chat"): every line this terminal sent or kept, in the order it
-- got them (id). A line is its sender's seq in the group, kept once. audience: for own lines, the
-- members it was sent to, one per line (a chat_history answers a member only lines sent to them).
-- (V6: V5 is taken by the similar-action rules on another branch.)
CREATE TABLE chat_line (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id TEXT    NOT NULL,
    sender   TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    sent_at  INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    audience TEXT    NOT NULL DEFAULT '',
    UNIQUE (group_id, sender, seq)
);
-- Per group and sender: the last seq settled (kept, or refused for good), so nothing is kept twice.
CREATE TABLE chat_cursor (
    group_id TEXT    NOT NULL,
    sender   TEXT    NOT NULL,
    last     INTEGER NOT NULL,
    PRIMARY KEY (group_id, sender)
) WITHOUT ROWID;
-- Keeping a line settles its seq in the same statement.
CREATE TRIGGER chat_line_settles AFTER INSERT ON chat_line
BEGIN
    INSERT INTO chat_cursor(group_id, sender, last) VALUES (NEW.group_id, NEW.sender, NEW.seq)
        ON CONFLICT(group_id, sender) DO UPDATE SET last = max(last, excluded.last);
END;
