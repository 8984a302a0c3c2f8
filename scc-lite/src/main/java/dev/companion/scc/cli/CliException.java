package dev.companion.scc.cli;

/** A command failed: the message is printed, code is the exit code. */
final class CliException extends RuntimeException {
    private final int code;

    CliException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}
