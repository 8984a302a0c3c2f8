package dev.companion.app.follow;

import dev.companion.p2p.protocol.Message;

/** Where the follow engine sends what it decided to send: the group's peer links. */
public interface Outbox {
    /** Sends m to every member of group with an up link; returns how many it went to. */
    int broadcast(String group, Message m);

    /** Sends m to user in group; false when that link is not up. */
    boolean send(String group, String user, Message m);
}
