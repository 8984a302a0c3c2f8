package dev.companion.app.ui;

import dev.companion.app.session.SessionService;
import dev.companion.app.thread.FxThread;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the views' buttons do: each call goes to the session (off the FX thread) and reports
 * success or a clear error back on the FX thread.
 */
public final class AppActions {
    private final SessionService session;
    private final AppViewModel model;

    public AppActions(SessionService session, AppViewModel model) {
        this.session = session;
        this.model = model;
    }

    public SessionService session() {
        return session;
    }

    public <T> void run(Supplier<CompletableFuture<T>> call, Consumer<T> onOk, Consumer<String> onError) {
        attempt(call, onOk, e -> onError.accept(message(e)));
    }

    /**
     * Runs call off the FX thread like {@link #run}, handing a failure over as its cause (a
     * {@link ProtocolException} keeps its code) so the caller can explain known refusals.
     */
    public <T> void attempt(Supplier<CompletableFuture<T>> call, Consumer<T> onOk, Consumer<Throwable> onFailure) {
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            onFailure.accept(e);
            return;
        }
        f.whenComplete((v, e) -> FxThread.run(() -> {
            if (e == null) {
                onOk.accept(v);
            } else {
                onFailure.accept(cause(e));
            }
        }));
    }

    /** Runs call and logs an error in the activity list. */
    public <T> void run(Supplier<CompletableFuture<T>> call, Consumer<T> onOk) {
        run(call, onOk, err -> model.log(tx -> tx.get("error.generic", err)));
    }

    /** The failure inside CompletionException wrappers. */
    public static Throwable cause(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A failure as one line for people: the protocol code and message, else the exception's message. */
    public static String message(Throwable e) {
        Throwable t = cause(e);
        if (t instanceof ProtocolException pe) {
            return pe.code() + ": " + pe.getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
