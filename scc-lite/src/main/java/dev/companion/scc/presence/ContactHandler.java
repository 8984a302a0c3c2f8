package dev.companion.scc.presence;

import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Contact;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * contact_add and contact_accept, and the contact list sent with login_ok. Online flags are shown
 * for accepted contacts only; pending contacts always show offline.
 *
 * <p>Nothing here tells whether a user name has an account: a request to a name nobody has is kept
 * and answered like any other (it shows as pending_out, and is dropped if someone registers that
 * name), and accepting a request from a name that never asked is NOT_CONTACT whether or not it exists.
 * At most {@value #MAX_REQUESTS} of one user's requests wait for an answer (TOO_MANY_PENDING).
 */
public final class ContactHandler {
    public static final int MAX_REQUESTS = 50;

    private final Hub hub;

    public ContactHandler(Hub hub) {
        this.hub = hub;
    }

    /**
     * contact_add (not yourself: RequestRules). A new request is stored pending (whether or not the
     * name has an account) and the target, if online, receives contact_update pending_in; over
     * {@value #MAX_REQUESTS} waiting requests is TOO_MANY_PENDING. Asking someone who already asked you
     * accepts their request. Asking again, or asking a contact, changes nothing. Answer: ok.
     */
    public void add(Conn conn, Messages.ContactAdd m) {
        String me = conn.user();
        String them = m.user();
        Outbox out = hub.outbox();
        hub.store().run(() -> {
            Contacts.Row row = hub.contacts().find(me, them);
            if (row == null) {
                if (hub.contacts().pendingFrom(me) >= MAX_REQUESTS) {
                    throw new ProtocolException(ErrorCode.TOO_MANY_PENDING, MAX_REQUESTS
                            + " of your contact requests are waiting for an answer");
                }
                hub.contacts().request(me, them);
                out.toUser(them, new Messages.ContactUpdate(new Contact(me, false, ContactState.PENDING_IN)));
            } else if (!row.accepted() && row.asker().equals(them)) {
                accept(me, them, out);
            }
        });
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

    /**
     * contact_accept: the user must have asked you (NOT_CONTACT otherwise, the same whether or not
     * the name has an account). Both receive contact_update state contact. Accepting an accepted
     * contact changes nothing. Answer: ok.
     */
    public void accept(Conn conn, Messages.ContactAccept m) {
        String me = conn.user();
        String them = m.user();
        Outbox out = hub.outbox();
        hub.store().run(() -> {
            Contacts.Row row = hub.contacts().find(me, them);
            if (row == null || !row.accepted() && !row.asker().equals(them)) {
                throw new ProtocolException(ErrorCode.NOT_CONTACT, "that user has not asked to be your contact");
            }
            if (!row.accepted()) {
                accept(me, them, out);
            }
        });
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

    private void accept(String me, String them, Outbox out) throws SQLException {
        hub.contacts().link(me, them);
        out.toUser(me, new Messages.ContactUpdate(new Contact(them, hub.online().isOnline(them), ContactState.CONTACT)));
        out.toUser(them, new Messages.ContactUpdate(new Contact(me, hub.online().isOnline(me), ContactState.CONTACT)));
    }

    /** user's contact list as login_ok carries it. */
    public List<Contact> list(String user) throws SQLException {
        List<Contact> out = new ArrayList<>();
        for (Contacts.Row r : hub.contacts().of(user)) {
            boolean asked = r.asker().equals(user);
            String other = asked ? r.other() : r.asker();
            if (r.accepted()) {
                out.add(new Contact(other, hub.online().isOnline(other), ContactState.CONTACT));
            } else {
                out.add(new Contact(other, false, asked ? ContactState.PENDING_OUT : ContactState.PENDING_IN));
            }
        }
        return out;
    }
}
