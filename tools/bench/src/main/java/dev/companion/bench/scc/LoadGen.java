package dev.companion.bench.scc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.companion.bench.scc.LoadClient.Term;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load generator's JVM (started by {@link SccBench}, pinned to its own core): holds the
 * terminals and runs one phase per command line read from stdin, answering each with one line
 * {@code RESULT <json>} on stdout ({@code PROGRESS <n>} lines in between). Commands:
 * <pre>
 *   hashcost N                         time N Argon2id verifications here (production parameters)
 *   probe N                            N ControlCenterClient instances: threads, heap, fds each
 *   ramp N SECONDS INFLIGHT            log in terminals u0..u(N-1) (bounded by SECONDS)
 *   heap                               this JVM's heap after GC
 *   presence RATE SECONDS GAP_MS       disconnect/reconnect at RATE/s: presence latency
 *   reconnect SECONDS CONCURRENCY      token reconnects, closed loop
 *   password SECONDS CONCURRENCY USERS password logins (users p0..), closed loop
 *   quit
 * </pre>
 * Arguments: HOST PORT FINGERPRINT SOURCE_ADDRESSES BARE(0/1) RESUMPTION(0/1) PING_SECONDS CONTACTS
 * RAMP_PASSWORD PW_PASSWORD [TCP_NODELAY(0/1)].
 */
public final class LoadGen {
    static final ObjectMapper JSON = new ObjectMapper();

    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String fingerprint = args[2];
        int sources = Integer.parseInt(args[3]);
        boolean bare = "1".equals(args[4]);
        boolean resumption = "1".equals(args[5]);
        int ping = Integer.parseInt(args[6]);
        int contacts = Integer.parseInt(args[7]);
        String rampPassword = args[8];
        String pwPassword = args[9];
        boolean noDelay = args.length > 10 && "1".equals(args[10]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (LoadClient client = new LoadClient(host, port, fingerprint, sources, bare, resumption, noDelay)) {
            LoadPhases phases = new LoadPhases(client, host, port, fingerprint, contacts, rampPassword, pwPassword, out, ping);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.trim().split("\\s+");
                if (c[0].isEmpty()) {
                    continue;
                }
                Map<String, Object> r;
                try {
                    r = switch (c[0]) {
                        case "hashcost" -> phases.hashCost(Integer.parseInt(c[1]));
                        case "probe" -> phases.probe(Integer.parseInt(c[1]));
                        case "ramp" -> phases.ramp(Integer.parseInt(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3]));
                        case "heap" -> phases.heap();
                        case "presence" -> phases.presence(Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                                Integer.parseInt(c[3]));
                        case "reconnect" -> phases.reconnect(Double.parseDouble(c[1]), Integer.parseInt(c[2]));
                        case "password" -> phases.password(Double.parseDouble(c[1]), Integer.parseInt(c[2]),
                                Integer.parseInt(c[3]));
                        case "quit" -> null;
                        default -> Map.of("error", "unknown command " + c[0]);
                    };
                } catch (Exception | Error e) { // report, so that the benchmark can say what went wrong
                    e.printStackTrace();
                    r = new LinkedHashMap<>();
                    r.put("error", e.toString());
                }
                if (r == null) {
                    break;
                }
                out.println("RESULT " + JSON.writeValueAsString(r));
            }
        }
        System.exit(0);
    }

    /** Terminal u{i} for the ramp users. */
    static Term[] terms(int n, String prefix) {
        Term[] t = new Term[n];
        for (int i = 0; i < n; i++) {
            t[i] = new Term(i, prefix + i);
        }
        return t;
    }
}
