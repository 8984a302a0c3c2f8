package dev.companion.bench.link;

import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.LinkOffer;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM of {@link LinkBench}: "leader" (one terminal that sends actions and times acks) or
 * "followers K" (K terminals that answer every action with an ok carrying its seq), all over real
 * {@link LinkManager}s on 127.0.0.1.
 *
 * <p>Lines: the child prints {@code OFFER user json}; the parent sends {@code EXPECT user json} for each
 * peer; the leader answers {@code WAITUP k} with {@code UP} and {@code RUN run rate seconds followers}
 * with {@code RESULT json}; {@code QUIT} or end of input closes everything.
 */
public final class LinkChild {
    /** Experiment: Nagle off on the link's sockets (see {@link NoDelay}). */
    private static final boolean NO_DELAY = Boolean.getBoolean("companion.bench.tcpNoDelay");

    private LinkChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildIo io = new ChildIo(Long.parseLong(args[args.length - 1]));
        try {
            if (args[0].equals("leader")) {
                leader(io);
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
                        if (NO_DELAY) {
                            NoDelay.apply(links);
                        }
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

    private static void followers(ChildIo io, int k) throws Exception {
        List<LinkManager> all = new ArrayList<>();
        try {
            for (int i = 1; i <= k; i++) {
                String user = "f" + i;
                Follower echo = new Follower();
                LinkManager links = new LinkManager(Identity.create(user), user, "b-" + user, "127.0.0.1", echo);
                echo.links = links;
                all.add(links);
                links.start();
                if (NO_DELAY) {
                    NoDelay.apply(links);
                }
                ChildIo.reply("OFFER " + user + " " + Codec.mapper().writeValueAsString(links.localOffer()));
            }
            for (String cmd; (cmd = io.next()) != null; ) {
                String[] f = cmd.split(" ", 3);
                if (f[0].equals("EXPECT")) {
                    LinkOffer offer = Codec.mapper().readValue(f[2], LinkOffer.class);
                    all.forEach(l -> l.expect(Payload.GROUP, f[1], offer));
                    if (NO_DELAY) {
                        all.forEach(NoDelay::apply);
                    }
                } else {
                    ChildIo.reply("FAIL unknown command " + f[0]);
                }
            }
        } finally {
            all.forEach(LinkManager::close);
        }
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
