package dev.companion.bench.link;

import dev.companion.p2p.link.LinkManager;
import java.lang.reflect.Field;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * Measurement aid of {@code bench connect} (by reflection, not how the app runs):
 * a pass-through filter at the end of the chain of a LinkManager's MINA connector (the dialing side)
 * or acceptor (the accepting side) that notes when the last session was created (TCP connected or
 * accepted, session set up), when its TLS handshake finished (SslEvent.SECURED; on the dialing
 * side just before peer_hello is written) and when the TLS session it runs on was made
 * ({@link SSLSession#getCreationTime()}: a resumed session keeps the time of the full handshake that
 * made it, so a session made before the connect started was resumed). The connector only exists
 * once the first link was dialed, so a dialer's cold (first) connect has no such split; the
 * acceptor exists from start().
 * Times are System.nanoTime(), which on Linux is CLOCK_MONOTONIC, the same clock in every process of
 * the machine, so the two sides' times can be set against each other.
 */
final class LinkTimings {
    private volatile long created;
    private volatile long secured;
    private volatile long tlsCreated;

    private LinkTimings() {
    }

    /** Installs the filter on the dialing side (the connector); null when there is none yet. */
    static LinkTimings onConnector(LinkManager links) {
        return install(links, "connector");
    }

    /** Installs the filter on the accepting side (the acceptor: start() first). */
    static LinkTimings onAcceptor(LinkManager links) {
        return install(links, "acceptor");
    }

    private static LinkTimings install(LinkManager links, String service) {
        try {
            Object transport = field(links, "transport");
            if (transport.getClass().getSimpleName().equals("MultiPathTransport")) {
                transport = field(transport, "direct"); // the TCP path, the one this measures
            }
            if (!(field(transport, service) instanceof IoService s)) {
                return null;
            }
            LinkTimings t = new LinkTimings();
            s.getFilterChain().addLast("bench-link-timings", new IoFilterAdapter() {
                @Override
                public void sessionCreated(NextFilter next, IoSession session) throws Exception {
                    t.created = System.nanoTime();
                    next.sessionCreated(session);
                }

                @Override
                public void event(NextFilter next, IoSession session, FilterEvent event) throws Exception {
                    if (event == SslEvent.SECURED) {
                        t.secured = System.nanoTime();
                        // MINA sets SSL_SECURED just before it fires SECURED
                        if (session.getAttribute(SslFilter.SSL_SECURED) instanceof SSLSession ssl) {
                            t.tlsCreated = ssl.getCreationTime();
                        }
                    }
                    next.event(session, event);
                }
            });
            return t;
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("no TCP/TLS split of the link set-up (" + service + "): " + e);
            return null;
        }
    }

    void reset() {
        created = 0;
        secured = 0;
        tlsCreated = 0;
    }

    /** When the last session was created (System.nanoTime()), 0 if none since {@link #reset}. */
    long created() {
        return created;
    }

    /** When its TLS handshake finished, 0 if not yet. */
    long secured() {
        return secured;
    }

    /**
     * When the TLS session of the last secured connection was made (System.currentTimeMillis(), the
     * SSLSession's creation time), 0 if none since {@link #reset}. Earlier than the connect's start:
     * the session was resumed; not earlier: a full handshake made it.
     */
    long tlsCreatedMillis() {
        return tlsCreated;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
