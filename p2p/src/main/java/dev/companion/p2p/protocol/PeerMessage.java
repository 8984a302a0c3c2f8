package dev.companion.p2p.protocol;

/**
 * Terminal ↔ terminal on the peer link: the set-up (peer_hello, peer_welcome), the group's messages
 * ({@link GroupMessage}) and errors; ping and pong ({@link Heartbeat}) travel beside them.
 */
public sealed interface PeerMessage extends Message permits Messages.PeerHello, Messages.PeerWelcome, GroupMessage,
        Messages.Error {
}
