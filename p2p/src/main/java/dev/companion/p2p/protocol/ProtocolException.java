package dev.companion.p2p.protocol;

/** A message or frame was refused; {@link #code()} is what goes back on the wire. */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The error message to answer with, tied to the request it answers (may be null). */
    public Messages.Error toMessage(Long req) {
        return new Messages.Error(req, code, getMessage());
    }
}
