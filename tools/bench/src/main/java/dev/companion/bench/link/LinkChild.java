package dev.companion.bench.link;

import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of {@link LinkBench}: "leader" (one terminal that sends actions and times acks) or
 * "followers K" (K terminals that answer every action with an ok carrying its seq), all over real
 * {@link LinkManager}s on 127.0.0.1.
 *
 * <p>Lines: the child prints {@code OFFER user json}; the parent sends {@code EXPECT user json} for each
 * peer (followers answer {@code EXPECTED user}); the leader answers {@code WAITUP k} with {@code UP} and
 * {@code RUN run rate seconds followers} with {@code RESULT json}; {@code QUIT} or end of input closes everything.
 *
 * <p>"dialer" is the leader of {@code bench connect}: it keeps the last offer it is sent ({@code EXPECT
 * user json}, no answer) without linking, and answers {@code CONNECT k} by making one fresh link to that
 * peer — the clock starts just before {@link LinkManager#expect}, which dials — sending the action
 * {@code Payload.action(k, 0)} as soon as the link is up (on the listener's onLinkUp), and stopping the
 * clock when its ack arrives; then it forgets the peer (closing the link) and answers {@code CONNECTED
 * json} (µs from the start: up, ack; from the second connect on also tcp and tls and, as
 * tlsCreatedMillis, when the TLS session was made, see {@link LinkTimings}; t0Nanos, the start's
 * System.nanoTime(), and t0Millis, its System.currentTimeMillis()). A CONNECT to a peer dialed before
 * reuses that peer's TLS context (Tls.sharedClientContext) and so resumes the TLS session.
 * {@code SSLCONTEXT n} answers the median µs of n {@code Tls.context} calls: what the first dial to a
 * peer pays to make that peer's context (a redial finds it made). Followers answer {@code TIMINGS} by
 * putting {@link LinkTimings} on their acceptors ({@code TIMINGS on}) and then {@code TIMES} with
 * {@code TIMES json}: when the last accepted session was created and secured (System.nanoTime(), 0 when
 * not seen) and when its TLS session was made (tlsCreatedMillis), resetting them. {@code FRESH k}
 * (bench connect) closes the followers' terminals and replaces them by one new terminal "pk" — a new
 * identity (certificate) and a new port, so that a dialer has never linked to it — that expects every
 * peer it was sent, has LinkTimings on its acceptor if TIMINGS was asked for, and is announced with
 * {@code OFFER pk json}.
 */
public final class LinkChild {
    private LinkChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildIo io = new ChildIo(Long.parseLong(args[args.length - 1]));
        try {
            if (args[0].equals("leader")) {
                leader(io);
            } else if (args[0].equals("dialer")) {
                dialer(io);
            } else {
                followers(io, Integer.parseInt(args[1]));
            }
        } catch (Exception | Error e) {
            ChildIo.fail(e);
        }
        System.exit(0);
    }

    private static void leader(ChildIo io) throws Exception {
        Leader listener = new Leader();
        try (LinkManager links = new LinkManager(Identity.create(Payload.LEADER), Payload.LEADER, "a-leader", "127.0.0.1", listener)) {
            links.start();
            ChildIo.reply("OFFER " + Payload.LEADER + " " + Codec.mapper().writeValueAsString(links.localOffer()));
            for (String cmd; (cmd = io.next()) != null; ) {
                String[] f = cmd.split(" ", 3);
                switch (f[0]) {
                    case "EXPECT" -> links.expect(Payload.GROUP, f[1], Codec.mapper().readValue(f[2], LinkOffer.class));
                    case "WAITUP" -> {
                        int k = Integer.parseInt(f[1]);
                        listener.awaitUp(k, Duration.ofSeconds(30));
                        int up = links.connected(Payload.GROUP).size();
                        ChildIo.reply(up >= k ? "UP " + up : "FAIL only " + up + " of " + k + " links up");
                    }
                    case "RUN" -> {
                        String[] r = cmd.split(" ");
                        EchoRun run = new EchoRun(Integer.parseInt(r[1]), Double.parseDouble(r[2]),
                                Double.parseDouble(r[3]), Integer.parseInt(r[4]));
                        listener.current = run;
                        RunResult result = run.drive(i -> links.broadcast(Payload.GROUP, Payload.action(run.run(), i)),
                                Duration.ofSeconds(3));
                        ChildIo.reply("RESULT " + result.toJson());
                    }
                    default -> ChildIo.reply("FAIL unknown command " + f[0]);
                }
            }
        }
    }

    private static void dialer(ChildIo io) throws Exception {
        Dialer listener = new Dialer();
        Codecs.warmUp();
        Identity identity = Identity.create(Payload.LEADER);
        try (LinkManager links = new LinkManager(identity, Payload.LEADER, "a-leader", "127.0.0.1", listener)) {
            listener.links = links;
            links.start();
            ChildIo.reply("OFFER " + Payload.LEADER + " " + Codec.mapper().writeValueAsString(links.localOffer()));
            String user = null;
            LinkOffer offer = null;
            LinkTimings timings = null;
            for (String cmd; (cmd = io.next()) != null; ) {
                String[] f = cmd.split(" ", 3);
                switch (f[0]) {
                    case "EXPECT" -> {
                        user = f[1];
                        offer = Codec.mapper().readValue(f[2], LinkOffer.class);
                    }
                    case "CONNECT" -> {
                        if (offer == null) {
                            ChildIo.reply("FAIL no follower offer yet");
                            continue;
                        }
                        TimedConnect c = new TimedConnect(Integer.parseInt(f[1]));
                        listener.current = c;
                        if (timings != null) {
                            timings.reset();
                        }
                        long t0Millis = System.currentTimeMillis();
                        c.t0 = System.nanoTime();
                        links.expect(Payload.GROUP, user, offer);
                        boolean acked = c.acked.await(10, TimeUnit.SECONDS);
                        links.forget(Payload.GROUP, user);
                        listener.current = null;
                        var o = Codec.mapper().createObjectNode().put("ok", acked).put("t0Nanos", c.t0)
                                .put("t0Millis", t0Millis);
                        if (acked) {
                            if (timings != null && timings.created() != 0 && timings.secured() != 0) {
                                o.put("tcp", us(timings.created() - c.t0)).put("tls", us(timings.secured() - c.t0));
                                if (timings.tlsCreatedMillis() != 0) {
                                    o.put("tlsCreatedMillis", timings.tlsCreatedMillis());
                                }
                            }
                            o.put("up", us(c.up - c.t0)).put("ack", us(c.ack - c.t0));
                        } else {
                            o.put("why", c.up == 0 ? "no link within 10 s" : "no ack within 10 s");
                        }
                        ChildIo.reply("CONNECTED " + o);
                        if (timings == null) {
                            timings = LinkTimings.onConnector(links); // the connector exists once the first link was dialed
                        }
                    }
                    case "SSLCONTEXT" -> { // what a first dial to a peer pays for its shared context
                        long[] t = new long[Integer.parseInt(f[1])];
                        String fp = offer == null ? "" : offer.fingerprint();
                        for (int i = 0; i < t.length; i++) {
                            long s = System.nanoTime();
                            Tls.context(identity, fp::equals);
                            t[i] = us(System.nanoTime() - s);
                        }
                        Arrays.sort(t);
                        ChildIo.reply("SSLCONTEXT " + (t.length == 0 ? 0 : t[t.length / 2]));
                    }
                    default -> ChildIo.reply("FAIL unknown command " + f[0]);
                }
            }
        }
    }

    private static long us(long nanos) {
        return (nanos + 500) / 1000;
    }

    private static void followers(ChildIo io, int k) throws Exception {
        List<LinkManager> all = new ArrayList<>();
        List<LinkTimings> timings = new ArrayList<>();
        Map<String, LinkOffer> expected = new LinkedHashMap<>(); // the peers a FRESH terminal expects too
        boolean timed = false;
        try {
            for (int i = 1; i <= k; i++) {
                LinkManager links = follower("f" + i);
                all.add(links);
                ChildIo.reply("OFFER f" + i + " " + Codec.mapper().writeValueAsString(links.localOffer()));
            }
            for (String cmd; (cmd = io.next()) != null; ) {
                String[] f = cmd.split(" ", 3);
                if (f[0].equals("EXPECT")) {
                    LinkOffer offer = Codec.mapper().readValue(f[2], LinkOffer.class);
                    expected.put(f[1], offer);
                    all.forEach(l -> l.expect(Payload.GROUP, f[1], offer));
                    ChildIo.reply("EXPECTED " + f[1]); // the dialer may dial now (bench connect waits for this)
                } else if (f[0].equals("TIMINGS")) {
                    timed = true;
                    all.forEach(l -> {
                        LinkTimings t = LinkTimings.onAcceptor(l);
                        if (t != null) {
                            timings.add(t);
                        }
                    });
                    ChildIo.reply("TIMINGS " + (timings.isEmpty() ? "off" : "on"));
                } else if (f[0].equals("TIMES")) {
                    LinkTimings t = timings.isEmpty() ? null : timings.getFirst();
                    ChildIo.reply("TIMES " + Codec.mapper().createObjectNode().put("accepted", t == null ? 0 : t.created())
                            .put("secured", t == null ? 0 : t.secured())
                            .put("tlsCreatedMillis", t == null ? 0 : t.tlsCreatedMillis()));
                    if (t != null) {
                        t.reset();
                    }
                } else if (f[0].equals("FRESH")) {
                    // a terminal no dialer has linked to: new identity, new port (bench connect's first links)
                    all.forEach(LinkManager::close);
                    all.clear();
                    timings.clear();
                    String user = "p" + Integer.parseInt(f[1]);
                    LinkManager links = follower(user);
                    all.add(links);
                    expected.forEach((u, o) -> links.expect(Payload.GROUP, u, o));
                    if (timed) {
                        LinkTimings t = LinkTimings.onAcceptor(links);
                        if (t != null) {
                            timings.add(t);
                        }
                    }
                    ChildIo.reply("OFFER " + user + " " + Codec.mapper().writeValueAsString(links.localOffer()));
                } else {
                    ChildIo.reply("FAIL unknown command " + f[0]);
                }
            }
        } finally {
            all.forEach(LinkManager::close);
        }
    }

    /** A listening terminal of user (terminal id "b-user": it never dials the leader "a-leader") that echoes actions. */
    private static LinkManager follower(String user) throws java.io.IOException {
        Follower echo = new Follower();
        LinkManager links = new LinkManager(Identity.create(user), user, "b-" + user, "127.0.0.1", echo);
        echo.links = links;
        try {
            links.start();
        } catch (java.io.IOException | RuntimeException e) {
            links.close();
            throw e;
        }
        return links;
    }

    /** Times the acks of the current run. */
    private static final class Leader implements LinkManager.Listener {
        volatile EchoRun current;

        @Override
        public void onMessage(String group, String user, Message m) {
            long now = System.nanoTime();
            EchoRun run = current;
            if (m instanceof Messages.Ok ok && run != null) {
                run.ack(ok.req(), now);
            }
        }

        private int up;

        @Override
        public synchronized void onLinkUp(String group, String user) {
            up++;
            notifyAll();
        }

        synchronized void awaitUp(int k, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long left;
            while (up < k && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
        }

        @Override
        public synchronized void onLinkDown(String group, String user, String reason) {
            up--;
            System.err.println("link to " + user + " down: " + reason);
        }

        @Override
        public void onRefused(String group, String user, ProtocolException e) {
            System.err.println("refused on link " + user + ": " + e.code() + " " + e.getMessage());
        }
    }

    /** The dialer's listener: sends the action as soon as the link is up and times its ack. */
    private static final class Dialer implements LinkManager.Listener {

        volatile LinkManager links;
        volatile TimedConnect current;

        @Override
        public void onLinkUp(String group, String user) {
            long now = System.nanoTime();
            TimedConnect c = current;
            if (c != null && c.up == 0) {
                c.up = now;
                links.send(group, user, Payload.action(c.k, 0));
            }
        }

        @Override
        public void onMessage(String group, String user, Message m) {
            long now = System.nanoTime();
            TimedConnect c = current;
            if (m instanceof Messages.Ok ok && c != null && ok.req() != null && ok.req() == c.seq && c.ack == 0) {
                c.ack = now;
                c.acked.countDown();
            }
        }

        @Override
        public void onLinkDown(String group, String user, String reason) {
        }

        @Override
        public void onRefused(String group, String user, ProtocolException e) {
            System.err.println("refused on link " + user + ": " + e.code() + " " + e.getMessage());
        }
    }

    /** Answers every action with an ok carrying its seq, on the same link. */
    private static final class Follower implements LinkManager.Listener {
        volatile LinkManager links;

        @Override
        public void onMessage(String group, String user, Message m) {
            if (m instanceof Messages.ActionMsg a) {
                links.send(group, user, new Messages.Ok(a.seq()));
            }
        }

        @Override
        public void onLinkUp(String group, String user) {
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
