package dev.companion.scc.session;

import dev.companion.p2p.protocol.Message;
import dev.companion.scc.presence.Online;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages a request causes, collected while its transaction runs and sent only after it
 * committed (a refused or failed request pushes nothing). Users are looked up when flushed.
 */
public final class Outbox {
    private final Online online;
    private final List<Runnable> sends = new ArrayList<>();

    public Outbox(Online online) {
        this.online = online;
    }

    public void to(Conn conn, Message message) {
        sends.add(() -> conn.send(message));
    }

    /** To user's connection if they are online when flushed; dropped otherwise. */
    public void toUser(String user, Message message) {
        sends.add(() -> {
            Conn c = online.get(user);
            if (c != null) {
                c.send(message);
            }
        });
    }

    public void flush() {
        List<Runnable> now = List.copyOf(sends);
        sends.clear();
        now.forEach(Runnable::run);
    }
}
