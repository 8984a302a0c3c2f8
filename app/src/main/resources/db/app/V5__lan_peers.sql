-- Terminals paired on a LAN without a control center (dev.companion.app.store.LanPeers): the
-- certificate each presented when both people compared the pair's code, by terminal id. A terminal
-- that comes back with another certificate is shown a warning, never trusted silently.
CREATE TABLE lan_peers (
    terminal    TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    paired_at   INTEGER NOT NULL
) WITHOUT ROWID;
