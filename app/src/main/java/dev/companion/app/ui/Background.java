package dev.companion.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One named daemon thread for small UI-triggered I/O (settings writes): never on the FX thread. */
public final class Background {
    private static final Logger LOG = Logger.getLogger(Background.class.getName());
    private static final ExecutorService IO = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ui-io");
        t.setDaemon(true);
        return t;
    });

    private Background() {
    }

    public static void run(Runnable r) {
        IO.execute(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "background task failed", e);
            }
        });
    }
}
