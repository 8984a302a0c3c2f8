package dev.companion.scc.signal;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import java.sql.SQLException;

/**
 * signal: relayed only between two members of one group. The sender must be a member
 * (NOT_IN_GROUP); to must be another member (PEER_NOT_IN_GROUP). The server sets from to the
 * sender's user name, forwards to to's terminal and answers ok. Nothing is stored.
 */
public final class SignalHandler {
    private final Hub hub;

    public SignalHandler(Hub hub) {
        this.hub = hub;
    }

    public void signal(Conn conn, Messages.Signal m) throws SQLException {
        String me = conn.user();
        if (!hub.groups().isMember(m.group(), me)) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not a member of " + m.group());
        }
        Conn peer = hub.online().get(m.to());
        if (m.to().equals(me) || peer == null || !hub.groups().isMember(m.group(), m.to())) {
            throw new ProtocolException(ErrorCode.PEER_NOT_IN_GROUP, m.to() + " is not a member of " + m.group());
        }
        peer.send(new Messages.Signal(null, m.group(), m.to(), me, m.offer()));
        conn.send(new Messages.Ok(m.req()));
    }
}
