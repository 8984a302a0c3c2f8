package dev.companion.bench.connect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.bench.link.Codecs;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Control-center sign-ins, fresh for one run: a terminal JVM ({@link SignInChild}) on core 0 against
 * the scenario's {@link SccServer} on core 1. Connects take turns in threes: a first sign-in with the
 * password and trust on first use (a full TLS handshake; index 0, the first of the fresh JVM, is the
 * cold one), a pinned sign-in with the password and a pinned one with the token the last login_ok
 * carried (both resume the TLS session of the previous pinned sign-in). Right after the cold sign-in,
 * outside the clock, the terminal makes one unmeasured pinned sign-in, as the app's first pinned one
 * of a process, so that the pinned rows always have a session to resume.
 */
final class SignInConnects implements ConnectSystem {
    private final ChildJvm client;
    private final SccServer server;

    private SignInConnects(ChildJvm client, SccServer server) {
        this.client = client;
        this.server = server;
    }

    static SignInConnects start(SccServer server, List<String> jvmOptions, Path logs, String tag, long ttlSeconds)
            throws Exception {
        ChildJvm c = ChildJvm.java("connect-signin-client" + tag, 0, jvmOptions, SignInChild.class,
                List.of("127.0.0.1", Integer.toString(server.port), server.fingerprint, SccServer.USER, SccServer.PASSWORD,
                        Long.toString(ttlSeconds)), logs);
        try {
            c.expect("READY", Duration.ofSeconds(30));
            return new SignInConnects(c, server);
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    /** The row of connect index: trust on first use, pinned with the password, pinned with the token, in turn. */
    static Row rowOf(int index) {
        return switch (index % 3) {
            case 0 -> Row.SIGNIN_PASSWORD;
            case 1 -> Row.SIGNIN_PASSWORD_PINNED;
            default -> Row.SIGNIN_TOKEN;
        };
    }

    @Override
    public Sample connect(int index) throws Exception {
        Row row = rowOf(index);
        client.send("SIGNIN " + index + " " + (row == Row.SIGNIN_TOKEN ? "token" : "password") + " "
                + (row == Row.SIGNIN_PASSWORD ? "tofu" : "pinned"));
        Sample s = Marks.sample(row, index, client.expect("SIGNED", Duration.ofSeconds(40)));
        if (index == 0) {
            client.send("PIN"); // the clock stopped: the first pinned sign-in of the process, a full handshake
            JsonNode o = Codecs.tree(client.expect("PINNED", Duration.ofSeconds(40)));
            if (!o.path("ok").asBoolean(false)) { // the pinned rows will show full handshakes (see the report's TLS counts)
                System.err.println("the unmeasured pinned sign-in failed: " + o.path("why").asText());
            }
        }
        return s;
    }

    @Override
    public List<ProcessHandle> initiatorProcesses() {
        return List.of(client.handle());
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return List.of(server.process.handle());
    }

    @Override
    public String layout() {
        return ChildJvm.layout("terminal JVM (ControlCenterClient, a new one per"
                + " sign-in: trust on first use with a TLS context of its own, or pinned with the pin's shared TLS"
                + " context) on core 0; scc-lite (ControlCenter in its own JVM, one for the whole scenario, warmed up with"
                + " sign-ins before the first run; SQLite WAL, synchronous=FULL, data in " + server.data + ") on core 1;"
                + " TCP + TLS 1.3 (full handshake, or a resumed session for the pinned clients) + login on 127.0.0.1");
    }

    @Override
    public void close() {
        client.close();
    }
}
