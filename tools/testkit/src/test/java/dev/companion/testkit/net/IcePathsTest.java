package dev.companion.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.companion.scc.cli.SccMain;
import dev.companion.testkit.ChildJvm;
import dev.companion.testkit.ControlCenters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Friends in different homes: two headless terminals, each in its own home behind a router with
 * kernel NAT ({@link NatLab}), a control center (with its STUN server) and coturn on the internet
 * between them; real sessions, peer links, follow engines and profiles in child JVMs. alice leads,
 * bob follows 500 actions, each applied once and in order, over: the direct path through two
 * cone NATs (STUN, hole punching), the relay between two symmetric NATs, and a direct path cut
 * mid-run (the link falls back to the relay, then moves back when the path returns).
 */
class IcePathsTest {
    private static final Duration UP = Duration.ofSeconds(40);
    private static final String SECRET = "lab-turn-secret";

    /** The test's folder under target/ice-paths: profiles, the control center's data, every process's log (kept). */
    private Path dir;
    private NatLab lab;
    private ChildJvm scc;
    private ChildJvm alice;
    private ChildJvm bob;

    @BeforeAll
    static void canBuildHomes() {
        String why = NatLab.unavailable();
        assumeTrue(why == null, "skipped: cannot build network namespaces here: " + why);
        assumeTrue(NatLab.hasCoturn(), "skipped: coturn is not installed (apt-get install coturn)");
    }

    @BeforeEach
    void folder(TestInfo test) throws Exception {
        dir = Path.of("target", "ice-paths", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, scc, lab}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing: the lab deletes the namespaces whatever happened
            }
        }
    }

    @Test
    void twoConeNatHomesConnectDirectlyThroughStun() throws Exception {
        start(NatLab.Nat.CONE, NatLab.Nat.CONE);
        assertThat(alice.expect("PATH", ask(alice, "AWAIT_PATH bob direct " + UP.toMillis()))).startsWith("bob direct");
        follow(1, 500);
    }

    @Test
    void twoSymmetricNatHomesConnectThroughTheRelay() throws Exception {
        start(NatLab.Nat.SYMMETRIC, NatLab.Nat.SYMMETRIC);
        assertThat(alice.expect("PATH", ask(alice, "AWAIT_PATH bob relayed " + UP.toMillis()))).startsWith("bob relayed");
        follow(1, 500);
    }

    @Test
    void aLinkWhoseDirectPathIsCutMovesToTheRelayAndBack() throws Exception {
        start(NatLab.Nat.CONE, NatLab.Nat.CONE);
        alice.expect("PATH", ask(alice, "AWAIT_PATH bob direct " + UP.toMillis()));
        follow(1, 200);
        lab.cut(true);
        alice.send("SEND 201 350"); // sent into the cut: resumed once the link is back, on the relay
        alice.expect("SENT", Duration.ofSeconds(10));
        assertThat(alice.expect("PATH", ask(alice, "AWAIT_PATH bob relayed " + UP.toMillis()))).startsWith("bob relayed");
        assertThat(bob.expect("APPLIED", ask(bob, "AWAIT_APPLIED 350 " + UP.toMillis()))).isEqualTo("350 exact");
        lab.cut(false);
        assertThat(alice.expect("PATH", ask(alice, "AWAIT_PATH bob direct " + UP.toMillis()))).startsWith("bob direct");
        follow(351, 500);
    }

    /** alice sends actions from..to; bob has then applied v1..v(to), once each, in order. */
    private void follow(int from, int to) throws Exception {
        alice.send("SEND " + from + " " + to);
        alice.expect("SENT", Duration.ofSeconds(10));
        assertThat(bob.expect("APPLIED", ask(bob, "AWAIT_APPLIED " + to + " " + UP.toMillis()))).isEqualTo(to + " exact");
    }

    /** Sends a command whose answer may take up to its own timeout; returns how long to wait for it. */
    private static Duration ask(ChildJvm child, String command) {
        child.send(command);
        return UP.plusSeconds(10);
    }

    private void start(NatLab.Nat a, NatLab.Nat b) throws Exception {
        lab = NatLab.create(a, b);
        lab.coturn(dir.resolve("coturn"), SECRET);
        Path data = ControlCenters.friends(dir, "alice", "bob");
        Path secret = dir.resolve("turn-secret");
        Files.writeString(secret, SECRET + "\n");
        scc = ChildJvm.launch("scc", lab.in(lab.internet(), ChildJvm.javaCommand(List.of(), SccMain.class.getName(),
                List.of("serve", "--data", data.toString(), "--bind", NatLab.INTERNET_A, "--port", "47443",
                        "--stun-port", "3479", "--turn", NatLab.INTERNET_A + ":3478", "--turn-secret-file", secret.toString()))))
                .log(dir.resolve("scc.log")).killOnClose().start();
        String listening = scc.expect("scc-lite listening on", Duration.ofSeconds(60));
        String fingerprint = listening.replaceAll(".*fingerprint (\\S+).*", "$1");
        alice = terminal('a', "alice", fingerprint);
        bob = terminal('b', "bob", fingerprint);
        alice.send("LOGIN");
        bob.send("LOGIN");
        alice.expect("LOGGED_IN", Duration.ofSeconds(60));
        bob.expect("LOGGED_IN", Duration.ofSeconds(60));
        alice.send("INVITE bob");
        alice.expect("INVITED", Duration.ofSeconds(20));
        bob.send("ACCEPT");
        bob.expect("ACCEPTED", Duration.ofSeconds(30));
    }

    private ChildJvm terminal(char home, String user, String sccFingerprint) throws Exception {
        // heartbeats every 0.5 s and 3 s of silence: a cut path is noticed in seconds, not in 15
        return ChildJvm.launch(user, lab.in(lab.home(home), ChildJvm.javaCommand(List.of(), LabTerminal.class.getName(),
                List.of(user, dir.resolve(user).toString(), NatLab.INTERNET_A, "47443", sccFingerprint, "500", "3000", "2000"))))
                .log(dir.resolve(user + ".log")).start();
    }
}
