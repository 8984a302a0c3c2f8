package dev.companion.app.follow.film;

import dev.companion.p2p.protocol.Messages.Film;

/**
 * How a member's film follows the leader's, decided from one reading of each (docs/architecture.md,
 * "Film night"). The error is the member's position minus where the leader's film is at the same
 * instant (the leader's reading moved on at its rate, through the synced clocks):
 * <ul>
 *   <li>within {@link FilmConfig#deadBand()}: the leader's rate;</li>
 *   <li>up to {@link FilmConfig#seekThreshold()}: the leader's rate changed by the error times
 *       {@link FilmConfig#gain()} per second, at most ±{@link FilmConfig#maxAdjust()} (a film
 *       40 ms ahead at gain 1 plays 4 % slower until it is not);</li>
 *   <li>beyond it: a seek to where the leader's film is when the seek starts, and the leader's rate;
 *       never while the member's film is still seeking or buffering (that would start its wait anew).</li>
 * </ul>
 * A paused (or held) leader's film: the member pauses and seeks only when it is more than the dead
 * band away. A playing one the member's film is not playing: it is brought there and played.
 */
public final class DriftControl {
    private DriftControl() {
    }

    /** What to do to the member's film, and the error it was decided on (seconds; positive: ahead). */
    public record Decision(FilmRequest.Command command, double error) { }

    /**
     * leader: the leader's last film state (its clock); offset: leader's clock − this clock (µs);
     * local: this member's film, read at local.at() (this clock).
     */
    public static Decision decide(FilmConfig c, Film leader, long offset, FilmReading local) {
        double expected = expectedAt(leader, local.at() + offset);
        double error = local.position() - expected;
        double rate = leader.rate();
        if (!leader.playing()) {
            boolean seek = Math.abs(error) > c.deadBand() && local.ready();
            return new Decision(new FilmRequest.Command(local.rate() != rate ? rate : null,
                    seek ? leader.position() : null, null, null, local.paused() ? null : false), error);
        }
        if (local.paused()) {
            boolean seek = Math.abs(error) > c.deadBand();
            return new Decision(new FilmRequest.Command(rate, seek ? expected : null, seek ? local.at() : null,
                    seek ? rate : null, true), error);
        }
        if (Math.abs(error) > c.seekThreshold()) {
            if (!local.ready()) {
                return new Decision(new FilmRequest.Command(rate, null, null, null, null), error);
            }
            return new Decision(new FilmRequest.Command(rate, expected, local.at(), rate, null), error);
        }
        double adjust = Math.abs(error) <= c.deadBand() ? 0
                : Math.max(-c.maxAdjust(), Math.min(c.maxAdjust(), error * c.gain()));
        double steered = Math.round(rate * (1 - adjust) * 10_000) / 10_000.0;
        return new Decision(new FilmRequest.Command(steered, null, null, null, null), error);
    }

    /** Where the leader's film is at leader-clock time t (µs): its position moved on at its rate while playing. */
    public static double expectedAt(Film leader, long t) {
        return leader.playing() ? leader.position() + (t - leader.at()) / 1e6 * leader.rate() : leader.position();
    }
}
