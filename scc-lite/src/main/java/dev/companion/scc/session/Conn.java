package dev.companion.scc.session;

import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.net.ReadGate;
import dev.companion.p2p.protocol.LogText;
import dev.companion.p2p.protocol.Message;
import dev.companion.scc.auth.LoginThrottle;
import org.apache.mina.core.session.IoSession;

/**
 * One client connection's state. Fields are read and written on the logic thread only, except the
 * count of its work waiting for the logic thread (under workLock); sending is safe from any thread.
 */
public final class Conn {
    /** Work of one connection waiting for the logic thread at which it stops being read, and resumes. */
    static final int WORK_HIGH = 64;
    static final int WORK_LOW = 16;

    private final IoSession session;
    private final Object workLock = new Object();
    private int work;
    private boolean held;
    private String user;
    private String terminal;
    private int failedLogins;
    private boolean loginPending;
    private boolean detached;

    public Conn(IoSession session) {
        this.session = session;
    }

    public long id() {
        return session.getId();
    }

    /** The client's address as login throttling counts it ({@link LoginThrottle#addressKey}). */
    public String addressKey() {
        return LoginThrottle.addressKey(session.getRemoteAddress());
    }

    public boolean loggedIn() {
        return user != null;
    }

    public String user() {
        return user;
    }

    public String terminal() {
        return terminal;
    }

    void loggedIn(String user, String terminal) {
        this.user = user;
        this.terminal = terminal;
        FramedTls.admit(session); // signed in: no login deadline, no longer counted as signing in
    }

    /** A task for this connection was queued for the logic thread; past {@link #WORK_HIGH} waiting, reading stops. */
    void workQueued() {
        synchronized (workLock) { // ReadGate only flags the session: safe under the lock, and in order with workDone
            if (++work >= WORK_HIGH && !held) {
                held = true;
                ReadGate.hold(session, ReadGate.Reason.BACKLOG);
            }
        }
    }

    /** A task of this connection ran; back at {@link #WORK_LOW} waiting, reading resumes. */
    void workDone() {
        synchronized (workLock) {
            if (--work <= WORK_LOW && held) {
                held = false;
                ReadGate.release(session, ReadGate.Reason.BACKLOG);
            }
        }
    }

    /** Counts a failed login; returns the number of failures so far on this connection. */
    public int failedLogin() {
        return ++failedLogins;
    }

    public boolean loginPending() {
        return loginPending;
    }

    public void loginPending(boolean pending) {
        this.loginPending = pending;
    }

    /** True once this connection's user no longer owns presence (closed, or replaced by a newer login). */
    public boolean detached() {
        return detached;
    }

    void detach() {
        this.detached = true;
    }

    /** The control center's address this connection reached (for the STUN address it is told). */
    public java.net.SocketAddress localAddress() {
        return session.getLocalAddress();
    }

    public boolean open() {
        return session.isConnected() && !session.isClosing();
    }

    public void send(Message message) {
        if (open()) {
            session.write(message);
        }
    }

    /** Closes after everything written so far has been sent. */
    public void closeAfterFlush() {
        FramedTls.closeOnFlush(session);
    }

    /** For log lines: the user name and terminal id are the client's, so they go through {@link LogText}. */
    @Override
    public String toString() {
        return "conn#" + session.getId() + (user == null ? "" : "(" + LogText.of(user) + "/" + LogText.of(terminal) + ")");
    }
}
