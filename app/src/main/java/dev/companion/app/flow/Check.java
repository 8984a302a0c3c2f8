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

    /**
     * A text people will read (a name, a hint): no control characters and no bidirectional
     * overrides or isolates, which could make it show something else than it says.
     */
    static String readable(String value, String field, int max) {
        optional(value, field, max);
        if (value != null && value.codePoints().anyMatch(c -> (Character.isISOControl(c) && c != '\n')
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))) {
            throw bad(field + " has control or text-direction characters");
        }
        return value;
    }

    static FlowException bad(String reason) {
        return new FlowException(FlowError.BAD_FIELD, reason);
    }
}
