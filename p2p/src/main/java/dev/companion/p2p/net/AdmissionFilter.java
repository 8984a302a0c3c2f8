package dev.companion.p2p.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of one acceptor's or connector's connections ({@link ConnectionLimit}); sits after the
 * frame codec. An acceptor counts its connections in total, per source address, and those not yet
 * admitted ({@link FramedTls#admit}); a connection over a cap is refused: the handler never hears of
 * it, and once its TLS is up it is answered {@code TOO_MANY_CONNECTIONS} and closed — unless its address was
 * already answered so {@value #ANSWERS_PER_WAIT} times within the answer's retryAfter: then it is closed
 * at once, unanswered. Every connection
 * not admitted within the deadline is closed, with the reason logged.
 */
final class AdmissionFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionFilter.class);
    private static final AttributeKey STATE = new AttributeKey(AdmissionFilter.class, "state");
    /** Refusals waiting for their TLS at once when the connections not yet admitted are not capped. */
    static final int REFUSING_UNCAPPED = 64;
    /** Addresses remembered as told to wait (the oldest is forgotten first): bounds the memory a many-address attacker costs. */
    static final int TOLD_TO_WAIT_KEPT = 4096;
    /** Refusals answered to one address within one retryAfter; more in that time are closed unanswered. */
    static final int ANSWERS_PER_WAIT = 4;

    private final ConnectionLimit limit;
    private final boolean counts;
    /** Guards the counters below. */
    private final Object lock = new Object();
    private final Map<InetAddress, int[]> perAddress = new HashMap<>(); // {open, unadmitted}
    /** Per address: {when its first refusal of this retryAfter was answered (nanoTime), answers since}; bounded. */
    private final Map<InetAddress, long[]> toldToWait = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
            return size() > TOLD_TO_WAIT_KEPT;
        }
    };
    private int open;
    private int unadmitted;
    private int refusing;
    private long refused;
    private int peakOpen;
    private int peakUnadmitted;

    /** acceptor: count connections and apply the caps (a connector applies the deadline only). */
    AdmissionFilter(ConnectionLimit limit, boolean acceptor) {
        this.limit = limit;
        this.counts = acceptor && limit.caps();
    }

    /** One session's admission. */
    private static final class State {
        final InetAddress address;
        final boolean counted;
        /** Why it is refused; null when it is let in. */
        final String refusal;
        volatile boolean admitted;
        volatile ScheduledFuture<?> deadline;

        State(InetAddress address, boolean counted, String refusal) {
            this.address = address;
            this.counted = counted;
            this.refusal = refusal;
        }
    }

    FramedTls.ConnectionStats stats() {
        synchronized (lock) {
            return new FramedTls.ConnectionStats(open, unadmitted, refusing, refused, peakOpen, peakUnadmitted);
        }
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        InetAddress address = session.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        String refusal = null;
        boolean unanswered = false;
        long refusedSoFar = 0;
        if (counts) {
            synchronized (lock) {
                int[] mine = perAddress.computeIfAbsent(address, k -> new int[2]);
                refusal = overCap(address, mine);
                if (refusal == null) {
                    open++;
                    unadmitted++;
                    mine[0]++;
                    mine[1]++;
                    peakOpen = Math.max(peakOpen, open);
                    peakUnadmitted = Math.max(peakUnadmitted, unadmitted);
                } else {
                    if (mine[0] == 0) {
                        perAddress.remove(address);
                    }
                    refusedSoFar = ++refused;
                    unanswered = refusing >= (limit.unadmitted() > 0 ? limit.unadmitted() : REFUSING_UNCAPPED)
                            || !mayAnswer(address);
                    if (!unanswered) {
                        refusing++;
                    }
                }
            }
        }
        if (refusal != null) {
            // the first refusal and every 1000th are logged: a flood must not flood the log too
            if (refusedSoFar % 1000 == 1) {
                LOG.warn("refusing connections: {} ({} refused so far{})", refusal, refusedSoFar,
                        unanswered ? "; closed unanswered: too many refusals waiting for TLS, or the address was told to wait" : "");
            } else {
                LOG.debug("refusing {}: {}", session.getRemoteAddress(), refusal);
            }
            if (unanswered) {
                session.closeNow(); // no state: none of its events goes further
                return;
            }
        }
        State st = new State(address, counts && refusal == null, refusal);
        session.setAttribute(STATE, st);
        if (!limit.deadline().isZero()) {
            st.deadline = Timers.schedule(() -> expire(session, st), limit.deadline());
        }
        if (refusal == null) {
            next.sessionCreated(session);
        }
    }

    /**
     * Under lock: whether a refusal of address may be answered (and counts it). A refusal's answer
     * costs a TLS handshake and says "try again in retryAfter"; an address answered
     * {@value #ANSWERS_PER_WAIT} times within one retryAfter is not answered again before it has
     * passed: its connections over a cap are closed at once. A flooding address then costs the
     * server a few handshakes per retryAfter instead of one per connection, while a few people behind
     * one address who are refused together are each told why.
     */
    private boolean mayAnswer(InetAddress address) {
        long now = System.nanoTime();
        long[] told = toldToWait.get(address);
        if (told == null || now - told[0] >= TimeUnit.MILLISECONDS.toNanos(LimitAnswers.RECONNECT_AFTER_MS)) {
            toldToWait.put(address, new long[] {now, 1});
            return true;
        }
        return ++told[1] <= ANSWERS_PER_WAIT;
    }

    /** Under lock: why a new connection from address is over a cap, or null. */
    private String overCap(InetAddress address, int[] mine) {
        if (limit.total() > 0 && open >= limit.total()) {
            return "the server holds " + open + " connections, its most";
        }
        if (limit.unadmitted() > 0 && unadmitted >= limit.unadmitted()) {
            return unadmitted + " connections are signing in at once, the most";
        }
        if (limit.perAddress() > 0 && mine[0] >= limit.perAddress()) {
            return "too many connections from " + host(address) + " (" + mine[0] + " at once, the most)";
        }
        if (limit.unadmittedPerAddress() > 0 && mine[1] >= limit.unadmittedPerAddress()) {
            return "too many connections signing in from " + host(address) + " (" + mine[1] + " at once, the most)";
        }
        return null;
    }

    private static String host(InetAddress address) {
        return address == null ? "?" : address.getHostAddress();
    }

    /** The session passed its protocol's first step. */
    void admit(IoSession session) {
        State st = (State) session.getAttribute(STATE);
        if (st == null || st.refusal != null || st.admitted) {
            return;
        }
        st.admitted = true;
        ScheduledFuture<?> d = st.deadline;
        if (d != null) {
            d.cancel(false);
        }
        if (st.counted) {
            synchronized (lock) {
                unadmitted--;
                perAddress.get(st.address)[1]--;
            }
        }
    }

    private void expire(IoSession session, State st) {
        if (st.admitted || session.isClosing()) {
            return;
        }
        String tls = session.isSecured() ? "TLS done" : "TLS not done";
        if (st.refusal == null) {
            LOG.info("{}: closing: not signed in within {} s ({})", session.getRemoteAddress(), limit.deadline().toSeconds(), tls);
        } else {
            LOG.debug("{}: closing a refused connection: {} within {} s", session.getRemoteAddress(), tls, limit.deadline().toSeconds());
        }
        session.closeNow();
    }

    private static boolean refused(IoSession session) {
        State st = (State) session.getAttribute(STATE);
        return st == null || st.refusal != null;
    }

    @Override
    public void event(NextFilter next, IoSession session, FilterEvent event) throws Exception {
        State st = (State) session.getAttribute(STATE);
        if (st != null && st.refusal != null) {
            if (event == SslEvent.SECURED) {
                session.write(LimitAnswers.tooManyConnections(st.refusal));
                OutputFilter.closeOnFlush(session);
            }
            return;
        }
        next.event(session, event);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        State st = (State) session.getAttribute(STATE);
        if (st == null) {
            return; // closed unanswered: the handler never heard of it
        }
        ScheduledFuture<?> d = st.deadline;
        if (d != null) {
            d.cancel(false);
        }
        if (st.counted || st.refusal != null) {
            synchronized (lock) {
                if (st.refusal != null) {
                    refusing--;
                } else {
                    open--;
                    int[] mine = perAddress.get(st.address);
                    mine[0]--;
                    if (!st.admitted) {
                        unadmitted--;
                        mine[1]--;
                    }
                    if (mine[0] == 0) {
                        perAddress.remove(st.address);
                    }
                }
            }
        }
        if (st.refusal == null) {
            next.sessionClosed(session);
        }
    }

    // ---- a refused session's other events stop here: its handler never heard of it ----------

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        if (!refused(session)) {
            next.sessionOpened(session);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (!refused(session)) {
            next.messageReceived(session, message);
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (!refused(session)) {
            next.messageSent(session, request);
        }
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
        if (!refused(session)) {
            next.sessionIdle(session, status);
        }
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        if (!refused(session)) {
            next.exceptionCaught(session, cause);
        } else {
            LOG.debug("{}: refused connection: {}", session.getRemoteAddress(), cause.toString());
            session.closeNow();
        }
    }

    @Override
    public void inputClosed(NextFilter next, IoSession session) throws Exception {
        if (!refused(session)) {
            next.inputClosed(session);
        } else {
            session.closeNow();
        }
    }
}
