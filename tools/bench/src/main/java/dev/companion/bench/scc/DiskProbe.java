package dev.companion.bench.scc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long one small SQLite commit takes on the disk the control center writes to, with scc-lite's
 * settings (WAL, synchronous=FULL: an fsync per commit). Every login and every disconnect commits
 * once on the control center's single logic thread, so this bounds its rate of presence changes.
 */
public final class DiskProbe {
    private DiskProbe() {
    }

    public static Map<String, Object> commitLatency(Path dir, int commits) {
        Map<String, Object> r = new LinkedHashMap<>();
        Path db = dir.resolve("commit-probe.db");
        try {
            Files.createDirectories(dir);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                 Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)");
                List<Double> ms = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                    for (int i = 0; i < commits; i++) {
                        long t = System.nanoTime();
                        c.setAutoCommit(false);
                        ps.setString(1, "terminal " + i);
                        ps.executeUpdate();
                        c.commit();
                        c.setAutoCommit(true);
                        ms.add((System.nanoTime() - t) / 1e6);
                    }
                }
                ms.sort(null);
                r.put("commits", commits);
                r.put("p50Ms", LoadPhases.round(ms.get(ms.size() / 2)));
                r.put("p99Ms", LoadPhases.round(ms.get((int) (ms.size() * 0.99))));
                r.put("maxMs", LoadPhases.round(ms.get(ms.size() - 1)));
            }
        } catch (Exception e) {
            r.put("error", e.toString());
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                try {
                    Files.deleteIfExists(Path.of(db + suffix));
                } catch (java.io.IOException e) {
                    // scratch
                }
            }
        }
        return r;
    }
}
