package dev.companion.bench.connect;

import dev.companion.bench.peers.RelayClients;
import dev.companion.bench.peers.RelayPeer;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The WebSocket relay, fresh for one run: tools/bench/peers/relay.js (node, npm ws) alone on core 1, the
 * leader and follower clients ({@link RelayClients} with no standing clients) in one JVM on core 0.
 */
final class RelayConnects implements ConnectSystem {
    private final ChildJvm relay;
    private final ChildJvm clients;
    private final String versions;

    private RelayConnects(ChildJvm relay, ChildJvm clients, String versions) {
        this.relay = relay;
        this.clients = clients;
        this.versions = versions;
    }

    static RelayConnects start(Path peersDir, List<String> jvmOptions, Path logs, String tag, long ttlSeconds) throws Exception {
        ChildJvm relay = ChildJvm.command("connect-relay-node" + tag, 1, List.of("node", "relay.js", "0", Long.toString(ttlSeconds)),
                peersDir, logs);
        ChildJvm clients = null;
        try {
            String port = relay.expect("LISTENING", Duration.ofSeconds(20));
            clients = ChildJvm.java("connect-relay-clients" + tag, 0, jvmOptions, RelayClients.class,
                    List.of(port, "0", Long.toString(ttlSeconds)), logs);
            clients.expect("READY", Duration.ofSeconds(30));
            return new RelayConnects(relay, clients, RelayPeer.versions(peersDir));
        } catch (Exception | Error e) {
            if (clients != null) {
                clients.close();
            }
            relay.close();
            throw e;
        }
    }

    @Override
    public Sample connect(int index) throws Exception {
        clients.send("CONNECT " + index);
        return Marks.sample(Row.RELAY, index, clients.expect("CONNECTED", Duration.ofSeconds(40)));
    }

    @Override
    public List<ProcessHandle> initiatorProcesses() {
        return List.of(clients.handle());
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return List.of(relay.handle());
    }

    @Override
    public String layout() {
        return ChildJvm.layout("relay.js (node " + versions + ") alone on core 1;"
                + " leader and follower WebSocket clients (java.net.http, one HttpClient each, made before the clock) in one"
                + " JVM on core 0; each connect opens both WebSockets at once over plain ws:// on 127.0.0.1 (room per connect)");
    }

    @Override
    public void close() {
        clients.close();
        relay.close();
    }
}
