package dev.companion.bench.soak;

import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's live heap: a full GC asked for with jcmd, read back from its GC log ("Pause Full … 300M->40M(512M)"). */
final class LiveHeap {
    private static final Pattern FULL = Pattern.compile("Pause Full.*?(\\d+)M->(\\d+)M\\(");

    private LiveHeap() {
    }

    /** MiB live after a full GC, or -1 when it could not be read. */
    static double afterFullGc(ChildJvm server, Path gcLog) throws InterruptedException {
        try {
            int before = Files.exists(gcLog) ? Files.readAllLines(gcLog).size() : 0;
            server.jcmd("GC.run");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                List<String> lines = Files.readAllLines(gcLog);
                for (int i = before; i < lines.size(); i++) {
                    Matcher m = FULL.matcher(lines.get(i));
                    if (m.find()) {
                        return Double.parseDouble(m.group(2));
                    }
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
