package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Step;
import dev.companion.p2p.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * What this terminal sends in its group: each action (or, in manual mode, each step of held actions)
 * gets the next sequence number, goes into the bounded log ({@link FollowJournal}) and then to every
 * member; a member's {@code resume} is answered from the log, or, when the log cannot fill the gap
 * (or the member has nothing to build on), with the reason for a catch-up.
 *
 * <p>Not thread-safe: called under the engine's lock, so that the log's order is the wire's order.
 */
final class Outgoing {
    private final String me;
    private final Outbox outbox;
    private final FollowJournal journal;
    private final int logBound;
    private final Listeners listeners;
    private final LamportClock clock;
    private final List<Action> held = new ArrayList<>();
    private long seq;

    /** What a resume needs beyond what was already re-sent from the log: nothing, or a catch-up. */
    record ResumeAnswer(long seq, CatchUpReason catchUp) {
    }

    Outgoing(String me, Outbox outbox, FollowJournal journal, int logBound, Listeners listeners, LamportClock clock) {
        if (logBound < 1) {
            throw new IllegalArgumentException("logBound must be positive");
        }
        this.me = me;
        this.outbox = outbox;
        this.journal = journal;
        this.logBound = logBound;
        this.listeners = listeners;
        this.clock = clock;
    }

    /** A new group (or none): numbering goes on from what the log says was sent in it. */
    void reset(String group) {
        held.clear();
        seq = group == null ? 0 : journal.lastSent(group);
    }

    /** The sender's last sequence number in its group. */
    long lastSeq() {
        return seq;
    }

    List<Action> held() {
        return List.copyOf(held);
    }

    boolean hasHeld() {
        return !held.isEmpty();
    }

    /** Auto mode: numbers, logs and sends action, made at clock time. */
    void send(GroupState g, Action action, long time) {
        send(g, s -> new ActionMsg(g.group(), me, s, time, action), List.of(action));
    }

    /** Manual mode: holds action until {@link #sendHeld}; a full step goes at once. The held list now. */
    List<Action> hold(GroupState g, Action action) {
        if (held.size() >= Protocol.MAX_STEP_ACTIONS) {
            sendHeld(g);
        }
        held.add(action);
        return List.copyOf(held);
    }

    /** Sends the held actions as one step (nothing when none are held). */
    void sendHeld(GroupState g) {
        if (held.isEmpty()) {
            return;
        }
        List<Action> actions = List.copyOf(held);
        held.clear();
        long time = clock.tick();
        send(g, s -> new Step(g.group(), me, s, time, actions), actions);
    }

    /** Numbers, logs and sends actions as one step with expect (may be null), made at clock time; its seq. */
    long sendStep(GroupState g, List<Action> actions, Expect expect, long time) {
        send(g, s -> new Step(g.group(), me, s, time, actions, expect), actions);
        return seq;
    }

    void discardHeld() {
        held.clear();
    }

    private void send(GroupState g, LongFunction<Message> make, List<Action> actions) {
        long s = ++seq;
        Message m = make.apply(s);
        journal.logSent(g.group(), s, Codec.encode(m), logBound);
        int n = outbox.broadcast(g.group(), m);
        listeners.tell(l -> l.onSent(s, actions, n));
    }

    /**
     * A member has this terminal's actions up to after (null: nothing to build on). Re-sends what
     * the log holds after it; returns null when that covered everything, else what to catch up with.
     */
    ResumeAnswer answer(GroupState g, String member, Long after) {
        if (after != null && after == seq) {
            return null; // nothing missed
        }
        if (after != null && after < seq) {
            long first = journal.firstLogged(g.group());
            if (first != 0 && first <= after + 1) {
                for (byte[] payload : journal.sentBetween(g.group(), after, seq)) {
                    outbox.send(g.group(), member, Codec.decode(payload));
                }
                return null;
            }
        }
        return new ResumeAnswer(seq, after == null ? CatchUpReason.JOIN : CatchUpReason.GAP);
    }
}
