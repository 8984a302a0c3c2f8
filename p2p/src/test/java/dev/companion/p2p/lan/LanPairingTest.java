package dev.companion.p2p.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.link.RawPeer;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pairing over real TCP + TLS 1.3 on 127.0.0.1: codes equal on both sides, both decisions, a beacon's
 * pin, a relay in the middle showing other codes, and bad first messages refused with their code.
 */
class LanPairingTest {
    private static final Identity ALICE = Identity.create("alice");
    private static final Identity BOB = Identity.create("bob");
    private static final Identity MALLORY = Identity.create("mallory");
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private LanPairing start(Identity id, String name, int linkPort, BlockingQueue<LanPairing.Asked> asked) throws Exception {
        LanPairing p = LanPairing.start(id, new LanPairing.Me(name, "t-" + name, linkPort), "127.0.0.1", asked::add);
        open.add(p);
        return p;
    }

    private static InetSocketAddress at(LanPairing p) {
        return new InetSocketAddress("127.0.0.1", p.port());
    }

    @Test
    void bothScreensShowOneCodeAndEachSideLearnsTheOther() throws Exception {
        BlockingQueue<LanPairing.Asked> toBob = new LinkedBlockingQueue<>();
        LanPairing alice = start(ALICE, "alice", 40001, new LinkedBlockingQueue<>());
        LanPairing bob = start(BOB, "Bob 王", 40002, toBob);

        LanPairing.Asking asking = alice.ask(at(bob), BOB.fingerprint()).get(10, TimeUnit.SECONDS);
        assertThat(asking.fingerprint()).isEqualTo(BOB.fingerprint());
        var answer = asking.confirm();
        LanPairing.Asked asked = toBob.poll(10, TimeUnit.SECONDS);
        assertThat(asked).isNotNull();
        assertThat(asked.code()).isEqualTo(asking.code()).isEqualTo(ConfirmCode.ofPair(ALICE.fingerprint(), BOB.fingerprint()));
        assertThat(asked.fingerprint()).isEqualTo(ALICE.fingerprint());
        assertThat(asked.name()).isEqualTo("alice");

        LanPairing.Paired atBob = asked.accept();
        LanPairing.Paired atAlice = answer.get(10, TimeUnit.SECONDS);
        assertThat(atAlice).isEqualTo(new LanPairing.Paired("Bob 王", "t-Bob 王", BOB.fingerprint(), "127.0.0.1", 40002,
                atBob.group(), true));
        assertThat(atBob).isEqualTo(new LanPairing.Paired("alice", "t-alice", ALICE.fingerprint(), "127.0.0.1", 40001,
                atAlice.group(), false));
        assertThat(atAlice.group()).startsWith("lan-");
        assertThat(atAlice.route()).isEqualTo("127.0.0.1:40002");
    }

    @Test
    void aDeclineOnEitherSideEndsThePairingOnBoth() throws Exception {
        BlockingQueue<LanPairing.Asked> toBob = new LinkedBlockingQueue<>();
        LanPairing alice = start(ALICE, "alice", 40001, new LinkedBlockingQueue<>());
        LanPairing bob = start(BOB, "bob", 40002, toBob);

        LanPairing.Asking first = alice.ask(at(bob), null).get(10, TimeUnit.SECONDS);
        var answer = first.confirm();
        toBob.poll(10, TimeUnit.SECONDS).decline();
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LanPairing.Declined.class)
                .hasMessageContaining("declined by the other person");

        LanPairing.Asking second = alice.ask(at(bob), null).get(10, TimeUnit.SECONDS);
        second.confirm();
        LanPairing.Asked asked = toBob.poll(10, TimeUnit.SECONDS);
        second.cancel();
        assertThatThrownBy(() -> asked.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("went away");
    }

