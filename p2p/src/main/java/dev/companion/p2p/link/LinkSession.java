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

    /**
     * Sends one frame with this payload (normally an encoded message of at most 64 KiB); false when it
     * was not queued: the session is closing, or the peer has not taken the output queued for it so
     * far (past the transport's high-water mark: see {@code OutputLimit}).
     */
    boolean send(byte[] payload);

    /** The link passed peer_hello / peer_welcome: the transport's admission deadline no longer applies. */
    void admitted();

    /** Stops (true) or resumes (false) reading from the peer, while the frames it sent wait to be handled. */
    void holdReads(boolean hold);

    /** Closes once the frames already sent are written; safe to call twice. */
    void close();

    boolean isOpen();
}
