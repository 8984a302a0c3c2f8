package dev.companion.app.ui.classroom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The students the teacher types, one a line: a name, a space, a password (lines left blank are
 * skipped). The names are checked by the room's control center like every account's
 * ({@code UserNames}); here only the shape and the classroom's size, 1 to {@value #MAX} students.
 */
final class Roster {
    static final int MAX = 30;

    /** The roster, or the reason it was refused: the i18n key and its argument. */
    record Parsed(Map<String, String> students, String errorKey, int errorArg) {
        boolean ok() {
            return errorKey == null;
        }
    }

    private Roster() {
    }

    static Parsed parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2 || parts[1].isBlank() || out.containsKey(parts[0])) {
                return new Parsed(Map.of(), "classroom.host.badLine", i + 1);
            }
            out.put(parts[0], parts[1].strip());
        }
        if (out.isEmpty() || out.size() > MAX) {
            return new Parsed(Map.of(), "classroom.host.count", out.size());
        }
        return new Parsed(Collections.unmodifiableMap(out), null, 0); // in the order typed: accounts and invitations follow it
    }
}
