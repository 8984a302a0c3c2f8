package dev.companion.bench.scc;

import dev.companion.bench.scc.LoadClient.Attempt;
import dev.companion.bench.scc.LoadClient.Outcome;
import dev.companion.bench.scc.LoadClient.Term;
import dev.companion.scc.client.ControlCenterClient;
import dev.companion.p2p.protocol.Message;
import dev.companion.scc.auth.PasswordHasher;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/** The load generator's phases (see {@link LoadGen}); each returns the figures it measured. */
final class LoadPhases {
    private static final long SECOND = 1_000_000_000L;

    private final LoadClient client;
    private final String host;
    private final int port;
    private final String fingerprint;
    private final int contacts;
    private final String rampPassword;
    private final String pwPassword;
    private final PrintStream out;
    private final ExecutorService driver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "load-driver");
        t.setDaemon(true);
        return t;
    });
    private volatile Term[] terms = new Term[0];
    private final java.util.concurrent.ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-pinger");
        t.setDaemon(true);
        return t;
    });
    private int pingCursor;

    LoadPhases(LoadClient client, String host, int port, String fingerprint, int contacts, String rampPassword,
               String pwPassword, PrintStream out, int pingSeconds) {
        this.client = client;
        this.host = host;
        this.port = port;
        this.fingerprint = fingerprint;
        this.contacts = contacts;
        this.rampPassword = rampPassword;
        this.pwPassword = pwPassword;
        this.out = out;
        // Heartbeats like independent apps: every terminal pings once per pingSeconds, spread evenly
        // over time (not in bursts, as MINA's once-a-second idle check would send them).
        long tickMs = 10;
        pinger.scheduleAtFixedRate(() -> {
            Term[] all = terms;
            if (all.length == 0) {
                return;
            }
            int count = (int) Math.ceil(all.length * tickMs / (pingSeconds * 1000.0));
            for (int i = 0; i < count; i++) {
                pingCursor = (pingCursor + 1) % all.length;
                LoadClient.ping(all[pingCursor]);
            }
        }, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    // ---- Argon2id cost, measured on this core ---------------------------------------------------

    Map<String, Object> hashCost(int n) {
        String encoded = PasswordHasher.hash(pwPassword);
        PasswordHasher.verify(pwPassword, encoded); // warm-up
        PasswordHasher.verify(pwPassword, encoded);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            PasswordHasher.verify(pwPassword, encoded);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("verifications", n);
        r.put("medianMs", round(ms.get(ms.size() / 2)));
        r.put("minMs", round(ms.get(0)));
        r.put("maxMs", round(ms.get(ms.size() - 1)));
        r.put("parameters", "m=" + PasswordHasher.MEMORY_KIB + " KiB, t=" + PasswordHasher.ITERATIONS + ", p="
                + PasswordHasher.PARALLELISM);
        return r;
    }

    // ---- what one ControlCenterClient costs ---------------------------------------------------

    Map<String, Object> probe(int n) throws Exception {
        int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
        long fds0 = fds();
        List<ControlCenterClient> list = new ArrayList<>();
        ControlCenterClient.Listener quiet = new ControlCenterClient.Listener() {
            @Override
            public void onPush(Message m) {
            }

            @Override
            public void onClosed(String reason) {
            }
        };
        Map<String, Object> r = new LinkedHashMap<>();
        try {
            for (int i = 0; i < n; i++) {
                ControlCenterClient c = new ControlCenterClient(host, port, fingerprint::equals, quiet);
                list.add(c);
                c.connect("u" + i, rampPassword, "probe" + i, List.of("127.0.0.1:40000"), LoadClient.FAKE_FINGERPRINT)
                        .get(30, TimeUnit.SECONDS);
            }
            int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
            long fds1 = fds();
            long heap1 = heapAfterGc();
            list.forEach(ControlCenterClient::close);
            list.clear();
            long heap2 = heapAfterGc();
            r.put("clients", n);
            r.put("threadsPerClient", round((threads1 - threads0) / (double) n));
            r.put("fdsPerClient", round((fds1 - fds0) / (double) n));
            r.put("heapBytesPerClient", (heap1 - heap2) / n);
        } finally {
            list.forEach(ControlCenterClient::close);
        }
        return r;
    }

    // ---- ramp ------------------------------------------------------------------------------------

    private static final int RAMP_TRIES = 10;
    private static final long RETRY_AFTER_NANOS = SECOND;

    Map<String, Object> ramp(int n, int seconds, int inflight) throws InterruptedException {
        terms = LoadGen.terms(n, "u");
        client.takeStages();
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(inflight);
        AtomicInteger online = new AtomicInteger();
        AtomicLong reachedAt = new AtomicLong();
        LongAdder failures = new LongAdder();
        Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        // a refused login is tried again after the control center's usual retryAfter (a busy hash pool, or
        // more than LoginLimits.addressInFlight() checks of one source address at once), at most RAMP_TRIES times
        ConcurrentLinkedQueue<long[]> retry = new ConcurrentLinkedQueue<>(); // {index, due}
        AtomicIntegerArray tries = new AtomicIntegerArray(n);
        Histogram login = Hists.micros();
        Outcome outcome = new Outcome() {
            @Override
            public void loggedIn(Attempt a, long now) {
                a.term.state.set(LoadClient.ONLINE);
                Hists.record(login, now - a.startNanos);
                if (online.incrementAndGet() == n) {
                    reachedAt.set(now);
                }
                permits.release();
            }

            @Override
            public void failed(Attempt a, String why) {
                failures.increment();
                reasons.computeIfAbsent(shorten(why), k -> new LongAdder()).increment();
                a.term.state.set(LoadClient.OFFLINE);
                if (tries.incrementAndGet(a.term.index) < RAMP_TRIES) {
                    retry.add(new long[] {a.term.index, System.nanoTime() + RETRY_AFTER_NANOS});
                }
                permits.release();
            }
        };
        long t0 = System.nanoTime();
        long deadline = t0 + seconds * SECOND;
        long nextProgress = t0;
        int next = 0;
        while (online.get() < n && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (now >= nextProgress) {
                out.println("PROGRESS " + online.get());
                nextProgress = now + SECOND / 2;
            }
            if (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long[] due = retry.peek(); // one delay for all: the queue is in order of due time
            Integer idx = due != null && due[1] <= now ? (int) retry.poll()[0] : null;
            if (idx == null && next < n) {
                idx = next++;
            }
            if (idx == null) {
                permits.release();
                if (permits.availablePermits() >= inflight && retry.isEmpty()) {
                    break; // everything tried and settled
                }
                Thread.sleep(10);
                continue;
            }
            Term t = terms[idx];
            t.state.set(LoadClient.BUSY);
            client.connect(t, rampPassword, System.nanoTime(), outcome);
        }
        long loopEnd = System.nanoTime();
        if (permits.tryAcquire(inflight, 30, TimeUnit.SECONDS)) {
            permits.release(inflight);
        }
        out.println("PROGRESS " + online.get());
        long end = reachedAt.get() != 0 ? reachedAt.get() : loopEnd;
        double secs = (end - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("target", n);
        r.put("reached", online.get());
        r.put("seconds", round(secs));
        r.put("timeBoundSeconds", seconds);
        r.put("hitTimeBound", online.get() < n);
        r.put("loginsPerSecond", round(online.get() / Math.max(secs, 1e-9)));
        r.put("failedAttempts", failures.sum());
        r.put("failureReasons", counts(reasons));
        r.put("fullTlsHandshakes", client.fullHandshakes.sum());
        r.put("connectToLoginOk", Hists.summary(login));
        r.put("stages", client.takeStages().summary());
        r.put("presencePushesReceived", client.presencePushes.sum());
        return r;
    }

    Map<String, Object> presence(double rate, double seconds, int gapMs) throws InterruptedException {
        return new PresencePhase(client, terms, contacts).run(rate, seconds, gapMs);
    }

    Map<String, Object> reconnect(double seconds, int concurrency) throws InterruptedException {
        return new LoginLoops(client, driver).reconnect(terms, seconds, concurrency);
    }

    Map<String, Object> password(double seconds, int concurrency, int users) throws InterruptedException {
        return new LoginLoops(client, driver).password(pwPassword, seconds, concurrency, users);
    }

    // ---- memory on this side -------------------------------------------------------------------------

    Map<String, Object> heap() {
        Map<String, Object> r = new LinkedHashMap<>();
        int online = 0;
        for (Term t : terms) {
            if (t.state.get() == LoadClient.ONLINE) {
                online++;
            }
        }
        r.put("heapUsedBytes", heapAfterGc());
        r.put("sessions", client.managedSessions());
        r.put("termsOnline", online);
        r.put("unexpectedCloses", client.unexpectedCloses.sum());
        r.put("replacedNotices", client.replaced.sum());
        r.put("pongs", client.pongs.sum());
        return r;
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long fds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    static Map<String, Long> counts(Map<String, LongAdder> m) {
        Map<String, Long> r = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(5)
                .forEach(e -> r.put(e.getKey(), e.getValue().sum()));
        return r;
    }

    static String shorten(String why) {
        String s = why == null ? "?" : why.replaceAll("[0-9]+", "N");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
