package dev.companion.p2p.protocol;

/** Protocol constants shared by the control center, its clients and the peer link. */
public final class Protocol {
    /** The protocol version named by the first message on every connection. */
    public static final int VERSION = 1;
    /** Largest frame payload accepted, in bytes (64 KiB). */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** How often an idle connection sends a ping, in seconds. */
    public static final int PING_INTERVAL_SECONDS = 5;
    /** A connection that received nothing for this long is closed, in seconds. */
    public static final int IDLE_TIMEOUT_SECONDS = 15;
    /** Invitations expire after this many seconds. */
    public static final int INVITATION_TTL_SECONDS = 10 * 60;

    private Protocol() {
    }
}
