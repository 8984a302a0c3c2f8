package dev.companion.demo.shop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Film night's lab switches, per browser: the {@code film-lab} cookie makes this browser's copy of the
 * film night page and its films behave like a slow member's, so that one member of a group can be slow
 * while the others are not (they load the same URLs). Its value is parts joined by {@code _}:
 * <ul>
 *   <li>{@code stall:MS} — every film response waits MS (0..30000) before its first byte (a member who buffers);</li>
 *   <li>{@code bps:N} — film bytes come at N bytes per second (1000..100000000);</li>
 *   <li>{@code decoder:F} — the page's own script keeps the feature film's playback rate at F (0.5..1) times
 *       what was asked for: a decoder that cannot keep up (the film drifts behind by 1 − F seconds a second);</li>
 *   <li>{@code trailer:after} — the page's extra video (a trailer) comes after the feature instead of before it;</li>
 *   <li>{@code gate:NAME} — film responses wait while the test closed the gate NAME ({@link FilmGates}; a-z, 0-9,
 *       at most 16).</li>
 * </ul>
 * Unknown parts and values out of range are ignored.
 */
record FilmLab(long stallMs, long bytesPerSecond, double decoder, boolean trailerAfter, String gate) {
    static final String COOKIE = "film-lab";
    static final FilmLab NONE = new FilmLab(0, 0, 1, false);

    FilmLab(long stallMs, long bytesPerSecond, double decoder, boolean trailerAfter) {
        this(stallMs, bytesPerSecond, decoder, trailerAfter, null);
    }

    /** The browser's switches, from its cookie. */
    static FilmLab of(ShopExchange ex) {
        return parse(ex.cookie(COOKIE));
    }

    static FilmLab parse(String cookie) {
        if (cookie == null || cookie.length() > 200) {
            return NONE;
        }
        long stall = 0;
        long bps = 0;
        double decoder = 1;
        boolean after = false;
        String gate = null;
        for (String part : cookie.split("_")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String value = part.substring(colon + 1);
            try {
                switch (part.substring(0, colon).toLowerCase(Locale.ROOT)) {
                    case "stall" -> stall = inRange(Long.parseLong(value), 0, 30_000, stall);
                    case "bps" -> bps = inRange(Long.parseLong(value), 1_000, 100_000_000, bps);
                    case "decoder" -> {
                        double d = Double.parseDouble(value);
                        decoder = d >= 0.5 && d <= 1 ? d : decoder;
                    }
                    case "trailer" -> after = value.equals("after");
                    case "gate" -> gate = value.matches("[a-z0-9]{1,16}") ? value : gate;
                    default -> { }
                }
            } catch (NumberFormatException ignored) {
                // not a number: the part is ignored
            }
        }
        return new FilmLab(stall, bps, decoder, after, gate);
    }

    private static long inRange(long v, long min, long max, long otherwise) {
        return v >= min && v <= max ? v : otherwise;
    }

    Pace pace() {
        return stallMs == 0 && bytesPerSecond == 0 ? Pace.FULL : new Pace(stallMs, bytesPerSecond);
    }

    /** The pace, waiting at gates' gate first when the cookie names one. */
    Pace pace(FilmGates gates) {
        Pace p = pace();
        return gate == null ? p : new Pace(p.stallMs(), p.bytesPerSecond(), () -> gates.pass(gate));
    }

    /** Something a film response waits for before its first byte. */
    @FunctionalInterface
    interface Gate {
        Gate NONE = () -> { };

        void pass() throws IOException;
    }

    /**
     * How a film's bytes are sent: a wait at the gate and of stallMs before the headers, then at most
     * bytesPerSecond (0: no limit).
     */
    record Pace(long stallMs, long bytesPerSecond, Gate gate) {
        static final Pace FULL = new Pace(0, 0);
        private static final int CHUNK = 4096;

        Pace(long stallMs, long bytesPerSecond) {
            this(stallMs, bytesPerSecond, Gate.NONE);
        }

        void beforeHeaders() throws IOException {
            gate.pass();
            pause(stallMs);
        }

        void write(OutputStream out, byte[] body, int offset, int length) throws IOException {
            if (bytesPerSecond == 0) {
                out.write(body, offset, length);
                return;
            }
            long start = System.nanoTime();
            for (int sent = 0; sent < length; ) {
                int n = Math.min(CHUNK, length - sent);
                out.write(body, offset + sent, n);
                out.flush();
                sent += n;
                long due = start + sent * 1_000_000_000L / bytesPerSecond;
                pause((due - System.nanoTime()) / 1_000_000);
            }
        }

        private static void pause(long ms) throws IOException {
            if (ms <= 0) {
                return;
            }
            try {
                Thread.sleep(ms); // the shop's own virtual thread for this response: the lab's whole point
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("shop closing");
            }
        }
    }
}
