package dev.companion.app.store;

import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.thread.ThreadRules;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.files.PrivateFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The profile's SQLite file (profile/companion.db): settings, the pinned control-center
 * certificate, the follow log, the privacy choices and similar-action rules per site, the
 * recorded flows ({@link FlowStore}), the terminals paired on a LAN ({@link LanPeers}), the classrooms joined ({@link ClassroomPins}) and the group
 * chat. One connection, owned here; every write is its own transaction
 * (autocommit, WAL, synchronous NORMAL), so an acknowledged write survives the app crashing. Methods are synchronized: callers
 * are background threads, never the FX thread. The profile folder is made {@code rwx------} and this
 * file with its {@code -wal} and {@code -shm} {@code rw-------} at open, also when found looser (POSIX).
 */
public final class LocalStore implements AutoCloseable {
    private final Connection db;
    private final SqliteFollowJournal journal;
    private final SqliteSitePrivacy sitePrivacy;
    private final SqliteSiteRules siteRules;
    private final FlowStore flows;
    private final LanPeers lanPeers;
    private final ClassroomPins classroomPins;
    private final SqliteChatLog chat;
    private boolean closed;

    private LocalStore(Connection db) {
        this.db = db;
        this.journal = new SqliteFollowJournal(this);
        this.sitePrivacy = new SqliteSitePrivacy(this);
        this.siteRules = new SqliteSiteRules(this);
        this.flows = new FlowStore(this);
        this.lanPeers = new LanPeers(this);
        this.classroomPins = new ClassroomPins(this);
        this.chat = new SqliteChatLog(this);
    }

    /** The follow engine's journal (sent log, applied sequence numbers) in this file. */
    /**
     * The connection, for a statement: never on the FX or CEF thread (a wrong hop throws here, in
     * every test, rather than freezing the window now and then).
     */
    Connection db() {
        ThreadRules.blockingAllowed("SQLite");
        return db;
    }

    public dev.companion.app.follow.FollowJournal journal() {
        return journal;
    }

    /** The user's privacy choices per site (policies, shared fields), as stored in this file. */
    public SitePrivacy.Rules sitePrivacyRules() {
        return sitePrivacy.load();
    }

    /** Where changes of the privacy choices are written (synchronously: call it off the FX and CEF threads). */
    public SitePrivacy.Store sitePrivacyStore() {
        return sitePrivacy;
    }

    /** The similar-action rules per site (docs/protocol.md, "Similar actions"), as stored in this file. */
    public Map<String, List<UrlRule>> siteRules() {
        return siteRules.load();
    }

    /** Where a site's changed similar-action rules are written (synchronously: off the FX and CEF threads). */
    public SiteRules.Store siteRulesStore() {
        return siteRules;
    }

    /** The recorded flows in this file (docs/flows.md). */
    public FlowStore flows() {
        return flows;
    }

    /** The terminals paired on a LAN without a control center, with their certificates. */
    public LanPeers lanPeers() {
        return lanPeers;
    }

    /** The classrooms joined: each room's pinned certificate. */
    public ClassroomPins classroomPins() {
        return classroomPins;
    }

    /** The group chat in this file (docs/protocol.md, "Chat"). */
    public dev.companion.app.chat.ChatLog chatLog() {
        return chat;
    }

    public static LocalStore open(Path profileDir) {
        try {
            PrivateFiles.dir(profileDir); // cookies, identity and this file: the owner's only (POSIX)
            Path file = profileDir.resolve("companion.db");
            PrivateFiles.database(file); // 0600, and SQLite gives its -wal and -shm the same mode
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/app").load().migrate();
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // NORMAL in WAL mode: a committed write survives the app crashing (it is in the WAL);
                // a power cut may lose the last moments, which the follow resume re-asks for.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            return new LocalStore(c);
        } catch (java.io.IOException | SQLException e) {
            throw new StoreException("cannot open the local database in " + profileDir, e);
        }
    }

    public synchronized Optional<String> setting(String key) {
        try (PreparedStatement ps = db().prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read setting " + key, e);
        }
    }

    public synchronized void putSetting(String key, String value) {
        try (PreparedStatement ps = db().prepareStatement(
                "INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write setting " + key, e);
        }
    }

    /** This terminal's id: made once per profile and kept. */
    public synchronized String terminalId() {
        return setting("terminal.id").orElseGet(() -> {
            String id = "t-" + UUID.randomUUID();
            putSetting("terminal.id", id);
            return id;
        });
    }

    public synchronized Optional<String> pinnedFingerprint(String address) {
        try (PreparedStatement ps = db().prepareStatement("SELECT fingerprint FROM pinned_servers WHERE address = ?")) {
            ps.setString(1, address);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read pinned certificate", e);
        }
    }

    public synchronized void pin(String address, String fingerprint) {
        try (PreparedStatement ps = db().prepareStatement(
                "INSERT OR REPLACE INTO pinned_servers(address, fingerprint, pinned_at) VALUES(?, ?, ?)")) {
            ps.setString(1, address);
            ps.setString(2, fingerprint);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot pin certificate", e);
        }
    }

    public synchronized void logFollow(String group, String sender, long seq, String kind, String outcome, String detail) {
        try (PreparedStatement ps = db().prepareStatement(
                "INSERT INTO follow_log(at, group_id, sender, seq, kind, outcome, detail) VALUES(?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, group);
            ps.setString(3, sender);
            ps.setLong(4, seq);
            ps.setString(5, kind);
            ps.setString(6, outcome);
            ps.setString(7, detail);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write the follow log", e);
        }
    }

    public synchronized int followLogCount(String group, String outcome) {
        try (PreparedStatement ps = db().prepareStatement(
                "SELECT count(*) FROM follow_log WHERE group_id = ? AND outcome = ?")) {
            ps.setString(1, group);
            ps.setString(2, outcome);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the follow log", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the local database", e);
        }
    }

    /** A local-database failure; the message says what could not be done. */
    public static final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
