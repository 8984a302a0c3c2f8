package dev.companion.app.store;

import dev.companion.app.follow.FollowJournal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow engine's journal in the profile's SQLite file (tables sent_log and applied). Every
 * call is one autocommitted statement (or two), under the store's lock.
 */
final class SqliteFollowJournal implements FollowJournal {
    private final LocalStore store;

    SqliteFollowJournal(LocalStore store) {
        this.store = store;
    }

    @Override
    public long lastSent(String group) {
        return number("SELECT coalesce(max(seq), 0) FROM sent_log WHERE group_id = ?", group);
    }

    @Override
    public void logSent(String group, long seq, byte[] payload, int bound) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("INSERT OR REPLACE INTO sent_log(group_id, seq, payload) VALUES(?, ?, ?)")) {
                ps.setString(1, group);
                ps.setLong(2, seq);
                ps.setBytes(3, payload);
                ps.executeUpdate();
                if (seq % 64 == 0 || bound < 64) { // trim now and then, not on every action
                    try (PreparedStatement del = store.db().prepareStatement("DELETE FROM sent_log WHERE group_id = ? AND seq <= ?")) {
                        del.setString(1, group);
                        del.setLong(2, seq - bound);
                        del.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot log a sent action", e);
            }
        }
    }

    @Override
    public long firstLogged(String group) {
        return number("SELECT coalesce(min(seq), 0) FROM sent_log WHERE group_id = ?", group);
    }

    @Override
    public List<byte[]> sentBetween(String group, long after, long upTo) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT payload FROM sent_log WHERE group_id = ? AND seq > ? AND seq <= ? ORDER BY seq")) {
                ps.setString(1, group);
                ps.setLong(2, after);
                ps.setLong(3, upTo);
                List<byte[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the sent log", e);
            }
        }
    }

    @Override
    public long applied(String group, String sender) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("SELECT seq FROM applied WHERE group_id = ? AND sender = ?")) {
                ps.setString(1, group);
                ps.setString(2, sender);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read what was applied", e);
            }
        }
    }

    @Override
    public void markApplied(String group, String sender, long seq) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("INSERT INTO applied(group_id, sender, seq) VALUES(?, ?, ?) "
                    + "ON CONFLICT(group_id, sender) DO UPDATE SET seq = max(seq, excluded.seq)")) {
                ps.setString(1, group);
                ps.setString(2, sender);
                ps.setLong(3, seq);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot record an applied action", e);
            }
        }
    }

    @Override
    public void forgetSender(String group, String sender) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("DELETE FROM applied WHERE group_id = ? AND sender = ?")) {
                ps.setString(1, group);
                ps.setString(2, sender);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot forget a member who left", e);
            }
        }
    }

    @Override
    public void forgetAllBut(String keep) {
        synchronized (store) {
            try (PreparedStatement a = store.db().prepareStatement("DELETE FROM sent_log WHERE group_id IS NOT ?");
                 PreparedStatement b = store.db().prepareStatement("DELETE FROM applied WHERE group_id IS NOT ?")) {
                a.setString(1, keep);
                b.setString(1, keep);
                a.executeUpdate();
                b.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot forget old groups", e);
            }
        }
    }

    private long number(String sql, String group) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(sql)) {
                ps.setString(1, group);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the sent log", e);
            }
        }
    }
}
