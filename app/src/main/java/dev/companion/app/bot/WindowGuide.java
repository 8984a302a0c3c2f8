package dev.companion.app.bot;

import dev.companion.app.flow.Flow;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.NoPage;
import dev.companion.app.session.LanSession;
import dev.companion.app.session.SessionListener;
import dev.companion.app.store.LocalStore;
import dev.companion.app.thread.Threads;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * "Guide me with: …": a virtual companion inside this app that leads this window through a flow
 * (docs/flows.md, "Guide me with"). Two terminals of this one process, paired as a LAN pair is, but
 * on loopback only and with no code to compare (both ends are this app and each knows the other's
 * certificate here): the bot (its own profile and identity in the person's profile folder,
 * {@code guide-bot/}; never the person's account), with a follow engine and no page, leads; the
 * window's side follows in this window's browser. Every step goes over the real peer link (TLS 1.3,
 * both fingerprints pinned) through the window's follow engine, its consent and owner-only rules,
 * exactly as from a person leading; {@link BotLeader} leads as in the headless bot. No control
 * center plays a part. {@link #close} ends the bot, both sides and the link; safe twice.
 */
public final class WindowGuide implements AutoCloseable {
    /** The bot's folder inside the person's profile. */
    public static final String BOT_DIR = "guide-bot";

    private final ScheduledExecutorService scheduler = Threads.timer("window-guide");
    private final Flow flow;
    private final String botName;
    private final LocalStore botStore;
    private final LanSession bot;
    private final LanSession window;
    private final BotLeader leader;
    private volatile boolean linked;

    private WindowGuide(Flow flow, Path profile, String person, Identity identity, LocalStore store, FollowTarget page,
                        Consumer<BotLeader.Event> events) throws IOException {
        this.flow = flow;
        this.botName = "guide".equals(person) ? "guide-bot" : "guide";
        Path dir = profile.resolve(BOT_DIR);
        Files.createDirectories(dir);
        Identity botIdentity = Identity.loadOrCreate(dir.resolve("identity.p12"), "companion-terminal");
        LocalStore s = null;
        LanSession w = null;
        LanSession b = null;
        try {
            s = LocalStore.open(dir);
            w = LanSession.start(person, identity, store, page, scheduler, "127.0.0.1", LinkManager.Timing.DEFAULT);
            b = LanSession.start(botName, botIdentity, s, new NoPage(), scheduler, "127.0.0.1", LinkManager.Timing.DEFAULT);
        } catch (RuntimeException e) {
            closeAll(b, w, s);
            throw e;
        }
        this.botStore = s;
        this.window = w;
        this.bot = b;
        String botFingerprint = botIdentity.fingerprint();
        window.addListener(new SessionListener() {
            @Override
            public void onPairingAsked(LanSession.Pending p) {
                if (botFingerprint.equals(p.fingerprint())) {
                    p.confirm(true); // this app's own bot: both ends here, nothing to compare
                } else {
                    p.decline(); // the window's side listens on loopback for its bot only
                }
            }
        });
        leader = new BotLeader(botName, flow, (actions, expect) -> bot.engine().sendStep(actions, expect), e -> {
            events.accept(e);
            say(e);
        });
        bot.addFollowListener(leader);
        bot.addListener(new SessionListener() {
            @Override
            public void onGroup(Messages.GroupState g, String reason, String user) {
                lead();
            }

            @Override
            public void onLink(String user, boolean up) {
                linked = up;
                lead();
            }

            @Override
            public void onBotAnswer(Messages.BotAnswer answer) {
                leader.onAnswer(answer.answer(), answer.step(), answer.page(), answer.matched());
            }
        });
    }

    /**
     * Starts guiding: the bot pairs with the window's side over loopback and, once their link is up,
     * leads flow. person: the window's name in the pair (its user, or any name); identity and store:
     * the person's profile; page: this window's browser; windowListener hears the window's side (the
     * guide panel: what the bot says). Completes once paired; nothing stays when it fails.
     */
    public static CompletableFuture<WindowGuide> start(Flow flow, Path profile, String person, Identity identity,
                                                      LocalStore store, FollowTarget page, String currentUrl,
                                                      SessionListener windowListener, Consumer<BotLeader.Event> events) {
        WindowGuide g;
        try {
            g = new WindowGuide(flow, profile, person, identity, store, page, events);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        g.window.addListener(windowListener);
        if (currentUrl != null) {
            g.window.onPageReady(currentUrl); // the engine knows the page the window is on
        }
        return g.bot.ask(new InetSocketAddress("127.0.0.1", g.window.pairingPort()), identity.fingerprint(), person)
                .thenCompose(p -> p.confirm(true))
                .handle((group, e) -> {
                    if (e != null) {
                        g.close();
                        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                    return g;
                });
    }

    /** Hands the bot's group to the leader once the link to the window's side is up (a step sent before would be lost to catch-up). */
    private void lead() {
        Messages.GroupState g = bot.group();
        if (g == null || linked) {
            leader.onGroup(g);
        }
    }

    /** Tells the window what the bot does (bot_says), off the leader's lock. */
    private void say(BotLeader.Event e) {
        BotSpeech w = BotSpeech.of(flow, e);
        if (w != null) {
            scheduler.execute(() -> bot.botSays(w.say(), w.step(), w.steps(), w.hint(), w.expect()));
        }
    }

    /** The window's side: the browser's actions and pages go to it while guiding. */
    public LanSession window() {
        return window;
    }

    public BotLeader leader() {
        return leader;
    }

    /** The bot's name in the pair (what the guide panel shows as the guide). */
    public String botName() {
        return botName;
    }

    /** Ends the bot and both sides (their link closes), then the timer and the bot's store. Safe twice. */
    @Override
    public void close() {
        closeAll(bot, window, botStore);
        scheduler.shutdownNow();
    }

    private static void closeAll(LanSession b, LanSession w, LocalStore s) {
        if (b != null) {
            b.close();
        }
        if (w != null) {
            w.close();
        }
        if (s != null) {
            s.close();
        }
    }
}
