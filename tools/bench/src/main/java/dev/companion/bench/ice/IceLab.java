package dev.companion.bench.ice;

import dev.companion.scc.ice.TurnCredentials;
import dev.companion.testkit.ChildJvm;
import dev.companion.testkit.net.NatLab;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Two homes of a {@link NatLab} (cone NATs: the link goes direct, through STUN; symmetric NATs: it
 * goes through the relay) with coturn (STUN and TURN) on the internet, and an {@link IceChild} in
 * each home: the leader (home A, core 0) and the follower (home B, core 1). The parent carries the
 * signalling: {@link #await} hands each SIGNAL line of one child to the other while it waits.
 */
public final class IceLab implements AutoCloseable {
    private static final String SECRET = "bench-turn-secret";

    public final ChildJvm leader;
    public final ChildJvm follower;
    private final NatLab lab;
    private int lossPercent;

    private IceLab(NatLab lab, ChildJvm leader, ChildJvm follower) {
        this.lab = lab;
        this.leader = leader;
        this.follower = follower;
    }

    /** Why the lab cannot run here, or null. */
    public static String unavailable() {
        String why = NatLab.unavailable();
        return why != null ? why : NatLab.hasCoturn() ? null : "coturn not installed (apt-get install coturn)";
    }

    /** relayed: symmetric NATs (the relay) instead of cone NATs (direct). */
    public static IceLab start(boolean relayed, List<String> jvmOptions, Path logs, String tag, long ttlSeconds) throws Exception {
        return start(relayed, 0, jvmOptions, logs, tag, ttlSeconds);
    }

    /** As {@link #start(boolean, List, Path, String, long)}, the routers dropping lossPercent % of what they send. */
    public static IceLab start(boolean relayed, int lossPercent, List<String> jvmOptions, Path logs, String tag, long ttlSeconds)
            throws Exception {
        NatLab.Nat nat = relayed ? NatLab.Nat.SYMMETRIC : NatLab.Nat.CONE;
        NatLab lab = NatLab.create(nat, nat);
        ChildJvm l = null;
        ChildJvm f = null;
        try {
            lab.coturn(logs.resolve("coturn" + tag), SECRET);
            TurnCredentials.Credential turn = TurnCredentials.issue(SECRET, "bench",
                    java.time.Instant.now().plusSeconds(ttlSeconds + 3600));
            List<String> common = List.of(NatLab.INTERNET_A + ":3478", turn.username(), turn.password(), Long.toString(ttlSeconds));
            l = child("ice-leader" + tag, 0, lab, 'a', "leader", common, jvmOptions, logs);
            f = child("ice-follower" + tag, 1, lab, 'b', "follower", common, jvmOptions, logs);
            String lo = l.expect("OFFER", Duration.ofSeconds(30));
            String fo = f.expect("OFFER", Duration.ofSeconds(30));
            f.send("EXPECT " + lo);
            l.send("EXPECT " + fo);
            IceLab started = new IceLab(lab, l, f);
            started.lossPercent = lossPercent;
            return started;
        } catch (Exception | Error e) {
            for (AutoCloseable c : new AutoCloseable[] {l, f, lab}) {
                if (c != null) {
                    c.close();
                }
            }
            throw e;
        }
    }

    private static ChildJvm child(String name, int core, NatLab lab, char home, String role, List<String> common,
                                  List<String> jvmOptions, Path logs) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(role));
        args.addAll(common);
        List<String> cmd = new java.util.ArrayList<>(ChildJvm.pin(core));
        cmd.addAll(ChildJvm.javaCommand(jvmOptions, IceChild.class.getName(), args));
        return ChildJvm.launch(name, lab.in(lab.home(home), cmd)).log(logs.resolve(name + ".log")).start();
    }

    /** Turns the loss on (after the link is up: the set-up itself is measured by bench connect). */
    public void applyLoss() throws IOException {
        if (lossPercent > 0) {
            lab.loss(lossPercent);
        }
    }

    /**
     * The next line of who starting with prefix, relaying every SIGNAL line either child prints to the
     * other meanwhile; fails after timeout.
     */
    public String await(ChildJvm who, String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ChildJvm c : List.of(leader, follower)) {
                String line = c.readLine(5);
                if (line == null) {
                    continue;
                }
                if (line.equals(ChildJvm.EOF)) {
                    throw new IOException(c.describe() + " ended");
                }
                if (line.startsWith("FAIL")) {
                    throw new IOException(line);
                }
                if (line.startsWith("SIGNAL ")) {
                    (c == leader ? follower : leader).send("EXPECT " + line.substring(7));
                } else if (c == who && line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
        }
        throw new TimeoutException("no " + prefix + " within " + timeout);
    }

    @Override
    public void close() {
        leader.close();
        follower.close();
        lab.close();
    }
}
