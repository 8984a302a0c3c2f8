package dev.companion.app.follow;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.GroupSettings;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up this terminal sends when its log cannot answer a member's {@code resume}: its last
 * sequence number, and, from the leader only, its page as far as the group's scope lets it travel.
 * The snapshot is taken outside the engine's lock (the page answers within 5 s, or none is sent).
 */
final class ResumeAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeAnswers.class);

    /** A catch-up to send to member, decided under the engine's lock. */
    record Pending(GroupState group, String member, Outgoing.ResumeAnswer answer) {
    }

    private final String me;
    private final Outbox outbox;
    private final FollowTarget target;

    ResumeAnswers(String me, Outbox outbox, FollowTarget target) {
        this.me = me;
        this.outbox = outbox;
        this.target = target;
    }

    /** Sends the catch-up (after the snapshot, when this terminal leads). */
    void send(Pending p) {
        GroupState g = p.group();
        CompletableFuture<PageState> state = me.equals(g.leader())
                ? snapshot().thenApply(s -> scoped(g, s)) : CompletableFuture.completedFuture(null);
        state.thenAccept(s -> outbox.send(g.group(), p.member(),
                new CatchUp(g.group(), me, p.answer().seq(), p.answer().catchUp(), s)));
    }

    /**
     * What of state the group's scope lets travel: nothing from a page on a local address the group
     * does not follow, from a page outside the page patterns or when navigation is not followed; field
     * values only when typing or choosing is; scroll and media positions only when those are.
     */
    static PageState scoped(GroupState g, PageState s) {
        if (s == null || !GroupSettings.inScope(g, Action.navigate(s.url(), NavigationCause.USER))) {
            return null; // also a page on a local address the group does not follow
        }
        if (g.scope() != Scope.PARTIAL) {
            return s;
        }
        List<ActionKind> k = g.kinds();
        boolean all = k.isEmpty();
        boolean fields = all || k.contains(ActionKind.INPUT) || k.contains(ActionKind.CHANGE);
        boolean scroll = all || k.contains(ActionKind.SCROLL);
        return new PageState(s.url(), fields ? s.fields() : List.of(), scroll ? s.scrollX() : 0,
                scroll ? s.scrollY() : 0, all || k.contains(ActionKind.MEDIA) ? s.media() : List.of());
    }

    private CompletableFuture<PageState> snapshot() {
        CompletableFuture<PageState> s;
        try {
            s = target.snapshot();
        } catch (RuntimeException e) {
            s = CompletableFuture.failedFuture(e);
        }
        return s.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> {
            LOG.warn("page snapshot for a catch-up failed; sending none", e);
            return null;
        });
    }
}
