package dev.companion.app.session;

import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.client.ControlCenterClient;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Join by code (docs/protocol.md "Join by code"): the leader shows a code for the current group (or,
 * in none, for a new group it will lead); a joiner looks a code up, sees who leads, and asks; the
 * leader decides. The pushes come to {@link SessionListener#onJoinAsked} and
 * {@link SessionListener#onJoinAnswered}; once let in, the group arrives like any group.
 */
public final class Joining {
    /** The link scheme the OS opens with the app: {@code companion://join/<code>}. */
    public static final String LINK = "companion://join/";

    private final Supplier<ControlCenterClient> client;
    private final Supplier<Messages.GroupState> group;
    private final Supplier<String> user;

    Joining(Supplier<ControlCenterClient> client, Supplier<Messages.GroupState> group, Supplier<String> user) {
        this.client = client;
        this.group = group;
        this.user = user;
    }

    /** A code for the group this user leads, or for a new group when in none. */
    public CompletableFuture<Messages.JoinCodeIssued> showCode() {
        Messages.GroupState g = group.get();
        return client.get().joinCode(g == null ? null : g.group());
    }

    /** Who leads which group with code (a code as typed, or a companion://join/ link). */
    public CompletableFuture<Messages.JoinInfo> lookUp(String code) {
        return client.get().joinLookup(codeOf(code));
    }

    /** Asks to join the group of code (this user's consent). */
    public CompletableFuture<Messages.Ok> ask(String code) {
        return client.get().joinAsk(codeOf(code));
    }

    /** As the leader, lets the asker in or not. */
    public CompletableFuture<Messages.Ok> decide(Messages.JoinAsked asked, boolean accept) {
        return client.get().joinDecide(asked.group(), asked.id(), accept);
    }

    /** Whether this user may show a code now: in no group, or leading one. */
    public boolean canShowCode() {
        Messages.GroupState g = group.get();
        return g == null || g.leader().equals(user.get());
    }

    /** The code in text: a companion://join/ link's last part, or the text itself, trimmed. */
    public static String codeOf(String text) {
        String s = text == null ? "" : text.trim();
        if (s.regionMatches(true, 0, LINK, 0, LINK.length())) {
            s = s.substring(LINK.length());
            int end = s.indexOf('/');
            s = end < 0 ? s : s.substring(0, end);
        }
        return s;
    }
}
