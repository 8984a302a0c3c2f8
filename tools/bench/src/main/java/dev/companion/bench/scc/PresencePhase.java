package dev.companion.bench.scc;

import dev.companion.bench.scc.LoadClient.Attempt;
import dev.companion.bench.scc.LoadClient.Outcome;
import dev.companion.bench.scc.LoadClient.Term;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Presence latency: terminals go offline (their connection closes) and come back (a new TLS
 * connection and a token login) at a fixed rate; each online contact's {@code presence} push is
 * timed from the event's intended time (a late scheduler does not hide latency). Toggled terminals
 * are 2K+1 apart in the contact ring, so none is another's contact and every expected receiver
 * stays online.
 */
final class PresencePhase {
    private static final long SECOND = 1_000_000_000L;

    private final LoadClient client;
    private final Term[] terms;
    private final int contacts;

    PresencePhase(LoadClient client, Term[] terms, int contacts) {
        this.client = client;
        this.terms = terms;
        this.contacts = contacts;
    }

    /** One expected presence push: the intended event time and which terminals should hear of it. */
    private static final class Pending {
        final long intended;
        final int[] receivers;

        Pending(long intended, int[] receivers) {
            this.intended = intended;
            this.receivers = receivers;
        }

        boolean expects(int index) {
            for (int r : receivers) {
                if (r == index) {
                    return true;
                }
            }
            return false;
        }
    }

    Map<String, Object> run(double rate, double seconds, int gapMs) throws InterruptedException {
        int n = terms.length;
        int stride = 2 * contacts + 1; // toggled terminals are never each other's contacts
        List<Term> candidates = new ArrayList<>();
        for (int i = 0; i < n; i += stride) {
            if (terms[i].state.get() == LoadClient.ONLINE) {
                candidates.add(terms[i]);
            }
        }
        Collections.shuffle(candidates, new Random(42));
        int events = (int) Math.round(rate * seconds);
        Histogram off = Hists.micros();
        Histogram on = Hists.micros();
        Histogram login = Hists.micros();
        Map<Integer, Pending> down = new ConcurrentHashMap<>();
        Map<Integer, Pending> up = new ConcurrentHashMap<>();
        LongAdder expected = new LongAdder();
        LongAdder received = new LongAdder();
        LongAdder unmatched = new LongAdder();
        LongAdder loginFailures = new LongAdder();
        LongAdder relogins = new LongAdder();
        LongAdder reloginsSettled = new LongAdder();
        Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        client.onPresence((recv, user, isOnline, now) -> {
            Pending p = user.startsWith("u") ? (isOnline ? up : down).get(Integer.parseInt(user.substring(1))) : null;
            if (p != null && p.expects(recv.index)) {
                Hists.record(isOnline ? on : off, now - p.intended);
                received.increment();
            } else {
                unmatched.increment();
            }
        });
        Outcome relogin = new Outcome() {
            @Override
            public void loggedIn(Attempt a, long now) {
                Hists.record(login, now - a.startNanos);
                a.term.state.set(LoadClient.ONLINE);
                reloginsSettled.increment();
            }

            @Override
            public void failed(Attempt a, String why) {
                loginFailures.increment();
                reasons.computeIfAbsent(LoadPhases.shorten(why), k -> new LongAdder()).increment();
                a.term.state.set(LoadClient.OFFLINE);
                reloginsSettled.increment();
            }
        };
        // events: {time, kind (0 down, 1 up), term, event number}
        client.takeStages();
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long t0 = System.nanoTime() + SECOND / 5;
        for (int k = 0; k < events && !candidates.isEmpty(); k++) {
            Term t = candidates.get(k % candidates.size());
            long time = t0 + (long) (k * SECOND / rate);
            queue.add(new long[] {time, 0, t.index, k});
            queue.add(new long[] {time + gapMs * 1_000_000L, 1, t.index, k});
        }
        boolean[] skipped = new boolean[events];
        int skippedCount = 0;
        long maxLag = 0;
        while (!queue.isEmpty()) {
            long[] e = queue.poll();
            long wait;
            while ((wait = e[0] - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLag = Math.max(maxLag, System.nanoTime() - e[0]);
            Term t = terms[(int) e[2]];
            int k = (int) e[3];
            if (e[1] == 0) {
                if (!t.state.compareAndSet(LoadClient.ONLINE, LoadClient.BUSY)) {
                    skipped[k] = true; // still cycling from its previous event
                    skippedCount++;
                    continue;
                }
                int[] rx = onlineContacts(t.index);
                expected.add(rx.length);
                down.put(t.index, new Pending(e[0], rx));
                t.dropConnection();
            } else if (!skipped[k]) {
                int[] rx = onlineContacts(t.index);
                expected.add(rx.length);
                up.put(t.index, new Pending(e[0], rx));
                relogins.increment();
                client.connect(t, t.token, e[0], relogin);
            }
        }
        long drainEnd = System.nanoTime() + 10 * SECOND;
        while ((received.sum() < expected.sum() || reloginsSettled.sum() < relogins.sum()) && System.nanoTime() < drainEnd) {
            Thread.sleep(20);
        }
        client.onPresence((r, u, o, t) -> { });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ratePerSecond", rate);
        r.put("seconds", seconds);
        r.put("reconnectAfterMs", gapMs);
        r.put("events", events - skippedCount);
        r.put("skippedEvents", skippedCount);
        r.put("expectedReceipts", expected.sum());
        r.put("receivedReceipts", received.sum());
        r.put("missingReceipts", expected.sum() - received.sum());
        r.put("otherPresencePushes", unmatched.sum());
        r.put("reloginFailures", loginFailures.sum());
        r.put("reloginFailureReasons", LoadPhases.counts(reasons));
        r.put("schedulerMaxLagMs", LoadPhases.round(maxLag / 1e6));
        r.put("offline", Hists.summary(off));
        r.put("online", Hists.summary(on));
        r.put("tokenLogin", Hists.summary(login));
        r.put("tokenLoginStages", client.takeStages().summary());
        r.put("offlineHistogram", Hists.encode(off));
        r.put("onlineHistogram", Hists.encode(on));
        r.put("tokenLoginHistogram", Hists.encode(login));
        return r;
    }

    private int[] onlineContacts(int i) {
        int n = terms.length;
        return Stream.iterate(1, d -> d + 1).limit(contacts)
                .flatMap(d -> Stream.of(Math.floorMod(i + d, n), Math.floorMod(i - d, n)))
                .distinct().filter(j -> j != i && terms[j].state.get() == LoadClient.ONLINE)
                .mapToInt(Integer::intValue).toArray();
    }
}
