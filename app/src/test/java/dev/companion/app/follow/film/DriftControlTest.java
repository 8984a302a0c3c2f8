package dev.companion.app.follow.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.companion.p2p.protocol.Messages.Film;
import org.junit.jupiter.api.Test;

/**
 * The member's film against the leader's: left alone in the dead band, steered by at most ±5 % of
 * rate up to the seek threshold, sought beyond it (never while it still buffers), paused and placed
 * when the leader's film stands, played from the right place when the leader's plays.
 */
class DriftControlTest {
    private static final FilmConfig C = FilmConfig.DEFAULT;
    private static final long OFFSET = 2_000_000; // leader's clock − member's, µs
    private static final long AT = 1_000_000_000;   // leader-clock time of the leader's reading

    private static Film leader(double position, boolean playing) {
        return new Film("g", "alice", "", "video.feature", "/f.webm", position, 1.0, playing, false, AT);
    }

    /** The member's film read at the same instant as the leader's, plus dt seconds later, at position. */
    private static FilmReading member(double position, boolean paused, boolean ready, double dt) {
        return new FilmReading(true, null, null, "video.feature", "/f.webm", position, 1.0, paused, ready,
                AT - OFFSET + Math.round(dt * 1e6), null);
    }

    @Test
    void theErrorIsMeasuredAtTheSameInstantThroughTheSyncedClocks() {
        // 3 s later the leader's film is at 13 s; the member's at 13.02: 20 ms ahead, in the dead band
        DriftControl.Decision d = DriftControl.decide(C, leader(10, true), OFFSET, member(13.02, false, true, 3));
        assertThat(d.error()).isCloseTo(0.02, within(1e-9));
        assertThat(d.command()).isEqualTo(new FilmRequest.Command(1.0, null, null, null, null));
    }

    @Test
    void aFilmBehindPlaysFasterAndOneAheadSlowerByAtMostFivePercent() {
        DriftControl.Decision behind = DriftControl.decide(C, leader(10, true), OFFSET, member(9.955, false, true, 0));
        assertThat(behind.command().rate()).isEqualTo(1.045);
        DriftControl.Decision ahead = DriftControl.decide(C, leader(10, true), OFFSET, member(10.5, false, true, 0));
        assertThat(ahead.command().rate()).isEqualTo(0.95);
        assertThat(ahead.command().seekTo()).isNull();
    }

    @Test
    void pastTheThresholdItSeeksToWhereTheLeaderIsButNotWhileBuffering() {
        DriftControl.Decision d = DriftControl.decide(C, leader(10, true), OFFSET, member(8.5, false, true, 1));
        assertThat(d.error()).isCloseTo(-2.5, within(1e-9));
        assertThat(d.command().seekTo()).isCloseTo(11.0, within(1e-9));
        assertThat(d.command().seekAt()).isEqualTo(AT - OFFSET + 1_000_000);
        assertThat(d.command().seekRate()).isEqualTo(1.0);
        DriftControl.Decision buffering = DriftControl.decide(C, leader(10, true), OFFSET, member(8.5, false, false, 1));
        assertThat(buffering.command().seekTo()).isNull();
    }

    @Test
    void aStandingLeaderFilmPausesTheMembersAndPlacesItOnlyWhenOff() {
        DriftControl.Decision playing = DriftControl.decide(C, leader(10, false), OFFSET, member(10.02, false, true, 5));
        assertThat(playing.command()).isEqualTo(new FilmRequest.Command(null, null, null, null, false));
        DriftControl.Decision off = DriftControl.decide(C, leader(10, false), OFFSET, member(12, true, true, 5));
        assertThat(off.command()).isEqualTo(new FilmRequest.Command(null, 10.0, null, null, null));
        assertThat(DriftControl.decide(C, leader(10, false), OFFSET, member(10, true, true, 5)).command().isEmpty()).isTrue();
    }

    @Test
    void aPlayingLeaderFilmStartsAPausedOneFromWhereItIs() {
        DriftControl.Decision d = DriftControl.decide(C, leader(10, true), OFFSET, member(3, true, true, 0.5));
        assertThat(d.command()).isEqualTo(new FilmRequest.Command(1.0, 10.5, AT - OFFSET + 500_000, 1.0, true));
    }

    @Test
    void thresholdsAreCheckedAndReadFromSystemProperties() {
        assertThat(FilmConfig.fromSystemProperties()).isEqualTo(C);
        System.setProperty("companion.film.seekThresholdMs", "400");
        System.setProperty("companion.film.holdTimeoutMs", "3000");
        try {
            FilmConfig c = FilmConfig.fromSystemProperties();
            assertThat(c.seekThreshold()).isEqualTo(0.4);
            assertThat(c.holdTimeout().toMillis()).isEqualTo(3000);
        } finally {
            System.clearProperty("companion.film.seekThresholdMs");
            System.clearProperty("companion.film.holdTimeoutMs");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FilmConfig(C.tick(), 0.5, 0.05, 1, 0.2,
                C.sendEvery(), C.holdTimeout())).isInstanceOf(IllegalArgumentException.class);
    }
}
