package dev.companion.app.follow.film;

/**
 * A film as a page agent read it: found or not (reason: target-not-found, ambiguous-target, refused,
 * no-page...; detail for people), its selector and source path, position (seconds) and rate at time at
 * (microseconds since the epoch, this terminal's clock), paused, ready (it can play here: enough is
 * buffered, not seeking); failed: why a part of the command did not work (e.g. media-blocked), else null.
 */
public record FilmReading(boolean found, String reason, String detail, String selector, String src, double position,
                          double rate, boolean paused, boolean ready, long at, String failed) {
    public static FilmReading notFound(String reason) {
        return new FilmReading(false, reason, null, null, null, 0, 1, true, false, 0, null);
    }

    public static FilmReading notFound(String reason, String detail) {
        return new FilmReading(false, reason, detail, null, null, 0, 1, true, false, 0, null);
    }

    /** Playing for the group: not paused and able to play (a film that buffers stands still). */
    public boolean playing() {
        return found && !paused && ready;
    }
}
