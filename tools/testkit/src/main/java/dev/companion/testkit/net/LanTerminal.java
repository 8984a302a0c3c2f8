package dev.companion.testkit.net;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.session.LanSession;
import dev.companion.app.session.SessionListener;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import dev.companion.testkit.HeadlessTerminal;
import dev.companion.testkit.Recording;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Companion on a LAN with no control center, without a browser: the real {@link LanSession}
 * (pairing port, peer links, follow engine, SQLite profile with its identity file), a target without
 * a page that records the actions it is asked to apply ({@link Recording}), and LAN discovery. Used in process (the loopback test)
 * or in its own JVM inside a network namespace, driven by lines on stdin (args: name profile):
 *
 * <pre>
 * START                   → READY pairingPort     (announces its terminal beacon and listens for beacons, on every LAN interface)
 * FIND name ms            → FOUND host port fp    (a terminal beacon with that name was heard)
 * ASK host port fp|-      → CODE code             (asks to pair; "-": an address typed in, nothing pinned)
 * AWAIT_ASKED ms          → ASKED code trust      (someone asks to pair: the code and what this profile knows of them)
 * CONFIRM replace         → PAIRED group | REFUSED why   (replace: also a terminal whose certificate changed)
 * SEND from to            → SENT to               (actions input "v"+i as this person's own)
 * AWAIT_LINK peer ms      → LINK peer path
 * AWAIT_APPLIED n ms      → APPLIED n exact
 * QUIT
 * </pre>
 */
public final class LanTerminal implements SessionListener, AutoCloseable {
    private static final ChildCommands IO = new ChildCommands(false);

    public final String name;
    public final LanSession session;
    public final List<Action> applied = new CopyOnWriteArrayList<>();
    public final Set<String> linked = ConcurrentHashMap.newKeySet();
    public final BlockingQueue<LanSession.Pending> asked = new LinkedBlockingQueue<>();
    /** The chat lines this terminal kept since it started, in the order it kept them (own ones too). */
    public final List<ChatEntry> chat = new CopyOnWriteArrayList<>();
    /** Why the last group ended ("reason:who"), or null. */
    public volatile String groupEnded;
    private final LocalStore store;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private volatile LanDiscovery discovery;
    private volatile LanSession.Pending pending;

    /** name's Companion on profile (its identity kept there: a new file is a new certificate), listening on bindHost. */
    public LanTerminal(String name, Path profile, String bindHost, LinkManager.Timing timing) throws IOException {
        this(name, profile, bindHost, timing, LanSession.LINK_WAIT);
    }

    /** linkWait: how long a pair's group waits for its link before it ends. */
    public LanTerminal(String name, Path profile, String bindHost, LinkManager.Timing timing, Duration linkWait)
            throws IOException {
        this.name = name;
        Files.createDirectories(profile);
        store = LocalStore.open(profile);
        Identity id = Identity.loadOrCreate(profile.resolve("identity.p12"), name);
        session = LanSession.start(name, id, store, new Recording(applied, this::pageReady), scheduler, bindHost, timing, linkWait);
        session.addListener(this);
        session.addChatListener(chat::add);
    }

    public static void main(String[] args) throws Exception {
        try (LanTerminal t = new LanTerminal(args[0], Path.of(args[1]), "0.0.0.0", LinkManager.Timing.DEFAULT)) {
            IO.serve(c -> t.run(c));
        }
        System.exit(0);
    }

    private void run(String[] c) throws Exception {
        switch (c[0]) {
            case "START" -> {
                session.announce(LanInterfaces.all());
                discovery = LanDiscovery.start();
                IO.say("READY " + session.pairingPort());
            }
            case "FIND" -> {
                LanDiscovery.Found f = find(discovery, c[1], Duration.ofMillis(Long.parseLong(c[2])));
                IO.say("FOUND " + f.host() + " " + f.beacon().port() + " " + f.beacon().fingerprint());
            }
            case "ASK" -> IO.say("CODE " + ask(new InetSocketAddress(c[1], Integer.parseInt(c[2])), "-".equals(c[3]) ? null : c[3],
                    null).code());
            case "AWAIT_ASKED" -> {
                LanSession.Pending p = asked.poll(Long.parseLong(c[1]), TimeUnit.MILLISECONDS);
                if (p == null) {
                    throw new IllegalStateException("nobody asked to pair");
                }
                pending = p;
                IO.say("ASKED " + p.code().replace(' ', '-') + " " + p.trust());
            }
            case "CONFIRM" -> {
                try {
                    IO.say("PAIRED " + pending.confirm(Boolean.parseBoolean(c[1])).get(30, TimeUnit.SECONDS).group());
                } catch (java.util.concurrent.ExecutionException e) {
                    IO.say("REFUSED " + e.getCause().getClass().getSimpleName());
                }
            }
            case "SEND" -> IO.say("SENT " + send(Integer.parseInt(c[1]), Integer.parseInt(c[2])));
            case "AWAIT_LINK" -> {
                HeadlessTerminal.await(() -> session.linkStatus(c[1]) != null, "the link to " + c[1],
                        Duration.ofMillis(Long.parseLong(c[2])));
                IO.say("LINK " + c[1] + " " + session.linkStatus(c[1]).path().word());
            }
            case "AWAIT_APPLIED" -> {
                int n = Integer.parseInt(c[1]);
                HeadlessTerminal.await(() -> applied.size() >= n, n + " actions applied", Duration.ofMillis(Long.parseLong(c[2])));
                IO.say("APPLIED " + applied.size() + " " + LabTerminal.check(applied, n));
            }
            default -> IO.say("FAIL unknown command " + c[0]);
        }
    }

    /** Asks the terminal at to pair (pinned: its beacon's fingerprint, or null); the pending pairing once the code shows. */
    public LanSession.Pending ask(InetSocketAddress to, String pinned, String beaconName) throws Exception {
        LanSession.Pending p = session.ask(to, pinned, beaconName).get(20, TimeUnit.SECONDS);
        pending = p;
        return p;
    }

    /** Sends input actions "v"+from .. "v"+to as this person's own; returns to. */
    public int send(int from, int to) {
        for (int i = from; i <= to; i++) {
            session.onLocalAction(new Action.Input(null, "", "#q", "v" + i));
        }
        return to;
    }

    /** The first terminal beacon named name that discovery heard (within the wait). */
    public static LanDiscovery.Found find(LanDiscovery d, String name, Duration within) throws InterruptedException {
        HeadlessTerminal.await(() -> d.found().stream().anyMatch(f -> is(f, name)), "a beacon of " + name, within);
        return d.found().stream().filter(f -> is(f, name)).findFirst().orElseThrow();
    }

    private static boolean is(LanDiscovery.Found f, String name) {
        return LanBeacon.TERMINAL.equals(f.beacon().kind()) && f.beacon().name().equals(name);
    }

    @Override
    public void onPairingAsked(LanSession.Pending p) {
        asked.add(p);
    }

    @Override
    public void onGroup(Messages.GroupState g, String reason, String who) {
        if (g == null) {
            groupEnded = reason + ":" + who;
        }
    }

    @Override
    public void onLink(String peer, boolean up) {
        if (up) {
            linked.add(peer);
        } else {
            linked.remove(peer);
        }
    }

    /** A loaded URL's page is ready at once (there is no page to wait for). */
    private void pageReady(String url) {
        scheduler.execute(() -> session.onPageReady(url));
    }

    @Override
    public void close() {
        LanDiscovery d = discovery;
        if (d != null) {
            d.close();
        }
        session.close();
        scheduler.shutdownNow();
        store.close();
    }
}
