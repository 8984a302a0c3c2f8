package dev.companion.p2p.net;

import java.util.EnumSet;
import java.util.Set;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Stops and restarts reading from one session for several independent reasons: reading stops when
 * the first reason holds it and starts again when the last one lets go (MINA's suspendRead and
 * resumeRead alone would let one reason undo another). Thread-safe; never blocks on I/O.
 */
public final class ReadGate {
    /** Why reading from a session is stopped. */
    public enum Reason {
        /** The session's queued output is past its high-water mark ({@link OutputLimit}). */
        OUTPUT,
        /** The session sent faster than its {@link RateLimit}. */
        RATE,
        /** The work its messages caused is still queued (a bounded work queue is full for it). */
        BACKLOG
    }

    private static final AttributeKey GATE = new AttributeKey(ReadGate.class, "gate");
    private final Set<Reason> held = EnumSet.noneOf(Reason.class);

    private ReadGate() {
    }

    /** Stops reading from session for reason (no-op if reason already holds it). */
    public static void hold(IoSession session, Reason reason) {
        ReadGate g = of(session);
        synchronized (g) {
            if (g.held.add(reason) && g.held.size() == 1) {
                session.suspendRead();
            }
        }
    }

    /** Lets go of reason; reading starts again when no other reason holds the session. */
    public static void release(IoSession session, Reason reason) {
        ReadGate g = of(session);
        synchronized (g) {
            if (g.held.remove(reason) && g.held.isEmpty()) {
                session.resumeRead();
            }
        }
    }

    /** The reasons holding session now. */
    public static Set<Reason> holding(IoSession session) {
        ReadGate g = of(session);
        synchronized (g) {
            return Set.copyOf(g.held);
        }
    }

    private static ReadGate of(IoSession session) {
        ReadGate g = (ReadGate) session.getAttribute(GATE);
        if (g == null) {
            ReadGate fresh = new ReadGate();
            g = (ReadGate) session.setAttributeIfAbsent(GATE, fresh);
            if (g == null) {
                g = fresh;
            }
        }
        return g;
    }
}
