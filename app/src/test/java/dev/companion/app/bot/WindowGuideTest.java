package dev.companion.app.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.companion.app.flow.Expectation;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowStep;
import dev.companion.app.follow.NoPage;
import dev.companion.app.session.LanSession;
import dev.companion.app.session.SessionListener;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.BotSay;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's own guide over real parts (loopback sockets, TLS, SQLite profiles), with a window
 * side that has no page: the guide pairs with it and leads over the peer link, its words reach the
 * window's listener with what the step expects, it has its own identity under the profile, another
 * terminal that tries to pair with the window's side is refused, and close ends its threads. (A
 * window with a browser and the sample shop: testkit GuideMeE2ETest.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowGuideTest {
    private static final String SHOP = "http://127.0.0.1:9/";

    @TempDir
    Path dir;
    private final BlockingQueue<BotLeader.Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Messages.BotSays> heard = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private LocalStore store;
    private LocalStore malloryStore;
    private WindowGuide guide;
    private LanSession mallory;

    @AfterEach
    void close() {
        if (mallory != null) {
            mallory.close();
        }
        if (guide != null) {
            guide.close();
        }
        scheduler.shutdownNow();
        for (LocalStore s : new LocalStore[] {malloryStore, store}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private BotLeader.Event next() throws InterruptedException {
        BotLeader.Event e = events.poll(20, TimeUnit.SECONDS);
        assertThat(e).as("the guide's next event").isNotNull();
        return e;
    }

    @Test
    void theGuidePairsOverLoopbackLeadsWaitsRefusesAnotherTerminalAndCloseEndsItsThreads() throws Exception {
        Path profile = dir.resolve("me");
        store = LocalStore.open(profile);
        Identity me = Identity.loadOrCreate(profile.resolve("identity.p12"), "companion-terminal");
        // a step the window's side cannot apply (it has no page): sent, once more with its hint, then it waits
        Flow flow = new Flow("Look", "en", List.of(new FlowStep(SHOP, new Action.Click(SHOP, "", "#go"),
                new Expectation(null, "#done", null), "Press Go.", 0L, null)));
        guide = WindowGuide.start(flow, profile, "me", me, store, new NoPage(), SHOP, new SessionListener() {
            @Override
            public void onBotSays(Messages.BotSays says) {
                heard.add(says);
            }
        }, events::add).get(30, TimeUnit.SECONDS);

        assertThat(next().state()).isEqualTo(BotLeader.State.SENT);
        assertThat(next()).isEqualTo(new BotLeader.Event(BotLeader.State.RETRYING, 1, "Press Go."));
        assertThat(next()).isEqualTo(new BotLeader.Event(BotLeader.State.STUCK, 1, "Press Go."));
        Messages.BotSays stuck = null;
        while (stuck == null || stuck.say() != BotSay.STUCK) {
            stuck = heard.poll(20, TimeUnit.SECONDS);
            assertThat(stuck).as("the window hears the guide").isNotNull();
        }
        assertThat(stuck.from()).isEqualTo(guide.botName()).isEqualTo("guide");
        assertThat(stuck.expect()).isEqualTo(new Messages.Expect(null, "#done", null));
        assertThat(guide.window().group().leader()).isEqualTo("guide");

        // its own identity in the profile, never the person's
        Path botIdentity = profile.resolve(WindowGuide.BOT_DIR).resolve("identity.p12");
        assertThat(Files.exists(botIdentity)).isTrue();
        assertThat(Identity.load(botIdentity).fingerprint()).isNotEqualTo(me.fingerprint());

        // another terminal on this machine asks the window's side to pair: refused, the guide's group stays
        malloryStore = LocalStore.open(dir.resolve("mallory"));
        mallory = LanSession.start("mallory", Identity.create("mallory"), malloryStore, new NoPage(), scheduler, "127.0.0.1",
                LinkManager.Timing.DEFAULT);
        Throwable refused = catchThrowable(() -> mallory.ask(new InetSocketAddress("127.0.0.1", guide.window().pairingPort()),
                null, null).thenCompose(p -> p.confirm(false)).get(30, TimeUnit.SECONDS));
        assertThat(refused).as("the window's side pairs with its own guide only").hasRootCauseMessage("declined by the other person");
        assertThat(mallory.group()).isNull();
        assertThat(guide.window().group().leader()).isEqualTo("guide");

        int pairing = guide.window().pairingPort();
        guide.close();
        assertThat(catchThrowable(() -> new java.net.Socket("127.0.0.1", pairing).close()))
                .as("the window's side no longer listens").isInstanceOf(java.net.ConnectException.class);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("window-guide")) {
                t.join(10_000);
                assertThat(t.isAlive()).as(t.getName() + " ended").isFalse();
            }
        }
        guide.close(); // safe twice
    }
}
