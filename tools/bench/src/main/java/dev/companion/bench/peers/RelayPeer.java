package dev.companion.bench.peers;

import dev.companion.bench.link.Codecs;
import dev.companion.bench.link.EchoSystem;
import dev.companion.bench.link.RunResult;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The plain server relay: relay.js (npm ws) pinned to core 1, alone; the leader and follower
 * clients (java.net.http WebSocket, {@link RelayClients}) in one JVM pinned to core 0. Every hop
 * (leader → relay → follower → relay → leader) crosses between the two cores.
 */
public final class RelayPeer implements EchoSystem {
    private final int group;
    private final ChildJvm relay;
    private final ChildJvm clients;
    private final String versions;

    private RelayPeer(int group, ChildJvm relay, ChildJvm clients, String versions) {
        this.group = group;
        this.relay = relay;
        this.clients = clients;
        this.versions = versions;
    }

    public static RelayPeer start(int group, Path peersDir, List<String> jvmOptions, Path logDir, long ttlSeconds) throws Exception {
        ChildJvm relay = ChildJvm.command("relay-node", 1, List.of("node", "relay.js", "0", Long.toString(ttlSeconds)),
                peersDir, logDir);
        ChildJvm clients = null;
        try {
            String port = relay.expect("LISTENING", Duration.ofSeconds(20));
            clients = ChildJvm.java("relay-clients-g" + group, 0, jvmOptions, RelayClients.class,
                    List.of(port, Integer.toString(group - 1), Long.toString(ttlSeconds)), logDir);
            clients.expect("READY", Duration.ofSeconds(30));
            return new RelayPeer(group, relay, clients, versions(peersDir));
        } catch (Exception | Error e) {
            if (clients != null) {
                clients.close();
            }
            relay.close();
            throw e;
        }
    }

    /** "v20.x, ws 8.x" from node --version and the installed ws package. */
    public static String versions(Path peersDir) {
        String node = "?";
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            p.waitFor();
        } catch (java.io.IOException e) {
            // keep "?"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String ws = "?";
        try {
            ws = Codecs.tree(java.nio.file.Files.readString(peersDir.resolve("node_modules/ws/package.json"))).get("version").asText();
        } catch (java.io.IOException | RuntimeException e) {
            // keep "?"
        }
        return node + ", ws " + ws;
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public int group() {
        return group;
    }

    @Override
    public RunResult run(int run, double rate, double seconds) throws Exception {
        clients.send(String.format(Locale.ROOT, "RUN %d %s %s %d", run, rate, seconds, group - 1));
        return RunResult.fromJson(Codecs.tree(clients.expect("RESULT", Duration.ofMillis(Math.round(seconds * 1000) + 30_000))));
    }

    @Override
    public List<ProcessHandle> leaderProcesses() {
        return List.of(clients.handle());
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return List.of(relay.handle());
    }

    @Override
    public String layout() {
        return ChildJvm.layout("relay.js (node " + versions + ") alone on core 1; leader + " + (group - 1)
                + " follower WebSocket client(s) (java.net.http) in one JVM on core 0; plain ws:// over 127.0.0.1");
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        relay.close();
    }
}
