package dev.companion.app;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowFormat;
import dev.companion.app.store.FlowStore;
import dev.companion.app.ui.flows.FlowLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The window's {@link FlowLibrary} over the profile's {@link FlowStore}: each call on io, never the FX thread. */
public final class StoredFlows implements FlowLibrary {
    private final FlowStore store;
    private final Executor io;
    private final List<Runnable> changed = new java.util.concurrent.CopyOnWriteArrayList<>();

    public StoredFlows(FlowStore store, Executor io) {
        this.store = store;
        this.io = io;
    }

    private <T> CompletableFuture<T> call(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, io);
    }

    /** A call that changes the flows: the listeners are told once it worked. */
    private <T> CompletableFuture<T> change(Supplier<T> work) {
        return call(() -> {
            T result = work.get();
            changed.forEach(Runnable::run);
            return result;
        });
    }

    @Override
    public void onChange(Runnable listener) {
        changed.add(listener);
    }

    private static Opened opened(FlowStore.Stored s) {
        return new Opened(s.id(), s.version(), s.flow());
    }

    @Override
    public CompletableFuture<List<Entry>> list() {
        return call(() -> store.list().stream()
                .map(s -> new Entry(s.id(), s.name(), s.version(), s.steps(), s.updatedAt())).toList());
    }

    @Override
    public CompletableFuture<Opened> open(long id) {
        return call(() -> opened(store.get(id)));
    }

    @Override
    public CompletableFuture<Opened> add(Flow flow) {
        return change(() -> opened(store.add(flow)));
    }

    @Override
    public CompletableFuture<Opened> rename(long id, int seen, String name) {
        return change(() -> opened(store.rename(id, seen, name)));
    }

    @Override
    public CompletableFuture<Opened> editHint(long id, int seen, int step, String hint) {
        return change(() -> opened(store.editHint(id, seen, step, hint)));
    }

    @Override
    public CompletableFuture<Opened> deleteStep(long id, int seen, int step) {
        return change(() -> opened(store.deleteStep(id, seen, step)));
    }

    @Override
    public CompletableFuture<Opened> moveStep(long id, int seen, int from, int to) {
        return change(() -> opened(store.moveStep(id, seen, from, to)));
    }

    @Override
    public CompletableFuture<Void> delete(long id) {
        return change(() -> {
            store.delete(id);
            return null;
        });
    }

    @Override
    public CompletableFuture<Opened> importFile(Path file) {
        return change(() -> {
            try {
                return opened(store.add(FlowFormat.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public CompletableFuture<Void> exportFile(long id, Path file) {
        return call(() -> {
            try {
                FlowFormat.write(store.get(id).flow(), file);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
