package dev.companion.app.store;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.ChatLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The group chat in the profile's SQLite file (tables chat_line and chat_cursor): each line once per
 * (group, sender, seq), and per sender the last seq settled. Each call is one statement under the
 * store's lock; keeping a line moves its cursor in the same statement (trigger chat_line_settles).
 */
final class SqliteChatLog implements ChatLog {
    private final LocalStore store;

    SqliteChatLog(LocalStore store) {
        this.store = store;
    }

    @Override
    public long last(String group, String sender) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT last FROM chat_cursor WHERE group_id = ? AND sender = ?")) {
                ps.setString(1, group);
                ps.setString(2, sender);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the chat of " + group, e);
            }
        }
    }

    @Override
    public boolean keep(ChatEntry line, List<String> audience) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("INSERT INTO chat_line(group_id, sender, seq, "
                    + "sent_at, text, audience) VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, line.group());
                ps.setString(2, line.sender());
                ps.setLong(3, line.seq());
                ps.setLong(4, line.at());
                ps.setString(5, line.text());
                ps.setString(6, String.join("\n", audience));
                return ps.executeUpdate() == 1; // the trigger chat_line_settles moves the cursor with it
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot keep a chat line of " + line.group(), e);
            }
        }
    }

    @Override
    public void skip(String group, String sender, long seq) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("INSERT INTO chat_cursor(group_id, sender, last) "
                    + "VALUES(?, ?, ?) ON CONFLICT(group_id, sender) DO UPDATE SET last = max(last, excluded.last)")) {
                ps.setString(1, group);
                ps.setString(2, sender);
                ps.setLong(3, seq);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot settle a chat line of " + group, e);
            }
        }
    }

    @Override
    public List<ChatEntry> lines(String group, int limit) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("SELECT group_id, sender, seq, sent_at, text "
                    + "FROM chat_line WHERE group_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, group);
                ps.setInt(2, limit);
                List<ChatEntry> out = read(ps);
                Collections.reverse(out);
                return out;
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the chat of " + group, e);
            }
        }
    }

    @Override
    public List<ChatEntry> sentTo(String group, String sender, String member, long after, int limit) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement("SELECT group_id, sender, seq, sent_at, text "
                    + "FROM chat_line WHERE group_id = ? AND sender = ? AND seq > ? "
                    + "AND instr(char(10) || audience || char(10), char(10) || ? || char(10)) > 0 ORDER BY seq LIMIT ?")) {
                ps.setString(1, group);
                ps.setString(2, sender);
                ps.setLong(3, after);
                ps.setString(4, member);
                ps.setInt(5, limit);
                return read(ps);
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the chat of " + group, e);
            }
        }
    }

    private static List<ChatEntry> read(PreparedStatement ps) throws SQLException {
        List<ChatEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ChatEntry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
            }
        }
        return out;
    }
}
