package dev.companion.app.flow;

import dev.companion.app.follow.FollowListener;
import dev.companion.app.follow.MemberStatus;
import dev.companion.p2p.protocol.Action;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The Record button's one recording at a time, fed from both places a step can come from: while
 * this terminal leads a live group (sending is true) from what the follow engine sends, so the flow
 * is what the followers were led through; alone (or while nobody follows it) from every action the
 * page agent captured here. Never both for one action: a sent action also arrives as a local one.
 *
 * <p>Register once as the session's follow listener and hand it every local action; both calls
 * come on other threads than the one that presses Record. Thread-safe.
 */
public final class Recording implements FollowListener {
    private final BooleanSupplier sending;
    private final LongSupplier clock;
    private volatile FlowRecorder current;
    private volatile IntConsumer onStep = n -> { };

    /** sending: true while the follow engine sends this terminal's actions to a live group. */
    public Recording(BooleanSupplier sending, LongSupplier clock) {
        this.sending = sending;
        this.clock = clock;
    }

    /** Starts recording (a recording under way is dropped); onStep hears the number of steps so far. */
    public synchronized void start(IntConsumer onStepCount) {
        onStep = onStepCount == null ? n -> { } : onStepCount;
        current = new FlowRecorder(clock);
    }

    public boolean active() {
        return current != null;
    }

    /** Steps recorded so far (0 when not recording). */
    public int size() {
        FlowRecorder r = current;
        return r == null ? 0 : r.size();
    }

    /**
     * Stops: nothing more is recorded. Returns the recorder, whose {@link FlowRecorder#stop} names
     * and builds the flow once the person gave a name; null when nothing was being recorded.
     */
    public synchronized FlowRecorder stop() {
        FlowRecorder r = current;
        current = null;
        return r;
    }

    /** An action the page agent or the browser captured on this terminal. */
    public void onLocalAction(Action action) {
        FlowRecorder r = current;
        if (r != null && !sending.getAsBoolean()) {
            r.record(action);
            onStep.accept(r.size());
        }
    }

    @Override
    public void onSent(long seq, List<Action> actions, int recipients) {
        FlowRecorder r = current;
        if (r != null) {
            r.onSent(seq, actions, recipients);
            onStep.accept(r.size());
        }
    }

    @Override
    public void onMemberStatus(MemberStatus status) {
        FlowRecorder r = current;
        if (r != null) {
            r.onMemberStatus(status);
        }
    }
}
