package dev.companion.p2p.link;

/** One secured connection made by a {@link LinkTransport}. */
public interface LinkSession {
    /** True on the side that dialed. */
    boolean dialer();

    /** "sha-256:&lt;hex&gt;" of the certificate the other side presented. */
    String peerFingerprint();

    /** The other side's address, for logs. */
    String remoteAddress();

    /** How this session reaches the other side. */
    LinkPath path();

    /** Sends one frame with this payload (normally an encoded message of at most 64 KiB). */
    void send(byte[] payload);

    /** Closes once the frames already sent are written; safe to call twice. */
    void close();

    boolean isOpen();
}
