package dev.companion.bench.scc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM spent its CPU, from a JFR recording's execution samples (Java code on CPU): each
 * sample goes to the first cost category found walking its stack from the top, and is also counted
 * by thread and by top frame. Native samples inside SQLite (its C code: CPU or waiting for fsync)
 * are counted apart.
 */
final class JfrTop {
    /** Category by class-name prefix, checked in this order against each frame from the top down. */
    private static final List<String[]> RULES = List.of(
            new String[] {"org.bouncycastle.crypto.generators.Argon2", "Argon2id password hash"},
            new String[] {"dev.companion.scc.auth.Tokens", "token map (Tokens.issue sweep, SHA-256)"},
            new String[] {"org.sqlite", "SQLite"},
            new String[] {"sun.security.util.math", "TLS handshake: EC math (ECDHE/ECDSA)"},
            new String[] {"sun.security.ec", "TLS handshake: EC math (ECDHE/ECDSA)"},
            new String[] {"com.sun.crypto.provider", "TLS: AES-GCM / HKDF / HMAC"},
            new String[] {"sun.security.provider", "SHA / SecureRandom / certificates"},
            new String[] {"sun.security.x509", "SHA / SecureRandom / certificates"},
            new String[] {"sun.security.ssl", "TLS engine (JSSE state machine)"},
            new String[] {"javax.net.ssl", "TLS engine (JSSE state machine)"},
            new String[] {"com.fasterxml.jackson", "JSON (Jackson)"},
            new String[] {"org.apache.mina", "MINA filter chain / I/O"},
            new String[] {"sun.nio.ch", "socket I/O (NIO)"},
            new String[] {"org.slf4j", "logging"},
            new String[] {"dev.companion", "scc-lite logic"},
            new String[] {"java.", "JDK (collections, strings, …)"},
            new String[] {"jdk.", "JDK (collections, strings, …)"});

    private JfrTop() {
    }

    static Map<String, Object> summarize(Path jfr) throws IOException {
        Map<String, Integer> categories = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        int total = 0;
        Map<String, Integer> sqliteNative = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            boolean exec = type.equals("jdk.ExecutionSample");
            if (!exec && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            String top = frameName(st.getFrames().get(0));
            if (!exec) { // in native code: CPU or waiting (epoll, fsync); only SQLite's is of interest
                if (top.startsWith("org.sqlite")) {
                    sqliteNative.merge(top, 1, Integer::sum);
                }
                continue;
            }
            total++;
            categories.merge(category(st.getFrames()), 1, Integer::sum);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
            topFrames.merge(top, 1, Integer::sum);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("executionSamples", total);
        r.put("byCategoryPercent", percent(categories, total, 12));
        r.put("sqliteNativeSamples", sqliteNative);
        r.put("byThreadPercent", percent(threads, total, 8));
        r.put("topFramesPercent", percent(topFrames, total, 10));
        return r;
    }

    private static String category(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String name = f.getMethod() == null ? "" : f.getMethod().getType().getName();
            for (String[] rule : RULES) {
                if (name.startsWith(rule[0])) {
                    if (rule[1].startsWith("JDK")) {
                        break; // a JDK helper: let a caller further down name the cost
                    }
                    return rule[1];
                }
            }
        }
        return "other (JDK helpers under no known caller)";
    }

    private static String frameName(RecordedFrame f) {
        return f.getMethod() == null ? "?" : f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static Map<String, Double> percent(Map<String, Integer> m, int total, int limit) {
        Map<String, Double> r = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(e -> r.put(e.getKey(), Math.round(1000.0 * e.getValue() / Math.max(1, total)) / 10.0));
        return r;
    }
}
