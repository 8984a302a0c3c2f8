package dev.companion.app.follow;

import dev.companion.app.similar.SimilarUrls;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Step;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Applies one received action, step or catch-up on this terminal's page ({@link FollowTarget}),
 * then records it as applied in the journal and answers the sender with a {@code result}. Runs as
 * a job of the {@link ApplyQueue}; every continuation comes back to its thread.
 *
 * <p>Before an action is applied, the follower is brought to the action's page: it waits for the
 * page to be reached by itself (it usually repeats the leader's link or form), and otherwise loads
 * it (a catch-up). A navigation the leader made through the page is waited for, then loaded if the
 * follower did not get there.
 *
 * <p>A page it loads for someone else is its own equivalent when the leader's URL is per-user
 * ({@link SimilarUrls}: a cart token, a session id), or refused with the reason when it has none.
 *
 * <p>While the page waits for an action's target to appear (content that loads late), the sender is
 * told once with an interim {@code result} {@code waiting}; later actions queue behind it.
 *
 * <p>A step the page agent leaves to this terminal's person (money or identity) is answered
 * {@code owner_only} at once, final: later actions do not wait for the person to press it. The
 * navigation the sender's page made right after it (her Pay led to her receipt) is answered
 * {@code owner_only} too and not loaded: the person gets there by pressing their own button, which
 * stays outlined on their page.
 */
final class Applier {
    /** What became of one action: outcome, the error code of a refusal, and why. */
    record Verdict(Outcome outcome, String code, String reason, Boolean matched) {
        static final Verdict APPLIED = new Verdict(Outcome.APPLIED, null, null);

        Verdict(Outcome outcome, String code, String reason) {
            this(outcome, code, reason, null);
        }
    }

    /** The engine's say before an action is applied or a page loaded: null to go ahead. */
    interface Admission {
        /** Scope and mutual mode's agreement for an action. */
        Verdict check(Action action, long clock, String from);

        /** May this terminal load url for someone else (scope, local addresses)? Blocks for a lookup. */
        Verdict page(String url);
    }

    private final String me;
    private final FollowTarget target;
    private final Outbox outbox;
    private final FollowJournal journal;
    private final StepDecider decider;
    private final FollowEngine.Timing timing;
    private final PageTracker pages;
    private final Listeners listeners;
    private final Executor thread;
    private final Admission admission;
    private final BooleanSupplier paused;
    private final BooleanSupplier manual;
    /** The last action left to this terminal's person (owner-only): who sent it, and the answer's reason. */
    private record Left(String from, String reason) {
    }

    /** Until the next action: a navigation the sender's page made right after it is not loaded here. */
    private volatile Left leftToPerson;

    Applier(String me, FollowTarget target, Outbox outbox, FollowJournal journal, StepDecider decider,
            FollowEngine.Timing timing, PageTracker pages, Listeners listeners, Executor thread,
            Admission admission, BooleanSupplier paused, BooleanSupplier manual) {
        this.me = me;
        this.target = target;
        this.outbox = outbox;
        this.journal = journal;
        this.decider = decider;
        this.timing = timing;
        this.pages = pages;
        this.listeners = listeners;
        this.thread = thread;
        this.admission = admission;
        this.paused = paused;
        this.manual = manual;
    }

    /** Applies from's action or step seq (or answers paused, or declined), records and answers it. */
    CompletableFuture<Void> apply(String group, String from, long seq, GroupMessage m) {
        List<Action> actions = m instanceof Step s ? s.actions() : List.of(((ActionMsg) m).action());
        long clock = m instanceof Step s ? s.clock() : ((ActionMsg) m).clock();
        CompletableFuture<Verdict> done;
        if (paused.getAsBoolean()) {
            done = CompletableFuture.completedFuture(new Verdict(Outcome.PAUSED, null, "not following for now"));
        } else if (m instanceof Step s) {
            // in an automatic group a step is applied as actions are (a bot leading a flow sends every
            // step as a step, with an expectation or without); in manual following the person
            // previews and accepts it like any step
            CompletableFuture<Boolean> decided = !manual.getAsBoolean()
                    ? CompletableFuture.completedFuture(true) : decider.decide(from, seq, actions);
            done = decided.exceptionally(e -> false).thenComposeAsync(yes -> yes
                    ? applyAll(actions, clock, from, waiting(group, from, seq, actions))
                            .thenComposeAsync(v -> checked(v, s.expect()), thread)
                    : CompletableFuture.completedFuture(new Verdict(Outcome.DECLINED, null, "declined")), thread);
        } else {
            done = applyAll(actions, clock, from, waiting(group, from, seq, actions));
        }
        return done.handleAsync((v, e) -> {
            Verdict out = e != null ? new Verdict(Outcome.FAILED, null, "error: " + e.getMessage()) : v;
            journal.markApplied(group, from, seq); // also while closing: it was applied
            String page = pages.url();
            outbox.send(group, from, new Result(group, me, from, seq, out.outcome(), out.code(), out.reason(),
                    page.isEmpty() ? null : page, out.matched()));
            for (Action a : actions) {
                listeners.tell(l -> l.onApplied(from, seq, a, out.outcome(), out.reason()));
            }
            return null;
        }, thread);
    }

    /**
     * A step that expects something and was applied: waits (up to pageWait) for the top page's URL to
     * match the expectation's pattern, then asks the page whether it shows the element and text (the
     * page agent waits up to 5 s more). The verdict stays applied; matched says whether it showed.
     * Only that one bit goes back to the sender, never what the page shows.
     */
    private CompletableFuture<Verdict> checked(Verdict v, Expect expect) {
        if (expect == null || v.outcome() != Outcome.APPLIED) {
            return CompletableFuture.completedFuture(v);
        }
        return pages.arrive(expect::urlMatches, timing.pageWait()).thenComposeAsync(onPage -> !onPage
                ? CompletableFuture.completedFuture(false)
                : expect.element() == null && expect.text() == null
                        ? CompletableFuture.completedFuture(true)
                        : target.check(expect).exceptionally(e -> false), thread)
                .thenApply(matched -> new Verdict(v.outcome(), v.code(), v.reason(), matched));
    }

    /** Brings this terminal to the state c carries (if any); records c.seq() as settled. */
    CompletableFuture<Void> restore(String group, String from, CatchUp c) {
        PageState s = c.state();
        CompletableFuture<Boolean> done;
        if (s == null || paused.getAsBoolean() || admission.page(s.url()) != null) {
            done = CompletableFuture.completedFuture(true); // nothing to restore, or not a page it may load
        } else {
            // mutual mode's registers stay: a local change made after the sender's snapshot still
            // beats an older concurrent one that arrives later, as it does on every other member
            done = (pages.isOn(s.url()) ? CompletableFuture.completedFuture(true) : load(s.url()))
                    .thenComposeAsync(onPage -> onPage
                            ? pages.applying(() -> target.restore(s)).thenApply(ApplyResult::applied)
                            : CompletableFuture.completedFuture(false), thread);
        }
        return done.handleAsync((ok, e) -> {
            journal.markApplied(group, from, c.seq());
            String page = s == null ? null : s.url();
            listeners.tell(l -> l.onCaughtUp(from, c.seq(), c.reason(), page));
            return null;
        }, thread);
    }

    /**
     * Tells from (once per action or step seq) that this terminal waits for a target: an interim
     * result {@code waiting}, on the follow-apply thread.
     */
    private Consumer<String> waiting(String group, String from, long seq, List<Action> actions) {
        AtomicBoolean told = new AtomicBoolean();
        return why -> {
            if (told.compareAndSet(false, true)) {
                thread.execute(() -> {
                    String page = pages.url();
                    outbox.send(group, from, new Result(group, me, from, seq, Outcome.WAITING, null, why,
                            page.isEmpty() ? null : page));
                    for (Action a : actions) {
                        listeners.tell(l -> l.onApplied(from, seq, a, Outcome.WAITING, why));
                    }
                });
            }
        };
    }

    /** Applies actions in order; the verdict is the first that was not applied, else applied. */
    private CompletableFuture<Verdict> applyAll(List<Action> actions, long clock, String from, Consumer<String> waiting) {
        CompletableFuture<Verdict> chain = CompletableFuture.completedFuture(Verdict.APPLIED);
        for (Action a : actions) {
            chain = chain.thenComposeAsync(prev -> applyOne(a, clock, from, waiting)
                    .thenApply(v -> prev.outcome() == Outcome.APPLIED ? v : prev), thread);
        }
        return chain;
    }

    private CompletableFuture<Verdict> applyOne(Action a, long clock, String from, Consumer<String> waiting) {
        Verdict no = admission.check(a, clock, from);
        if (no != null) {
            return CompletableFuture.completedFuture(no);
        }
        Left left = leftToPerson;
        leftToPerson = null;
        if (left != null && a instanceof Action.Navigate n && n.cause() != NavigationCause.USER && left.from().equals(from)) {
            // the page the sender's own Pay (or sign-in) led to: the person gets there by pressing theirs;
            // loading it for them would take away the button left outlined on their page
            return CompletableFuture.completedFuture(new Verdict(Outcome.OWNER_ONLY, null, left.reason()));
        }
        return inBrowser(a, waiting).thenApply(r -> {
            if (r.applied()) {
                return Verdict.APPLIED;
            }
            boolean owner = ApplyResult.OWNER_ONLY.equals(r.reason());
            if (owner) {
                leftToPerson = new Left(from, r.describe());
            }
            return new Verdict(owner ? Outcome.OWNER_ONLY : Outcome.FAILED, null, r.describe());
        });
    }

    private CompletableFuture<ApplyResult> inBrowser(Action a, Consumer<String> waiting) {
        if (a instanceof Action.Navigate n) {
            if (n.cause() == NavigationCause.USER) {
                return loadOnce(n.url());
            }
            // the follower repeats the link, form or script that led there: wait to arrive, then load as a catch-up
            return pages.arriveAt(n.url(), timing.arriveWait()).thenComposeAsync(arrived -> arrived
                    ? CompletableFuture.completedFuture(ApplyResult.ok()) : loadOnce(n.url()), thread);
        }
        // an action in a frame carries the frame's URL: the page agent waits for that frame itself
        String page = a.frame().isEmpty() ? a.page() : null;
        return (page == null ? CompletableFuture.completedFuture(true) : reach(page))
                .thenComposeAsync(onPage -> onPage
                        ? pages.applying(() -> target.apply(a, waiting))
                        : CompletableFuture.completedFuture(ApplyResult.failed("not-on-page")), thread);
    }

    /** Waits for the follower to reach page by itself, else loads it; false if it never arrives. */
    private CompletableFuture<Boolean> reach(String page) {
        return pages.arriveAt(page, timing.pageWait()).thenComposeAsync(arrived -> arrived || !Action.isWebUrl(page)
                ? CompletableFuture.completedFuture(arrived)
                : load(page), thread);
    }

    /** Loads page for someone else and waits to arrive; false when it never does or may not be loaded. */
    private CompletableFuture<Boolean> load(String page) {
        return loadOnce(page).thenComposeAsync(r -> r.applied()
                ? pages.arriveAt(page, timing.loadWait()) : CompletableFuture.completedFuture(false), thread);
    }

    /**
     * The one place this terminal loads a page for someone else: only one it may load, and never
     * another member's per-user URL verbatim — its own equivalent (SimilarUrls), else a refusal.
     */
    private CompletableFuture<ApplyResult> loadOnce(String url) {
        SimilarUrls similar = pages.similar();
        CompletableFuture<List<String>> links = similar.perUser(url)
                ? target.links().exceptionally(e -> List.of()) : CompletableFuture.completedFuture(List.of());
        return links.thenApplyAsync(l -> {
            SimilarUrls.Own own = similar.own(url, pages.url(), l);
            if (own.url() == null) {
                return ApplyResult.failed(own.code(), own.reason());
            }
            Verdict no = admission.page(own.url());
            if (no != null) {
                return ApplyResult.failed(ApplyResult.REFUSED + ": " + no.reason());
            }
            similar.learn(url, own.url());
            pages.applying(() -> {
                target.load(own.url());
                return CompletableFuture.completedFuture(null);
            });
            return ApplyResult.ok();
        }, thread);
    }
}
