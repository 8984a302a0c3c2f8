package dev.companion.scc.presence;

import dev.companion.scc.session.Conn;
import java.util.HashMap;
import java.util.Map;

/**
 * Who is online: at most one connection per user (a newer login replaces the older one). Used on
 * the logic thread only.
 */
public final class Online {
    private final Map<String, Conn> byUser = new HashMap<>();

    public Conn get(String user) {
        return byUser.get(user);
    }

    public boolean isOnline(String user) {
        return byUser.containsKey(user);
    }

    /** Registers conn for user; returns the connection it replaces, or null. */
    public Conn put(String user, Conn conn) {
        return byUser.put(user, conn);
    }

    /** Unregisters user only if conn is still the one registered. */
    public boolean remove(String user, Conn conn) {
        return byUser.remove(user, conn);
    }
}
