package dev.companion.app.ui.group;

import dev.companion.app.follow.FollowEngine;
import dev.companion.app.session.SessionService;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What the group panel asks of the session. Every call returns at once; the work runs off the FX
 * thread and a refusal fails the future (a {@code ProtocolException} with its code). An interface so
 * the panel can be tested without a control center.
 */
public interface GroupActions {
    /**
     * Changes the group's settings (based on the group version the session knows); localAddresses:
     * pages on local addresses are followed too.
     */
    CompletableFuture<Void> setSettings(Mode mode, Following following, Scope scope, List<ActionKind> kinds,
                                        List<String> pages, boolean localAddresses);

    CompletableFuture<Void> askLead();

    CompletableFuture<Void> offerLead(String to);

    CompletableFuture<Void> answerLead(String proposal, boolean accept);

    /** Stops following here at once (true) or follows again (false). */
    CompletableFuture<Void> pause(boolean paused);

    /** Manual mode: sends what this terminal holds as one step; completes false when nothing was held. */
    CompletableFuture<Boolean> sendHeld();

    /** Manual mode: forgets what this terminal holds (it stays local). */
    CompletableFuture<Void> discardHeld();

    CompletableFuture<Void> leave();

    /** The real thing: the session's requests; the follow engine's calls run on io. */
    static GroupActions of(SessionService session, Executor io) {
        return new GroupActions() {
            @Override
            public CompletableFuture<Void> setSettings(Mode mode, Following following, Scope scope,
                                                       List<ActionKind> kinds, List<String> pages, boolean localAddresses) {
                return session.setSettings(mode, following, scope, kinds, pages, localAddresses).thenApply(m -> null);
            }

            @Override
            public CompletableFuture<Void> askLead() {
                return session.askLead().thenApply(m -> null);
            }

            @Override
            public CompletableFuture<Void> offerLead(String to) {
                return session.offerLead(to).thenApply(m -> null);
            }

            @Override
            public CompletableFuture<Void> answerLead(String proposal, boolean accept) {
                return session.answerLead(proposal, accept).thenApply(m -> null);
            }

            @Override
            public CompletableFuture<Void> pause(boolean paused) {
                // the engine answers its senders at once (resume on following again): not on the FX thread
                return CompletableFuture.supplyAsync(() -> session.pause(paused), io)
                        .thenCompose(f -> f).thenApply(m -> null);
            }

            @Override
            public CompletableFuture<Boolean> sendHeld() {
                return CompletableFuture.supplyAsync(session::sendHeld, io);
            }

            @Override
            public CompletableFuture<Void> discardHeld() {
                return CompletableFuture.runAsync(() -> {
                    FollowEngine e = session.engine();
                    if (e != null) {
                        e.discardHeld();
                    }
                }, io);
            }

            @Override
            public CompletableFuture<Void> leave() {
                return session.leave();
            }
        };
    }
}
