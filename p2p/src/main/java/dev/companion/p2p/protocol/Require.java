package dev.companion.p2p.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Field checks used by the message records' constructors: a failed check is {@link
 * ErrorCode#MISSING_FIELD}.
 */
final class Require {
    static final int MAX_NAME = 64;
    static final int MAX_TEXT = 8 * 1024;

    private Require() {
    }

    static String text(String value, String field) {
        return text(value, field, MAX_TEXT);
    }

    static String name(String value, String field) {
        return text(value, field, MAX_NAME);
    }

    static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field: " + field);
        }
        if (value.length() > max) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field too long: " + field);
        }
        return value;
    }

    static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field: " + field);
        }
        for (T t : value) {
            if (t == null) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "null element in: " + field);
            }
        }
        return List.copyOf(value);
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "missing field: " + field);
        }
        return value;
    }

    /** A number at least min, else "FIELD must be >= MIN". */
    static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, field + " must be >= " + min);
        }
        return value;
    }

    /** An optional text: null or at most max characters, else "field too long: FIELD". */
    static String atMost(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field too long: " + field);
        }
        return value;
    }

    /** The value whose wire name is wire; anything else (null included) is refused naming the allowed ones. */
    static <E> E oneOf(E[] values, Function<E, String> name, String wire, String field) {
        for (E e : values) {
            if (name.apply(e).equals(wire)) {
                return e;
            }
        }
        throw new ProtocolException(ErrorCode.MISSING_FIELD, field + " must be one of "
                + Arrays.stream(values).map(name).toList() + (wire == null ? "" : ", not \"" + clip(wire) + "\""));
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
