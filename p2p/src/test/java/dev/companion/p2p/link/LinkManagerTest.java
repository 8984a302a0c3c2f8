package dev.companion.p2p.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.tls.Identity;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real link managers on 127.0.0.1 (bob's terminal id sorts first, so bob dials alice), and
 * hand-driven TLS peers for what a well-behaved manager never sends.
 */
class LinkManagerTest {
    static final String G = "g-1";
    static Identity aliceId;
    static Identity bobId;
    static Identity carolId;
    static Identity malloryId;

    final Recorder aliceEvents = new Recorder();
    final Recorder bobEvents = new Recorder();
    final List<AutoCloseable> toClose = new ArrayList<>();
    LinkManager alice;
    LinkManager bob;

    @BeforeAll
    static void identities() {
        aliceId = Identity.create("alice");
        bobId = Identity.create("bob");
        carolId = Identity.create("carol");
        malloryId = Identity.create("mallory");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private LinkManager manager(Identity id, String user, String terminal, Recorder events, LinkManager.Timing timing)
            throws Exception {
        LinkManager m = new LinkManager(id, user, terminal, "127.0.0.1", events, timing);
        toClose.add(m);
        m.start();
        return m;
    }

    private void startPair(LinkManager.Timing timing) throws Exception {
        alice = manager(aliceId, "alice", "T2-alice", aliceEvents, timing);
        bob = manager(bobId, "bob", "T1-bob", bobEvents, timing);
    }

    private void linkPair() throws Exception {
        startPair(LinkManager.Timing.DEFAULT);
        alice.expect(G, "bob", bob.localOffer());
        bob.expect(G, "alice", alice.localOffer());
        aliceEvents.nextLink("up", G, "bob");
        bobEvents.nextLink("up", G, "alice");
    }

    private RawPeer raw(Identity id) {
        RawPeer p = new RawPeer(id, aliceId.fingerprint());
        toClose.add(p);
        return p.connect(alice.localOffer().route().get(0));
    }

    static Messages.ActionMsg action(String from, long seq) {
        return new Messages.ActionMsg(G, from, seq,
                new Action.Scroll("https://example.org/", "", null, 0.0, (double) seq));
    }

    static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void twoManagersLinkUpAndTenThousandActionsArriveInOrder() throws Exception {
        startPair(LinkManager.Timing.DEFAULT);
        LinkOffer aliceOffer = alice.localOffer();
        assertThat(aliceOffer.route()).singleElement().asString().startsWith("127.0.0.1:");
        assertThat(aliceOffer.fingerprint()).isEqualTo(aliceId.fingerprint());
        // bob dials: the first address of alice's route is dead, another terminal answers the second
        LinkManager carol = manager(carolId, "carol", "T0-carol", new Recorder(), LinkManager.Timing.DEFAULT);
        LinkOffer viaDeadAddress = new LinkOffer(aliceOffer.terminal(), List.of("127.0.0.1:" + deadPort(),
                carol.localOffer().route().get(0), aliceOffer.route().get(0)), aliceOffer.fingerprint());
        alice.expect(G, "bob", bob.localOffer());
        bob.expect(G, "alice", viaDeadAddress);
        Recorder.Event up = aliceEvents.nextLink("up", G, "bob");
        bobEvents.nextLink("up", G, "alice");
        assertThat(up.thread()).isNotSameAs(Thread.currentThread());
        assertThat(alice.connected(G)).containsExactly("bob");
        assertThat(bob.connected(G)).containsExactly("alice");
        assertThat(bob.connected("another-group")).isEmpty();

        int n = 10_000;
        for (int i = 1; i <= n; i++) {
            assertThat(bob.send(G, "alice", action("bob", i))).isTrue();
        }
        for (int i = 1; i <= n; i++) {
            Recorder.Event e = Recorder.next(aliceEvents.messages);
            assertThat(e.group()).isEqualTo(G);
            assertThat(e.user()).isEqualTo("bob");
            assertThat(((Messages.ActionMsg) e.message()).seq()).isEqualTo(i);
        }
        assertThat(alice.broadcast(G, action("alice", 1))).isEqualTo(1);
        assertThat(((Messages.ActionMsg) Recorder.next(bobEvents.messages).message()).from()).isEqualTo("alice");
        assertThat(aliceEvents.refused).isEmpty();
        assertThat(bobEvents.refused).isEmpty();
        assertThat(alice.send(G, "nobody", action("alice", 2))).isFalse();
    }

    @Test
    void aBurstOfLargeMessagesArrivesWhole() throws Exception {
        // ~8.7 MB sent at once, faster than bob reads: it waits in alice's output bound (TLS holds at
        // most 4 writes; MINA's own queue of 64 used to overflow here, ~1 run in 12). Under the peer
        // link's 16 MiB high-water mark no send is refused; past it send would say false (LinkLimitsTest).
        linkPair();
        String big = "v".repeat(Action.MAX_VALUE);
        int n = 300;
        for (int i = 1; i <= n; i++) {
            Messages.ActionMsg m = new Messages.ActionMsg(G, "alice", i,
                    new Action.Input("https://example.org/", "", "#q", big));
            assertThat(alice.broadcast(G, m)).isEqualTo(1);
        }
        for (int i = 1; i <= n; i++) {
            Messages.ActionMsg got = (Messages.ActionMsg) Recorder.next(bobEvents.messages).message();
            assertThat(got.seq()).isEqualTo(i);
            assertThat(((Action.Input) got.action()).value()).hasSize(Action.MAX_VALUE);
        }
        assertThat(bobEvents.refused).isEmpty();

        // messages near the 64 KiB frame limit span several TLS records
        List<Messages.Member> members = new ArrayList<>();
        for (int i = 0; Codec.encode(new Messages.GroupState(G, 100, "alice", Mode.MUTUAL, Following.AUTO, Scope.FULL, List.of(),
                List.of("g100"), members)).length < Protocol.MAX_FRAME_BYTES - 1024; i++) { // just under 64 KiB
            members.add(new Messages.Member("user-" + i + "-" + "m".repeat(20), "terminal-" + i + "-" + "t".repeat(20), Role.FOLLOWER));
        }
        int large = 0;
        for (int i = 1; i <= 100; i++) {
            Messages.GroupState state = new Messages.GroupState(G, i, "alice", Mode.MUTUAL, Following.AUTO, Scope.FULL,
                    List.of(), List.of("g" + i), members);
            large = Codec.encode(state).length;
            assertThat(alice.send(G, "bob", state)).isTrue();
        }
        assertThat(large).isBetween(Protocol.MAX_FRAME_BYTES - 16 * 1024, Protocol.MAX_FRAME_BYTES);
        for (int i = 1; i <= 100; i++) {
            assertThat(((Messages.GroupState) Recorder.next(bobEvents.messages).message()).pages()).containsExactly("g" + i);
        }
    }

    @Test
    void aThirdIdentityPretendingToBeBobIsRefusedAndTheRealLinkStillWorks() throws Exception {
        linkPair();
        // mallory's certificate is not expected at all: TLS refuses it, no peer_welcome ever comes
        RawPeer stranger = raw(malloryId);
        if (stranger.awaitSecured()) { // TLS 1.3: the client may finish before the server checks it
            stranger.send(new Messages.PeerHello(Protocol.VERSION, "bob", "T1-bob", G));
        }
        assertThat(stranger.nextOrNull()).isNull();
        stranger.awaitClosed();

        // mallory's certificate is expected, as mallory in another group, but she says she is bob
        alice.expect("g-2", "mallory", new LinkOffer("T0-mallory", List.of("127.0.0.1:" + deadPort()), malloryId.fingerprint()));
        RawPeer impostor = raw(malloryId);
        assertThat(impostor.awaitSecured()).isTrue();
        impostor.send(new Messages.PeerHello(Protocol.VERSION, "bob", "T1-bob", G));
        Message answer = impostor.next();
        assertThat(answer).isInstanceOfSatisfying(Messages.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_PEER));
        impostor.awaitClosed();
        Recorder.Event refused = Recorder.next(aliceEvents.refused);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.WRONG_PEER);
        assertThat(refused.group() + "/" + refused.user()).isEqualTo(G + "/bob");

        assertThat(bob.send(G, "alice", action("bob", 1))).isTrue();
        assertThat(Recorder.next(aliceEvents.messages).message()).isEqualTo(action("bob", 1));
        assertThat(alice.connected(G)).containsExactly("bob");
        assertThat(aliceEvents.links).isEmpty();
    }

    @Test
    void unexpectedPeersAreRefused() throws Exception {
        startPair(LinkManager.Timing.DEFAULT);
        alice.expect(G, "carol", new LinkOffer("T0-carol", List.of("127.0.0.1:" + deadPort()), carolId.fingerprint()));

        RawPeer otherGroup = raw(carolId);
        assertThat(otherGroup.awaitSecured()).isTrue();
        otherGroup.send(new Messages.PeerHello(Protocol.VERSION, "carol", "T0-carol", "g-other"));
        assertThat(otherGroup.next()).isInstanceOfSatisfying(Messages.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
        otherGroup.awaitClosed();
        assertThat(Recorder.next(aliceEvents.refused).error().code()).isEqualTo(ErrorCode.NOT_A_MEMBER);

        RawPeer otherTerminal = raw(carolId);
        assertThat(otherTerminal.awaitSecured()).isTrue();
        otherTerminal.send(new Messages.PeerHello(Protocol.VERSION, "carol", "T0-carol-laptop", G));
        assertThat(otherTerminal.next()).isInstanceOfSatisfying(Messages.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
        otherTerminal.awaitClosed();

        RawPeer noHello = raw(carolId);
        assertThat(noHello.awaitSecured()).isTrue();
        noHello.send(action("carol", 1));
        assertThat(noHello.next()).isInstanceOfSatisfying(Messages.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
        noHello.awaitClosed();
        assertThat(alice.connected(G)).isEmpty();
        assertThat(aliceEvents.links).isEmpty();
    }

    @Test
    void aPeerHelloWithAnotherVersionIsRefused() throws Exception {
        startPair(LinkManager.Timing.DEFAULT);
        alice.expect(G, "carol", new LinkOffer("T0-carol", List.of("127.0.0.1:" + deadPort()), carolId.fingerprint()));
        RawPeer carol = raw(carolId);
        assertThat(carol.awaitSecured()).isTrue();
        carol.send(new Messages.PeerHello(Protocol.VERSION + 1, "carol", "T0-carol", G));
        assertThat(carol.next()).isInstanceOfSatisfying(Messages.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH));
        carol.awaitClosed();
        Recorder.Event refused = Recorder.next(aliceEvents.refused);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(refused.user()).isEqualTo("carol");
        assertThat(alice.connected(G)).isEmpty();
    }

    @Test
    void malformedFramesAreAnsweredWithErrorCodesAndTheLinkStaysUp() throws Exception {
        startPair(LinkManager.Timing.DEFAULT);
        alice.expect(G, "carol", new LinkOffer("T0-carol", List.of("127.0.0.1:" + deadPort()), carolId.fingerprint()));
        RawPeer carol = raw(carolId);
        assertThat(carol.awaitSecured()).isTrue();
        carol.send(new Messages.PeerHello(Protocol.VERSION, "carol", "T0-carol", G));
        assertThat(carol.next()).isEqualTo(new Messages.PeerWelcome(Protocol.VERSION, "alice", "T2-alice"));
        aliceEvents.nextLink("up", G, "carol");

        carol.send("this is not json".getBytes(StandardCharsets.UTF_8));
        carol.send(new byte[Protocol.MAX_FRAME_BYTES + 5000]);
        carol.send("{\"type\":\"teleport\",\"req\":3}".getBytes(StandardCharsets.UTF_8));
        carol.send("{\"type\":\"action\",\"req\":5,\"group\":\"g-1\",\"from\":\"carol\"}".getBytes(StandardCharsets.UTF_8));
        carol.send(action("mallory", 1));
        carol.send(new Messages.ActionMsg("g-other", "carol", 1, action("carol", 1).action()));
        // every group message must name the link's group and peer, not only actions
        carol.send(new Messages.Step("g-other", "carol", 1, 0, List.of(action("carol", 1).action())));
        carol.send(new Messages.Result(G, "mallory", "alice", 1, Outcome.APPLIED, null, null, null));
        carol.send(new Messages.Resume(G, "mallory", "alice", null));
        carol.send(new Messages.CatchUp("g-other", "carol", 1, CatchUpReason.JOIN, null));
        carol.send(("{\"type\":\"action\",\"group\":\"g-1\",\"from\":\"carol\",\"seq\":1,"
                + "\"action\":{\"kind\":\"navigate\",\"url\":\"javascript:alert(1)\"}}").getBytes(StandardCharsets.UTF_8));
        carol.send(new Messages.Ping(77));
        carol.send(action("carol", 2));

        List<ErrorCode> expected = List.of(ErrorCode.BAD_FRAME, ErrorCode.FRAME_TOO_LARGE, ErrorCode.UNKNOWN_TYPE,
                ErrorCode.MISSING_FIELD, ErrorCode.NOT_A_MEMBER, ErrorCode.NOT_A_MEMBER, ErrorCode.NOT_A_MEMBER,
                ErrorCode.NOT_A_MEMBER, ErrorCode.NOT_A_MEMBER, ErrorCode.NOT_A_MEMBER, ErrorCode.ACTION_REFUSED);
        List<Long> expectedReq = java.util.Arrays.asList(null, null, 3L, 5L, null, null, null, null, null, null, null);
        for (int i = 0; i < expected.size(); i++) {
            Message m = carol.next();
            assertThat(m).isInstanceOf(Messages.Error.class);
            assertThat(((Messages.Error) m).code()).as("answer %d", i).isEqualTo(expected.get(i));
            assertThat(m.req()).as("req of answer %d", i).isEqualTo(expectedReq.get(i));
            Recorder.Event refused = Recorder.next(aliceEvents.refused);
            assertThat(refused.error().code()).isEqualTo(expected.get(i));
            assertThat(refused.user()).isEqualTo("carol");
        }
        assertThat(carol.next()).isEqualTo(new Messages.Pong(77));
        assertThat(Recorder.next(aliceEvents.messages).message()).isEqualTo(action("carol", 2));
        assertThat(alice.connected(G)).containsExactly("carol");
        assertThat(alice.send(G, "carol", action("alice", 1))).isTrue();
        assertThat(carol.next()).isEqualTo(action("alice", 1));
        assertThat(aliceEvents.links).isEmpty();
        assertThat(carol.closed).isNotDone();
    }

    @Test
    void aDroppedLinkIsRedialed() throws Exception {
        linkPair();
        alice.forget(G, "bob");
        assertThat(aliceEvents.nextLink("down", G, "bob").detail()).isEqualTo("forgotten");
        bobEvents.nextLink("down", G, "alice");
        assertThat(alice.send(G, "bob", action("alice", 1))).isFalse();

        alice.expect(G, "bob", bob.localOffer()); // bob is still expecting alice and redials
        aliceEvents.nextLink("up", G, "bob");
        bobEvents.nextLink("up", G, "alice");
        assertThat(bob.send(G, "alice", action("bob", 5))).isTrue();
        assertThat(Recorder.next(aliceEvents.messages).message()).isEqualTo(action("bob", 5));

        // the acceptor side going away entirely: bob sees the link drop, then a new alice comes back
        bob.forgetGroup(G);
        bobEvents.nextLink("down", G, "alice");
        aliceEvents.nextLink("down", G, "bob");
        assertThat(bob.connected(G)).isEmpty();
    }

    @Test
    void aSilentPeerIsClosedAfterTheIdleTimeoutWhileAPingedLinkStaysUp() throws Exception {
        LinkManager.Timing fast = new LinkManager.Timing(Duration.ofMillis(100), Duration.ofMillis(600),
                Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(500));
        startPair(fast);
        alice.expect(G, "bob", bob.localOffer());
        bob.expect(G, "alice", alice.localOffer());
        aliceEvents.nextLink("up", G, "bob");
        bobEvents.nextLink("up", G, "alice");

        alice.expect(G, "carol", new LinkOffer("T0-carol", List.of("127.0.0.1:" + deadPort()), carolId.fingerprint()));
        RawPeer carol = raw(carolId);
        assertThat(carol.awaitSecured()).isTrue();
        carol.send(new Messages.PeerHello(Protocol.VERSION, "carol", "T0-carol", G));
        assertThat(carol.next()).isInstanceOf(Messages.PeerWelcome.class);
        aliceEvents.nextLink("up", G, "carol");
        assertThat(carol.next()).isInstanceOf(Messages.Ping.class); // carol never answers
        Recorder.Event down = aliceEvents.nextLink("down", G, "carol");
        assertThat(down.detail()).startsWith("idle timeout");
        carol.awaitClosed();
        // bob answered alice's pings all along: that link is still up
        assertThat(alice.connected(G)).isEqualTo(Set.of("bob"));
        assertThat(bob.send(G, "alice", action("bob", 1))).isTrue();
        assertThat(Recorder.next(aliceEvents.messages).message()).isEqualTo(action("bob", 1));
    }

    @Test
    void aWildcardBindAdvertisesTheMachineAddressesAndCloseIsSafeTwice() throws Exception {
        LinkManager m = new LinkManager(carolId, "carol", "T0-carol", "0.0.0.0", new Recorder());
        toClose.add(m);
        List<String> route = m.start();
        assertThat(route).isNotEmpty().last().asString().startsWith("127.0.0.1:");
        String port = route.get(0).substring(route.get(0).lastIndexOf(':'));
        assertThat(route).allSatisfy(a -> assertThat(a).endsWith(port));
        assertThat(m.start()).isEqualTo(route);
        assertThat(m.localOffer().route()).isEqualTo(route);
        m.close();
        m.close();
        assertThat(m.send(G, "alice", action("carol", 1))).isFalse();
    }
}
