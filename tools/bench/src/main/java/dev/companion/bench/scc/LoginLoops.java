package dev.companion.bench.scc;

import dev.companion.bench.scc.LoadClient.Attempt;
import dev.companion.bench.scc.LoadClient.Outcome;
import dev.companion.bench.scc.LoadClient.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Login rates as closed loops: a fixed number of logins in flight, each finished one starting the
 * next. Token reconnects (drop an online terminal's connection, open a new one, log in with its
 * token) and password logins (Argon2id on the server).
 */
final class LoginLoops {
    private static final long SECOND = 1_000_000_000L;

    private final LoadClient client;
    private final ExecutorService driver;

    LoginLoops(LoadClient client, ExecutorService driver) {
        this.client = client;
        this.driver = driver;
    }

    Map<String, Object> reconnect(Term[] terms, double seconds, int concurrency) throws InterruptedException {
        List<Term> pool = new ArrayList<>();
        for (Term t : terms) {
            if (t.state.get() == LoadClient.ONLINE && t.token != null) {
                pool.add(t);
            }
        }
        long handshakes0 = client.fullHandshakes.sum();
        Map<String, Object> r = closedLoop(seconds, concurrency, () -> {
            for (int tries = 0; tries < 64 && !pool.isEmpty(); tries++) {
                Term t = pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
                if (t.state.compareAndSet(LoadClient.ONLINE, LoadClient.BUSY)) {
                    return t;
                }
            }
            return null;
        }, t -> {
            t.dropConnection();
            return t.token;
        }, t -> t.state.set(LoadClient.ONLINE));
        r.put("pool", pool.size());
        r.put("fullTlsHandshakes", client.fullHandshakes.sum() - handshakes0);
        return r;
    }

    Map<String, Object> password(String pwPassword, double seconds, int concurrency, int users) throws InterruptedException {
        Term[] pw = LoadGen.terms(users, "p");
        AtomicInteger next = new AtomicInteger();
        Map<String, Object> r = closedLoop(seconds, concurrency, () -> {
            for (int tries = 0; tries < users; tries++) {
                Term t = pw[Math.floorMod(next.getAndIncrement(), users)];
                if (t.state.compareAndSet(LoadClient.OFFLINE, LoadClient.BUSY)) {
                    return t;
                }
            }
            return null;
        }, t -> pwPassword, t -> {
            t.dropConnection();
            t.state.set(LoadClient.OFFLINE);
        });
        r.put("users", users);
        return r;
    }

    private interface Pick {
        Term next();
    }

    private interface Secret {
        String prepare(Term t);
    }

    private interface Done {
        void after(Term t);
    }

    /**
     * Keeps concurrency logins in flight for seconds: each finished one starts the next. Counts the
     * logins that complete inside the window; latency is connect start → login_ok (closed loop).
     */
    private Map<String, Object> closedLoop(double seconds, int concurrency, Pick pick, Secret secret, Done done)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger inflight = new AtomicInteger();
        LongAdder completed = new LongAdder();
        LongAdder failures = new LongAdder();
        Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        Histogram lat = Hists.micros();
        client.takeStages();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * SECOND);
        Runnable[] start = new Runnable[1];
        Outcome outcome = new Outcome() {
            @Override
            public void loggedIn(Attempt a, long now) {
                if (now <= end) {
                    completed.increment();
                    Hists.record(lat, now - a.startNanos);
                }
                done.after(a.term);
                driver.execute(start[0]);
            }

            @Override
            public void failed(Attempt a, String why) {
                failures.increment();
                reasons.computeIfAbsent(LoadPhases.shorten(why), k -> new LongAdder()).increment();
                a.term.state.set(LoadClient.OFFLINE);
                driver.execute(start[0]);
            }
        };
        start[0] = () -> {
            Term t = running.get() ? pick.next() : null;
            if (t == null) {
                inflight.decrementAndGet();
                return;
            }
            String s = secret.prepare(t);
            client.connect(t, s, System.nanoTime(), outcome);
        };
        for (int i = 0; i < concurrency; i++) {
            inflight.incrementAndGet();
            driver.execute(start[0]);
        }
        long wait;
        while ((wait = end - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
        running.set(false);
        long drainEnd = System.nanoTime() + 20 * SECOND;
        while (inflight.get() > 0 && System.nanoTime() < drainEnd) {
            Thread.sleep(10);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", seconds);
        r.put("concurrency", concurrency);
        r.put("completed", completed.sum());
        r.put("perSecond", LoadPhases.round(completed.sum() / seconds));
        r.put("failures", failures.sum());
        r.put("failureReasons", LoadPhases.counts(reasons));
        r.put("latency", Hists.summary(lat));
        r.put("stages", client.takeStages().summary());
        return r;
    }
}
