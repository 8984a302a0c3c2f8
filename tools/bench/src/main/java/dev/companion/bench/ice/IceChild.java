package dev.companion.bench.ice;

import dev.companion.bench.link.ChildIo;
import dev.companion.bench.link.EchoRun;
import dev.companion.bench.link.Payload;
import dev.companion.bench.link.RunResult;
import dev.companion.bench.link.TimedConnect;
import dev.companion.p2p.ice.IceSession;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A terminal of the ICE rows of {@code bench link} and {@code bench connect}, in a home of a
 * {@link dev.companion.testkit.net.NatLab}: a real {@link LinkManager} with ICE on (STUN and TURN
 * from coturn on the lab's internet), its signalling printed as {@code SIGNAL user json} for the
 * parent to hand to the other terminal as {@code EXPECT user json}. Args: role (leader, follower),
 * stun host:port, turn user, turn password, ttl.
 *
 * <p>Both print {@code OFFER user json} first. The leader ("a-leader", which dials) answers
 * {@code WAITUP} with {@code UP path} once its link is up, {@code RUN run rate seconds 1} with
 * {@code RESULT json} (as {@code LinkChild}), and {@code CONNECT k} with {@code CONNECTED json}: one
 * fresh link (expect, which dials: direct TCP fails, then ICE), the first action sent on link up,
 * timed to its ack (µs: up, ack; path), then forgotten. The follower echoes every action with an ok.
 */
public final class IceChild {
    private IceChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildIo io = new ChildIo(Long.parseLong(args[4]));
        try {
            String[] hp = args[1].split(":");
            InetSocketAddress server = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
            IceSession.Servers servers = new IceSession.Servers(List.of(server), List.of(server), args[2], args[3]);
            run(io, args[0].equals("leader"), servers);
        } catch (Exception | Error e) {
            ChildIo.fail(e);
        }
        System.exit(0);
    }

    private static void run(ChildIo io, boolean leader, IceSession.Servers servers) throws Exception {
        String user = leader ? Payload.LEADER : "f1";
        Events events = new Events();
        LinkManager.Timing timing = new LinkManager.Timing(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(3),
                Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofSeconds(10));
        try (LinkManager links = new LinkManager(Identity.create(user), user, leader ? "a-leader" : "b-f1", "0.0.0.0", events, timing)) {
            events.links = links;
            events.echo = !leader;
            links.enableIce(new LinkManager.Signalling() {
                @Override
                public void send(String group, String to, LinkOffer offer) {
                    ChildIo.reply("SIGNAL " + user + " " + json(offer));
                }

                @Override
                public IceSession.Servers servers() {
                    return servers;
                }
            });
            links.start();
            ChildIo.reply("OFFER " + user + " " + json(links.localOffer()));
            // EXPECT (signalling) is handled at once, the rest one after the other on a worker: a CONNECT
            // waits for its link while the other side's ICE answer arrives as an EXPECT
            java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
            for (String line; (line = io.next()) != null; ) {
                String cmd = line;
                String[] f = cmd.split(" ", 3);
                if (f[0].equals("EXPECT")) {
                    LinkOffer o = Codec.mapper().readValue(f[2], LinkOffer.class);
                    if (o.ice() == null) {
                        events.peer = f[1];
                        events.peerOffer = o;
                    }
                    if (!leader || o.ice() != null) {
                        links.expect(Payload.GROUP, f[1], o);
                    }
                    continue;
                }
                worker.execute(() -> {
                    try {
                        command(links, events, cmd);
                    } catch (Exception | Error e) {
                        ChildIo.fail(e);
                    }
                });
            }
            worker.shutdownNow();
        }
    }

    private static void command(LinkManager links, Events events, String cmd) throws Exception {
        String[] f = cmd.split(" ");
        String peer = events.peer;
        LinkOffer peerOffer = events.peerOffer;
        switch (f[0]) {
            case "WAITUP" -> {
                links.expect(Payload.GROUP, peer, peerOffer);
                boolean up = events.up.await(30, TimeUnit.SECONDS);
                var s = links.status(Payload.GROUP, peer);
                ChildIo.reply(up && s != null ? "UP " + s.path().word() : "FAIL no link within 30 s");
            }
            case "RUN" -> {
                EchoRun run = new EchoRun(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), 1);
                events.run = run;
                RunResult result = run.drive(i -> links.broadcast(Payload.GROUP, Payload.action(run.run(), i)), Duration.ofSeconds(3));
                ChildIo.reply("RESULT " + result.toJson());
            }
            case "CONNECT" -> ChildIo.reply("CONNECTED " + connect(links, events, peer, peerOffer, Integer.parseInt(f[1])));
            default -> ChildIo.reply("FAIL unknown command " + f[0]);
        }
    }

    /** One fresh link to peer, timed from expect (which dials) to the first action's ack. */
    private static String connect(LinkManager links, Events events, String peer, LinkOffer offer, int k) throws Exception {
        TimedConnect c = new TimedConnect(k);
        events.connect = c;
        long t0 = System.nanoTime();
        c.t0 = t0;
        links.expect(Payload.GROUP, peer, offer);
        boolean acked = c.acked.await(20, TimeUnit.SECONDS);
        var status = links.status(Payload.GROUP, peer);
        links.forget(Payload.GROUP, peer);
        events.connect = null;
        var o = Codec.mapper().createObjectNode().put("ok", acked);
        if (acked) {
            o.put("up", (c.up - t0 + 500) / 1000).put("ack", (c.ack - t0 + 500) / 1000)
                    .put("path", status == null ? "?" : status.path().word());
        } else {
            o.put("why", c.up == 0 ? "no link within 20 s" : "no ack within 20 s");
        }
        return o.toString();
    }

    private static String json(LinkOffer o) {
        try {
            return Codec.mapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link's events: the leader times acks (a run's or a connect's), the follower echoes. */
    private static final class Events implements LinkManager.Listener {

        final CountDownLatch up = new CountDownLatch(1);
        volatile String peer;
        volatile LinkOffer peerOffer;
        volatile LinkManager links;
        volatile boolean echo;
        volatile EchoRun run;
        volatile TimedConnect connect;

        @Override
        public void onLinkUp(String group, String user) {
            long now = System.nanoTime();
            up.countDown();
            TimedConnect c = connect;
            if (c != null && c.up == 0) {
                c.up = now;
                links.send(group, user, Payload.action(c.k, 0));
            }
        }

        @Override
        public void onMessage(String group, String user, Message m) {
            long now = System.nanoTime();
            if (echo && m instanceof Messages.ActionMsg a) {
                links.send(group, user, new Messages.Ok(a.seq()));
            } else if (m instanceof Messages.Ok ok && ok.req() != null) {
                TimedConnect c = connect;
                if (c != null && ok.req() == c.seq && c.ack == 0) {
                    c.ack = now;
                    c.acked.countDown();
                }
                EchoRun r = run;
                if (r != null) {
                    r.ack(ok.req(), now);
                }
            }
        }

        @Override
        public void onLinkDown(String group, String user, String reason) {
            System.err.println("link to " + user + " down: " + reason);
        }

        @Override
        public void onRefused(String group, String user, ProtocolException e) {
            System.err.println("refused on link " + user + ": " + e.code() + " " + e.getMessage());
        }
    }
}
