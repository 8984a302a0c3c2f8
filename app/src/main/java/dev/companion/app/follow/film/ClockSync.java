package dev.companion.app.follow.film;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * This terminal's clock against one peer's (the leader's), NTP style: each {@code clock_ask} leaves
 * at t0 (this clock), arrives at t1 and its answer leaves at t2 (the peer's clock), and the answer
 * arrives at t3 (this clock). One sample's round trip is (t3 − t0) − (t2 − t1) and its offset
 * (peer − this) ((t1 − t0) + (t2 − t3)) / 2, exact when the two ways take equally long; the error is
 * at most half the round trip. Of the last {@link #KEEP} samples the one with the shortest round
 * trip is used (best of N: a sample delayed by a busy link or a garbage collection is not).
 *
 * <p>An answer is taken only for a t0 this terminal asked and has not had answered (at most
 * {@link #OPEN} open asks; older ones are forgotten), and only with a round trip from 0 to 10 s.
 * Not thread-safe: {@link FilmNight} calls it under its lock. Times are microseconds.
 */
public final class ClockSync {
    /** Samples kept; the best of them counts. */
    public static final int KEEP = 16;
    /** Asks waiting for an answer at most; an older one is forgotten. */
    public static final int OPEN = 8;
    private static final long MAX_ROUND_TRIP = 10_000_000;

    /** One exchange: offset (peer − this) and round trip, microseconds. */
    public record Sample(long offset, long roundTrip) { }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Set<Long> open = new LinkedHashSet<>();
    private String peer;

    /** Whom this terminal syncs with; a new peer starts again. */
    public void syncWith(String newPeer) {
        if (newPeer == null ? peer != null : !newPeer.equals(peer)) {
            peer = newPeer;
            samples.clear();
            open.clear();
        }
    }

    public String peer() {
        return peer;
    }

    /** Records an ask leaving now (this clock); returns its t0. */
    public long ask(long now) {
        while (open.contains(now)) {
            now++; // two asks in one microsecond: each keeps its own t0
        }
        if (open.size() >= OPEN) {
            open.remove(open.iterator().next());
        }
        open.add(now);
        return now;
    }

    /**
     * An answer from peer that arrived at t3 (this clock). False when it answers no open ask (or
     * not from the peer synced with): then nothing changes. An answer with an impossible round trip
     * is taken (its ask is closed) but not used.
     */
    public boolean onAnswer(String from, long t0, long t1, long t2, long t3) {
        if (!from.equals(peer) || !open.remove(t0)) {
            return false;
        }
        long roundTrip = (t3 - t0) - (t2 - t1);
        if (roundTrip < 0 || roundTrip > MAX_ROUND_TRIP || t2 < t1) {
            return true;
        }
        long offset = Math.floorDiv((t1 - t0) + (t2 - t3), 2);
        if (samples.size() >= KEEP) {
            samples.removeFirst();
        }
        samples.addLast(new Sample(offset, roundTrip));
        return true;
    }

    /** The best sample (shortest round trip), if any. */
    public Sample best() {
        return samples.stream().min(Comparator.comparingLong(Sample::roundTrip)).orElse(null);
    }

    /** peer's clock − this clock, microseconds; empty before the first sample. */
    public OptionalLong offset() {
        Sample b = best();
        return b == null ? OptionalLong.empty() : OptionalLong.of(b.offset());
    }

    public int samples() {
        return samples.size();
    }
}
