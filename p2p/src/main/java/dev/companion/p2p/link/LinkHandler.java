package dev.companion.p2p.link;

import dev.companion.p2p.frame.Frame;

/**
 * Events of one transport session. For a given session the calls never overlap and come in order:
 * {@code opened}, any number of {@code received}, then {@code closed} (only for sessions that were opened).
 */
public interface LinkHandler {
    /** The session is secured and the peer's certificate checked by the transport. */
    void opened(LinkSession session);

    void received(LinkSession session, Frame frame);

    void closed(LinkSession session, String reason);
}
