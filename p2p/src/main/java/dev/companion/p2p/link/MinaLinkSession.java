package dev.companion.p2p.link;

import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.net.ReadGate;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/** A {@link LinkSession} over a MINA session whose chain is TLS, then frames. */
final class MinaLinkSession extends AbstractLinkSession {
    private final IoSession session;

    MinaLinkSession(IoSession session, boolean dialer, String fingerprint) {
        super(dialer, fingerprint);
        this.session = session;
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(session.getRemoteAddress());
    }

    @Override
    public LinkPath path() {
        return LinkPath.ofTcp(session.getRemoteAddress());
    }

    @Override
    public boolean send(byte[] payload) {
        return FramedTls.write(session, payload);
    }

    @Override
    public void admitted() {
        FramedTls.admit(session);
    }

    @Override
    public void holdReads(boolean hold) {
        if (hold) {
            ReadGate.hold(session, ReadGate.Reason.BACKLOG);
        } else {
            ReadGate.release(session, ReadGate.Reason.BACKLOG);
        }
    }

    @Override
    public void close() {
        FramedTls.closeOnFlush(session);
    }

    /** The output queued for the peer (tests). */
    FramedTls.OutputStats output() {
        return FramedTls.output(session);
    }

    @Override
    public boolean isOpen() {
        return session.isConnected() && !session.isClosing();
    }

    /** When the TLS session under this link was made (a resumed session keeps its first time), or -1. */
    long tlsSessionCreated() {
        return session.getAttribute(SslFilter.SSL_SECURED) instanceof SSLSession ssl ? ssl.getCreationTime() : -1;
    }

    @Override
    public String toString() {
        return (dialer() ? "dialed " : "accepted ") + remoteAddress();
    }
}
