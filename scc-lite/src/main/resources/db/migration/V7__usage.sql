-- Usage statistics: counts per user and UTC day (yyyy-mm-dd), never URLs or contents
-- (docs/adr/0009-usage-counts.md). Days older than the retention are deleted by a sweeper.
CREATE TABLE usage_days (
    user             TEXT    NOT NULL,
    day              TEXT    NOT NULL,
    sign_ins         INTEGER NOT NULL DEFAULT 0,
    groups_formed    INTEGER NOT NULL DEFAULT 0,
    group_seconds    INTEGER NOT NULL DEFAULT 0,
    actions_led      INTEGER NOT NULL DEFAULT 0,
    actions_followed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user, day)
);
CREATE INDEX usage_days_day ON usage_days (day);
