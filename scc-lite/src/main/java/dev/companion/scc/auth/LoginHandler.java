package dev.companion.scc.auth;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.presence.Terminals;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Lifecycle;
import dev.companion.scc.session.Logic;
import java.sql.SQLException;

/**
 * login, on a connection not yet signed in (checked by the session's RequestRules). A protocol other
 * than {@link Protocol#VERSION}: error VERSION_MISMATCH, then the connection is closed. A valid
 * session token of the user and terminal ({@link Tokens}) logs in without the hash, even while the
 * account is throttled. Otherwise the {@link LoginThrottle} may
 * refuse it first (TOO_MANY_ATTEMPTS, with retryAfter; nothing hashed), then the password check
 * waits in the {@link HashPool}'s bounded queue (full: BUSY at once, with retryAfter), never on the
 * logic or I/O threads. Unknown user or wrong password: BAD_CREDENTIALS, the same answer in about the
 * same time either way (an unknown user is checked against a dummy hash); the connection stays open,
 * but the {@value #MAX_FAILURES}th failure on one connection closes it. Success: see {@link Lifecycle#attach}.
 */
public final class LoginHandler {
    public static final int MAX_FAILURES = 5;
    /** How long a client refused BUSY should wait: about one round of the hashing threads. */
    static final long BUSY_RETRY_MS = 1000;

    private final Hub hub;
    private final Logic logic;
    private final HashPool hashing;
    private final LoginThrottle throttle;
    private final Tokens tokens;
    private final Lifecycle lifecycle;

    public LoginHandler(Hub hub, Logic logic, HashPool hashing, LoginThrottle throttle, Tokens tokens, Lifecycle lifecycle) {
        this.hub = hub;
        this.logic = logic;
        this.hashing = hashing;
        this.throttle = throttle;
        this.tokens = tokens;
        this.lifecycle = lifecycle;
    }

    public void login(Conn conn, Messages.Login m) throws SQLException {
        if (conn.loginPending()) { // RequestRules: not signed in yet
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "a login is already being checked");
        }
        if (m.protocol() != Protocol.VERSION) {
            conn.send(new Messages.Error(m.req(), ErrorCode.VERSION_MISMATCH,
                    "this Companion speaks protocol " + m.protocol() + ", the control center speaks " + Protocol.VERSION
                            + (m.protocol() < Protocol.VERSION ? " — update Companion to the latest version, then sign in again."
                            : " — the control center is older: ask its operator to update it.")));
            conn.closeAfterFlush();
            return;
        }
        Terminals.StoredToken token = tokens.check(m.user(), m.terminal(), m.password());
        if (token != null) {
            lifecycle.attach(conn, m, token);
            return;
        }
        String address = conn.addressKey();
        throttle.check(m.user(), address, hub.now());
        String stored = hub.users().hashOf(m.user());
        throttle.started(m.user(), address);
        conn.loginPending(true);
        boolean queued = hashing.offer(() -> {
            boolean ok = PasswordHasher.verify(m.password(), stored == null ? Dummy.HASH : stored) && stored != null;
            logic.post(() -> finish(conn, m, address, ok));
        });
        if (!queued) {
            conn.loginPending(false);
            throttle.finished(m.user(), address, false, false, hub.now());
            if (hashing.closed()) {
                throw new ProtocolException(ErrorCode.INTERNAL, "shutting down");
            }
            throw new ProtocolException(ErrorCode.BUSY, "the control center is busy checking passwords; try again in 1 s",
                    BUSY_RETRY_MS);
        }
    }

    private void finish(Conn conn, Messages.Login m, String address, boolean ok) {
        throttle.finished(m.user(), address, ok, true, hub.now());
        conn.loginPending(false);
        if (!conn.open()) {
            return;
        }
        if (ok) {
            lifecycle.attach(conn, m, null);
            return;
        }
        int failures = conn.failedLogin();
        boolean last = failures >= MAX_FAILURES;
        conn.send(new Messages.Error(m.req(), ErrorCode.BAD_CREDENTIALS,
                last ? "unknown user or wrong password; too many attempts, closing" : "unknown user or wrong password"));
        if (last) {
            conn.closeAfterFlush();
        }
    }

    /** A hash to check unknown users against, so that they take as long as known ones. */
    private static final class Dummy {
        static final String HASH = PasswordHasher.hash("not a password");
    }
}
