package dev.companion.app.ui.chat;

/**
 * A chat line's text as it is shown under its sender's name: another member's text must not pass
 * for someone else's line or bury the lines around it. So direction overrides, embeddings and
 * isolates (U+202A–U+202E, U+2066–U+2069: "‮" turns "gnp.exe" around) and zero-width spaces and
 * joiners of words (U+200B, U+2060, U+FEFF) are dropped; a letter keeps at most {@link #MAX_MARKS}
 * combining marks (a stack of hundreds is drawn over the lines above and below); blank lines
 * collapse to one and the text starts and ends with no line break. Everything else (emoji with
 * their joiner, Chinese, right-to-left scripts and their marks, line breaks) is shown as it came.
 */
public final class ChatText {
    public static final int MAX_MARKS = 3;

    private ChatText() {
    }

    public static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        int marks = 0;
        int breaks = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (dropped(cp)) {
                continue;
            }
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
            marks = mark ? marks + 1 : 0;
            if (mark && marks > MAX_MARKS) {
                continue;
            }
            if (cp == '\n') {
                breaks++;
                if (breaks > 2 || b.isEmpty()) {
                    continue;
                }
            } else if (!Character.isWhitespace(cp)) {
                breaks = 0;
            }
            b.appendCodePoint(cp);
        }
        int end = b.length();
        while (end > 0 && Character.isWhitespace(b.charAt(end - 1))) {
            end--;
        }
        return b.substring(0, end);
    }

    private static boolean dropped(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200B || cp == 0x2060
                || cp == 0xFEFF;
    }
}
