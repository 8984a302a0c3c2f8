package dev.companion.p2p.link;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials the expected peers this side dials, and dials them again with backoff (from
 * {@link LinkManager.Timing#backoffMin()}, doubling up to {@link LinkManager.Timing#backoffMax()})
 * after a failed dial or a dropped link, while the peer is expected and redialing can help. Its state
 * lives in each {@link Peer}, guarded by the registry's lock: every method but the timer's and the
 * transport's callbacks is called holding it.
 */
final class Dialer {
    private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);

    private final LinkRegistry registry;
    private final LinkTransport transport;
    private final ScheduledExecutorService timer;
    private final LinkManager.Timing timing;

    Dialer(LinkRegistry registry, LinkTransport transport, ScheduledExecutorService timer, LinkManager.Timing timing) {
        this.registry = registry;
        this.transport = transport;
        this.timer = timer;
        this.timing = timing;
    }

    /** Under lock: dials p now, from the shortest backoff (a new or renewed offer). */
    void dialNow(Peer p) {
        p.cancelRedial();
        resetBackoff(p);
        dial(p);
    }

    /** Under lock: p's link is up; the next drop starts again from the shortest backoff. */
    void resetBackoff(Peer p) {
        p.backoffMillis = timing.backoffMin().toMillis();
    }

    /** Under lock: no redial until a new offer (redialing cannot help, e.g. another protocol version). */
    void stop(Peer p) {
        p.stopped = true;
        p.cancelRedial();
    }

    /** Under lock: dials p again after its backoff, unless stopped or already due. */
    void scheduleRedial(Peer p) {
        if (p.stopped || (p.redial != null && !p.redial.isDone())) {
            return;
        }
        long delay = p.backoffMillis;
        p.backoffMillis = Math.min(delay * 2, timing.backoffMax().toMillis());
        p.redial = timer.schedule(() -> redial(p), delay, TimeUnit.MILLISECONDS);
    }

    /** Under lock. */
    private void dial(Peer p) {
        Connection c = new Connection(registry, p);
        p.conn = c;
        transport.dial(p.key.group(), p.key.user(), p.offer, c).whenComplete((s, e) -> {
            if (e != null) {
                dialFailed(p, c, e);
            }
        });
    }

    /**
     * Under lock: p's link is up on a path that could be better (direct through the routers, or the
     * relay): look for a better one after {@link LinkManager.Timing#upgradeInterval()}, and again
     * after each miss, while it is up (Syncthing keeps retrying direct connections the same way).
     */
    void scheduleUpgrade(Peer p) {
        Connection c = p.conn;
        if (p.stopped || c == null || !c.isUp() || p.upgrade != null || (p.upgradeDue != null && !p.upgradeDue.isDone())
                || !couldBeBetter(c.path())) {
            return;
        }
        p.upgradeDue = timer.schedule(() -> upgrade(p), timing.upgradeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean couldBeBetter(LinkPath path) {
        return path == LinkPath.DIRECT || path == LinkPath.RELAYED;
    }

    private void upgrade(Peer p) {
        synchronized (registry.lock) {
            p.upgradeDue = null;
            Connection current = p.conn;
            if (!registry.expects(p) || p.stopped || current == null || !current.isUp() || p.upgrade != null
                    || !couldBeBetter(current.path())) {
                return;
            }
            Connection c = new Connection(registry, p);
            p.upgrade = c;
            LinkPath from = current.path();
            transport.dialBetter(p.key.group(), p.key.user(), p.offer, c, from).whenComplete((s, e) -> {
                if (e != null) {
                    upgradeFailed(p, c, e);
                }
            });
        }
    }

    private void upgradeFailed(Peer p, Connection c, Throwable e) {
        synchronized (registry.lock) {
            LOG.debug("no better path to {}: {}", p.key, e.getMessage());
            if (p.upgrade == c) {
                p.upgrade = null;
                scheduleUpgrade(p);
            }
        }
    }

    private void dialFailed(Peer p, Connection c, Throwable e) {
        synchronized (registry.lock) {
            LOG.debug("dial {} failed: {}", p.key, e.getMessage());
            if (p.conn != c) {
                return;
            }
            p.conn = null;
            if (registry.expects(p)) {
                scheduleRedial(p);
            }
        }
    }

    private void redial(Peer p) {
        synchronized (registry.lock) {
            p.redial = null;
            if (registry.expects(p) && !p.stopped && p.conn == null) {
                dial(p);
            }
        }
    }
}
