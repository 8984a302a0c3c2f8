package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A leader cannot make a follower's browser open pages on the follower's own network (the router,
 * a printer, the NAS) unless the group allows local addresses: such actions are refused
 * OUT_OF_SCOPE, and a catch-up to such a page is not restored.
 */
class LocalAddressFollowTest {
    private static final FollowEngine.Timing TIMING = new FollowEngine.Timing(Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FollowEngineTest.RecordingTarget target = new FollowEngineTest.RecordingTarget();
    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private FollowEngine bob(boolean localAddresses) {
        FollowEngine e = new FollowEngine("bob", new FollowEngineTest.Wire(sent), target, scheduler, TIMING);
        e.addListener(new FollowListener() {
            @Override
            public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
                events.add(outcome.wire() + (reason == null ? "" : " " + reason));
            }

            @Override
            public void onCaughtUp(String from, long seq, CatchUpReason reason, String page) {
                events.add("caught up");
            }
        });
        e.onGroup(new Messages.GroupState("g1", 1, "alice", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL,
                List.of(), List.of(), List.of(new Messages.Member("alice", "t-a", Role.LEADER),
                        new Messages.Member("bob", "t-b", Role.FOLLOWER)), localAddresses));
        e.onPageReady("https://shop.example/");
        return e;
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event").isNotNull();
        return e;
    }

    @Test
    void theRouterTheMetadataServiceAndLocalhostAreRefused() throws Exception {
        FollowEngine bob = bob(false);
        List<String> urls = List.of("http://192.168.1.1/admin", "http://169.254.169.254/latest/meta-data/",
                "http://localhost:8080/", "http://0x7f.1/", "http://[::1]/", "http://nas.local/share");
        long seq = 0;
        for (String url : urls) {
            bob.onRemote("g1", "alice", new ActionMsg("g1", "alice", ++seq, Action.navigate(url, NavigationCause.USER)));
            assertThat(next()).as(url).startsWith("refused");
        }
        // a click on such a page is refused too, and nothing was ever loaded or applied
        bob.onRemote("g1", "alice", new ActionMsg("g1", "alice", ++seq, new Action.Click("http://10.0.0.1/", "", "#reboot")));
        assertThat(next()).startsWith("refused");
        assertThat(target.loads).isEmpty();
        assertThat(target.applied).isEmpty();
        // the same group still follows the web
        bob.onRemote("g1", "alice", new ActionMsg("g1", "alice", ++seq, Action.navigate("https://shop.example/cart", NavigationCause.USER)));
        assertThat(next()).isEqualTo("applied");
        assertThat(target.loads).containsExactly("https://shop.example/cart");
        bob.close();
    }

    @Test
    void aLocalPageWrittenTheWayOnlyABrowserReadsItIsRefusedToo() throws Exception {
        // each of these is the router or this machine to Chromium, and java.net.URI could not read it:
        // a click on it once made the follower load it (the page to reach) past the local-address rule
        FollowEngine bob = bob(false);
        List<String> pages = List.of("http://192.168.1.1/a b", "http://\\127.0.0.1/", "http:///127.0.0.1/x",
                "http://%31%39%32.168.1.1/", "http://example.com@192.168.1.1/", "http://192.168.\n1.1/",
                "http://\uff11\uff12\uff17.0.0.1/");
        long seq = 0;
        for (String page : pages) {
            bob.onRemote("g1", "alice", new ActionMsg("g1", "alice", ++seq, new Action.Click(page, "", "#reboot")));
            assertThat(next()).as(page).isEqualTo("refused outside the group's scope");
        }
        assertThat(target.loads).isEmpty();
        assertThat(target.applied).isEmpty();
        bob.close();
    }

    @Test
    void aCatchUpToALocalPageIsNotRestored() throws Exception {
        FollowEngine bob = bob(false);
        bob.onLinkUp("alice"); // bob asks to join
        bob.onRemote("g1", "alice", new CatchUp("g1", "alice", 3, CatchUpReason.JOIN,
                new PageState("http://192.168.0.1/", List.of(new Messages.FieldState("", "#dns", "6.6.6.6", null)), 0, 0, List.of())));
        assertThat(next()).isEqualTo("caught up"); // the stream is settled, said, but nothing was loaded
        assertThat(target.loads).isEmpty();
        assertThat(target.restored).isEmpty();
        bob.close();
    }

    @Test
    void aGroupThatAllowsLocalAddressesFollowsThem() throws Exception {
        FollowEngine bob = bob(true);
        bob.onRemote("g1", "alice", new ActionMsg("g1", "alice", 1, Action.navigate("http://192.168.1.20:8080/class", NavigationCause.USER)));
        assertThat(next()).isEqualTo("applied");
        assertThat(target.loads).containsExactly("http://192.168.1.20:8080/class");
        bob.close();
    }
}
