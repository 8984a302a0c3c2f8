package dev.companion.app.follow;

import dev.companion.app.similar.SimilarUrls;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.NavigationCause;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one owner of two questions: which page is this terminal on, and was what it just captured its
 * own doing or the consequence of an action it applied.
 *
 * <p><b>The page.</b> Everything that says where the top frame is comes here, through
 * {@link #onTopPage}: the page agent's "ready" in the top frame, the navigations the browser and the
 * agent report (loads, history changes; applied or not). {@link #arriveAt} waits for a page.
 * Pages are compared as {@link SimilarUrls} says: per-user parts aside, and a page this terminal
 * reached by repeating an action counts as the leader's when the two differ only in parts that
 * may be per-user ({@link SimilarUrls#learn}).
 *
 * <p><b>The echo rule.</b> While this terminal carries out a received action (the browser call in
 * {@link #applying}), and for {@code echoWindow} after the last one ended, what the <em>page</em>
 * does by itself is that action's consequence, not this member's: a navigation the page started
 * (cause page: a link, a form, a script, a history change) and a scroll. Such actions are not sent
 * ({@link #isConsequence}), so in mutual mode nothing echoes back. What a person does (a click,
 * typing, a choice, a browser command such as the address bar or Back) is theirs whenever it
 * happens. The page agent adds two exact rules of its own below this one: the events it fires itself
 * while applying are never captured, and a media element's own event that an applied play, pause or
 * seek causes is matched once and dropped. There is no other echo window anywhere.
 *
 * <p>Thread-safe; waiters complete on the scheduler, never on the caller's (FX or CEF) thread.
 */
final class PageTracker {
    private final ScheduledExecutorService scheduler;
    private final long echoWindowNanos;
    private final CopyOnWriteArrayList<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final AtomicInteger applying = new AtomicInteger();
    private final SimilarUrls similar;
    private volatile String url = "";
    private volatile boolean byApplying;
    private volatile long lastApplyEnd = System.nanoTime() - Duration.ofHours(1).toNanos();

    private record Waiter(Predicate<String> wanted, CompletableFuture<Boolean> done) {
    }

    PageTracker(ScheduledExecutorService scheduler, Duration echoWindow, SimilarUrls similar) {
        this.scheduler = scheduler;
        this.echoWindowNanos = echoWindow.toNanos();
        this.similar = similar;
    }

    SimilarUrls similar() {
        return similar;
    }

    /** The top frame is now on url (loading or ready): wakes whoever waits for that page. */
    void onTopPage(String pageUrl) {
        url = pageUrl == null ? "" : pageUrl;
        byApplying = applyingNow();
        similar.remember(url);
        for (Waiter w : waiters) {
            if (w.wanted.test(url)) {
                scheduler.execute(() -> w.done.complete(true));
            }
        }
    }

    /** The top frame's page as last reported; "" before any. */
    String url() {
        return url;
    }

    /** On pageUrl: the same page, or its equivalent this terminal reached by repeating an action (learned). */
    boolean isOn(String pageUrl) {
        String now = url;
        return similar.samePage(pageUrl, now) || byApplying && !now.isEmpty() && similar.learn(pageUrl, now);
    }

    /** Completes true once the top page is pageUrl (now or within wait), false after wait. */
    CompletableFuture<Boolean> arriveAt(String pageUrl, Duration wait) {
        return arrive(u -> isOn(pageUrl), wait); // isOn: the same page, or this terminal's own equivalent
    }

    /** Completes true once the top page's URL is one wanted (now or within wait), false after wait. */
    CompletableFuture<Boolean> arrive(Predicate<String> wanted, Duration wait) {
        if (wanted.test(url)) {
            return CompletableFuture.completedFuture(true);
        }
        Waiter w = new Waiter(wanted, new CompletableFuture<>());
        waiters.add(w);
        if (wanted.test(url)) { // arrived while registering
            w.done.complete(true);
        }
        scheduler.schedule(() -> w.done.complete(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        return w.done.whenComplete((r, e) -> waiters.remove(w));
    }

    /** Runs call (a browser call carrying out a received action) as applying: see the echo rule. */
    <T> CompletableFuture<T> applying(Supplier<CompletableFuture<T>> call) {
        applying.incrementAndGet();
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.whenComplete((r, e) -> {
            lastApplyEnd = System.nanoTime();
            applying.decrementAndGet();
        });
    }

    /** True when a captured action is the consequence of an applied one (the echo rule), not sent. */
    boolean isConsequence(Action action) {
        boolean pageDoing = switch (action) {
            case Action.Navigate n -> n.cause() != NavigationCause.USER;
            case Action.Scroll s -> true;
            default -> false;
        };
        return pageDoing && applyingNow();
    }

    private boolean applyingNow() {
        return applying.get() > 0 || System.nanoTime() - lastApplyEnd < echoWindowNanos;
    }
}
