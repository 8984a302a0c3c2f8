package dev.companion.bench.report;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr for long benchmark phases: [#####.....] 50% label. */
public final class Progress {
    private final PrintStream out;
    private final String label;
    private final long total;
    private int lastPercent = -1;

    public Progress(String label, long total) {
        this(System.err, label, total);
    }

    Progress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    public synchronized void update(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int bars = percent / 5;
        out.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %s", "#".repeat(bars), ".".repeat(20 - bars), percent, label));
        if (percent == 100) {
            out.println();
        }
        out.flush();
    }

    public void done() {
        update(total);
    }
}
