package dev.companion.bench.connect;

import dev.companion.bench.ice.IceLab;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Our link over ICE, fresh for one run: the dialing terminal in home A (core 0), the other in home B
 * (core 1) of an {@link IceLab} — cone NATs for the direct row, symmetric NATs for the relay row.
 * Each connect is a fresh link: direct TCP to the other's private addresses fails at once (no route),
 * then a new ICE session gathers candidates (host, STUN, a TURN allocation), signals them through
 * this JVM, checks pairs, and QUIC comes up on the selected one.
 */
final class IceConnects implements ConnectSystem {
    private final IceLab lab;
    private final boolean relayed;

    private IceConnects(IceLab lab, boolean relayed) {
        this.lab = lab;
        this.relayed = relayed;
    }

    static IceConnects start(boolean relayed, List<String> jvmOptions, Path logs, String tag, long ttlSeconds) throws Exception {
        return new IceConnects(IceLab.start(relayed, jvmOptions, logs, tag + (relayed ? "-turn" : "-ice"), ttlSeconds), relayed);
    }

    @Override
    public Sample connect(int index) throws Exception {
        lab.leader.send("CONNECT " + index);
        Row row = relayed ? Row.TURN : Row.ICE;
        String json = lab.await(lab.leader, "CONNECTED", Duration.ofSeconds(40));
        Sample s = Marks.sample(row, index, json);
        String want = relayed ? "relayed" : "direct";
        if (s.ok() && !json.contains("\"path\":\"" + want + "\"")) {
            return Sample.failed(row.id(), index, "came up on another path than " + want + ": " + json);
        }
        return s;
    }

    @Override
    public List<ProcessHandle> initiatorProcesses() {
        return List.of(lab.leader.handle());
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return List.of(lab.follower.handle());
    }

    @Override
    public String layout() {
        return ChildJvm.layout("dialing terminal's JVM on core 0 in home A, the other terminal's JVM on core 1 in home B"
                + " (network namespaces, kernel NAT: " + (relayed ? "symmetric" : "cone") + "); coturn (STUN, TURN) in the"
                + " lab's internet; signalling carried by the bench's JVM over the children's stdin/stdout");
    }

    @Override
    public void close() {
        lab.close();
    }
}
