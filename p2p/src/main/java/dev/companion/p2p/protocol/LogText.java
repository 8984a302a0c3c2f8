package dev.companion.p2p.protocol;

/**
 * Text that came from the other side (user names, terminal ids, reasons, messages), made safe for a
 * log line: every control, format (bidi overrides such as U+202E, zero-width joiners), line or
 * paragraph separator, surrogate-without-pair and unassigned character is written as {@code \}{@code uXXXX},
 * a backslash as two, and text over {@value #MAX} characters is cut (ending in {@code …}). A
 * terminal that names itself {@code "t\u0007\u001b[31m\u202e"} can then neither ring the operator's
 * bell, colour or move their terminal, reverse the rest of the line, nor forge a second log line.
 *
 * <p>Every log call that prints such text passes it through {@link #of(String)} (slf4j-simple has no
 * hook to do it for all lines); {@code null} prints as {@code null}.
 */
public final class LogText {
    /** Longest text kept, in characters. */
    public static final int MAX = 200;

    private LogText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        int end = Math.min(text.length(), MAX);
        StringBuilder out = end < text.length() ? new StringBuilder(end + 16) : null;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            int cp = pair ? text.codePointAt(i) : c;
            boolean escape = c == '\\' || unsafe(cp);
            if (escape && out == null) {
                out = new StringBuilder(end + 16).append(text, 0, i);
            }
            if (out != null) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (escape) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
            if (pair) {
                i++;
            }
        }
        if (out == null) {
            return text;
        }
        return end < text.length() ? out.append('…').toString() : out.toString();
    }

    private static boolean unsafe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
