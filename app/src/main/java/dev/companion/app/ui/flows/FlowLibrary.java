package dev.companion.app.ui.flows;

import dev.companion.app.flow.Flow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The profile's flows as the window sees them: every call runs off the FX thread (the store refuses
 * it) and completes its future there or with the {@link dev.companion.app.flow.FlowException} that
 * refused it. An edit names the version the person saw (seen), as the store asks.
 */
public interface FlowLibrary {
    /** One line of the list: a flow's current version. */
    record Entry(long id, String name, int version, int steps, long updatedAt) {
    }

    /** A flow's current version, opened to look at or edit. */
    record Opened(long id, int version, Flow flow) {
    }

    CompletableFuture<List<Entry>> list();

    CompletableFuture<Opened> open(long id);

    /** Keeps a recorded or received flow as a new one. */
    CompletableFuture<Opened> add(Flow flow);

    CompletableFuture<Opened> rename(long id, int seen, String name);

    CompletableFuture<Opened> editHint(long id, int seen, int step, String hint);

    CompletableFuture<Opened> deleteStep(long id, int seen, int step);

    CompletableFuture<Opened> moveStep(long id, int seen, int from, int to);

    CompletableFuture<Void> delete(long id);

    /** Reads file strictly (FlowFormat) and keeps it; a refused file keeps nothing. */
    CompletableFuture<Opened> importFile(Path file);

    /** Writes flow id's current version to file, whole or not at all. */
    CompletableFuture<Void> exportFile(long id, Path file);

    /** Tells listener (on any thread) after each change made through this library: a flow added, edited or deleted. */
    default void onChange(Runnable listener) {
    }
}
