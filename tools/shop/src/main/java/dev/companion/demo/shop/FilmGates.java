package dev.companion.demo.shop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Film night's lab gates, for tests that need a member whose film is not ready until they say so
 * (a stall of fixed length races the test on a busy machine). A gate is closed and opened through
 * {@link ShopServer}; while gate NAME is closed, every film response to a browser whose
 * {@code film-lab} cookie says {@code gate:NAME} waits before its first byte, at most
 * {@value #MAX_WAIT_MS} ms. A gate never closed holds nothing.
 */
final class FilmGates {
    static final long MAX_WAIT_MS = 30_000;
    private final Map<String, CompletableFuture<Void>> closed = new ConcurrentHashMap<>();

    void close(String name) {
        closed.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    void open(String name) {
        CompletableFuture<Void> gate = closed.remove(name);
        if (gate != null) {
            gate.complete(null);
        }
    }

    /** Waits while the gate called name is closed (at most {@value #MAX_WAIT_MS} ms). */
    void pass(String name) throws IOException {
        CompletableFuture<Void> gate = closed.get(name);
        if (gate == null) {
            return;
        }
        try {
            gate.get(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // held as long as the lab holds anything: the response goes now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("shop closing");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
