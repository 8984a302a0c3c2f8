package dev.companion.demo.shop;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HTTP {@code Range} header asks of a resource of known size (RFC 9110 §14). Only a single range
 * is honoured: a header with several ranges, an unknown unit or bad syntax is ignored, which the RFC
 * allows, and the whole resource is sent.
 *
 * @param kind whole resource, one part, or a range that lies outside the resource
 * @param start first byte (inclusive), for {@link Kind#PART}
 * @param end last byte (inclusive), for {@link Kind#PART}
 */
record ByteRange(Kind kind, long start, long end) {
    enum Kind { WHOLE, PART, UNSATISFIABLE }

    private static final Pattern SPEC = Pattern.compile("bytes=\\s*(\\d{0,18})-(\\d{0,18})\\s*");
    private static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, 0, -1);
    private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, 0, -1);

    static ByteRange parse(String header, long size) {
        if (header == null) {
            return WHOLE;
        }
        Matcher m = SPEC.matcher(header.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return WHOLE;
        }
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty()) {
            if (last.isEmpty()) {
                return WHOLE;
            }
            long suffix = Long.parseLong(last);
            if (suffix == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Kind.PART, Math.max(0, size - suffix), size - 1);
        }
        long start = Long.parseLong(first);
        if (!last.isEmpty() && Long.parseLong(last) < start) {
            return WHOLE; // invalid: ignore the header
        }
        if (start >= size) {
            return UNSATISFIABLE;
        }
        long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
        return new ByteRange(Kind.PART, start, end);
    }

    long length() {
        return end - start + 1;
    }
}
