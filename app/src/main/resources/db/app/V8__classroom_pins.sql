-- Classrooms this profile joined (dev.companion.app.store.ClassroomPins): the certificate each
-- room's control center presented when the student compared its confirmation code, by the room's
-- announced name. A room that comes back under that name with another certificate is shown a
-- warning that must be accepted explicitly, never trusted silently; declining stores nothing.
CREATE TABLE classroom_pins (
    room        TEXT    PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    address     TEXT    NOT NULL,
    pinned_at   INTEGER NOT NULL
) WITHOUT ROWID;
