package dev.companion.app.session;

import dev.companion.app.store.LanPeers;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.lan.ConfirmCode;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import dev.companion.scc.classroom.Classroom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;

/**
 * The classroom in the window, behind its two sections (ui.classroom's HostPane and RoomsPane): hosting
 * one (the room's control center in this process, this person signed in to it as the teacher, each
 * student of the roster invited into the teacher's group when they come online) and joining one (the
 * rooms heard, each one's confirmation code and what the profile knows of its certificate, the
 * certificate pinned when the person joins, the sign-in to the room's control center). Every call runs
 * on the given background executor or the session's thread, never on the FX thread.
 */
public final class Classrooms implements AutoCloseable {
    /** The setting that keeps the teacher's generated password for the room's account (the profile's SQLite file, rw-------). */
    static final String TEACHER_PASSWORD = "classroom.teacher.password";

    /** What differs between the app and the tests: where rooms are heard and how one is hosted. */
    public interface Parts {
        /** Listens for beacons (the app: every LAN interface, the well-known port); IOException when it cannot. */
        LanDiscovery discovery() throws IOException;

        /** The LAN interfaces a room can be hosted on (the app: {@link LanInterfaces#all()}). */
        List<LanInterfaces.Lan> lans() throws IOException;

        /** Hosts the room on lan (the app: its data folder in the profile, announced there). */
        Classroom host(LanInterfaces.Lan lan, String room, String teacher, String teacherPassword, Map<String, String> roster)
                throws IOException;
    }

    /**
     * A room the person may join: its name (or "host:port" when typed), where its control center
     * listens, its certificate and that certificate's code, and what the profile knows of it.
     */
    public record Room(String name, String host, int port, String fingerprint, String code, boolean joinedBefore,
                       boolean certificateChanged) {
        Room(String name, String host, int port, String fingerprint, String code, LanPeers.Trust trust) {
            this(name, host, port, fingerprint, code, trust == LanPeers.Trust.KNOWN, trust == LanPeers.Trust.CHANGED);
        }

        public String address() {
            return host + ":" + port;
        }
    }

    /** The app's parts: every LAN interface, the well-known discovery port; the room's data in profile/classroom. */
    public static Parts onThisNetwork(java.nio.file.Path profile) {
        return new Parts() {
            @Override
            public LanDiscovery discovery() throws IOException {
                return LanDiscovery.start();
            }

            @Override
            public List<LanInterfaces.Lan> lans() throws IOException {
                return LanInterfaces.all();
            }

            @Override
            public Classroom host(LanInterfaces.Lan lan, String room, String teacher, String teacherPassword,
                                  Map<String, String> roster) throws IOException {
                return Classroom.host(new Classroom.Settings(room, lan, profile.resolve("classroom")), teacher,
                        teacherPassword, roster);
            }
        };
    }

