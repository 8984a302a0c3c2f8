package dev.companion.scc.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent failed attempts per key (an account, or a source address: logins, and join codes) and the checks under way, in
 * bounded memory: at most maxTracked keys, least recently seen dropped first, a key forgotten
 * forgetAfter after its last failure. After free failures each further attempt waits firstDelay,
 * doubled for each failure beyond, at most maxDelay, counted from the last failure. Logic thread only.
 */
public final class Attempts {
    private static final class Record {
        int failures;
        long lastFailure;
        int inFlight;
    }

    private final int free;
    private final long firstDelay;
    private final long maxDelay;
    private final long forgetAfter;
    private final LinkedHashMap<String, Record> entries;

    public Attempts(int free, long firstDelayMs, long maxDelayMs, long forgetAfterMs, int maxTracked) {
        this.free = free;
        this.firstDelay = firstDelayMs;
        this.maxDelay = maxDelayMs;
        this.forgetAfter = forgetAfterMs;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** Milliseconds key must still wait before its next password check; 0 when it may go now. */
    public long wait(String key, long now) {
        Record e = live(key, now);
        if (e == null || e.failures < free) {
            return 0;
        }
        long delay = Math.min(firstDelay, maxDelay);
        for (int i = free; i < e.failures && delay < maxDelay; i++) {
            delay = Math.min(maxDelay, delay * 2);
        }
        return Math.max(0, e.lastFailure + delay - now);
    }

    /** Password checks of key under way (or waiting for a thread). */
    int inFlight(String key, long now) {
        Record e = live(key, now);
        return e == null ? 0 : e.inFlight;
    }

    void started(String key) {
        entries.computeIfAbsent(key, k -> new Record()).inFlight++;
    }

    /** A check of key ended: failed counts a failure; a success forgets key's failures when clear is set. */
    void finished(String key, boolean failed, boolean clear, long now) {
        Record e = entries.get(key);
        if (e == null) { // dropped meanwhile (bounded memory): start again
            e = new Record();
            e.inFlight = 1;
            entries.put(key, e);
        }
        e.inFlight = Math.max(0, e.inFlight - 1);
        if (failed) {
            e.failures++;
            e.lastFailure = now;
        } else if (clear) {
            e.failures = 0;
        }
        if (e.failures == 0 && e.inFlight == 0) {
            entries.remove(key);
        }
    }

    /** One failure of key at now, for checks that do not run in the background (no check under way). */
    public void failed(String key, long now) {
        started(key);
        finished(key, true, false, now);
    }

    /** Keys remembered (tests: memory stays bounded). */
    int size() {
        return entries.size();
    }

    private Record live(String key, long now) {
        Record e = entries.get(key);
        if (e != null && e.inFlight == 0 && now - e.lastFailure > forgetAfter) {
            entries.remove(key);
            return null;
        }
        return e;
    }
}
