package dev.companion.app.ui.chat;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Target;

/**
 * How a point reads in the chat: "alice points at 'Add to cart' (Green Tea)", and what became of it
 * here; and what went wrong with a drawing ("alice drew on 'Add to cart' (Green Tea): could not find
 * it on your page").
 */
final class PointWords {
    /** The longest name or place shown, in characters. */
    private static final int SHORT = 40;

    private PointWords() {
    }

    /** The element in words: its name (or text, or kind) in quotes, and where it sits when the evidence says. */
    static String what(Texts t, Target target) {
        String name = target.name() != null ? target.name() : target.text();
        String said = name != null ? "'" + shortly(name) + "'" : target.role() != null ? target.role()
                : target.tag() != null ? target.tag() : "?";
        String where = !target.headings().isEmpty() ? target.headings().get(0) : target.context();
        return where == null || where.isBlank() ? said : t.get("chat.point.where", said, shortly(where));
    }

    /** The whole line: who points at what, and (for another's) whether it was found on this page. */
    static String line(Texts t, String who, boolean mine, PointLine line) {
        String what = what(t, line.point().target());
        String said = mine ? t.get("chat.point.own", what) : t.get("chat.point.line", who, what);
        ApplyResult r = line.shown();
        if (r == null || r.applied()) {
            return said;
        }
        return t.get("chat.point.status", said, t.get(ApplyResult.AMBIGUOUS_TARGET.equals(r.reason())
                ? "chat.point.ambiguous" : "chat.point.notFound"));
    }

    /** What went wrong with a drawing here: a member's not placed on this page, or the person's own refused. */
    static String drawing(Texts t, DrawLine line, ChatModel chat) {
        if (line.drawing() == null) {
            return t.get(switch (String.valueOf(line.refused())) {
                case "NOT_LEADER" -> "chat.draw.notLeader";
                case "RATE_LIMITED" -> "chat.draw.tooFast";
                case "NOT_IN_GROUP", "NOT_LOGGED_IN" -> "chat.draw.noGroup";
                default -> "chat.draw.failed";
            });
        }
        String who = line.drawing().sender().equals(chat.me()) ? t.get("chat.you") : line.drawing().sender();
        String said = t.get("chat.draw.line", who, what(t, line.drawing().target()));
        ApplyResult r = line.shown();
        return t.get("chat.point.status", said, t.get(r != null && ApplyResult.AMBIGUOUS_TARGET.equals(r.reason())
                ? "chat.draw.ambiguous" : "chat.point.notFound"));
    }

    private static String shortly(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= SHORT ? one : one.substring(0, SHORT) + "…";
    }
}
