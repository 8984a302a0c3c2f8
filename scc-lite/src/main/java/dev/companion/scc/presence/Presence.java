package dev.companion.scc.presence;

import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.session.Outbox;
import java.sql.SQLException;

/** Pushes a user's presence to their accepted contacts who are online (and to nobody else). */
public final class Presence {
    private final Contacts contacts;

    public Presence(Contacts contacts) {
        this.contacts = contacts;
    }

    public void announce(String user, boolean online, Outbox out) throws SQLException {
        for (String contact : contacts.acceptedOf(user)) {
            out.toUser(contact, new Messages.Presence(user, online));
        }
    }
}
