package dev.companion.scc.classroom;

import dev.companion.p2p.lan.ConfirmCode;
import dev.companion.p2p.lan.LanAnnouncer;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import dev.companion.scc.auth.PasswordHasher;
import dev.companion.scc.auth.UserNames;
import dev.companion.scc.auth.Users;
import dev.companion.scc.presence.Contacts;
import dev.companion.scc.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A classroom on a LAN with no internet: a control center run by the teacher's Companion (in its
 * process, its own SQLite file in dataDir), on the LAN interface's address, whose groups may follow
 * pages on local addresses, announced on that interface by a {@link LanBeacon} (with the teacher's name). The teacher and
 * every student of the roster are accounts on it, each student a contact of the teacher (so the
 * teacher can invite them). The teacher's screen shows {@link #code()}; a student's shows the code
 * of the beacon it found ({@link ConfirmCode}), and signs in only when they match.
 * {@link #close()} stops the beacon, tells every connection the classroom ended ({@code classroom_ended}),
 * then stops the control center; safe twice.
 */
public final class Classroom implements AutoCloseable {
    /** How to host one. port 0: any free port. announceEvery and beaconPort: {@link LanAnnouncer} (tests: shorter, another port). */
    public record Settings(String name, LanInterfaces.Lan lan, int port, Path dataDir, Duration announceEvery, int beaconPort) {
        public Settings {
            Objects.requireNonNull(lan, "lan");
            Objects.requireNonNull(dataDir, "dataDir");
            LanBeacon.checkName(name); // ProtocolException when it does not fit a beacon
        }

        public Settings(String name, LanInterfaces.Lan lan, Path dataDir) {
            this(name, lan, 0, dataDir, LanAnnouncer.INTERVAL, LanDiscovery.PORT);
        }
    }

    /** How long a stopping classroom waits for its farewell to be on its way to every connection. */
    private static final Duration FAREWELL = Duration.ofSeconds(2);

    private final ControlCenter controlCenter;
    private final LanAnnouncer announcer;
    private final String host;
    private final String name;
    private boolean closed;

    private Classroom(ControlCenter controlCenter, LanAnnouncer announcer, String host, String name) {
        this.controlCenter = controlCenter;
        this.announcer = announcer;
        this.host = host;
        this.name = name;
    }

    /**
     * Adds the teacher and the roster (user → password) to dataDir's accounts (those already there
     * are kept as they are), makes each student the teacher's contact, starts the control center and
     * announces it. IllegalArgumentException naming the first refused name (nothing started).
     */
    public static Classroom host(Settings s, String teacher, String teacherPassword, Map<String, String> roster)
            throws IOException {
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put(teacher, teacherPassword);
        accounts.putAll(roster);
        try (Store store = Store.open(s.dataDir())) {
            Users users = new Users(store);
            for (Map.Entry<String, String> e : accounts.entrySet()) {
                String name = UserNames.normalize(e.getKey());
                if (!name.equals(e.getKey())) {
                    throw new IllegalArgumentException("user name not in its normal form: " + e.getKey());
                }
                if (!exists(store, users, name)) {
                    Optional<String> refused = users.add(name, PasswordHasher.hash(e.getValue()), System.currentTimeMillis());
                    if (refused.isPresent()) {
                        throw new IllegalArgumentException(refused.get());
                    }
                }
            }
            Contacts contacts = new Contacts(store);
            store.run(() -> {
                for (String student : roster.keySet()) {
                    if (!student.equals(teacher) && !contacts.accepted(teacher, student)) {
                        contacts.link(teacher, student);
                    }
                }
            });
        }
        String address = s.lan().address().getHostAddress();
        ControlCenter cc = ControlCenter.start(Config.of(s.dataDir()).withBind(address, s.port()).withLocalAddresses(true));
        try {
            LanBeacon beacon = LanBeacon.classroom(s.name(), teacher, cc.port(), cc.fingerprint(), instance());
            return new Classroom(cc, LanAnnouncer.start(s.lan(), beacon, s.announceEvery(), s.beaconPort()), address,
                    s.name());
        } catch (IOException | RuntimeException e) {
            cc.close();
            throw e;
        }
    }

    private static boolean exists(Store store, Users users, String name) {
        return store.tx(() -> users.exists(name));
    }

    private static String instance() {
        byte[] b = new byte[9];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The code the teacher's screen shows; a student's must show the same before signing in. */
    public String code() {
        return ConfirmCode.of(controlCenter.fingerprint());
    }

    /** Where the control center listens: the LAN address and its port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, controlCenter.port());
    }

    public String fingerprint() {
        return controlCenter.fingerprint();
    }

    public ControlCenter controlCenter() {
        return controlCenter;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        announcer.close();
        controlCenter.closeWith(new Messages.ClassroomEnded(name), FAREWELL); // no student keeps trying a room that is gone
    }
}
