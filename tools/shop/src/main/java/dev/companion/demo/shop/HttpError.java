package dev.companion.demo.shop;

import java.util.List;

/**
 * Thrown by a handler to answer with an error page: a status, messages for the person and, optionally,
 * a link back to where they came from.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> messages;
    private final String backHref;

    HttpError(int status, String message) {
        this(status, List.of(message), null);
    }

    HttpError(int status, List<String> messages, String backHref) {
        super(status + " " + String.join("; ", messages), null, false, false);
        this.status = status;
        this.messages = List.copyOf(messages);
        this.backHref = backHref;
    }

    int status() {
        return status;
    }

    List<String> messages() {
        return messages;
    }

    /** Where the error page's "Go back" link points; null for the home page. */
    String backHref() {
        return backHref;
    }
}
