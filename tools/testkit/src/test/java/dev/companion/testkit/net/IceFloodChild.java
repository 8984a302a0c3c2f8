package dev.companion.testkit.net;

import dev.companion.p2p.ice.IceSession;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.IceCandidateType;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A terminal ("bob") alone in a home of a {@link NatLab}, sent a flood of ICE offers by an expected
 * member ("mallory": 20 sessions, each with one candidate on the lab's other router, which never
 * answers). Prints "SOCKETS max" — the most UDP sockets open in its namespace while it answers them
 * (every ICE session binds one) — and "SIGNALLED n", the answers it sent. Arg: the remote router's
 * address.
 */
public final class IceFloodChild {
    private IceFloodChild() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger answers = new AtomicInteger();
        try (LinkManager links = new LinkManager(Identity.create("bob"), "bob", "t-b", "0.0.0.0", new Quiet())) {
            links.enableIce(new LinkManager.Signalling() {
                @Override
                public void send(String group, String user, Messages.LinkOffer offer) {
                    answers.incrementAndGet();
                }

                @Override
                public IceSession.Servers servers() {
                    return IceSession.Servers.NONE;
                }
            });
            links.start();
            Messages.LinkOffer mallory = new Messages.LinkOffer("t-a", List.of(), Identity.create("mallory").fingerprint());
            links.expect("g", "mallory", mallory); // "t-a" sorts first: mallory dials, bob only answers
            int max = 0;
            for (int i = 0; i < 20; i++) {
                links.expect("g", "mallory", mallory.withIce(new Messages.IceOffer("uf" + i + "x", "p".repeat(24), List.of(
                        new Messages.IceCandidate(IceCandidateType.SRFLX, args[0] + ":" + (40000 + i), 1694498815L, "1")))));
                max = Math.max(max, udpSockets());
            }
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) { // sample while the answers gather and check
                max = Math.max(max, udpSockets());
                Thread.onSpinWait();
            }
            System.out.println("SOCKETS " + max);
            System.out.println("SIGNALLED " + answers.get());
        }
        System.exit(0);
    }

    /** UDP sockets open in this network namespace (only this JVM lives in it). */
    private static int udpSockets() throws java.io.IOException {
        int n = 0;
        for (String table : new String[] {"/proc/self/net/udp", "/proc/self/net/udp6"}) {
            n += (int) Files.readAllLines(Path.of(table)).stream().skip(1).count();
        }
        return n;
    }

    private static final class Quiet implements LinkManager.Listener {
        @Override
        public void onLinkUp(String group, String user) {
        }

        @Override
        public void onLinkDown(String group, String user, String reason) {
        }

        @Override
        public void onMessage(String group, String user, Message m) {
        }

        @Override
        public void onRefused(String group, String user, ProtocolException e) {
        }
    }
}
