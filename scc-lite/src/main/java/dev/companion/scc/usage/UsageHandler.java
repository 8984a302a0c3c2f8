package dev.companion.scc.usage;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * usage_report (a terminal's counts of actions its user led and followed since its last report,
 * added to the user's day by the control center's clock) and usage_get (a user's own days). The
 * control center never sees actions, so these two counts are the terminal's word: a terminal can
 * only change its own user's counts, each report by at most {@value Messages.UsageReport#MAX_REPORTED}
 * per count and each day's count stops at {@link UsageDays#CAP} (docs/adr/0010-usage-counts.md).
 */
public final class UsageHandler {
    /** The longest span usage_get answers. */
    public static final int MAX_DAYS = 366;

    private final Hub hub;

    public UsageHandler(Hub hub) {
        this.hub = hub;
    }

    public void report(Conn conn, Messages.UsageReport m) {
        long now = hub.now();
        hub.store().run(() -> {
            hub.usage().add(conn.user(), now, UsageDays.Count.ACTIONS_LED, m.led());
            hub.usage().add(conn.user(), now, UsageDays.Count.ACTIONS_FOLLOWED, m.followed());
        });
        conn.send(new Messages.Ok(m.req()));
    }

    /** usage_get: MISSING_FIELD unless from and to are yyyy-mm-dd, from not after to, at most {@value #MAX_DAYS} days. */
    public void get(Conn conn, Messages.UsageGet m) throws SQLException {
        LocalDate from = date(m.from(), "from");
        LocalDate to = date(m.to(), "to");
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "from..to must be 1 to " + MAX_DAYS + " days, from first");
        }
        conn.send(new Messages.Usage(m.req(), hub.usage().of(conn.user(), from, to)));
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, field + " must be a day as yyyy-mm-dd");
        }
    }
}
