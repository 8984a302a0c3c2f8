package dev.companion.app.session;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: 10,000 actions from a leader to two followers over a real control center and real peer
 * links, while the links are cut and the followers' apps restarted (same profile: SQLite journal,
 * terminal id) at random points. Every follower must apply every action exactly once, in order.
 * The seed is printed; set -Dchaos.seed=N to replay a run's choices.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FollowChaosTest {
    private static final int ACTIONS = 10_000;

    @TempDir
    Path dir;
    private ControlCenter scc;
    private HeadlessTerminal alice;
    private final List<AtomicReference<HeadlessTerminal>> followers = new ArrayList<>();

    @AfterEach
    void stop() {
        List<AutoCloseable> all = new ArrayList<>();
        followers.forEach(f -> all.add(f.get()));
        all.add(alice);
        all.add(scc);
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    private HeadlessTerminal open(String user, List<Action> sink) {
        return new HeadlessTerminal(user, dir.resolve(user), scc.port(), scc.fingerprint(), sink);
    }

    @Test
    void everyFollowerAppliesEveryActionExactlyOnceInOrderThroughCutsAndRestarts() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        System.out.println("FollowChaosTest seed " + seed);
        Random rnd = new Random(seed);
        scc = ControlCenters.startWithFriends(dir, "alice", "bob", "carol");
        alice = open("alice", new CopyOnWriteArrayList<>());
        alice.login();
        List<List<Action>> sinks = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        String[] names = {"bob", "carol"};
        for (int i = 0; i < 2; i++) {
            HeadlessTerminal f = open(names[i], sinks.get(i));
            f.login();
            followers.add(new AtomicReference<>(f));
            alice.session.invite(f.user).get(10, TimeUnit.SECONDS);
            await(() -> !f.invitations.isEmpty(), f.user + " invited");
            f.session.answer(f.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        }
        await(() -> alice.linked.containsAll(List.of("bob", "carol")), "alice linked to both");

        AtomicInteger cuts = new AtomicInteger();
        AtomicInteger restarts = new AtomicInteger();
        AtomicReference<Throwable> chaosFailed = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread chaos = new Thread(() -> {
            try {
                while (!done.get()) {
                    LockSupport.parkNanos(Duration.ofMillis(300 + rnd.nextInt(500)).toNanos()); // a random point
                    if (done.get()) {
                        break; // (not an interrupt: a restart in progress finishes its login)
                    }
                    int pick = rnd.nextInt(10);
                    if (pick < 6) {
                        (pick < 3 ? alice : followers.get(pick % 2).get()).session.reconnectLinks();
                        cuts.incrementAndGet();
                    } else {
                        int i = pick % 2;
                        followers.get(i).get().close(); // the app quits...
                        HeadlessTerminal again = open(names[i], sinks.get(i)); // ...and starts again
                        followers.get(i).set(again);
                        again.login();
                        restarts.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                chaosFailed.set(t);
            }
        }, "chaos");
        long start = System.nanoTime();
        chaos.start();
        for (int i = 1; i <= ACTIONS; i++) {
            alice.session.onLocalAction(new Action.Input(null, "", "#q", "n" + i));
            if (i % 20 == 0) {
                LockSupport.parkNanos(Duration.ofMillis(8).toNanos()); // about 2,000 actions a second
            }
        }
        long sentMillis = (System.nanoTime() - start) / 1_000_000;
        done.set(true);
        chaos.join(30_000);
        assertThat(chaos.isAlive()).as("chaos thread stopped").isFalse();
        assertThat(chaosFailed.get()).as("chaos thread").isNull();
        assertThat(cuts.get() + restarts.get()).as("chaos happened").isPositive();

        String[] expected = IntStream.rangeClosed(1, ACTIONS).mapToObj(i -> "n" + i).toArray(String[]::new);
        for (int i = 0; i < 2; i++) {
            List<Action> sink = sinks.get(i);
            await(() -> sink.stream().filter(a -> a instanceof Action.Input).count() >= ACTIONS,
                    names[i] + " applied " + ACTIONS, Duration.ofSeconds(120));
        }
        long doneMillis = (System.nanoTime() - start) / 1_000_000;
        for (int i = 0; i < 2; i++) {
            List<String> got = sinks.get(i).stream().filter(a -> a instanceof Action.Input).map(TestActions::value).toList();
            assertThat(got).as(names[i] + ": every action exactly once, in order").containsExactly(expected);
        }
        System.out.printf("FollowChaosTest: %d actions sent in %d ms, all applied by both after %d ms; %d link cuts, %d restarts%n",
                ACTIONS, sentMillis, doneMillis, cuts.get(), restarts.get());
    }
}
