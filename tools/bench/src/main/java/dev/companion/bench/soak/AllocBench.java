package dev.companion.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.companion.bench.scc.SeedData;
import dev.companion.p2p.net.ConnectionLimit;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import dev.companion.bench.report.Trees;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLSocketFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./companion bench soak-alloc}: the bytes the control center allocates per unit of each flood
 * of the soak and per legitimate presence change, measured deterministically (not a timing): a real
 * {@link ControlCenter} in this JVM on loopback, real TLS clients ({@link AllocClient}) driven from
 * this thread only, and the server's allocation = every thread's allocation (HotSpot's
 * {@code getTotalThreadAllocatedBytes}, dead threads included) minus this thread's, over N units after
 * the same N as warm-up. Writes OUT/alloc.json and prints the table of docs/benchmarks/soak.md.
 */
@Command(name = "soak-alloc", mixinStandardHelpOptions = true,
        description = "Bytes the control center allocates per flood unit of the soak and per presence change.")
public final class AllocBench implements Callable<Integer> {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final byte[] BAD = "x".getBytes(StandardCharsets.UTF_8);
    private static final String PRESENCE = "presence change (close, or TLS + token login) and its push to one contact";
    private static final byte[] PING = Codec.encode(new Messages.Ping(1));
    /**
     * Answers are drained until none came for this long: over the rate the server reads a connection
     * again only once its bucket holds a frame (every 50 ms), a read buffer at a time.
     */
    private static final int DRAIN_MS = 1_500;

    @Option(names = "--units", defaultValue = "2000", description = "units of each kind measured (default ${DEFAULT-VALUE})")
    int units;
    @Option(names = "--parts", defaultValue = "frames,refusals,deadline",
            description = "which servers' units to measure (default ${DEFAULT-VALUE})", split = ",")
    java.util.Set<String> parts;
    @Option(names = "--out", defaultValue = "tools/bench/results/soak", description = "results directory (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--work", defaultValue = "tools/bench/target/soak-alloc-work", description = "scratch (default ${DEFAULT-VALUE})")
    Path work;

