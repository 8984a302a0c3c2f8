package dev.companion.app.session;

import dev.companion.app.flow.FlowInbox;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.UUID;

/** Sending a flow file to one member over the peer link, in flow_share parts: an online group's and a LAN pair's. */
final class FlowSharing {
    private FlowSharing() {
    }

    /**
     * Sends file (a flow file's bytes, unchecked: tests send bad ones) from me to member to of g;
     * NOT_A_MEMBER when to is not another member, or not linked now. What to's person answers is not told.
     */
    static void send(LinkManager links, Messages.GroupState g, String me, String to, byte[] file) {
        if (g.member(to) == null || to.equals(me)) {
            throw new ProtocolException(ErrorCode.NOT_A_MEMBER, to + " is not another member of the group");
        }
        String share = UUID.randomUUID().toString().substring(0, 8);
        for (Messages.FlowShare part : FlowInbox.parts(g.group(), me, to, share, file)) {
            if (!links.send(g.group(), to, part)) {
                throw new ProtocolException(ErrorCode.NOT_A_MEMBER, "no link to " + to + " now; try again when linked");
            }
        }
    }
}
