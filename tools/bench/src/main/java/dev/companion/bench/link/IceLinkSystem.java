package dev.companion.bench.link;

import dev.companion.bench.ice.IceLab;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Our peer link over ICE, group of 2: the leader terminal in home A (core 0), the follower in home B
 * (core 1) of a {@link IceLab}, each behind a router with kernel NAT; QUIC (Kwik) on the pair ICE
 * selected — through two cone NATs directly ("ice"), or through coturn between two symmetric NATs
 * ("turn"). Every packet crosses two veth pairs, two NATs and the lab's internet namespace (and, for
 * "turn", coturn), where the other systems use 127.0.0.1.
 */
public final class IceLinkSystem implements EchoSystem {
    private final IceLab lab;
    private final boolean relayed;
    private final String path;
    private final int loss;

    private IceLinkSystem(IceLab lab, boolean relayed, String path, int loss) {
        this.lab = lab;
        this.relayed = relayed;
        this.path = path;
        this.loss = loss;
    }

    public static IceLinkSystem start(boolean relayed, List<String> jvmOptions, Path logs, long ttlSeconds) throws Exception {
        return start(relayed, 0, jvmOptions, logs, ttlSeconds);
    }

    /** With lossPercent > 0 each router drops that share of the packets it sends, once the link is up. */
    public static IceLinkSystem start(boolean relayed, int lossPercent, List<String> jvmOptions, Path logs, long ttlSeconds)
            throws Exception {
        String tag = (relayed ? "-turn" : "-ice") + (lossPercent > 0 ? "-loss" + lossPercent : "");
        IceLab lab = IceLab.start(relayed, lossPercent, jvmOptions, logs, tag, ttlSeconds);
        try {
            lab.leader.send("WAITUP");
            String path = lab.await(lab.leader, "UP", Duration.ofSeconds(40));
            String expected = relayed ? "relayed" : "direct";
            if (!path.equals(expected)) {
                throw new IllegalStateException("the ICE link came up " + path + ", not " + expected);
            }
            lab.applyLoss();
            return new IceLinkSystem(lab, relayed, path, lossPercent);
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return (relayed ? "turn" : "ice") + (loss > 0 ? "-loss" + loss : "");
    }

    @Override
    public int group() {
        return 2;
    }

    @Override
    public RunResult run(int run, double rate, double seconds) throws Exception {
        lab.leader.send(String.format(Locale.ROOT, "RUN %d %s %s 1", run, rate, seconds));
        return RunResult.fromJson(Codecs.tree(lab.await(lab.leader, "RESULT", Duration.ofMillis(Math.round(seconds * 1000) + 30_000))));
    }

    @Override
    public List<ProcessHandle> leaderProcesses() {
        return List.of(lab.leader.handle());
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return List.of(lab.follower.handle());
    }

    @Override
    public String layout() {
        return ChildJvm.layout("leader JVM on core 0 in home A, follower JVM on core 1 in home B (network namespaces, kernel"
                + " NAT: " + (relayed ? "symmetric, fully-random ports" : "cone") + "); ICE (ice4j, STUN and TURN from coturn"
                + " in the lab's internet namespace) selected a " + path + " pair; QUIC (Kwik) with TLS 1.3 on it, the same"
                + " LinkManager protocol" + (loss > 0 ? "; each router drops " + loss + " % of what it sends (nftables"
                + " numgen), from when the link is up" : ""));
    }

    @Override
    public void close() {
        lab.close();
    }
}
