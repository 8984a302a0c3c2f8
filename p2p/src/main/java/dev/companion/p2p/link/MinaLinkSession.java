package dev.companion.p2p.link;

import org.apache.mina.core.session.IoSession;

/** A {@link LinkSession} over a MINA session whose chain is TLS, then frames. */
final class MinaLinkSession implements LinkSession {
    private final IoSession session;
    private final boolean dialer;
    private final String fingerprint;

    MinaLinkSession(IoSession session, boolean dialer, String fingerprint) {
        this.session = session;
        this.dialer = dialer;
        this.fingerprint = fingerprint;
    }

    @Override
    public boolean dialer() {
        return dialer;
    }

    @Override
    public String peerFingerprint() {
        return fingerprint;
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(session.getRemoteAddress());
    }

    @Override
    public void send(byte[] payload) {
        if (isOpen()) {
            session.write(payload);
        }
    }

    @Override
    public void close() {
        session.closeOnFlush();
    }

    @Override
    public boolean isOpen() {
        return session.isConnected() && !session.isClosing();
    }

    @Override
    public String toString() {
        return (dialer ? "dialed " : "accepted ") + remoteAddress();
    }
}
