package dev.companion.app.thread;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The app's threads, made in one place so each has a name that says what runs on it (see
 * docs/architecture.md, "Threads"). All are daemon threads: closing the window ends the process.
 */
public final class Threads {
    private Threads() {
    }

    /** Makes daemon threads called name. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** One daemon thread running tasks in order. */
    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    /** One daemon thread for timed tasks; cancelled tasks leave the queue at once. */
    public static ScheduledExecutorService timer(String name) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, named(name));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Starts task on a new daemon thread called name. */
    public static Thread start(String name, Runnable task) {
        Thread t = named(name).newThread(task);
        t.start();
        return t;
    }
}
