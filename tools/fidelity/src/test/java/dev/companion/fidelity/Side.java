package dev.companion.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.companion.app.browser.AgentListener;
import dev.companion.app.browser.BrowserView;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One user's browser view in the fidelity test: its host (cookies, so its user, belong to a host),
 * what its page agent captured, and when its pages were ready.
 */
final class Side implements AgentListener {
    static final long WAIT_S = 15;

    record Ready(String url, String frame) {
    }

    final String name;
    final String host;
    final int port;
    final BrowserView view;
    final LinkedBlockingQueue<Action> actions = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Ready> readies = new LinkedBlockingQueue<>();

    Side(String name, String host, int port, BrowserView view) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.view = view;
        view.setListener(this);
    }

    /** The frames (paths) whose page agent said it is ready since the last open. */
    private final java.util.Set<String> framesReady = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void onAction(Action action) {
        actions.add(action);
    }

    @Override
    public void onPageReady(String url, String frame) {
        readies.add(new Ready(url, frame));
        if (frame != null && !frame.isEmpty()) {
            framesReady.add(frame);
        }
    }

    String url(String path) {
        return "http://" + host + ":" + port + path;
    }

    /** Signs in as user and opens path; waits until the top page's agent is ready, a frame is drawn and its frames are loaded. */
    void open(String user, String path) throws Exception {
        readies.clear();
        framesReady.clear();
        view.load(url("/fidelity/login?as=" + user + "&to=" + java.net.URLEncoder.encode(path, "UTF-8")));
        awaitReady(u -> u.equals(url(path)));
        // and its frames loaded: what they report on load belongs to no step
        eval("new Promise(r => document.readyState === 'complete' ? r(true)"
                + " : addEventListener('load', () => r(true), {once: true}))");
        // and the page agent ready in each of its frames: input into a frame before its agent listens
        // is not captured (seen on a busy machine)
        int frames = eval("document.querySelectorAll('iframe').length").asInt();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (framesReady.size() < frames && System.nanoTime() < deadline) {
            eval("new Promise(r => setTimeout(() => r(true), 20))");
        }
        if (framesReady.size() < frames) {
            throw new AssertionError(name + ": the page agent was ready in " + framesReady + " of " + frames + " frames");
        }
        actions.clear();
    }

    /** Waits for the top page's agent to be ready on a URL that passes; that URL. */
    String awaitReady(Predicate<String> url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        List<Ready> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Ready r = readies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (r != null && r.frame().isEmpty() && url.test(r.url())) {
                drawn();
                return r.url();
            }
            if (r != null) {
                seen.add(r);
            }
        }
        throw new AssertionError(name + ": no such page ready; ready were " + seen + ", the view shows " + view.urlProperty().get());
    }

    /** Like awaitReady, false instead of failing when none comes within seconds. */
    boolean readyWithin(Predicate<String> url, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Ready r = readies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (r != null && r.frame().isEmpty() && url.test(r.url())) {
                drawn();
                return true;
            }
        }
        return false;
    }

    /** Waits for two frames to be drawn: input before the first frame can go astray; and the page's tasks so far are done. */
    void drawn() throws Exception {
        eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
    }

    JsonNode eval(String js) throws Exception {
        return Codec.mapper().readTree(view.eval(js).get(WAIT_S, TimeUnit.SECONDS));
    }

    /** The next captured action that passes, skipping scrolls (returned in skipped). */
    Action await(Predicate<Action> match, List<Action> skipped) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            Action a = actions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (a == null) {
                break;
            }
            if (match.test(a)) {
                return a;
            }
            skipped.add(a);
        }
        throw new AssertionError(name + ": the page agent captured no such action; it captured " + skipped);
    }

    /** Whatever was captured and not taken yet. */
    List<Action> drain() {
        List<Action> out = new ArrayList<>();
        actions.drainTo(out);
        return out;
    }
}
