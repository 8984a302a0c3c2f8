package dev.companion.app.session;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.session.ControlCenterState.Status;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session recovers its control-center connection: a failed sign-in leaves nothing behind; after a
 * drop or a control-center restart it reconnects by itself with its session token (back-off counted
 * through a hand-driven timer, never waited out), re-joins its group, and following goes on exactly
 * once throughout; a refused token asks for the password instead of looping. A real control center
 * (stopped and started again on the same port and data), real peer links, real SQLite profiles.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionRecoveryTest {
    @TempDir
    Path dir;
    private ControlCenter scc;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        scc = ControlCenters.startWithFriends(dir, "alice", "bob");
    }

    @AfterEach
    void stop() {
        open.add(() -> scc.close());
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing
            }
        }
    }

    private HeadlessTerminal terminal(String user, SessionService.Reconnect reconnect) {
        return terminal(user, dir.resolve(user), scc.port(), scc.fingerprint(), reconnect);
    }

    private HeadlessTerminal terminal(String user, Path profile, int port, String fingerprint, SessionService.Reconnect r) {
        HeadlessTerminal t = new HeadlessTerminal(user, profile, port, fingerprint, new CopyOnWriteArrayList<>(), r);
        open.add(0, t);
        return t;
    }

    private static Throwable failure(CompletableFuture<?> f) throws InterruptedException, TimeoutException {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return SessionThread.cause(e.getCause());
        }
        throw new AssertionError("expected the sign-in to fail");
    }

    private static void assertNothingBuilt(SessionService s) {
        assertThat(s.hasSignIn()).as("parts of a failed sign-in").isFalse();
        assertThat(s.engine()).isNull();
        assertThat(s.user()).isNull();
        assertThat(s.isControlCenterOnline()).isFalse();
    }

    private static Action input(String value) {
        return new Action.Input(null, "", "#q", value);
    }

    private static void formGroup(HeadlessTerminal leader, HeadlessTerminal who) throws Exception {
        leader.session.invite(who.user).get(10, TimeUnit.SECONDS);
        await(() -> !who.invitations.isEmpty(), who.user + " invited");
        who.session.answer(who.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        await(() -> leader.linked.contains(who.user) && who.linked.contains(leader.user), "linked");
    }

    private static List<String> values(HeadlessTerminal t) {
        return t.applied.stream().map(TestActions::value).toList();
    }

    private static boolean backInGroup(HeadlessTerminal t, String user) {
        Messages.GroupState g = t.group;
        Messages.Member m = g == null ? null : g.member(user);
        return m != null && m.state() == MemberState.HERE && m.epoch() == 1;
    }

    @Test
    void aWrongPasswordLeavesNothingAndTheRightOneSignsIn() throws Exception {
        HeadlessTerminal alice = terminal("alice", SessionService.Reconnect.DEFAULT);
        Throwable wrong = failure(alice.session.login("alice", "not-her-password"));
        assertThat(wrong).isInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) wrong).code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertNothingBuilt(alice.session);

        alice.login(); // the same session: no "already signed in"
        assertThat(alice.session.user()).isEqualTo("alice");
        await(() -> alice.controlCenterIs(Status.ONLINE), "alice online");
        HeadlessTerminal bob = terminal("bob", SessionService.Reconnect.DEFAULT);
        bob.login();
        formGroup(alice, bob);
        alice.session.onLocalAction(input("after a wrong password"));
        await(() -> values(bob).contains("after a wrong password"), "bob follows alice");
    }

    @Test
    void aSignInThatTimesOutOrWhoseTlsFailsLeavesNothing() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            CompletableFuture.runAsync(() -> { // the first connection hears nothing, later ones are closed at once
                try {
                    held.add(silent.accept());
                    while (true) {
                        silent.accept().close();
                    }
                } catch (IOException e) {
                    // the test ended
                }
            });
            HeadlessTerminal alice = terminal("alice", dir.resolve("alice"), silent.getLocalPort(), scc.fingerprint(),
                    SessionService.Reconnect.DEFAULT);
            assertThat(failure(alice.session.login("alice", "alice-pass"))).isInstanceOf(TimeoutException.class);
            assertNothingBuilt(alice.session);
            assertThat(failure(alice.session.login("alice", "alice-pass"))).isInstanceOf(IOException.class);
            assertNothingBuilt(alice.session);
            for (Socket s : held) {
                s.close();
            }
        }
        String impostor = "sha-256:" + "00".repeat(32);
        HeadlessTerminal bob = terminal("bob", dir.resolve("bob"), scc.port(), impostor, SessionService.Reconnect.DEFAULT);
        assertThat(failure(bob.session.login("bob", "bob-pass"))).isInstanceOf(SSLHandshakeException.class);
        assertNothingBuilt(bob.session);
        assertThat(failure(bob.session.login("bob", "bob-pass"))).isInstanceOf(SSLHandshakeException.class);
        assertNothingBuilt(bob.session);
    }

    @Test
    void afterAControlCenterRestartBothAreBackInTheirGroupAndFollowingIsExact() throws Exception {
        HeadlessTerminal alice = terminal("alice", SessionService.Reconnect.DEFAULT);
        HeadlessTerminal bob = terminal("bob", SessionService.Reconnect.DEFAULT);
        alice.login();
        bob.login();
        formGroup(alice, bob);
        for (int i = 1; i <= 3; i++) {
            alice.session.onLocalAction(input("a" + i));
        }
        await(() -> bob.applied.size() == 3, "3 actions at bob");

        int port = scc.port();
        scc.close();
        await(() -> !alice.controlCenterIs(Status.ONLINE) && !bob.controlCenterIs(Status.ONLINE), "both offline");
        for (int i = 4; i <= 6; i++) {
            alice.session.onLocalAction(input("a" + i)); // over the peer link, without the control center
        }
        await(() -> bob.applied.size() == 6, "6 actions at bob while the control center is down");

        scc = ControlCenters.restart(dir, port, c -> c);
        // nobody signs in again: the sessions come back by themselves, with their tokens (no password is kept)
        await(() -> alice.controlCenterIs(Status.ONLINE) && bob.controlCenterIs(Status.ONLINE), "both online again");
        await(() -> backInGroup(alice, "alice") && backInGroup(alice, "bob"), "alice sees both back in the group");
        await(() -> backInGroup(bob, "alice") && backInGroup(bob, "bob"), "bob sees both back in the group");
        assertThat(alice.linked).contains("bob");
        for (int i = 7; i <= 9; i++) {
            alice.session.onLocalAction(input("a" + i));
        }
        await(() -> bob.applied.size() == 9, "9 actions at bob");
        assertThat(values(bob)).containsExactlyElementsOf(IntStream.rangeClosed(1, 9).mapToObj(i -> "a" + i).toList());
        assertThat(bob.groupEnded).isNull();
        assertThat(alice.applied).isEmpty();
        // and the control center works for them again
        bob.session.pause(true).get(10, TimeUnit.SECONDS);
        await(() -> alice.group.member("bob").state() == MemberState.PAUSED, "alice sees bob paused");
    }

    @Test
    void aRefusedTokenAsksForThePasswordAndStopsTrying() throws Exception {
        HandTimer timer = new HandTimer();
        HeadlessTerminal alice = terminal("alice", new SessionService.Reconnect(Backoff.DEFAULT, timer));
        alice.login();
        int port = scc.port();
        scc.close();
        HandTimer.Wait first = timer.next();
        await(() -> alice.controlCenterIs(Status.WAITING), "alice waits to try again");
        // back a day later by its clock: alice's token (24 h) has expired
        scc = ControlCenters.restart(dir, port, c -> c.withClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(25))));
        first.run();
        await(() -> alice.controlCenterIs(Status.PASSWORD_NEEDED), "alice is asked for her password");
        assertThat(timer.pending()).as("no attempt waits: the loop stopped").isEmpty();

        alice.session.reconnect(); // cannot help without the password: nothing is tried
        Throwable wrong = failure(alice.session.login("alice", "not-her-password"));
        assertThat(((ProtocolException) wrong).code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        await(() -> alice.controlCenterIs(Status.PASSWORD_NEEDED), "still asking for the password");
        assertThat(timer.pending()).isEmpty();

        alice.session.login("alice", "alice-pass").get(20, TimeUnit.SECONDS);
        await(() -> alice.controlCenterIs(Status.ONLINE), "alice online with her password");
        assertThat(timer.pending()).isEmpty();
    }

    @Test
    void theBackOffIsBoundedAndReconnectNowCutsItShort() throws Exception {
        HandTimer timer = new HandTimer();
        HeadlessTerminal alice = terminal("alice", new SessionService.Reconnect(Backoff.DEFAULT, timer));
        alice.login();
        int port = scc.port();
        scc.close();
        // ten minutes of waits, run one after the other as fast as the attempts fail (nothing listens)
        long window = Duration.ofMinutes(10).toMillis();
        long elapsed = 0;
        List<Duration> waits = new ArrayList<>();
        HandTimer.Wait w = timer.next();
        while (elapsed + w.delay().toMillis() <= window) {
            elapsed += w.delay().toMillis();
            waits.add(w.delay());
            w.run();
            w = timer.next(); // the attempt failed and the next wait began
        }
        // each wait in [first/2, first·2^n] capped at 20 s and not below 10 s once there: 34 to 65 attempts
        assertThat(waits.size()).isBetween(30, 66);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(waits).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(20)));
        assertThat(waits.subList(10, waits.size())).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(10)));
        Duration next = w.delay();
        await(() -> alice.controlCenterIs(Status.WAITING) && alice.controlCenter.retryIn().equals(next),
                "the status line says when the next attempt comes");

        scc = ControlCenters.restart(dir, port, c -> c);
        alice.session.reconnect(); // the user does not wait for the next attempt
        await(() -> alice.controlCenterIs(Status.ONLINE), "alice online at once");
        assertThat(w.cancelled()).as("the wait under way was cut short").isTrue();
        assertThat(timer.pending()).isEmpty();
    }

    @Test
    void whenTheGroupDidNotOutliveTheOutageTheAppSaysSo() throws Exception {
        HeadlessTerminal alice = terminal("alice", SessionService.Reconnect.DEFAULT);
        HeadlessTerminal bob = terminal("bob", SessionService.Reconnect.DEFAULT);
        alice.login();
        bob.login();
        formGroup(alice, bob);
        int port = scc.port();
        scc.close();
        await(() -> !alice.controlCenterIs(Status.ONLINE), "alice offline");
        // a control center with no away grace: the kept group is gone before anyone is back
        scc = ControlCenters.restart(dir, port, c -> c.withAwayGrace(Duration.ZERO));
        await(() -> alice.group == null && bob.group == null, "the group ended for both");
        assertThat(alice.groupEnded).isEqualTo(GroupLinks.GONE + ":null");
        assertThat(bob.groupEnded).isEqualTo(GroupLinks.GONE + ":null");
        await(() -> alice.linked.isEmpty() && bob.linked.isEmpty(), "their links closed");
        assertThat(alice.controlCenterIs(Status.ONLINE)).isTrue();
    }

    @Test
    void aSignInFromAnotherTerminalStopsTheLoopInsteadOfTakingTurns() throws Exception {
        HandTimer timer = new HandTimer();
        HeadlessTerminal alice = terminal("alice", new SessionService.Reconnect(Backoff.DEFAULT, timer));
        alice.login();
        HeadlessTerminal phone = terminal("alice", dir.resolve("alice-phone"), scc.port(), scc.fingerprint(),
                SessionService.Reconnect.DEFAULT);
        phone.login(); // another terminal of hers replaces this one
        await(() -> alice.controlCenterIs(Status.REPLACED), "alice's first terminal told it was replaced");
        assertThat(timer.pending()).as("no attempt to take it back by itself").isEmpty();
        assertThat(phone.session.isControlCenterOnline()).isTrue();
        alice.session.reconnect(); // her choice: this terminal again
        await(() -> alice.controlCenterIs(Status.ONLINE) && phone.controlCenterIs(Status.REPLACED), "back on the first");
        assertThat(timer.pending()).isEmpty();
    }

    @Test
    void aReconnectNeverSendsTheTokenToAControlCenterWithAnotherCertificate() throws Exception {
        HandTimer timer = new HandTimer();
        // no fingerprint given: trusted on first use, pinned after login_ok
        HeadlessTerminal alice = terminal("alice", dir.resolve("alice"), scc.port(), null,
                new SessionService.Reconnect(Backoff.DEFAULT, timer));
        alice.login();
        int port = scc.port();
        scc.close();
        HandTimer.Wait first = timer.next();
        scc = ControlCenters.restart(dir.resolve("impostor"), port, c -> c); // another identity, same address
        first.run();
        HandTimer.Wait second = timer.next(); // refused in TLS, before any login was written
        await(() -> alice.controlCenterIs(Status.WAITING) && alice.controlCenter.reason().contains("TLS"),
                "alice refuses the other certificate and waits");
        assertThat(second.delay()).isGreaterThan(Duration.ZERO);
        assertThat(alice.session.isControlCenterOnline()).isFalse();
    }
}
