package dev.companion.app.follow.film;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What film night asks a page agent: which film (selector null: the page's own, the one a person
 * started last; else the leader's film found by selector and source path src) and what to do to it
 * first (command null: only read it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilmRequest(String selector, String src, Command command) {
    /** Reads this page's own film. */
    public static final FilmRequest OWN = new FilmRequest(null, null, null);

    /**
     * Steering, each part optional: set the rate; seek to seekTo seconds as of seekAt (microseconds
     * since the epoch; the target moves on at seekRate until the seek starts); play (true) or pause (false).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Command(Double rate, Double seekTo, Long seekAt, Double seekRate, Boolean play) {
        public static final Command NONE = new Command(null, null, null, null, null);

        public boolean isEmpty() {
            return this.equals(NONE);
        }
    }

    /** The same film, with command. */
    public FilmRequest with(Command c) {
        return new FilmRequest(selector, src, c == null || c.isEmpty() ? null : c);
    }
}