    private SSLSocketFactory tls;
    private final Map<String, Object> results = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Trees.delete(work);
        Files.createDirectories(out);
        tls = Tls.context(Identity.create("alloc-bench"), fp -> true).getSocketFactory();
        int connections = Math.max(20, units / 10);
        if (parts.contains("frames")) {
            measureFrames(connections);
        }
        if (parts.contains("refusals")) {
            measureRefusals(connections);
        }
        if (parts.contains("deadline")) {
            measureDeadline(connections);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "./companion bench soak-alloc --units " + units + " --parts " + String.join(",", parts));
        doc.put("date", java.time.OffsetDateTime.now().withNano(0).toString());
        doc.put("java", System.getProperty("java.version"));
        doc.put("bytesPerUnit", results);
        json.writeValue(out.resolve("alloc.json").toFile(), doc);
        report();
        return 0;
    }

    private void measureFrames(int connections) throws Exception {
        try (ControlCenter cc = start("frames", Endpoint.CONTROL_CENTER)) {
            for (int pass = 0; pass < 2; pass++) {
                boolean measured = pass == 1;
                presence(cc, connections, measured);
                frames(cc, "bad frame answered BAD_FRAME", BAD, 100, connections, ErrorCode.BAD_FRAME, measured);
                frames(cc, "bad frame over the rate, answered RATE_LIMITED", BAD, 200, Math.max(5, units / 200),
                        ErrorCode.RATE_LIMITED, measured);
                frames(cc, "ping over the rate, answered RATE_LIMITED", PING, 200, Math.max(5, units / 200),
                        ErrorCode.RATE_LIMITED, measured);
                requests(cc, Math.max(5, units / 200), measured);
            }
        }
    }

    /** One refused connection at a time: the unadmitted cap is 1 and one connection (pinging, so not idle) holds it. */
    private void measureRefusals(int connections) throws Exception {
        Endpoint capped = Endpoint.CONTROL_CENTER.withConnections(new ConnectionLimit(60_000, 2_000, 1, 1, Duration.ofMinutes(30)));
        try (ControlCenter cc = start("refusals", capped); AllocClient holder = AllocClient.open(tls, cc.port(), "127.0.0.1")) {
            holder.send(PING);
            holder.read();
            for (int pass = 0; pass < 2; pass++) {
                refusals(cc, holder, connections, pass == 1, pass);
            }
        }
    }

    private void measureDeadline(int connections) throws Exception {
        Endpoint quick = Endpoint.CONTROL_CENTER.withConnections(new ConnectionLimit(60_000, 2_000, 1_024, 64, Duration.ofMillis(300)));
        try (ControlCenter cc = start("deadline", quick)) {
            for (int pass = 0; pass < 2; pass++) {
                deadline(cc, Math.min(connections, 500), pass == 1);
            }
        }
    }

    private ControlCenter start(String name, Endpoint endpoint) throws Exception {
        Path data = work.resolve(name);
        SeedData.write(data, 4, 1, 0, false);
        return ControlCenter.start(Config.of(data).withBind("127.0.0.1", 0).withEndpoint(endpoint));
    }

    /** Server allocation over a stretch of this thread's work: all threads' bytes minus this thread's. */
    private static final class Meter {
        private final long total = THREADS.getTotalThreadAllocatedBytes();
        private final long mine = THREADS.getCurrentThreadAllocatedBytes();

        long server() {
            long mineNow = THREADS.getCurrentThreadAllocatedBytes();
            return THREADS.getTotalThreadAllocatedBytes() - total - (mineNow - mine);
        }
    }

    private void record(String what, boolean measured, long bytes, long n) {
        if (measured) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("units", n);
            r.put("bytesPerUnit", n == 0 ? 0 : bytes / n);
            results.put(what, r);
            System.out.printf(Locale.ROOT, "%s: %,d bytes per unit (%d units)%n", what, n == 0 ? 0 : bytes / n, n);
        }
    }

    /**
     * u0 goes offline (closes) and comes back (a new TLS connection, a token login) while its contact u1
     * is signed in: per presence change, its push to u1.
     */
    private void presence(ControlCenter cc, int cycles, boolean measured) throws Exception {
        try (AllocClient u1 = AllocClient.open(tls, cc.port(), "127.0.0.1")) {
            u1.login("u1", SeedData.TERMINAL_PASSWORD);
            AllocClient u0 = AllocClient.open(tls, cc.port(), "127.0.0.1");
            String token = u0.login("u0", SeedData.TERMINAL_PASSWORD);
            u1.awaitPresence("u0", true);
            Meter m = new Meter();
            long pinged = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                if (System.nanoTime() - pinged > 5_000_000_000L) { // u1 pings every 5 s, as a terminal does (else: idle, closed)
                    u1.send(PING);
                    pinged = System.nanoTime();
                }
                u0.close();
                u1.awaitPresence("u0", false);
                u0 = AllocClient.open(tls, cc.port(), "127.0.0.1");
                token = u0.login("u0", token);
                u1.awaitPresence("u0", true);
            }
            record(PRESENCE, measured, m.server(), 2L * cycles);
            u0.close();
        }
    }

    /** On connections already up (not signed in): bursts of frames, each answered; counts the answers of code. */
    @SuppressWarnings("unchecked")
    private void frames(ControlCenter cc, String what, byte[] frame, int perConnection, int conns, ErrorCode code,
                        boolean measured) throws Exception {
        long bytes = 0;
        long n = 0;
        long other = 0;
        long unanswered = 0;
        for (int c = 0; c < conns; c++) {
            try (AllocClient s = AllocClient.open(tls, cc.port(), "127.0.0.1")) {
                if (code == ErrorCode.RATE_LIMITED) { // signed in (no login deadline); the bucket emptied first, unmeasured
                    s.login("u2", SeedData.TERMINAL_PASSWORD);
                    for (int i = 0; i < 100; i++) {
                        s.send(BAD);
                    }
                    while (s.readWithin(DRAIN_MS) != null) {
                        // the answers to the emptying burst
                    }
                }
                Meter m = new Meter();
                for (int sent = 0; sent < perConnection; sent++) { // all at once, as a flooder does
                    s.send(frame);
                }
                long answers = 0;
                for (Message a; answers < perConnection && (a = s.readWithin(DRAIN_MS)) != null; answers++) {
                    if (a instanceof Messages.Error e && e.code() == code) {
                        n++;
                    } else {
                        other++;
                    }
                }
                unanswered += perConnection - answers;
                bytes += m.server();
            }
        }
        // the few frames the refilling bucket lets through among RATE_LIMITED ones cost about a BAD_FRAME
        // (or a pong) each: counted as units too, so the figure slightly over-states a RATE_LIMITED answer
        record(what, measured, bytes, n + other);
        if (measured && unanswered > 0) {
            System.out.printf("%s: %d of %d frames got no answer (none came for 1.5 s)%n", what, unanswered, n + other + unanswered);
            ((Map<String, Object>) results.get(what)).put("unanswered", unanswered);
        }
    }

    /** A signed-in account sending contact_add over the rate: the RATE_LIMITED answers, and the requests processed. */
    private void requests(ControlCenter cc, int conns, boolean measured) throws Exception {
        long bytes = 0;
        long n = 0;
        for (int c = 0; c < conns; c++) {
            try (AllocClient s = AllocClient.open(tls, cc.port(), "127.0.0.1")) {
                s.login("u3", SeedData.TERMINAL_PASSWORD);
                byte[] add = Codec.encode(new Messages.ContactAdd(7L, "nobody"));
                for (int i = 0; i < 100; i++) {
                    s.send(add);
                }
                while (s.readWithin(DRAIN_MS) != null) {
                    // the answers to the emptying burst
                }
                Meter m = new Meter();
                for (int i = 0; i < 200; i++) {
                    s.send(add);
                }
                while (n < (c + 1) * 200L && s.readWithin(DRAIN_MS) != null) {
                    n++;
                }
                bytes += m.server();
            }
        }
        record("contact_add over the rate, answered RATE_LIMITED", measured, bytes, n);
    }

    /**
     * Refused connections: from a fresh address each, TLS then TOO_MANY_CONNECTIONS and the close; then
     * from one address already answered 4 times, closed before TLS.
     */
    private void refusals(ControlCenter cc, AllocClient holder, int n, boolean measured, int pass) throws Exception {
        long answered = 0;
        Meter m = new Meter();
        for (int i = 0; i < n; i++) {
            holder.keepAlive();
            String source = "127.0." + (10 + pass * 10 + i / 200) + "." + (i % 200 + 1);
            try (AllocClient s = AllocClient.open(tls, cc.port(), source)) {
                if (!(s.read() instanceof Messages.Error e && e.code() == ErrorCode.TOO_MANY_CONNECTIONS) || s.readEnd() != null) {
                    throw new IllegalStateException("expected TOO_MANY_CONNECTIONS, then the close");
                }
                answered++;
            } catch (javax.net.ssl.SSLException early) {
                // closed before TLS: the previous refusal was still counted as waiting for its TLS (cheaper: not counted)
            }
        }
        record("connection refused TOO_MANY_CONNECTIONS after TLS (handshake, answer, close)", measured, m.server(), answered);
        long bytes = 0;
        long closed = 0;
        for (int k = 0; closed < n; k++) {
            holder.keepAlive();
            String source = "127.0." + (40 + pass) + "." + (k + 1);
            for (int i = 0; i < 4; i++) { // answered, unmeasured
                try (AllocClient s = AllocClient.open(tls, cc.port(), source)) {
                    s.readEnd();
                } catch (java.io.IOException closedBeforeTls) {
                    break; // already over its refusals
                }
            }
            Meter mm = new Meter();
            for (int i = 0; i < Math.min(100, n - closed); i++) {
                if (!AllocClient.refusedBeforeTls(cc.port(), source)) {
                    break; // its refusals were too long ago (a slow machine): prime another address (this one is counted in, not as a unit)
                }
                closed++;
            }
            bytes += mm.server();
        }
        record("connection closed before TLS (address over its refusals)", measured, bytes, closed);
    }

    /** Connections that do TLS and never log in, closed at the deadline. */
    private void deadline(ControlCenter cc, int n, boolean measured) throws Exception {
        Meter m = new Meter();
        AllocClient[] open = new AllocClient[n];
        for (int i = 0; i < n; i++) {
            open[i] = AllocClient.open(tls, cc.port(), "127.0.0." + (2 + i % 8));
        }
        for (AllocClient s : open) {
            if (s.readEnd() != null) {
                throw new IllegalStateException("expected the deadline's close");
            }
            s.close();
        }
        record("connection closed at the login deadline (handshake, deadline, close)", measured, m.server(), n);
    }

    @SuppressWarnings("unchecked")
    private void report() {
        Map<String, Object> base = (Map<String, Object>) results.get(PRESENCE);
        double push = base == null ? Double.NaN : ((Number) base.get("bytesPerUnit")).doubleValue();
        System.out.println("| unit | bytes allocated by the server | ratio to a presence change |");
        System.out.println("|---|--:|--:|");
        results.forEach((k, v) -> {
            long b = ((Number) ((Map<String, Object>) v).get("bytesPerUnit")).longValue();
            System.out.printf(Locale.ROOT, "| %s | %,d | %.2f |%n", k, b, b / push);
        });
    }
}
