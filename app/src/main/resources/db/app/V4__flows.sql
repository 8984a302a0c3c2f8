-- Recorded flows (docs/flows.md).
-- A flow's name and its current version; each version is the whole flow file (FlowFormat), so an
-- edit never changes a version in place and the newest versions (FlowStore.KEEP_VERSIONS) stay.
CREATE TABLE flows (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    steps      INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE flow_versions (
    flow_id    INTEGER NOT NULL,  -- flows.id; deleted with it (FlowStore.delete)
    version    INTEGER NOT NULL,
    saved_at   INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    PRIMARY KEY (flow_id, version)
) WITHOUT ROWID;