    /** The LAN interfaces a room can be hosted on, and the one taken unless the person picks another (first), read off the FX thread. */
    public CompletableFuture<List<LanInterfaces.Lan>> lans() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<LanInterfaces.Lan> all = parts.lans();
                LanInterfaces.Lan preferred = LanInterfaces.preferred(all);
                List<LanInterfaces.Lan> out = new java.util.ArrayList<>(all);
                if (preferred != null) {
                    out.remove(preferred);
                    out.addFirst(preferred);
                }
                return List.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io);
    }

    private record Started(Classroom classroom, String password) {
    }

    /** The room this terminal joined as a student, and where the session pointed before it. */
    private record Joined(Room room, SessionService.Config before) {
    }

    /** The room this terminal hosts, and the teacher signed in to it. */
    public record Hosted(Classroom classroom, String room, String teacher) {
    }

    private final Parts parts;
    private final LocalStore store;
    private final SessionService session;
    private final Executor io;
    private final AtomicReference<Hosted> hosted = new AtomicReference<>();
    private RosterInvites invites; // made at the first hosting (it listens to the session from then on)
    /** Where the session signed in before the classroom: restored when it stops. */
    private volatile SessionService.Config before;
    private volatile CompletableFuture<LanDiscovery> discovery; // FX thread, and cleared by leave()
    private volatile LanDiscovery heard;
    private final AtomicReference<Joined> joined = new AtomicReference<>();
    private volatile Consumer<String> onEnded = room -> { };
    private boolean hearingEnd; // under this

    public Classrooms(Parts parts, LocalStore store, SessionService session, Executor io) {
        this.parts = parts;
        this.store = store;
        this.session = session;
        this.io = io;
    }

    /** From the first room joined on: a room that says it ended is left by itself (the teacher stopped it). */
    private synchronized void hearEnd() {
        if (hearingEnd) {
            return;
        }
        hearingEnd = true;
        session.addListener(new SessionListener() {
            @Override
            public void onControlCenter(ControlCenterState state) {
                if (state.status() == ControlCenterState.Status.ENDED && joined.get() != null) {
                    String room = state.reason();
                    leave().whenComplete((v, e) -> onEnded.accept(room)); // back where the session was
                }
            }
        });
    }

    /** Told (off the FX thread) the room's name when the classroom joined ended and the session went back (the newest pane's). */
    public void onEnded(Consumer<String> listener) {
        onEnded = listener;
    }

    // ---- joining ----------------------------------------------------------------------------------

    /** Starts listening for rooms (once; later calls get the same future). FX thread. */
    public CompletableFuture<LanDiscovery> look() {
        if (discovery == null || discovery.isCompletedExceptionally()) {
            discovery = CompletableFuture.supplyAsync(() -> {
                try {
                    heard = parts.discovery();
                    return heard;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, io);
        }
        return discovery;
    }

    /** A heard room: its code (a slow hash) and what the profile knows of its certificate, off the FX thread. */
    public CompletableFuture<Room> room(LanDiscovery.Found f) {
        String name = f.beacon().name();
        String fp = f.beacon().fingerprint();
        return CompletableFuture.supplyAsync(() -> new Room(name, f.host(), f.beacon().port(), fp, ConfirmCode.of(fp),
                store.classroomPins().check(name, fp)), io);
    }

    /**
     * A room typed as "host:port" (where multicast does not reach): a TLS handshake with its control
     * center learns the certificate it presents (nothing is sent), which the person then compares by
     * its code; known to the profile by that address.
     */
    public CompletableFuture<Room> probe(String host, int port) {
        return CompletableFuture.supplyAsync(() -> {
            AtomicReference<String> seen = new AtomicReference<>();
            try (SSLSocket s = (SSLSocket) Tls.context(Identity.create("probe"), fp -> {
                seen.set(fp);
                return true;
            }).getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress(host, port), 10_000);
                s.setSoTimeout(10_000);
                s.setEnabledProtocols(Tls.PROTOCOLS);
                s.startHandshake();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach a control center at " + host + ":" + port + ": " + e.getMessage(), e);
            }
            String fp = seen.get();
            String name = host + ":" + port;
            return new Room(name, host, port, fp, ConfirmCode.of(fp), store.classroomPins().check(name, fp));
        }, io);
    }

    /**
     * Joins room as user: the next sign-ins go to its control center with its certificate pinned
     * (refused while signed in elsewhere, nothing stored then), the certificate is remembered for the
     * room's name — replacing another only because the person accepted the warning, which the caller
     * checks — and the person signs in.
     */
    public CompletableFuture<Messages.LoginOk> join(Room room, String user, String password) {
        SessionService.Config was = session.config();
        hearEnd();
        CompletableFuture<Messages.LoginOk> joined = session.useControlCenter(room.host(), room.port(), room.fingerprint())
                .thenRunAsync(() -> {
                    store.classroomPins().pin(room.name(), room.fingerprint(), room.address());
                    store.pin(room.address(), room.fingerprint());
                }, io)
                .thenCompose(v -> session.login(user, password));
        return joined.whenComplete((ok, e) -> {
            if (e != null) {
                session.useControlCenter(was); // not signed in (a wrong password, say): the sign-in view goes where it went
            } else {
                this.joined.set(new Joined(room, was));
            }
        });
    }

    /** The room joined as a student now (its name or typed address), or null. */
    public String joined() {
        Joined j = joined.get();
        return j == null ? null : j.room().name();
    }

    /**
     * Leaves the classroom joined as a student: leaves the room's group, signs out of the room's control
     * center, points the session back where it pointed before joining, and stops listening for rooms —
     * nothing of the room is left listening or trying. Done at once when no room is joined.
     */
    public CompletableFuture<Void> leave() {
        Joined j = joined.getAndSet(null);
        if (j == null) {
            return CompletableFuture.completedFuture(null);
        }
        return session.leave().exceptionally(e -> null).thenCompose(v -> session.signOut())
                .thenCompose(v -> session.useControlCenter(j.before()))
                .whenCompleteAsync((v, e) -> stopLooking(), io);
    }

    /** Stops the listener for rooms; a later {@link #look()} starts another. */
    private void stopLooking() {
        LanDiscovery d = heard;
        heard = null;
        if (d != null) {
            d.close();
        }
        discovery = null;
    }

    /** The rooms heard now, or none before {@link #look()} completed. */
    public List<LanDiscovery.Found> heard() {
        LanDiscovery d = heard;
        return d == null ? List.of() : d.found();
    }

    /** The rooms pinned: name → fingerprint, read off the FX thread. */
    public CompletableFuture<Map<String, String>> pinned() {
        return CompletableFuture.supplyAsync(() -> store.classroomPins().all(), io);
    }

    // ---- hosting ----------------------------------------------------------------------------------

    /**
     * Hosts the room: its control center with the teacher and the roster as accounts, announced on
     * the LAN; then signs this terminal in to it as the teacher (with a password the profile keeps;
     * refused while signed in elsewhere, and the room stopped then). The students are invited into the
     * teacher's group as they come online.
     */
    public CompletableFuture<Hosted> host(String room, String teacher, Map<String, String> students) {
        return host(null, room, teacher, students);
    }

    /** As {@link #host(String, String, Map)}, on lan (null: the preferred one, {@link LanInterfaces#preferred}). */
    public CompletableFuture<Hosted> host(LanInterfaces.Lan lan, String room, String teacher, Map<String, String> students) {
        return CompletableFuture.supplyAsync(() -> {
            if (hosted.get() != null) {
                throw new IllegalStateException("a classroom is hosted already");
            }
            String password = store.setting(TEACHER_PASSWORD).orElseGet(() -> {
                byte[] b = new byte[18];
                new SecureRandom().nextBytes(b);
                String p = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                store.putSetting(TEACHER_PASSWORD, p);
                return p;
            });
            try {
                LanInterfaces.Lan on = lan != null ? lan : LanInterfaces.preferred(parts.lans());
                if (on == null) {
                    throw new IOException("this computer is on no network a classroom can be announced on");
                }
                Classroom c = parts.host(on, room, teacher, password, students);
                String address = c.address().getHostString() + ":" + c.address().getPort();
                store.pin(address, c.fingerprint());
                return new Started(c, password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, io).thenCompose(started -> {
            Classroom c = started.classroom();
            before = session.config();
            CompletableFuture<Hosted> signedIn = session.useControlCenter(c.address().getHostString(), c.address().getPort(),
                    c.fingerprint()).thenCompose(v -> session.login(teacher, started.password())).thenApply(ok -> {
                        Hosted h = new Hosted(c, room, teacher);
                        hosted.set(h);
                        invites().start(teacher, students.keySet(), ok.contacts());
                        return h;
                    });
            return signedIn.whenComplete((h, e) -> {
                if (e != null) {
                    c.close();
                    session.useControlCenter(before); // not signed in: back to where the session pointed
                }
            });
        });
    }

    private synchronized RosterInvites invites() {
        if (invites == null) {
            invites = new RosterInvites(session);
        }
        return invites;
    }

    /** The room hosted now, or null. */
    public Hosted hosted() {
        return hosted.get();
    }

    /** Ends the classroom: the teacher signs out (leaving the group), then the beacon and the control center stop. */
    public CompletableFuture<Void> stop() {
        Hosted h = hosted.getAndSet(null);
        if (h == null) {
            return CompletableFuture.completedFuture(null);
        }
        invites().stop();
        return session.leave().exceptionally(e -> null).thenCompose(v -> session.signOut())
                .thenCompose(v -> session.useControlCenter(before))
                .whenCompleteAsync((v, e) -> h.classroom().close(), io);
    }

    /** Stops hosting and listening. Safe twice. */
    @Override
    public void close() {
        Hosted h = hosted.getAndSet(null);
        if (h != null) {
            h.classroom().close();
        }
        LanDiscovery d = heard;
        heard = null;
        if (d != null) {
            d.close();
        }
    }
}
