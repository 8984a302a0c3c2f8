package dev.companion.app.store;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowError;
import dev.companion.app.flow.FlowException;
import dev.companion.app.flow.FlowFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The profile's flows (tables flows and flow_versions): versioned, each version the whole flow file.
 * An edit names the version the person saw and is refused ({@link FlowError#STALE_VERSION}) when the
 * flow changed since, so two windows never overwrite each other's edit; it then writes the next
 * version in one transaction and keeps the newest {@link #KEEP_VERSIONS}. Under the store's lock,
 * never on the FX or CEF thread.
 */
public final class FlowStore {
    public static final int KEEP_VERSIONS = 20;

    private final LocalStore store;

    FlowStore(LocalStore store) {
        this.store = store;
    }

    /** One line of the list: a flow's current version. */
    public record Summary(long id, String name, int version, int steps, long updatedAt) {
    }

    /** A flow as stored: its id, version and content. */
    public record Stored(long id, int version, Flow flow) {
    }

    /** Keeps flow (recorded or imported) as a new flow, version 1. */
    public Stored add(Flow flow) {
        return inTransaction("cannot store flow", db -> {
            long now = System.currentTimeMillis();
            long id;
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO flows(name, version, steps, created_at, updated_at) VALUES(?, 1, ?, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, flow.name());
                ps.setInt(2, flow.steps().size());
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            insertVersion(db, id, 1, flow, now);
            return new Stored(id, 1, flow);
        });
    }

    /** Every flow's current version, by name. */
    public List<Summary> list() {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT id, name, version, steps, updated_at FROM flows ORDER BY name COLLATE NOCASE, id");
                 ResultSet rs = ps.executeQuery()) {
                List<Summary> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Summary(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5)));
                }
                return out;
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot list flows", e);
            }
        }
    }

    /** The current version of flow id; {@link FlowError#NOT_FOUND} when there is none. */
    public Stored get(long id) {
        synchronized (store) {
            return read(store.db(), id, currentVersion(store.db(), id));
        }
    }

    /** Version version of flow id, while it is among the kept ones. */
    public Stored get(long id, int version) {
        synchronized (store) {
            return read(store.db(), id, version);
        }
    }

    public Stored rename(long id, int seen, String name) {
        return change(id, seen, f -> f.renamed(name));
    }

    /** Step number (1-based) gets hint; a blank hint removes it. */
    public Stored editHint(long id, int seen, int step, String hint) {
        return change(id, seen, f -> f.withHint(step, hint));
    }

    public Stored deleteStep(long id, int seen, int step) {
        return change(id, seen, f -> f.withoutStep(step));
    }

    public Stored moveStep(long id, int seen, int from, int to) {
        return change(id, seen, f -> f.withStepMoved(from, to));
    }

    /** Deletes flow id with every version; deleting one that is gone is not an error. */
    public void delete(long id) {
        inTransaction("cannot delete flow", db -> {
            for (String sql : List.of("DELETE FROM flow_versions WHERE flow_id = ?", "DELETE FROM flows WHERE id = ?")) {
                try (PreparedStatement ps = db.prepareStatement(sql)) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private Stored change(long id, int seen, UnaryOperator<Flow> edit) {
        return inTransaction("cannot change flow", db -> {
            int current = currentVersion(db, id);
            if (current != seen) {
                throw new FlowException(FlowError.STALE_VERSION, "the flow changed (version " + current
                        + ", the edit was made on " + seen + "); nothing was changed");
            }
            Flow changed = edit.apply(read(db, id, current).flow());
            long now = System.currentTimeMillis();
            int next = current + 1;
            insertVersion(db, id, next, changed, now);
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE flows SET name = ?, version = ?, steps = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, changed.name());
                ps.setInt(2, next);
                ps.setInt(3, changed.steps().size());
                ps.setLong(4, now);
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM flow_versions WHERE flow_id = ? AND version <= ?")) {
                ps.setLong(1, id);
                ps.setInt(2, next - KEEP_VERSIONS);
                ps.executeUpdate();
            }
            return new Stored(id, next, changed);
        });
    }

    private static void insertVersion(Connection db, long id, int version, Flow flow, long now) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO flow_versions(flow_id, version, saved_at, body) VALUES(?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            ps.setLong(3, now);
            ps.setString(4, FlowFormat.export(flow));
            ps.executeUpdate();
        }
    }

    private static int currentVersion(Connection db, long id) {
        try (PreparedStatement ps = db.prepareStatement("SELECT version FROM flows WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new FlowException(FlowError.NOT_FOUND, "no flow " + id);
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new LocalStore.StoreException("cannot read flow " + id, e);
        }
    }

    /** Reads a version back through the import's checks: a damaged row is refused, not half used. */
    private static Stored read(Connection db, long id, int version) {
        try (PreparedStatement ps = db.prepareStatement("SELECT body FROM flow_versions WHERE flow_id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new FlowException(FlowError.NOT_FOUND, "no version " + version + " of flow " + id);
                }
                return new Stored(id, version, FlowFormat.read(rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new LocalStore.StoreException("cannot read flow " + id, e);
        }
    }

    private interface Work<T> {
        T run(Connection db) throws SQLException;
    }

    /** work in one transaction: all of it is kept, or (on any exception) none of it. */
    private <T> T inTransaction(String what, Work<T> work) {
        synchronized (store) {
            Connection db = store.db();
            try {
                db.setAutoCommit(false);
                try {
                    T result = work.run(db);
                    db.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    db.rollback();
                    throw e;
                } finally {
                    db.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException(what, e);
            }
        }
    }
}
