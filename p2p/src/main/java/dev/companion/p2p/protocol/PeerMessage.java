package dev.companion.p2p.protocol;

/**
 * Terminal ↔ terminal on the peer link: the set-up (peer_hello, peer_welcome), the group's messages
 * ({@link GroupMessage}) and errors; ping and pong ({@link Heartbeat}) travel beside them. Also
 * terminal ↔ terminal on a LAN pairing connection: pair_request, pair_answer.
 */
public sealed interface PeerMessage extends Message permits Messages.PeerHello, Messages.PeerWelcome, GroupMessage,
        Messages.Error, Messages.PairRequest, Messages.PairAnswer {
}
