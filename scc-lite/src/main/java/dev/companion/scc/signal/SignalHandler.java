package dev.companion.scc.signal;

import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;

/**
 * signal: relayed only between two members of one group (the sender a member, to another member who
 * is online: checked before, by the session's RequestRules). The server sets from to the sender's user
 * name, forwards to to's terminal and answers ok. Nothing is stored.
 */
public final class SignalHandler {
    private final Hub hub;

    public SignalHandler(Hub hub) {
        this.hub = hub;
    }

    public void signal(Conn conn, Messages.Signal m) {
        Conn peer = hub.online().get(m.to()); // online: RequestRules
        peer.send(new Messages.Signal(null, m.group(), m.to(), conn.user(), m.offer()));
        conn.send(new Messages.Ok(m.req()));
    }
}
