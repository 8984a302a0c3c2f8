package dev.companion.p2p.protocol;

/**
 * A message or frame was refused; {@link #code()} is what goes back on the wire. It carries no stack
 * trace: it is an answer, not a fault, and a flood of bad input must not cost a stack walk per frame
 * (its message and cause say what was refused).
 */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final Long retryAfter;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, (Long) null);
    }

    /** Refused, and worth trying again after retryAfter milliseconds (null: no such hint). */
    public ProtocolException(ErrorCode code, String message, Long retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.retryAfter = null;
    }

    public ErrorCode code() {
        return code;
    }

    /** Milliseconds after which the request may succeed, or null. */
    public Long retryAfter() {
        return retryAfter;
    }

    /** The error message to answer with, tied to the request it answers (may be null). */
    public Messages.Error toMessage(Long req) {
        return new Messages.Error(req, code, getMessage(), retryAfter);
    }
}
