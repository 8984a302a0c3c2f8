package dev.companion.app;

import dev.companion.app.bot.WindowGuide;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.session.LanSession;
import dev.companion.app.session.SessionListener;
import dev.companion.app.store.LocalStore;
import dev.companion.app.ui.flows.FlowLibrary;
import dev.companion.app.ui.flows.Guiding;
import dev.companion.app.ui.guide.GuideModel;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The window's "Guide me with" ({@link Guiding}) over {@link WindowGuide}: one guide at a time, its
 * words and the person's answers through the window's {@link GuideModel}, the browser's actions and
 * pages handed to its window side ({@link #window()}). Refused while the window is in a group (one
 * group per window); a group the person joins while guided ends the guide ({@link #endsWithAGroup()}).
 */
final class WindowGuiding implements Guiding {
    private final Path profile;
    private final Identity identity;
    private final LocalStore store;
    private final FollowTarget page;
    private final Supplier<String> person;
    private final Supplier<String> currentUrl;
    private final FlowLibrary library;
    private final GuideModel guide;
    private final BooleanSupplier inGroup;
    private final Executor io;
    private volatile WindowGuide running;

    /**
     * person: the window's name in the pair; currentUrl: the browser's page (read when a guide starts,
     * on the FX thread); inGroup: whether the window is in an online or LAN group now.
     */
    WindowGuiding(Path profile, Identity identity, LocalStore store, FollowTarget page, Supplier<String> person,
                  Supplier<String> currentUrl, FlowLibrary library, GuideModel guide, BooleanSupplier inGroup, Executor io) {
        this.profile = profile;
        this.identity = identity;
        this.store = store;
        this.page = page;
        this.person = person;
        this.currentUrl = currentUrl;
        this.library = library;
        this.guide = guide;
        this.inGroup = inGroup;
        this.io = io;
    }

    @Override
    public CompletableFuture<Void> guide(long flowId) {
        if (inGroup.getAsBoolean()) {
            return CompletableFuture.failedFuture(new Guiding.InGroup());
        }
        String url = currentUrl.get();
        String name = person.get();
        return stop().thenCompose(v -> library.open(flowId)).thenComposeAsync(opened -> {
            var here = guide.here((reply, step, at, matched) -> CompletableFuture.runAsync(() -> {
                WindowGuide g = running;
                if (g == null) {
                    throw new IllegalStateException("not guided now");
                }
                g.window().answerBot(reply, step, at, matched);
            }, io));
            return WindowGuide.start(opened.flow(), profile, name, identity, store, page, url, here, e -> { });
        }, io).thenAccept(g -> running = g).whenComplete((v, e) -> {
            if (e != null) {
                guide.notHere();
            }
        });
    }

    @Override
    public CompletableFuture<Void> stop() {
        WindowGuide g = running;
        running = null;
        if (g == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            g.close();
            guide.notHere();
        }, io);
    }

    /** The window's side of the guide now, or null: the browser's actions and pages go to it. */
    LanSession window() {
        WindowGuide g = running;
        return g == null ? null : g.window();
    }

    /** Hears a session (online or LAN): a group with someone else in it ends the guide, one group per window. */
    SessionListener endsWithAGroup() {
        return new SessionListener() {
            @Override
            public void onGroup(Messages.GroupState g, String reason, String user) {
                if (g != null && g.members().size() > 1 && running != null) {
                    stop();
                }
            }
        };
    }

    /** The app closes: the guide ends with it. */
    void close() {
        WindowGuide g = running;
        running = null;
        if (g != null) {
            g.close();
        }
    }
}
