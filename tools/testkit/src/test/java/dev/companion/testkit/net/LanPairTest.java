package dev.companion.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.companion.app.session.LanSession;
import dev.companion.app.store.LanPeers;
import dev.companion.p2p.lan.ConfirmCode;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.lan.LanPairing;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.Messages;
import dev.companion.testkit.ChildJvm;
import dev.companion.testkit.HeadlessTerminal;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Companions pairing on a LAN with no control center at all, then following: on 127.0.0.1 in
 * this JVM (always runs; the beacons go to the discovery's port directly, as loopback carries no
 * multicast), and between two network namespaces with no route anywhere (root; skipped with a message
 * otherwise), each Companion its own JVM, finding the other by its multicast beacon. Also a forged
 * beacon and a certificate that changed since the pairing.
 */
class LanPairTest {
    private static final int ACTIONS = 500;
    private static final Duration UP = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() {
        for (AutoCloseable c : open.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // closing: the lab deletes the namespaces whatever happened
            }
        }
    }

    private LanTerminal terminal(String name) throws Exception {
        return terminal(name, LanSession.LINK_WAIT);
    }

    private LanTerminal terminal(String name, Duration linkWait) throws Exception {
        LanTerminal t = new LanTerminal(name, dir.resolve(name), "127.0.0.1", LinkManager.Timing.DEFAULT, linkWait);
        open.add(t);
        return t;
    }

    private LanDiscovery discovery() throws Exception {
        LanDiscovery d = LanDiscovery.start(List.of(), 0, System::nanoTime, LanDiscovery.EXPIRY);
        open.add(d);
        return d;
    }

    private static void beacon(LanDiscovery d, LanBeacon b) throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            byte[] bytes = b.encode();
            s.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", d.port())));
        }
    }

    /** alice finds bob's beacon, asks him; both confirm the same code; returns the group they formed. */
    private static Messages.GroupState pair(LanTerminal alice, LanTerminal bob, LanDiscovery d) throws Exception {
        beacon(d, bob.session.beacon());
        LanDiscovery.Found f = LanTerminal.find(d, bob.name, Duration.ofSeconds(10));
        LanSession.Pending asking = alice.ask(f.address(), f.beacon().fingerprint(), f.beacon().name());
        CompletableFuture<Messages.GroupState> atAlice = asking.confirm(false);
        LanSession.Pending asked = bob.asked.poll(10, TimeUnit.SECONDS);
        assertThat(asked).as("bob is asked").isNotNull();
        assertThat(asked.code()).as("the code on both screens").isEqualTo(asking.code());
        assertThat(asked.name()).isEqualTo(alice.name);
        Messages.GroupState atBob = asked.confirm(false).get(10, TimeUnit.SECONDS);
        Messages.GroupState g = atAlice.get(10, TimeUnit.SECONDS);
        assertThat(atBob).isEqualTo(g);
        assertThat(g.leader()).isEqualTo(alice.name);
        return g;
    }

    @Test
    void onLoopbackTwoTerminalsPairWithOneCodeAndFollowEachActionOnce() throws Exception {
        LanTerminal alice = terminal("alice");
        LanTerminal bob = terminal("Bob 王");
        pair(alice, bob, discovery());
        HeadlessTerminal.await(() -> alice.linked.contains(bob.name) && bob.linked.contains(alice.name), "the link", UP);
        assertThat(bob.session.linkStatus(alice.name).path()).isEqualTo(LinkPath.SAME_MACHINE);

        alice.send(1, ACTIONS);
        HeadlessTerminal.await(() -> bob.applied.size() >= ACTIONS, ACTIONS + " actions applied", UP);
        assertThat(LabTerminal.check(bob.applied, ACTIONS)).isEqualTo("exact");
        assertThat(alice.applied).isEmpty(); // the leader follows no one
    }

    @Test
    void aForgedBeaconIsRefusedOrShowsAnotherCode() throws Exception {
        LanTerminal alice = terminal("alice");
        LanTerminal bob = terminal("bob");
        LanTerminal mallory = terminal("mallory");
        LanDiscovery d = discovery();

        // bob's name and certificate announced at mallory's pairing port: the handshake is refused
        LanBeacon bobs = bob.session.beacon();
        LanBeacon forged = LanBeacon.terminal(bobs.name(), mallory.session.pairingPort(), bobs.fingerprint(), "forged");
        assertThatThrownBy(() -> alice.ask(new InetSocketAddress("127.0.0.1", forged.port()), forged.fingerprint(), "bob"))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("TLS handshake");
        assertThat(mallory.asked).isEmpty();

        // bob's name with mallory's own certificate: alice's screen shows another code than bob's would
        beacon(d, LanBeacon.terminal("bob", mallory.session.pairingPort(), mallory.session.beacon().fingerprint(), "forged2"));
        LanDiscovery.Found f = LanTerminal.find(d, "bob", Duration.ofSeconds(10));
        LanSession.Pending p = alice.ask(f.address(), f.beacon().fingerprint(), "bob");
        String bobsScreen = ConfirmCode.ofPair(alice.session.beacon().fingerprint(), bobs.fingerprint());
        assertThat(p.code()).isNotEqualTo(bobsScreen);
        p.decline();
        assertThat(alice.session.group()).isNull();
    }

    @Test
    void aPairedTerminalWithAnotherCertificateIsWarnedAboutAndNotTrustedSilently() throws Exception {
        LanTerminal alice = terminal("alice");
        LanTerminal bob = terminal("bob");
        LanDiscovery d = discovery();
        pair(bob, alice, d);
        String oldFingerprint = bob.session.beacon().fingerprint();
        open.remove(bob);
        bob.close();

        // bob's profile (same terminal id) with a new certificate: a reinstall, or someone using his id
        Files.delete(dir.resolve("bob").resolve("identity.p12"));
        LanTerminal bob2 = terminal("bob");
        assertThat(bob2.session.beacon().fingerprint()).isNotEqualTo(oldFingerprint);
        LanSession.Pending asking = bob2.ask(new InetSocketAddress("127.0.0.1", alice.session.pairingPort()), null, null);
        CompletableFuture<Messages.GroupState> atBob = asking.confirm(false);
        LanSession.Pending asked = alice.asked.poll(10, TimeUnit.SECONDS);
        assertThat(asked.trust()).isEqualTo(LanPeers.Trust.CHANGED);
        assertThatThrownBy(() -> asked.confirm(false).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(LanSession.CertificateChanged.class).hasMessageContaining("another certificate");
        assertThatThrownBy(() -> atBob.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LanPairing.Declined.class);
        assertThat(alice.session.group()).as("alice's group with bob, from before; not replaced").isNotNull()
                .satisfies(g -> assertThat(g.members()).anyMatch(m -> m.user().equals("bob")));

        // asked again, the person read the warning and accepts: the new certificate replaces the old one
        LanSession.Pending again = bob2.ask(new InetSocketAddress("127.0.0.1", alice.session.pairingPort()), null, null);
        CompletableFuture<Messages.GroupState> atBob2 = again.confirm(false);
        LanSession.Pending asked2 = alice.asked.poll(10, TimeUnit.SECONDS);
        assertThat(asked2.trust()).isEqualTo(LanPeers.Trust.CHANGED);
        Messages.GroupState g = asked2.confirm(true).get(10, TimeUnit.SECONDS);
        assertThat(atBob2.get(10, TimeUnit.SECONDS)).isEqualTo(g);
        HeadlessTerminal.await(() -> alice.linked.contains("bob"), "the link with bob's new certificate", UP);
    }

    @Test
    void aGroupWhoseOtherSideRefusedAfterTheAnswerEndsWhenItsLinkNeverComesUp() throws Exception {
        LanTerminal alice = terminal("alice");
        LanTerminal bob = terminal("bob");
        Messages.GroupState first = pair(alice, bob, discovery());
        open.remove(bob);
        bob.close();
        Files.delete(dir.resolve("bob").resolve("identity.p12"));
        LanTerminal bob2 = terminal("bob", Duration.ofSeconds(2));

        // alice asks again; bob2 (who still knows alice's certificate) accepts; alice sees bob's changed one only then
        LanSession.Pending asking = alice.ask(new InetSocketAddress("127.0.0.1", bob2.session.pairingPort()), null, null);
        CompletableFuture<Messages.GroupState> atAlice = asking.confirm(false);
        LanSession.Pending asked = bob2.asked.poll(10, TimeUnit.SECONDS);
        assertThat(asked.trust()).isEqualTo(LanPeers.Trust.KNOWN);
        Messages.GroupState atBob = asked.confirm(false).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> atAlice.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LanSession.CertificateChanged.class);
        assertThat(alice.session.group()).as("alice keeps her group with the bob she paired with").isEqualTo(first);
        assertThat(atBob.group()).as("the same pair's group: named after the two terminals").isEqualTo(first.group());

        // the listener hears of the end just after the session dropped the group: wait for what it heard
        HeadlessTerminal.await(() -> bob2.groupEnded != null, "bob's unlinked group to end", UP);
        assertThat(bob2.groupEnded).isEqualTo(LanSession.UNLINKED + ":alice");
        assertThat(bob2.session.group()).isNull();
        assertThat(bob2.linked).isEmpty();
    }

    @Test
    void inTwoNamespacesWithNoRouteTheyFindEachOtherPairAndFollow() throws Exception {
        String why = NatLab.unavailable();
        assumeTrue(why == null, "skipped: cannot build network namespaces here: " + why);
        NatLab lab = NatLab.lan(0);
        open.add(lab);
        ChildJvm alice = child(lab, lab.teacher(), "alice");
        ChildJvm bob = child(lab, lab.classroom(), "bob");
        alice.send("START");
        alice.expect("READY", UP);
        bob.send("START");
        bob.expect("READY", UP);

        long start = System.nanoTime();
        alice.send("FIND bob " + UP.toMillis());
        String[] found = alice.expect("FOUND", UP.plusSeconds(5)).split(" ");
        assertThat(found[0]).as("bob's address: his beacon's source").isEqualTo(NatLab.CLASSROOM);
        long heard = System.nanoTime();
        alice.send("ASK " + found[0] + " " + found[1] + " " + found[2]);
        String code = alice.expect("CODE", UP);
        long coded = System.nanoTime();
        alice.send("CONFIRM false");
        bob.send("AWAIT_ASKED " + UP.toMillis());
        String[] asked = bob.expect("ASKED", UP.plusSeconds(5)).split(" ");
        assertThat(asked[0].replace('-', ' ')).as("the code on both screens").isEqualTo(code);
        assertThat(asked[1]).isEqualTo("NEW");
        long confirming = System.nanoTime();
        bob.send("CONFIRM false");
        String group = bob.expect("PAIRED", UP);
        assertThat(alice.expect("PAIRED", UP)).isEqualTo(group);

        bob.send("AWAIT_LINK alice " + UP.toMillis());
        assertThat(bob.expect("LINK", UP.plusSeconds(5))).isEqualTo("alice lan");
        long linked = System.nanoTime();
        alice.send("SEND 1 " + ACTIONS);
        alice.expect("SENT", UP);
        bob.send("AWAIT_APPLIED " + ACTIONS + " " + UP.toMillis());
        assertThat(bob.expect("APPLIED", UP.plusSeconds(5))).isEqualTo(ACTIONS + " exact");
        System.out.printf("lan pairing: beacon heard %d ms after asking, code shown %d ms after the pick, link up %d ms after"
                + " the second confirmation, %d actions applied %d ms after the link%n", (heard - start) / 1_000_000,
                (coded - heard) / 1_000_000, (linked - confirming) / 1_000_000, ACTIONS, (System.nanoTime() - linked) / 1_000_000);
    }

    private ChildJvm child(NatLab lab, String ns, String name) throws Exception {
        ChildJvm c = ChildJvm.launch(name, lab.in(ns, ChildJvm.javaCommand(List.of("-Xmx256m"), LanTerminal.class.getName(),
                List.of(name, dir.resolve(name).toString())))).log(dir.resolve(name + ".log")).start();
        open.add(c);
        return c;
    }
}
