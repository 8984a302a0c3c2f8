package dev.companion.scc.group;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;

/** group_leave: NOT_IN_GROUP unless a member; answer ok, then the others are told (see {@link GroupService}). */
public final class GroupHandler {
    private final Hub hub;
    private final GroupService groups;

    public GroupHandler(Hub hub, GroupService groups) {
        this.hub = hub;
        this.groups = groups;
    }

    public void leave(Conn conn, Messages.GroupLeave m) {
        Outbox out = hub.outbox();
        hub.store().run(() -> {
            if (!hub.groups().isMember(m.group(), conn.user())) {
                throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not a member of " + m.group());
            }
            groups.leave(m.group(), conn.user(), "left", out);
        });
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }
}
