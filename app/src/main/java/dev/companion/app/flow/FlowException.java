package dev.companion.app.flow;

/**
 * A flow refused: {@link #code()} says why, {@link #line()} and {@link #step()} where (0 when not
 * known; steps count from 1, as people do), {@link #reason()} what, in words for the log and the
 * person (the message joins the three).
 */
public final class FlowException extends RuntimeException {
    private final FlowError code;
    private final int line;
    private final int step;
    private final String reason;

    public FlowException(FlowError code, String reason) {
        this(code, 0, 0, reason);
    }

    public FlowException(FlowError code, int line, int step, String reason) {
        super(describe(code, line, step, reason));
        this.code = code;
        this.line = line;
        this.step = step;
        this.reason = reason;
    }

    private static String describe(FlowError code, int line, int step, String reason) {
        StringBuilder s = new StringBuilder(code.name());
        if (line > 0) {
            s.append(" at line ").append(line);
        }
        if (step > 0) {
            s.append(line > 0 ? ", step " : " at step ").append(step);
        }
        return s.append(": ").append(reason).toString();
    }

    public FlowError code() {
        return code;
    }

    /** The line of the file (1-based), 0 when not known. */
    public int line() {
        return line;
    }

    /** The step (1-based), 0 when the problem is not in a step. */
    public int step() {
        return step;
    }

    public String reason() {
        return reason;
    }
}
