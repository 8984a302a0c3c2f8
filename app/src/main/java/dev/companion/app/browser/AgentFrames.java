package dev.companion.app.browser;

import dev.companion.p2p.protocol.Action;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frames of one view whose page agent reported ready: CEF frame identifier, frame path ("" top,
 * "0.1"...), URL and name; and which frame an action is for. A frame is named by its path and, as
 * evidence, by its page (the action's page: the frame's URL when it was captured) and its name: when
 * the frame at the path is not that page, the one ready frame that is, is used (a follower's page
 * may have its frames in another order, or one more).
 */
final class AgentFrames {
    /** A ready frame: its path, URL and window name. */
    record Frame(String id, String path, String url, String name) {
    }

    /**
     * Where an action goes: a frame path; or ambiguity, why no one frame fits (words for people); or
     * neither: wait for a frame that fits to report ready.
     */
    record Choice(String path, String ambiguity) {
        static final Choice WAIT = new Choice(null, null);
    }

    private final Map<String, Frame> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idOfPath = new ConcurrentHashMap<>();

    void clear() {
        byId.clear();
        idOfPath.clear();
    }

    /** A frame starts a new document: its agent is gone until the new one reports ready. */
    void forget(String id) {
        Frame f = byId.remove(id);
        if (f != null) {
            idOfPath.remove(f.path(), id);
        }
    }

    void ready(String id, String path, String url, String name) {
        Frame old = byId.put(id, new Frame(id, path, url, name == null ? "" : name));
        if (old != null && !old.path().equals(path)) {
            idOfPath.remove(old.path(), id);
        }
        idOfPath.put(path, id);
    }

    /** The path of the frame with this CEF identifier, or null. */
    String pathOf(String id) {
        Frame f = id == null ? null : byId.get(id);
        return f == null ? null : f.path();
    }

    /** The CEF identifier of the ready frame at path, or null. */
    String idAt(String path) {
        return idOfPath.get(path);
    }

    /**
     * The frame action is for: its own path when the frame there is its page (or nothing says
     * otherwise), else the one ready frame that is; two or more such frames are an ambiguity; none
     * (yet): wait.
     */
    Choice choose(Action action) {
        String path = action.frame();
        String wantedPath = pathPart(action.page());
        String wantedName = action.target() == null ? null : action.target().frameName();
        if (path.isEmpty() || wantedPath == null) {
            return new Choice(path, null);
        }
        String at = idOfPath.get(path);
        Frame there = at == null ? null : byId.get(at);
        if (there != null && fits(there, wantedPath, wantedName)) {
            return new Choice(path, null);
        }
        List<Frame> fitting = new ArrayList<>();
        for (Frame f : byId.values()) {
            if (!f.path().isEmpty() && fits(f, wantedPath, wantedName)) {
                fitting.add(f);
            }
        }
        if (fitting.size() == 1) {
            return new Choice(fitting.get(0).path(), null);
        }
        if (fitting.size() > 1) {
            return new Choice(null, fitting.size() + " frames of " + wantedPath + " match equally");
        }
        return Choice.WAIT;
    }

    private static boolean fits(Frame f, String wantedPath, String wantedName) {
        return Objects.equals(pathPart(f.url()), wantedPath)
                && (wantedName == null || wantedName.isEmpty() || wantedName.equals(f.name()));
    }

    /** The path of a URL (no origin: a frame may come from another host for another user; no query). */
    static String pathPart(String url) {
        if (url == null) {
            return null;
        }
        try {
            String p = URI.create(url).getPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