    @Test
    void aBeaconNamingAnotherCertificateThanTheOneAtItsAddressIsRefusedInTheHandshake() throws Exception {
        LanPairing alice = start(ALICE, "alice", 40001, new LinkedBlockingQueue<>());
        BlockingQueue<LanPairing.Asked> toMallory = new LinkedBlockingQueue<>();
        LanPairing mallory = start(MALLORY, "bob", 40003, toMallory); // a forged beacon: bob's name and certificate, mallory's address
        assertThatThrownBy(() -> alice.ask(at(mallory), BOB.fingerprint()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("closed during the TLS handshake");
        assertThat(toMallory).isEmpty();
    }

    @Test
    void aRelayInTheMiddleShowsEachSideAnotherCode() throws Exception {
        BlockingQueue<LanPairing.Asked> toBob = new LinkedBlockingQueue<>();
        BlockingQueue<LanPairing.Asked> toMallory = new LinkedBlockingQueue<>();
        LanPairing alice = start(ALICE, "alice", 40001, new LinkedBlockingQueue<>());
        LanPairing bob = start(BOB, "bob", 40002, toBob);
        LanPairing mallory = start(MALLORY, "bob", 40003, toMallory);

        // alice typed an address that is mallory's; mallory asks bob in alice's name
        LanPairing.Asking aliceAsks = alice.ask(at(mallory), null).get(10, TimeUnit.SECONDS);
        aliceAsks.confirm();
        LanPairing.Asked atMallory = toMallory.poll(10, TimeUnit.SECONDS);
        LanPairing.Asking malloryAsks = mallory.ask(at(bob), null).get(10, TimeUnit.SECONDS);
        malloryAsks.confirm();
        LanPairing.Asked atBob = toBob.poll(10, TimeUnit.SECONDS);

        assertThat(aliceAsks.fingerprint()).isEqualTo(MALLORY.fingerprint());
        assertThat(atBob.fingerprint()).isEqualTo(MALLORY.fingerprint());
        assertThat(aliceAsks.code()).isEqualTo(atMallory.code()).isNotEqualTo(atBob.code());
    }

    @Test
    void aFirstMessageThatIsNotAGoodPairRequestIsAnsweredWithItsCodeAndClosed() throws Exception {
        BlockingQueue<LanPairing.Asked> toBob = new LinkedBlockingQueue<>();
        LanPairing bob = start(BOB, "bob", 40002, toBob);
        Object[][] cases = {
            {"not json".getBytes(StandardCharsets.UTF_8), ErrorCode.BAD_FRAME},
            {new Messages.Ping(1), ErrorCode.UNKNOWN_TYPE},
            {new Messages.PeerHello(1, "alice", "t-alice", "g"), ErrorCode.UNKNOWN_TYPE},
            {"{\"type\":\"pair_request\",\"protocol\":1,\"name\":\"a\\u202eb\",\"terminal\":\"t\",\"group\":\"g\",\"port\":1}"
                    .getBytes(StandardCharsets.UTF_8), ErrorCode.MISSING_FIELD},
            {"{\"type\":\"pair_request\",\"protocol\":1,\"name\":\"a\",\"terminal\":\"t\",\"group\":\"g\",\"port\":0}"
                    .getBytes(StandardCharsets.UTF_8), ErrorCode.MISSING_FIELD},
            {new Messages.PairRequest(2, "alice", "t-alice", "g", 40001), ErrorCode.VERSION_MISMATCH},
        };
        for (Object[] c : cases) {
            try (RawPeer raw = new RawPeer(ALICE, BOB.fingerprint())) {
                raw.connect("127.0.0.1:" + bob.port());
                assertThat(raw.awaitSecured()).isTrue();
                raw.send(c[0]);
                assertThat(raw.next()).as("answer to %s", c[0]).isInstanceOfSatisfying(Messages.Error.class,
                        e -> assertThat(e.code()).isEqualTo(c[1]));
                assertThat(raw.nextOrNull()).isNull(); // closed
            }
        }
        try (RawPeer raw = new RawPeer(BOB, BOB.fingerprint())) { // its own certificate: a copy, or itself
            raw.connect("127.0.0.1:" + bob.port());
            raw.awaitSecured();
            raw.send(new Messages.PairRequest(1, "bob", "t-bob", "g", 40001));
            assertThat(raw.next()).isInstanceOfSatisfying(Messages.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_PEER));
        }
        assertThat(toBob).isEmpty();
    }

    @Test
    void aSecondPairRequestOnOneConnectionIsRefused() throws Exception {
        BlockingQueue<LanPairing.Asked> toBob = new LinkedBlockingQueue<>();
        LanPairing bob = start(BOB, "bob", 40002, toBob);
        try (RawPeer raw = new RawPeer(ALICE, BOB.fingerprint())) {
            raw.connect("127.0.0.1:" + bob.port());
            assertThat(raw.awaitSecured()).isTrue();
            raw.send(new Messages.PairRequest(1, "alice", "t-alice", "g", 40001));
            LanPairing.Asked asked = toBob.poll(10, TimeUnit.SECONDS);
            raw.send(new Messages.PairRequest(1, "alice", "t-alice", "g2", 40001));
            assertThat(raw.next()).isInstanceOfSatisfying(Messages.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
            assertThatThrownBy(() -> asked.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
        assertThat(toBob).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping", "not-json", "accepted-without-name", "two-answers"})
    void anAnswerThatIsNotOneGoodPairAnswerEndsTheAttemptWithNothingPaired(String which) throws Exception {
        LanPairing alice = start(ALICE, "alice", 40001, new LinkedBlockingQueue<>());
        NioSocketAcceptor fake = FramedTls.acceptor(Endpoint.DEFAULT.withNeedClientAuth(true), Tls.context(BOB, fp -> true),
                new IoHandlerAdapter() {
                    @Override
                    public void messageReceived(IoSession session, Object message) {
                        switch (which) {
                            case "ping" -> session.write(new Messages.Ping(1));
                            case "not-json" -> session.write("{".getBytes(StandardCharsets.UTF_8));
                            case "accepted-without-name" -> session.write(
                                    "{\"type\":\"pair_answer\",\"protocol\":1,\"accepted\":true,\"terminal\":\"t\",\"port\":1}"
                                            .getBytes(StandardCharsets.UTF_8));
                            default -> {
                                session.write(Messages.PairAnswer.declined());
                                session.write(new Messages.PairAnswer(1, true, "bob", "t-bob", 40002));
                            }
                        }
                    }
                });
        open.add(fake::dispose);
        fake.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) fake.getLocalAddress()).getPort();
        LanPairing.Asking asking = alice.ask(new InetSocketAddress("127.0.0.1", port), BOB.fingerprint()).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> asking.confirm().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }
}
