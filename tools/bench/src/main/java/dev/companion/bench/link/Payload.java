package dev.companion.bench.link;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages.ActionMsg;

/**
 * The measured message: a real {@code action} ({@link ActionMsg} with an {@code input} {@link Action})
 * whose typed value pads it to {@link #BYTES} bytes of encoded JSON. Sequence numbers are
 * {@link #seq}(run, i): nine digits for every run, so every message has exactly the same size.
 */
public final class Payload {
    public static final int BYTES = 300;
    public static final String GROUP = "bench";
    public static final String LEADER = "leader";
    private static final long SEQ_BASE = 100_000_000L;
    private static final long RUN_SPAN = 1_000_000L;
    private static final String PAGE = "https://shop.example/search?q=companion";
    private static final String SELECTOR = "#search-input";
    private static final String VALUE = padValue();

    private Payload() {
    }

    /** The i-th (from 0) message of run; seq is {@link #seq}(run, i). */
    public static ActionMsg action(int run, int i) {
        return new ActionMsg(GROUP, LEADER, seq(run, i), input());
    }

    public static Action input() {
        return new Action.Input(PAGE, "", SELECTOR, VALUE);
    }

    /** Nine digits for run 0..898 and i below a million. */
    public static long seq(int run, int i) {
        if (run < 0 || run > 898 || i < 0 || i >= RUN_SPAN) {
            throw new IllegalArgumentException("run " + run + ", message " + i);
        }
        return SEQ_BASE + run * RUN_SPAN + i + 1;
    }

    /** The index i of seq in run, or -1 when seq belongs to another run. */
    public static int index(int run, long seq) {
        long i = seq - SEQ_BASE - run * RUN_SPAN - 1;
        return i >= 0 && i < RUN_SPAN ? (int) i : -1;
    }

    /** The first run's first message, encoded: what a page or a relay client uses as a template. */
    public static String templateJson() {
        return Codec.encodeToString(action(0, 0));
    }

    private static String padValue() {
        String probe = Codec.encodeToString(new ActionMsg(GROUP, LEADER, SEQ_BASE + 1,
                new Action.Input(PAGE, "", SELECTOR, "")));
        int pad = BYTES - probe.length();
        StringBuilder b = new StringBuilder(pad);
        String words = "companion follows the leader ";
        while (b.length() < pad) {
            b.append(words.charAt(b.length() % words.length()));
        }
        return b.toString();
    }
}
