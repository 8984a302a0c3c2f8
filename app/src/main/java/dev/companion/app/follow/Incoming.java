package dev.companion.app.follow;

import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Member;
import dev.companion.p2p.protocol.Messages.Resume;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each other member's stream of actions and steps, put in order: a sender's sequence numbers are
 * handed on exactly once, in order ({@link Delivery}); a duplicate is refused (STALE_SEQUENCE), an
 * early one is held while the gap is asked for with {@code resume}, one that cannot be right is
 * refused (SEQUENCE_INVALID). What was applied survives restarts in the {@link FollowJournal}, so a
 * restarted terminal asks for exactly what it misses. A {@code catch_up} settles a sender's stream
 * up to its seq.
 *
 * <p>Not thread-safe: called under the engine's lock.
 */
final class Incoming {
    /** Where the ordered stream goes: applying (in the order given) and catching up. */
    interface Delivery {
        void apply(String sender, long seq, GroupMessage m);

        void restore(String sender, CatchUp c);
    }

    /**
     * One sender's stream. last: the last seq accepted; -1 until synced. asked: a resume went to the
     * sender and was not answered by a catch-up or by the stream draining in order since; askedAfter:
     * what it said (null: "bring me to where you are", answered with a join catch-up).
     */
    private static final class Stream {
        long last;
        final TreeMap<Long, GroupMessage> held = new TreeMap<>();
        long askedAt;
        boolean asked;
        Long askedAfter;

        Stream(long last) {
            this.last = last;
        }
    }

    private final String me;
    private final Outbox outbox;
    private final FollowJournal journal;
    private final int logBound;
    private final long resumeRetryNanos;
    private final Delivery delivery;
    private final Map<String, Stream> streams = new HashMap<>();

    Incoming(String me, Outbox outbox, FollowJournal journal, int logBound, Duration resumeRetry, Delivery delivery) {
        this.me = me;
        this.outbox = outbox;
        this.journal = journal;
        this.logBound = logBound;
        this.resumeRetryNanos = resumeRetry.toNanos();
        this.delivery = delivery;
    }

    /** A new group or none: every stream starts again. */
    void clear() {
        streams.clear();
    }

    /** The group's members changed: a member who left is forgotten (if they return, they number anew). */
    void onMembers(GroupState g) {
        for (String gone : List.copyOf(streams.keySet())) {
            if (g.member(gone) == null) {
                streams.remove(gone);
                journal.forgetSender(g.group(), gone);
            }
        }
        for (Member m : g.members()) {
            if (!m.user().equals(me)) {
                streams.computeIfAbsent(m.user(), u -> new Stream(journal.applied(g.group(), u)));
            }
        }
    }

    /**
     * The group now lets members send who could not before (the lead moved): each is asked for what
     * this terminal has not applied yet. A new leader's first step can come over the link before the
     * control center's group state that lets it send; it was refused then (NOT_LEADER), and the
     * sender's log gives it again, in order.
     */
    void onNewSenders(GroupState old, GroupState g) {
        for (Member m : g.members()) {
            String u = m.user();
            Stream in = streams.get(u);
            if (!u.equals(me) && g.sends(u) && !old.sends(u) && in != null && in.last >= 0) {
                askResume(g, u, in);
            }
        }
    }

    /** A sequenced message (action or step) from sender, already authorised. Null, or why it was refused. */
    Refusal onSequenced(GroupState g, String sender, long seq, GroupMessage m) {
        Stream in = streams.computeIfAbsent(sender, u -> new Stream(-1));
        if (in.last >= 0 && seq <= in.last) {
            return new Refusal(ErrorCode.STALE_SEQUENCE, "already have " + sender + "'s " + seq);
        }
        if (seq > Math.max(in.last, 0) + 2L * logBound || in.held.size() >= 2 * logBound) {
            return new Refusal(ErrorCode.SEQUENCE_INVALID, "sequence " + seq + " is out of range");
        }
        if (in.last < 0 && seq == 1) {
            in.last = 0; // the sender's first: nothing came before it to catch up with
        }
        if (in.last < 0 || seq > in.last + 1) {
            in.held.put(seq, m); // wait for the gap (or the catch-up) to be filled
            if (in.last >= 0 && System.nanoTime() - in.askedAt > resumeRetryNanos / 4) {
                askResume(g, sender, in);
            }
            return null;
        }
        accept(sender, in, seq, m);
        drain(sender, in);
        return null;
    }

    /**
     * A catch-up from sender, already authorised: settles its stream up to c.seq(), then what was held
     * after. Only in answer to this terminal's own resume (else NOT_ASKED): a catch-up nobody asked
     * for would let a member jump another's stream or, with a page state, drive this browser.
     */
    Refusal onCatchUp(String sender, CatchUp c) {
        Stream in = streams.get(sender);
        if (in == null || !in.asked) {
            return new Refusal(ErrorCode.NOT_ASKED, "a catch-up from " + sender + " that this terminal did not ask for");
        }
        if (in.last >= 0 && (c.seq() <= in.last || c.reason() == CatchUpReason.JOIN)) {
            // an answer to an earlier resume: nothing new; or a join answer that comes after this
            // terminal synced with the sender's stream by itself (its first action came first): what
            // was missed since is filled from the sender's log by resume, exactly, not skipped over
            return null;
        }
        if (c.reason() == CatchUpReason.GAP && in.askedAfter == null) {
            return new Refusal(ErrorCode.NOT_ASKED, "a gap catch-up from " + sender + " answering no gap");
        }
        in.asked = false;
        in.last = c.seq();
        in.held.headMap(c.seq(), true).clear();
        delivery.restore(sender, c);
        drain(sender, in);
        return null;
    }

    /** The link to peer came up: asks it for what this terminal missed. */
    void onLinkUp(GroupState g, String peer) {
        Stream in = streams.get(peer);
        if (in != null) {
            askResume(g, peer, in);
        }
    }

    /** Following again after a pause: every sender is asked to bring this terminal to where it is now. */
    void restartAll(GroupState g) {
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            e.getValue().last = -1;
            e.getValue().held.clear();
            askResume(g, e.getKey(), e.getValue());
        }
    }

    /** Asks again for what stays missing (a gap, or no answer yet) after the retry time. */
    void tick(GroupState g) {
        long now = System.nanoTime();
        for (Map.Entry<String, Stream> e : streams.entrySet()) {
            Stream in = e.getValue();
            if ((in.last < 0 || !in.held.isEmpty()) && now - in.askedAt > resumeRetryNanos) {
                askResume(g, e.getKey(), in);
            }
        }
    }

    private void askResume(GroupState g, String sender, Stream in) {
        in.askedAt = System.nanoTime();
        in.asked = true;
        in.askedAfter = in.last >= 0 ? in.last : null;
        outbox.send(g.group(), sender, new Resume(g.group(), me, sender, in.last >= 0 ? in.last : null));
    }

    private void accept(String sender, Stream in, long seq, GroupMessage m) {
        in.last = seq;
        delivery.apply(sender, seq, m);
    }

    /** Hands on the held messages that are now next; a stream in order with nothing held asks nothing. */
    private void drain(String sender, Stream in) {
        GroupMessage next;
        while ((next = in.held.remove(in.last + 1)) != null) {
            accept(sender, in, in.last + 1, next);
        }
        if (in.last >= 0 && in.held.isEmpty() && in.askedAfter != null) {
            in.asked = false; // a gap resume answered from the sender's log (or by its next actions)
        }
    }
}
