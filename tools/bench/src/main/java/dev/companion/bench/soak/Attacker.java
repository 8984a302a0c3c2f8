package dev.companion.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attacker's JVM in the soak (started by {@link SoakBench}): every attack of docs/security.md's
 * "strangers" rows at once, against one control center, until it reads {@code stop} on stdin; then
 * prints {@code RESULT <json>} (what it sent and how each was answered or closed) and exits. Each
 * attack comes from its own source addresses (127.0.1.x …), away from the real clients' 127.0.0.x.
 *
 * <p>Arguments: HOST PORT FINGERPRINT SCALE ACCOUNT_PASSWORD ACCOUNT... — SCALE multiplies the number
 * of connections of each attack (1: the soak's mix); the accounts flood requests once logged in.
 */
public final class Attacker {
    private Attacker() {
    }

    /** The mix at scale 1. */
    static final int PING_FLOODERS = 8;
    static final int BAD_BURSTS = 2;
    static final int TRICKLERS = 400;
    static final int IDLERS = 200;
    static final int REQUESTS_PER_SECOND = 200;

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        String fingerprint = args[2];
        double scale = Double.parseDouble(args[3]);
        String password = args[4];
        List<String> accounts = List.of(args).subList(5, args.length);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        Trickle trickle = new Trickle(server, List.of("127.0.2.1", "127.0.2.2"), n(TRICKLERS, scale), tally);
        Thread trickler = new Thread(trickle, "trickle");
        trickler.setDaemon(true);
        try (TlsAttacks tls = new TlsAttacks(server, fingerprint, tally)) {
            trickler.start();
            tls.pingFlooders(n(PING_FLOODERS, scale), "127.0.1.1");
            tls.badBursts(n(BAD_BURSTS, scale), "127.0.1.2");
            tls.idlers(n(IDLERS, scale), List.of("127.0.3.1", "127.0.3.2"));
            tls.requesters(accounts, password, REQUESTS_PER_SECOND, "127.0.4.1");
            out.println("STARTED");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                // wait
            }
            trickle.stop();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            r.put("scale", scale);
            Map<String, Object> mix = new LinkedHashMap<>();
            mix.put("pingFlooders", n(PING_FLOODERS, scale));
            mix.put("badBursts", n(BAD_BURSTS, scale));
            mix.put("tricklers", n(TRICKLERS, scale));
            mix.put("idlers", n(IDLERS, scale));
            mix.put("requestAccounts", accounts.size());
            mix.put("requestsPerSecondEach", REQUESTS_PER_SECOND);
            r.put("mix", mix);
            r.put("counts", tally.snapshot());
            out.println("RESULT " + new ObjectMapper().writeValueAsString(r));
        }
        System.exit(0);
    }

    private static int n(int base, double scale) {
        return Math.max(1, (int) Math.round(base * scale));
    }

    static List<String> accounts(int n) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            a.add("p" + i);
        }
        return a;
    }
}
