package dev.companion.app.flow;

import dev.companion.app.follow.FollowListener;
import dev.companion.app.follow.MemberStatus;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Records a flow from what the follow engine sends: each action it sends (alone or in a manual
 * step) becomes a step with the page it started on and the time since the step before. A navigation
 * the page made by itself (cause page: a link, a form) is not a step but the consequence of the step
 * before: the page it reached becomes that step's expected URL ({@link UrlPattern#fromUrl}), as
 * does a page change seen in the next action. {@link #expectText} adds a text the page should show
 * after the last step. Private fields never reach here (the page agent never captures them). A
 * step a follower's page agent answered {@code owner_only} (it pays, orders, changes an account:
 * {@link #onMemberStatus}), and one this page agent marked {@code owner_only} itself (a press in a
 * sign-in form or a payment with a PIN), is recorded owner-only, so a bot asks the person and never
 * presses it.
 *
 * <p>Attach with {@code FollowEngine.addListener}; {@link #stop} returns the flow and ignores what
 * comes after. Thread-safe: the engine calls it on its threads.
 */
public final class FlowRecorder implements FollowListener {
    private final LongSupplier clock;
    private final List<Draft> steps = new ArrayList<>();
    private String page;
    private long lastAt;
    private boolean stopped;
    private boolean full;

    /** clock: milliseconds (System::currentTimeMillis, or a test's). */
    public FlowRecorder(LongSupplier clock) {
        this.clock = clock;
    }

    /** A step as it is being recorded: its expectation may still grow. */
    private static final class Draft {
        final String page;
        final Action action;
        final long afterMs;
        final long seq;
        String reached;
        String text;
        boolean ownerOnly;

        Draft(String page, Action action, long afterMs, long seq) {
            this.page = page;
            this.action = action;
            this.afterMs = afterMs;
            this.seq = seq;
        }

        FlowStep build() {
            String url = reached != null && !reached.equals(page) ? UrlPattern.fromUrl(reached) : null;
            Expectation expect = url == null && text == null ? null : new Expectation(url, null, text);
            return new FlowStep(page, action, expect, null, afterMs, ownerOnly);
        }
    }

    @Override
    public synchronized void onSent(long seq, List<Action> actions, int recipients) {
        for (Action a : actions) {
            record(a, seq);
        }
    }

    /**
     * A follower's page agent left a click or submit of step seq to its owner ({@code owner_only}):
     * that action is owner-only in the flow too (each click or submit of a manual step's seq, since
     * the result names the step, not the action).
     */
    @Override
    public synchronized void onMemberStatus(MemberStatus status) {
        if (status.outcome() != Outcome.OWNER_ONLY || stopped) {
            return;
        }
        for (Draft d : steps) {
            if (d.seq == status.seq() && (d.action instanceof Action.Click || d.action instanceof Action.Submit)) {
                d.ownerOnly = true;
            }
        }
    }

    /** One action this terminal did alone (nobody follows it: no sequence number). */
    public synchronized void record(Action action) {
        record(action, -1);
    }

    private void record(Action action, long seq) {
        if (stopped) {
            return;
        }
        Draft last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (action instanceof Action.Navigate n && n.cause() != NavigationCause.USER) {
            // a scroll sent between a click or submit and the page it led to (a throttled scroll goes
            // late) is dropped: replayed, it would land on the next page, and it would take the
            // expected URL that belongs to the click
            while (last != null && last.action instanceof Action.Scroll && steps.size() > 1
                    && !(steps.get(steps.size() - 2).action instanceof Action.Scroll)
                    && steps.get(steps.size() - 2).page.equals(last.page)) {
                steps.remove(steps.size() - 1);
                last = steps.get(steps.size() - 1);
            }
            if (last != null) {
                last.reached = n.url();
            }
            page = n.url();
            return;
        }
        String at = action.page() != null && Action.isWebUrl(action.page()) ? action.page() : page;
        if (at == null && action instanceof Action.Navigate n) {
            at = n.url();
        }
        if (at == null) {
            return; // no page to start on: nothing a bot could lead to
        }
        if (last != null && last.reached == null && !at.equals(last.page)) {
            last.reached = at;
        }
        if (steps.size() == Flow.MAX_STEPS) {
            full = true;
            return;
        }
        long now = clock.getAsLong();
        Draft d = new Draft(at, action, steps.isEmpty() ? 0 : Math.min(FlowStep.MAX_AFTER_MS, Math.max(0, now - lastAt)),
                seq);
        d.ownerOnly = action.markedOwnerOnly(); // a press in private context (a sign-in, a payment with a PIN)
        steps.add(d);
        lastAt = now;
        page = action instanceof Action.Navigate n ? n.url() : at;
    }

    /** The page should show text after the last step (the person pointed at it while recording). */
    public synchronized void expectText(String text) {
        if (!stopped && !steps.isEmpty()) {
            steps.get(steps.size() - 1).text = Check.optional(text, "expect.text", Expectation.MAX_TEXT);
        }
    }

    /** True once {@link Flow#MAX_STEPS} were recorded: later actions are not. */
    public synchronized boolean full() {
        return full;
    }

    public synchronized int size() {
        return steps.size();
    }

    /** The recorded flow, named name; {@link FlowError#BAD_FIELD} when nothing was recorded. */
    public synchronized Flow stop(String name, String lang) {
        stopped = true;
        List<FlowStep> out = new ArrayList<>();
        for (Draft d : steps) {
            out.add(d.build());
        }
        return new Flow(name, lang, out);
    }
}
