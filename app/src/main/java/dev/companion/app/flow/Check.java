package dev.companion.app.flow;

/** Field checks for the flow records' constructors: a failed check is {@link FlowError#BAD_FIELD}. */
final class Check {
    private Check() {
    }

    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw bad("missing field: " + field);
        }
        return optional(value, field, max);
    }

    static String optional(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw bad("field too long: " + field + " (at most " + max + " characters)");
        }
        return value;
    }

    static FlowException bad(String reason) {
        return new FlowException(FlowError.BAD_FIELD, reason);
    }
}
