package dev.companion.p2p.link;

/** What every {@link LinkSession} knows from its set-up: which side dialed, and the peer's certificate. */
public abstract class AbstractLinkSession implements LinkSession {
    private final boolean dialer;
    private final String fingerprint;

    protected AbstractLinkSession(boolean dialer, String fingerprint) {
        this.dialer = dialer;
        this.fingerprint = fingerprint;
    }

    @Override
    public final boolean dialer() {
        return dialer;
    }

    @Override
    public final String peerFingerprint() {
        return fingerprint;
    }
}
