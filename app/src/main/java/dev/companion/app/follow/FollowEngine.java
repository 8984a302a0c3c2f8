package dev.companion.app.follow;

import dev.companion.app.browser.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.GroupState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The follow engine: decides what this terminal sends and what it applies.
 *
 * <p>Leader/follower mode: only the leader's captured actions are sent, each with the next sequence
 * number of this group; a follower applies the leader's actions one at a time, in sequence order,
 * after its page has reached the page the action happened on. Received actions are untrusted: the
 * sender must be the current leader of the current group, sequence numbers must grow, and the
 * {@link Action} record has already checked kind, sizes and URL scheme.
 *
 * <p>Threads: {@link #onLocalAction} and {@link #onRemote} may be called from any thread; applying
 * runs on the given scheduler, one action after the other.
 */
public final class FollowEngine {
    private static final Logger LOG = Logger.getLogger(FollowEngine.class.getName());

    /**
     * Waiting bounds: pageWait, how long a follower waits to reach the page of an action by itself;
     * arriveWait, the same for a page the leader reached through the page (a link, a form);
     * loadWait, how long a catch-up load may take.
     */
    public record Timing(Duration pageWait, Duration arriveWait, Duration loadWait) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(15));
    }

    private final String me;
    private final Outbox outbox;
    private final FollowTarget target;
    private final ScheduledExecutorService scheduler;
    private final Timing timing;
    private final CopyOnWriteArrayList<FollowListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final AtomicLong sendSeq = new AtomicLong();
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final CopyOnWriteArrayList<PageWaiter> waiters = new CopyOnWriteArrayList<>();
    private GroupState group;
    private volatile String readyUrl = "";
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler) {
        this(me, outbox, target, scheduler, Timing.DEFAULT);
    }

    public FollowEngine(String me, Outbox outbox, FollowTarget target, ScheduledExecutorService scheduler, Timing timing) {
        this.timing = Objects.requireNonNull(timing);
        this.me = Objects.requireNonNull(me);
        this.outbox = Objects.requireNonNull(outbox);
        this.target = Objects.requireNonNull(target);
        this.scheduler = Objects.requireNonNull(scheduler);
    }

    public void addListener(FollowListener l) {
        listeners.add(l);
    }

    /** The control center's latest view of the group (or null when there is none). */
    public void onGroup(GroupState g) {
        synchronized (lock) {
            if (g == null || group == null || !group.group().equals(g.group())) {
                sendSeq.set(0);
                lastSeq.clear();
            }
            group = g;
        }
    }

    public boolean isLeader() {
        synchronized (lock) {
            return group != null && me.equals(group.leader());
        }
    }

    /** An action the page agent captured here. Sent when this terminal leads a group. */
    public void onLocalAction(Action action) {
        GroupState g;
        synchronized (lock) {
            g = group;
        }
        if (g == null || !me.equals(g.leader()) || g.members().size() < 2) {
            return;
        }
        long seq = sendSeq.incrementAndGet();
        int n = outbox.broadcast(g.group(), new ActionMsg(g.group(), me, seq, action));
        listeners.forEach(l -> l.onSent(seq, action, n));
    }

    /**
     * An action that arrived on the peer link authenticated as fromUser. Returns null when it was
     * accepted for applying, else the error code it was refused with.
     */
    public ErrorCode onRemote(String groupId, String fromUser, ActionMsg msg) {
        synchronized (lock) {
            if (group == null || !group.group().equals(groupId) || !groupId.equals(msg.group())) {
                return refuse(fromUser, msg, ErrorCode.NOT_IN_GROUP, "not this terminal's group");
            }
            if (!fromUser.equals(msg.from()) || group.members().stream().noneMatch(m -> m.user().equals(fromUser))) {
                return refuse(fromUser, msg, ErrorCode.NOT_A_MEMBER, "sender is not a member");
            }
            if (!fromUser.equals(group.leader())) {
                return refuse(fromUser, msg, ErrorCode.NOT_LEADER, "only the leader's actions are followed");
            }
            if (me.equals(fromUser)) {
                return refuse(fromUser, msg, ErrorCode.NOT_A_MEMBER, "own action came back");
            }
            long last = lastSeq.getOrDefault(fromUser, 0L);
            if (msg.seq() <= last) {
                return refuse(fromUser, msg, ErrorCode.ACTION_REFUSED, "duplicate or stale sequence " + msg.seq());
            }
            if (msg.seq() > last + 1) {
                LOG.warning(() -> "gap in " + fromUser + "'s actions: expected " + (last + 1) + ", got " + msg.seq());
            }
            lastSeq.put(fromUser, msg.seq());
            tail = tail.thenCompose(v -> applyOne(fromUser, msg)).exceptionally(e -> {
                LOG.log(Level.WARNING, "applying failed", e);
                return null;
            });
        }
        return null;
    }

    /**
     * The page agent is ready in the top frame of url (after a load, or a same-document navigation):
     * wakes actions waiting for that page.
     */
    public void onPageReady(String url) {
        readyUrl = url == null ? "" : url;
        for (PageWaiter w : waiters) {
            if (PageUrls.samePage(w.url, url)) {
                scheduler.execute(() -> w.done.complete(true)); // never apply on the caller's (FX or CEF) thread
            }
        }
    }

    private ErrorCode refuse(String from, ActionMsg msg, ErrorCode code, String reason) {
        listeners.forEach(l -> l.onRefused(from, msg.seq(), code.name(), reason));
        return code;
    }

    private CompletableFuture<Void> applyOne(String from, ActionMsg msg) {
        Action a = msg.action();
        CompletableFuture<ApplyResult> result;
        if ("navigate".equals(a.kind())) {
            if ("user".equals(a.cause())) {
                target.load(a.url());
                result = CompletableFuture.completedFuture(new ApplyResult(true, null));
            } else {
                // the follower repeats the link, form or script that led there: wait to arrive, then load as a catch-up
                result = arriveAt(a.url(), timing.arriveWait()).thenApply(arrived -> {
                    if (!arrived) {
                        target.load(a.url());
                    }
                    return new ApplyResult(true, null);
                });
            }
        } else {
            // an action in a frame carries the frame's URL: the page agent waits for that frame itself
            String page = a.frame().isEmpty() ? a.page() : null;
            result = (page == null ? CompletableFuture.completedFuture(true) : catchUp(page))
                    .thenCompose(onPage -> onPage
                            ? target.apply(a)
                            : CompletableFuture.completedFuture(new ApplyResult(false, "not-on-page")));
        }
        return result.handle((r, e) -> {
            ApplyResult out = e != null ? new ApplyResult(false, "error: " + e.getMessage()) : r;
            listeners.forEach(l -> l.onApplied(from, msg.seq(), a, out.applied(), out.reason()));
            return null;
        });
    }

    /**
     * Brings the follower to page: waits for it to get there by itself (it usually repeats the
     * leader's link or form), and otherwise loads it (catch-up). Completes false if it never arrives.
     */
    private CompletableFuture<Boolean> catchUp(String page) {
        return arriveAt(page, timing.pageWait()).thenCompose(arrived -> {
            if (arrived || !Action.isWebUrl(page)) {
                return CompletableFuture.completedFuture(arrived);
            }
            target.load(page);
            return arriveAt(page, timing.loadWait());
        });
    }

    /** Completes true once the follower's top page is url (now or within wait), false after wait. */
    private CompletableFuture<Boolean> arriveAt(String url, Duration wait) {
        if (PageUrls.samePage(readyUrl, url)) {
            return CompletableFuture.completedFuture(true);
        }
        PageWaiter w = new PageWaiter(url, new CompletableFuture<>());
        waiters.add(w);
        if (PageUrls.samePage(readyUrl, url)) { // arrived while registering
            w.done.complete(true);
        }
        scheduler.schedule(() -> w.done.complete(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        return w.done.whenComplete((r, e) -> waiters.remove(w));
    }

    private record PageWaiter(String url, CompletableFuture<Boolean> done) {
    }
}
