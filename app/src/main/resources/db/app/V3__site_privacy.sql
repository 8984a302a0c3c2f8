-- Privacy per site (a host name, see dev.companion.app.privacy.Sites): what the page agent may share
-- there, as the user chose it ('clear': what is clearly not sensitive, the default for sites without
-- a row; 'nothing': nothing typed). A site's choice also holds on the sites inside it without one.
CREATE TABLE site_privacy (
    site   TEXT PRIMARY KEY,
    policy TEXT NOT NULL CHECK (policy IN ('clear', 'nothing'))
) WITHOUT ROWID;
-- Fields the user chose to share with the group on a site, by the page agent's selector.
CREATE TABLE shared_fields (
    site      TEXT    NOT NULL,
    selector  TEXT    NOT NULL,
    shared_at INTEGER NOT NULL,
    PRIMARY KEY (site, selector)
) WITHOUT ROWID;
