package dev.companion.app.chat;

import dev.companion.p2p.protocol.Message;

/** The group's peer links as the chat room sees them (the session gives it its LinkManager's). */
public interface ChatLinks {
    /** Sends m to every linked member of group; how many took it. */
    int broadcast(String group, Message m);

    /** Sends m to one member; false when that link is not up. */
    boolean send(String group, String peer, Message m);
}
