package dev.companion.app.bot;

import dev.companion.app.flow.Expectation;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowStep;
import dev.companion.app.follow.FollowListener;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A virtual companion leading a group through a {@link Flow}, one step at a time: it sends a step
 * (its action, with the step's expectation) and waits for the follower's final {@code result}; the
 * next step goes only when that says applied and, for a step that expects something, matched. A
 * step that does not work is sent once more (the hint is said); when it fails again the bot stops
 * there and waits for the person. A step only the person may do (the flow's {@code owner_only}, or
 * the follower's page agent answering {@code owner_only}) is never pressed by the bot: it asks the
 * person and waits.
 *
 * <p>Waiting for the person, and hand-off, use the lead: the person takes the lead (lead_ask, which
 * the bot terminal accepts) and the bot goes quiet; when the lead comes back (lead_offer, accepted)
 * the bot resumes from the step it stopped at -- or after it, for a step left to the person. Or the
 * person answers the bot from their window ({@link #onAnswer}): retry, I did it (checked against the step's
 * whole expectation), back one step.
 *
 * <p>Thread-safe: the follow engine's and the session's callbacks arrive on their own threads.
 */
public final class BotLeader implements FollowListener {
    /** What the bot is doing; each change is told as an {@link Event}. */
    public enum State {
        /** Not leading a group of two yet (or the step could not be sent). */
        WAITING_FOR_FOLLOWER,
        /** A step was sent; its result is awaited. */
        SENT,
        /** The step did not work and was sent again; the hint was said. */
        RETRYING,
        /** The step did not work twice: the bot waits for the person (who takes the lead). */
        STUCK,
        /** A step only the person may do: the bot asked them to do it and waits. */
        OWNER_ONLY,
        /** Someone else leads: the bot sends nothing. */
        QUIET,
        /** Every step worked. */
        DONE,
        /**
         * Told only as an event, never the bot's state: the person said "I did it" but their page does
         * not show what the step expects; the bot keeps waiting for them (STUCK or OWNER_ONLY, as before).
         */
        NOT_DONE
    }

    /**
     * One change of the bot's state, at step (1-based); detail: the step's hint (RETRYING, STUCK),
     * what the follower said (reason), or the element's name (OWNER_ONLY); may be empty.
     */
    public record Event(State state, int step, String detail) {
    }

    /** How the bot sends a step: the follow engine's {@code sendStep}; 0 when it cannot send now. */
    @FunctionalInterface
    public interface Sender {
        long sendStep(List<Action> actions, Expect expect);
    }

    private final String me;
    private final Flow flow;
    private final Sender sender;
    private final Consumer<Event> events;

    // guarded by this
    private int index;
    private int attempt;
    private long inFlight;
    private State state = State.WAITING_FOR_FOLLOWER;

    public BotLeader(String me, Flow flow, Sender sender, Consumer<Event> events) {
        this.me = Objects.requireNonNull(me);
        this.flow = Objects.requireNonNull(flow);
        this.sender = Objects.requireNonNull(sender);
        this.events = Objects.requireNonNull(events);
    }

    public synchronized State state() {
        return state;
    }

    /** The step the bot is at, 1-based (steps + 1 when done). */
    public synchronized int step() {
        return index + 1;
    }

    /**
     * The group changed: leading a group with someone in it, the bot (re)starts from the step it is
     * at; not leading, it goes quiet.
     */
    public void onGroup(GroupState g) {
        Event e;
        synchronized (this) {
            boolean leading = g != null && me.equals(g.leader()) && g.members().size() >= 2;
            if (state == State.DONE) {
                return;
            }
            if (!leading) {
                if (state == State.QUIET || state == State.WAITING_FOR_FOLLOWER && g == null) {
                    return;
                }
                boolean owner = state == State.OWNER_ONLY;
                inFlight = 0;
                state = State.QUIET;
                if (owner) {
                    index++; // the person does the step that is theirs; the bot goes on after it
                }
                e = new Event(State.QUIET, index + 1, "");
            } else if (state == State.QUIET || state == State.WAITING_FOR_FOLLOWER) {
                attempt = 0;
                e = sendCurrent("");
            } else {
                return; // leading already, and a step is out or waits for the person
            }
            events.accept(e); // under the lock: an answer on another thread cannot tell its event first
        }
    }

    @Override
    public void onAnswered(String from, long seq, Outcome outcome, String reason, Boolean matched) {
        Event e;
        synchronized (this) {
            if (seq != inFlight || outcome == Outcome.WAITING || (state != State.SENT && state != State.RETRYING)) {
                return;
            }
            FlowStep step = flow.steps().get(index);
            boolean worked = outcome == Outcome.APPLIED && (step.expect() == null || Boolean.TRUE.equals(matched));
            if (worked) {
                index++;
                attempt = 0;
                e = sendCurrent("");
            } else if (outcome == Outcome.OWNER_ONLY) {
                inFlight = 0;
                state = State.OWNER_ONLY;
                e = new Event(State.OWNER_ONLY, index + 1, reason == null ? "" : reason);
            } else if (attempt == 0 && outcome != Outcome.DECLINED) {
                attempt = 1;
                e = sendCurrent(hint(step));
                e = e.state() == State.SENT ? new Event(State.RETRYING, e.step(), e.detail()) : e;
                if (e.state() == State.RETRYING) {
                    state = State.RETRYING;
                }
            } else {
                inFlight = 0;
                state = State.STUCK;
                e = new Event(State.STUCK, index + 1, hint(step));
            }
            events.accept(e);
        }
    }

    /**
     * The person answered about step (1-based; bot_answer, docs/protocol.md "A bot's words"): taken
     * only while the bot waits for them (STUCK, OWNER_ONLY) and only about the step it is at -- a
     * second press, or an answer that crossed the bot's next step, is dropped. retry: the step is
     * sent again (with its one retry); did_it: the person did it themselves -- the step's whole
     * expectation must hold: its URL pattern against page (the person's top page), and when it expects
     * an element or a text, matched (the person's page agent's check of them) must be true; else the
     * bot says NOT_DONE and keeps waiting, in the state it was in; then the next step goes; back: the
     * step before goes again (the first step stays the first). Returns whether it was taken.
     */
    public boolean onAnswer(BotReply answer, int step, String page, Boolean matched) {
        synchronized (this) {
            if (state != State.STUCK && state != State.OWNER_ONLY || step != index + 1) {
                return false;
            }
            FlowStep at = flow.steps().get(index);
            Event e;
            switch (answer) {
                case RETRY -> e = sendCurrent("");
                case BACK -> {
                    index = Math.max(0, index - 1);
                    e = sendCurrent("");
                }
                case DID_IT -> {
                    if (!done(at, page, matched)) {
                        events.accept(new Event(State.NOT_DONE, index + 1, hint(at))); // still the person's: the state stays
                        return true;
                    } else {
                        index++;
                        e = sendCurrent("");
                    }
                }
                default -> throw new IllegalStateException("unknown answer " + answer);
            }
            attempt = 0;
            events.accept(e);
            return true;
        }
    }

    /** Under this: sends the step at index (or finishes, or asks the person for an owner-only one). */
    private Event sendCurrent(String detail) {
        if (index >= flow.steps().size()) {
            state = State.DONE;
            inFlight = 0;
            return new Event(State.DONE, index + 1, "");
        }
        FlowStep step = flow.steps().get(index);
        if (Boolean.TRUE.equals(step.ownerOnly())) {
            state = State.OWNER_ONLY;
            inFlight = 0;
            return new Event(State.OWNER_ONLY, index + 1, hint(step));
        }
        long seq = sender.sendStep(List.of(step.action()), step.expect() == null ? null : step.expect().toWire());
        if (seq == 0) {
            state = State.WAITING_FOR_FOLLOWER;
            inFlight = 0;
            return new Event(State.WAITING_FOR_FOLLOWER, index + 1, "");
        }
        inFlight = seq;
        state = State.SENT;
        return new Event(State.SENT, index + 1, detail);
    }

    /**
     * Whether the person's page shows what step expects: page matches its URL pattern, and matched
     * (their page agent's check) is true when it expects an element or a text. A step that expects
     * nothing is taken on the person's word.
     */
    private static boolean done(FlowStep step, String page, Boolean matched) {
        Expectation expect = step.expect();
        if (expect == null) {
            return true;
        }
        boolean shows = expect.element() == null && expect.text() == null || Boolean.TRUE.equals(matched);
        return expect.urlMatches(page) && shows;
    }

    private static String hint(FlowStep step) {
        return step.hint() == null ? "" : step.hint();
    }
}
