package dev.companion.bench.connect;

import java.util.List;

/**
 * One path of {@code bench connect}, started with fresh processes for one run: makes fresh
 * connections one at a time, each measured from "start connecting" to "the first action delivered
 * and acknowledged" and closed again. The initiator runs on core 0, the other side on core 1.
 */
interface ConnectSystem extends AutoCloseable {
    /** Connect index of this run (0 = the first, cold one): connects, measures, disconnects. */
    Sample connect(int index) throws Exception;

    /** Processes on core 0 (the side that starts connecting), for CPU accounting. */
    List<ProcessHandle> initiatorProcesses();

    /** Processes on core 1 (the other side). */
    List<ProcessHandle> otherProcesses();

    /** Where everything runs: cores, processes, path. */
    String layout();

    @Override
    void close();
}
