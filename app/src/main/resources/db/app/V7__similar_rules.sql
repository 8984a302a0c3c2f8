-- Similar-action rules per site (a host name, see dev.companion.app.privacy.Sites): which parts of
-- the site's URLs are per-user or tracking (docs/protocol.md, "Similar actions"). kind is the wire
-- name of a dev.companion.p2p.protocol.UrlRuleKind; value as the protocol's grammar allows it,
-- checked again when loaded (a row that no longer passes is left out and logged).
CREATE TABLE similar_rules (
    site     TEXT    NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('path_token', 'query_token', 'drop_query', 'locale_prefix')),
    value    TEXT    NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    position INTEGER NOT NULL,
    PRIMARY KEY (site, kind, value)
) WITHOUT ROWID;
