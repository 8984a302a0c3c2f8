package dev.companion.app.ui.lan;

import dev.companion.app.session.LanSession;
import dev.companion.app.session.SessionListener;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.lan.LanInterfaces;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The LAN part of the window, started only when the person asks for it (nothing listens or is
 * announced before): the {@link LanSession} under the name they gave, its beacon on every LAN
 * interface, and the {@link LanDiscovery} that hears the others'. Started once, on the given
 * background executor, never on the FX thread; its listener is added before anything can be heard.
 */
public final class Nearby implements AutoCloseable {
    /** Opens the parts; the app binds every address and announces, tests bind 127.0.0.1 and send beacons themselves. */
    public interface Parts {
        LanSession session(String name);

        /** The discovery, or an IOException when this machine has no LAN interface (typing an address still works). */
        LanDiscovery discovery() throws IOException;

        /** Starts announcing session's beacon (the app: on every LAN interface; tests: nothing). */
        void announce(LanSession session) throws IOException;
    }

    /** What started: the session, and the discovery or why there is none (the other field null). */
    public record Started(LanSession session, LanDiscovery discovery, String noDiscovery) {
    }

    private final Parts parts;
    private final Executor io;
    private CompletableFuture<Started> started; // FX thread
    private volatile Started done;
    /** The pane shown now (the window builds a new one when the language changes): told the session's events. */
    private volatile SessionListener shown = new SessionListener() { };

    public Nearby(Parts parts, Executor io) {
        this.parts = parts;
        this.io = io;
    }

    /** The app's parts: every address, every LAN interface, the well-known discovery port. */
    public static Parts everyInterface(Function<String, LanSession> session) {
        return new Parts() {
            @Override
            public LanSession session(String name) {
                return session.apply(name);
            }

            @Override
            public LanDiscovery discovery() throws IOException {
                return LanDiscovery.start();
            }

            @Override
            public void announce(LanSession s) throws IOException {
                List<LanInterfaces.Lan> lans = LanInterfaces.all();
                if (!lans.isEmpty()) {
                    s.announce(lans);
                }
            }
        };
    }

    /** The pane that shows the session's events from now on (FX thread). */
    public void show(SessionListener pane) {
        shown = pane;
    }

    /** Starts (once; later calls get the same future) as the person called name (checked by the caller). FX thread. */
    public CompletableFuture<Started> start(String name) {
        if (started == null || started.isCompletedExceptionally()) {
            started = CompletableFuture.supplyAsync(() -> open(name), io);
        }
        return started;
    }

    /** What started, or null before (any thread). */
    public Started started() {
        return done;
    }

    private Started open(String name) {
        LanSession s = parts.session(name);
        try {
            s.addListener(new SessionListener() {
                @Override
                public void onPairingAsked(LanSession.Pending pending) {
                    shown.onPairingAsked(pending);
                }

                @Override
                public void onGroup(dev.companion.p2p.protocol.Messages.GroupState g, String reason, String user) {
                    shown.onGroup(g, reason, user);
                }
            });
            parts.announce(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw new IllegalStateException("cannot announce this Companion on the LAN: " + e.getMessage(), e);
        }
        LanDiscovery d = null;
        String why = null;
        try {
            d = parts.discovery();
        } catch (IOException e) {
            why = e.getMessage();
        }
        done = new Started(s, d, why);
        return done;
    }

    /** The certificate fingerprints of the terminals paired before (none before the start), read off the FX thread. */
    public CompletableFuture<Set<String>> knownFingerprints() {
        LanSession s = session();
        return s == null ? CompletableFuture.completedFuture(Set.of()) : s.pairedFingerprints();
    }

    /** The session once started, else null (any thread). */
    public LanSession session() {
        Started s = done;
        return s == null ? null : s.session();
    }

    /** The discovery, then the session. Safe twice. */
    @Override
    public void close() {
        Started s = done;
        done = null;
        if (s != null) {
            if (s.discovery() != null) {
                s.discovery().close();
            }
            s.session().close();
        }
    }
}
