package dev.companion.scc;

import dev.companion.p2p.net.Endpoint;
import dev.companion.scc.auth.LoginLimits;
import dev.companion.scc.auth.PasswordHasher;
import dev.companion.scc.auth.Users;
import dev.companion.scc.presence.Contacts;
import dev.companion.scc.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A control center on 127.0.0.1:0 over a temp data dir with users (password = name + "-pw") and
 * contact pairs created before it starts; a hand-driven clock (the away grace runs in real time);
 * closes its clients and the server.
 */
final class Fixture implements AutoCloseable {
    final Path dir;
    final MutableClock clock = new MutableClock();
    final List<TestClient> clients = new ArrayList<>();
    ControlCenter cc;

    private Fixture(Path dir) {
        this.dir = dir;
    }

    static String pw(String user) {
        return user + "-pw";
    }

    /** users: names to create; contacts: pairs "a:b" made accepted contacts. */
    static Fixture start(Path dir, List<String> users, String... contacts) throws IOException {
        return start(dir, (Duration) null, users, contacts);
    }

    /** As {@link #start(Path, List, String...)} with an away grace (null: the default, 30 s; zero: leave at once). */
    static Fixture start(Path dir, Duration awayGrace, List<String> users, String... contacts) throws IOException {
        return start(dir, awayGrace, LoginLimits.DEFAULT, null, users, contacts);
    }

    /** As {@link #start(Path, Duration, List, String...)} with the acceptor's endpoint too. */
    static Fixture start(Path dir, Duration awayGrace, Endpoint endpoint, List<String> users, String... contacts)
            throws IOException {
        return start(dir, awayGrace, LoginLimits.DEFAULT, endpoint, users, contacts);
    }

    /** As {@link #start(Path, List, String...)} with other limits on password guessing. */
    static Fixture startWith(Path dir, LoginLimits limits, List<String> users, String... contacts) throws IOException {
        return start(dir, null, limits, null, users, contacts);
    }

    /** As {@link #start(Path, List, String...)} with the acceptor's endpoint (null: the product's, CONTROL_CENTER). */
    static Fixture start(Path dir, Endpoint endpoint, List<String> users, String... contacts) throws IOException {
        return start(dir, null, LoginLimits.DEFAULT, endpoint, users, contacts);
    }

    private static Fixture start(Path dir, Duration awayGrace, LoginLimits limits, Endpoint endpoint, List<String> users,
                                 String... contacts)
            throws IOException {
        Fixture f = new Fixture(dir);
        try (Store store = Store.open(dir)) {
            Users u = new Users(store);
            for (String name : users) {
                u.add(name, PasswordHasher.hash(pw(name)), 0);
            }
            Contacts c = new Contacts(store);
            for (String pair : contacts) {
                String[] ab = pair.split(":");
                store.run(() -> c.link(ab[0], ab[1]));
            }
        }
        f.cc = ControlCenter.start(Config.of(dir).withClock(f.clock).withInvitationTtl(Duration.ofMinutes(10))
                .withAwayGrace(awayGrace).withEndpoint(endpoint), limits);
        return f;
    }

    TestClient login(String user) {
        TestClient c = TestClient.loggedIn(cc, user, pw(user));
        clients.add(c);
        return c;
    }

    TestClient connect() {
        TestClient c = TestClient.connect(cc);
        clients.add(c);
        return c;
    }

    /** A client connected from localHost (e.g. "127.0.0.2"). */
    TestClient connectFrom(String localHost) {
        TestClient c = TestClient.connectFrom(cc, localHost);
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(TestClient::close);
        if (cc != null) {
            cc.close();
        }
    }
}
