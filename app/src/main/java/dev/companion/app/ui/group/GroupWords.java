package dev.companion.app.ui.group;

import dev.companion.app.follow.MemberStatus;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Scope;
import java.util.List;
import java.util.MissingResourceException;
import java.util.stream.Collectors;

/** The group's settings and members' states in the UI language, for the panel and the notices. */
public final class GroupWords {
    private GroupWords() {
    }

    /** A word for a wire value (group.mode.mutual...); the wire value itself if this version has none. */
    public static String word(Texts t, String key) {
        try {
            return t.get(key);
        } catch (MissingResourceException e) {
            return key.substring(key.lastIndexOf('.') + 1);
        }
    }

    /** "leader and followers, step by step, scope partial". */
    public static String mode(Texts t, Messages.GroupState g) {
        return t.get("group.mode", word(t, "group.mode." + g.mode().wire()), word(t, "group.following." + g.following().wire()),
                word(t, "group.scope." + g.scope().wire()));
    }

    /** Partial scope: which kinds of action and which pages travel; empty for full scope. */
    public static String scope(Texts t, Messages.GroupState g) {
        if (g.scope() != Scope.PARTIAL) {
            return "";
        }
        String kinds = g.kinds().isEmpty() ? t.get("group.scope.kinds.all")
                : g.kinds().stream().map(k -> word(t, "group.kind." + k.wire())).collect(Collectors.joining(t.get("group.separator")));
        String pages = g.pages().isEmpty() ? t.get("group.scope.pages.all")
                : g.pages().stream().map(p -> StepText.clean(p, 80)).collect(Collectors.joining(t.get("group.separator")));
        return t.get("group.scope.detail", kinds, pages);
    }

    /** "paused: bob · away: carol"; empty when everyone is here. */
    public static String presence(Texts t, Messages.GroupState g) {
        List<String> paused = g.members().stream().filter(m -> m.state() == MemberState.PAUSED).map(Messages.Member::user).toList();
        List<String> away = g.members().stream().filter(m -> m.state() == MemberState.AWAY).map(Messages.Member::user).toList();
        StringBuilder b = new StringBuilder();
        if (!paused.isEmpty()) {
            b.append(t.get("group.presence.paused", String.join(t.get("group.separator"), paused)));
        }
        if (!away.isEmpty()) {
            b.append(b.isEmpty() ? "" : " · ").append(t.get("group.presence.away", String.join(t.get("group.separator"), away)));
        }
        return b.toString();
    }

    /**
     * "step 42 · shop.example/product/green-tea · waiting: … · 1 failed: failed: not found #gift".
     */
    public static String status(Texts t, MemberStatus s) {
        StringBuilder b = new StringBuilder(t.get("group.status.step", s.seq()));
        if (s.page() != null && !s.page().isBlank()) {
            b.append(" · ").append(StepText.place(s.page()));
        }
        if (s.waitingFor() != null) {
            b.append(" · ").append(t.get("group.status.waiting", StepText.clean(s.waitingFor(), 80)));
        }
        if (s.failures() > 0) {
            b.append(" · ").append(t.get("group.status.failed", s.failures(),
                    StepText.clean(s.lastFailure() == null ? "" : s.lastFailure(), 80)));
        }
        return b.toString();
    }
}
