package dev.companion.scc.usage;

import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.store.Sql;
import dev.companion.scc.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The usage_days table: per user and UTC day, counts only (sign-ins, groups formed, seconds in
 * groups, actions led and followed); no URL, no content, no time of day. Each count stops at
 * {@value #CAP} a day, so a terminal that lies about its own counts cannot overflow them.
 */
public final class UsageDays {
    public static final long CAP = 1_000_000;

    /** A counted column. */
    public enum Count {
        SIGN_INS("sign_ins"), GROUPS_FORMED("groups_formed"), GROUP_SECONDS("group_seconds"),
        ACTIONS_LED("actions_led"), ACTIONS_FOLLOWED("actions_followed");

        private final String column;

        Count(String column) {
            this.column = column;
        }
    }

    /** One row, with its user (the command line's report lists every user). */
    public record Row(String user, Messages.UsageDay day) {
    }

    private static final String COLUMNS = "SELECT user, day, sign_ins, groups_formed, group_seconds, actions_led, "
            + "actions_followed FROM usage_days ";

    private final Store store;

    public UsageDays(Store store) {
        this.store = store;
    }

    /** The UTC day of epoch milliseconds at. */
    public static LocalDate day(long at) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC);
    }

    /** Adds n (0 or more) to user's count on the day of at; the caller's transaction, or its own statement. */
    public void add(String user, long at, Count count, long n) throws SQLException {
        if (n <= 0) {
            return;
        }
        String c = count.column;
        Sql.update(store.connection(), "INSERT INTO usage_days (user, day, " + c + ") VALUES (?, ?, min(?, " + CAP + ")) "
                + "ON CONFLICT (user, day) DO UPDATE SET " + c + " = min(" + c + " + excluded." + c + ", " + CAP + ")",
                user, day(at).toString(), n);
    }

    /** Time user spent in a group from joined to left (epoch ms), in seconds, split over the UTC days it spans. */
    public void inGroup(String user, long joined, long left) throws SQLException {
        long from = joined;
        while (from < left) {
            long dayEnd = day(from).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long to = Math.min(left, dayEnd);
            add(user, from, Count.GROUP_SECONDS, (to - from) / 1000);
            from = to;
        }
    }

    /** user's days from..to (inclusive) that have counts, oldest first. */
    public List<Messages.UsageDay> of(String user, LocalDate from, LocalDate to) throws SQLException {
        return Sql.query(store.connection(), COLUMNS + "WHERE user = ? AND day >= ? AND day <= ? ORDER BY day",
                rs -> row(rs).day(), user, from.toString(), to.toString());
    }

    /** Every user's days from..to (inclusive), by day then user, on connection c (the command line's). */
    public static List<Row> all(Connection c, LocalDate from, LocalDate to) throws SQLException {
        return Sql.query(c, COLUMNS + "WHERE day >= ? AND day <= ? ORDER BY day, user", UsageDays::row,
                from.toString(), to.toString());
    }

    /** Deletes the days before oldestKept, on connection c (the sweeper's); returns how many rows. */
    public static int sweep(Connection c, LocalDate oldestKept) throws SQLException {
        return Sql.update(c, "DELETE FROM usage_days WHERE day < ?", oldestKept.toString());
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), new Messages.UsageDay(rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5),
                rs.getInt(6), rs.getInt(7)));
    }
}
