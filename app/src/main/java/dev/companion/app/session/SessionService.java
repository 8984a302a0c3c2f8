package dev.companion.app.session;

import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowListener;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.Outbox;
import dev.companion.app.follow.StepDecider;
import dev.companion.app.store.LocalStore;
import dev.companion.app.thread.Threads;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.tls.Identity;
import dev.companion.scc.client.ControlCenterClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in user on this terminal: the control-center connection, the peer links of the
 * current group and the follow engine. State changes run on one session thread, in order; the UI
 * listens through {@link SessionListener} and never blocks here.
 *
 * <p>Link set-up: when the control center reports the group, this terminal sends its link offer
 * (addresses, certificate fingerprint) to each other member through the control center's signal
 * relay; on receiving a member's offer it expects exactly that certificate (see {@link LinkManager}).
 * Once linked, actions flow peer to peer: losing the control center does not stop following.
 */
public final class SessionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    private final Config config;
    private final LocalStore store;
    private final FollowTarget target;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService events = Threads.single("session-events");
    private final CopyOnWriteArrayList<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<FollowListener> followListeners = new CopyOnWriteArrayList<>();

    // session-thread state
    private final Map<String, Messages.Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Long> offered = new HashMap<>(); // member -> epoch our offer went to
    private volatile String user;
    private volatile Messages.GroupState group;
    private volatile ControlCenterClient cc;
    private volatile LinkManager links;
    private volatile FollowEngine engine;
    private volatile boolean closed;
    private volatile StepDecider decider = StepDecider.ACCEPT_ALL;
    private volatile LinkManager.Timing linkTiming = LinkManager.Timing.DEFAULT;
    private final IceSignalling ice = new IceSignalling(() -> cc);
    private final Map<String, LinkManager.LinkStatus> shownPaths = new HashMap<>(); // session thread
    private volatile java.util.concurrent.ScheduledFuture<?> pathCheck;

    /** Where the control center is and how this terminal is known. */
    public record Config(String host, int port, String expectedFingerprint, Identity identity, String bindHost) {
    }

    public SessionService(Config config, LocalStore store, FollowTarget target, ScheduledExecutorService scheduler) {
        this.config = config;
        this.store = store;
        this.target = target;
        this.scheduler = scheduler;
    }

    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    public void addFollowListener(FollowListener l) {
        followListeners.add(l);
        FollowEngine e = engine;
        if (e != null) {
            e.addListener(l);
        }
    }

    public String user() {
        return user;
    }

    public Messages.GroupState group() {
        return group;
    }

    public boolean isControlCenterOnline() {
        ControlCenterClient c = cc;
        return c != null && c.isConnected();
    }

    /** Signs in: starts the peer-link listener, connects with TLS (pinned certificate), logs in. */
    public CompletableFuture<Messages.LoginOk> login(String userName, String password) {
        return CompletableFuture.supplyAsync(() -> prepare(userName), events).thenCompose(route -> {
            String address = config.host() + ":" + config.port();
            AtomicReference<String> seen = new AtomicReference<>();
            String pinned = store.pinnedFingerprint(address).orElse(config.expectedFingerprint());
            // pinned: the shared TLS context of that fingerprint, so a sign-in after a drop resumes the
            // TLS session; first contact: trust on first use, the fingerprint is pinned after login_ok
            ControlCenterClient client = pinned != null
                    ? new ControlCenterClient(config.host(), config.port(), pinned, new CcListener())
                    : new ControlCenterClient(config.host(), config.port(), fp -> {
                        seen.set(fp);
                        return true;
                    }, new CcListener());
            cc = client;
            return client.connect(userName, password, store.terminalId(), route, config.identity().fingerprint())
                    .thenApplyAsync(ok -> {
                        if (pinned == null && seen.get() != null) {
                            store.pin(address, seen.get()); // trust on first use, refused if it ever changes
                        }
                        user = ok.user();
                        ice.refresh();
                        contacts.clear();
                        ok.contacts().forEach(c -> contacts.put(c.user(), c));
                        publishContacts();
                        listeners.forEach(l -> l.onControlCenter(true, null));
                        return ok;
                    }, events);
        });
    }

    private List<String> prepare(String userName) {
        if (links != null) {
            throw new IllegalStateException("already signed in");
        }
        LinkManager lm = new LinkManager(config.identity(), userName, store.terminalId(), config.bindHost(), new PeerListener(),
                linkTiming);
        lm.enableIce(ice); // members a direct connection cannot reach: ICE through the routers, else the relay
        links = lm;
        pathCheck = scheduler.scheduleWithFixedDelay(() -> onSessionThread(this::publishPaths), 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        Outbox outbox = new Outbox() {
            @Override
            public int broadcast(String group, Message m) {
                return lm.broadcast(group, m);
            }

            @Override
            public boolean send(String group, String peer, Message m) {
                return lm.send(group, peer, m);
            }
        };
        FollowEngine fe = new FollowEngine(userName, outbox, target, scheduler, FollowEngine.Timing.DEFAULT,
                store.journal(), (from, seq, actions) -> decider.decide(from, seq, actions), Protocol.LOG_BOUND);
        followListeners.forEach(fe::addListener);
        engine = fe;
        try {
            return lm.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot listen for peer links on " + config.bindHost(), e);
        }
    }

    public CompletableFuture<Messages.Ok> addContact(String name) {
        return client().contactAdd(name);
    }

    public CompletableFuture<Messages.Ok> acceptContact(String name) {
        return client().contactAccept(name);
    }

    /** Invites a contact: into the current group when this terminal leads it, else into a new group. */
    public CompletableFuture<Messages.InviteSent> invite(String to) {
        Messages.GroupState g = group;
        String groupId = g != null && g.leader().equals(user) ? g.group() : null;
        return client().invite(to, groupId);
    }

    public CompletableFuture<Messages.Ok> answer(String invitation, boolean accept) {
        return client().answer(invitation, accept);
    }

    /** Leaves the current group: the control center tells the others; links to them close. */
    public CompletableFuture<Void> leave() {
        Messages.GroupState g = group;
        if (g == null) {
            return CompletableFuture.completedFuture(null);
        }
        return client().leave(g.group()).thenAcceptAsync(ok -> endGroup(g.group(), "left", user), events);
    }

    /** An action the page agent or the browser captured on this terminal. */
    public void onLocalAction(Action action) {
        FollowEngine e = engine;
        if (e != null) {
            e.onLocalAction(action);
        }
    }

    /** The page agent is ready in the top frame. */
    public void onPageReady(String url) {
        FollowEngine e = engine;
        if (e != null) {
            e.onPageReady(url);
        }
    }

    public boolean isLeader() {
        FollowEngine e = engine;
        return e != null && e.isLeader();
    }

    /** The follow engine of the signed-in user (null before sign-in). */
    public FollowEngine engine() {
        return engine;
    }

    /** The peer links' heartbeat, redial and path timings (before sign-in; tests shorten them). */
    public void setLinkTiming(LinkManager.Timing timing) {
        linkTiming = timing == null ? LinkManager.Timing.DEFAULT : timing;
    }

    /** The path and round trip of the link to member peer, or null when it is not up. */
    public LinkManager.LinkStatus linkStatus(String peer) {
        LinkManager lm = links;
        Messages.GroupState g = group;
        return lm == null || g == null ? null : lm.status(g.group(), peer);
    }

    /** Who decides on steps sent in manual mode (the UI's preview; bots accept by default). */
    public void setStepDecider(StepDecider d) {
        decider = d == null ? StepDecider.ACCEPT_ALL : d;
    }

    /**
     * Changes the group's settings, based on the version this terminal knows: refused with
     * GROUP_CHANGED when another member changed it meanwhile (the new state arrives by push).
     */
    public CompletableFuture<Message> setSettings(Mode mode, Following following, Scope scope, List<ActionKind> kinds,
                                                  List<String> pages) {
        return setSettings(mode, following, scope, kinds, pages, requireGroup().localAddresses());
    }

    /** As above, also saying whether the group follows pages on local addresses. */
    public CompletableFuture<Message> setSettings(Mode mode, Following following, Scope scope, List<ActionKind> kinds,
                                                  List<String> pages, boolean localAddresses) {
        Messages.GroupState g = requireGroup();
        return client().request(req -> new Messages.GroupSet(req, g.group(), g.version(), mode, following, scope, kinds,
                pages, localAddresses));
    }

    /** A follower asks the leader for the lead. */
    public CompletableFuture<Message> askLead() {
        Messages.GroupState g = requireGroup();
        return client().request(req -> new Messages.LeadAsk(req, g.group()));
    }

    /** The leader offers the lead to another member. */
    public CompletableFuture<Message> offerLead(String to) {
        Messages.GroupState g = requireGroup();
        return client().request(req -> new Messages.LeadOffer(req, g.group(), to));
    }

    /** Answers a lead proposal addressed to this user. */
    public CompletableFuture<Message> answerLead(String proposal, boolean accept) {
        Messages.GroupState g = requireGroup();
        return client().request(req -> new Messages.LeadAnswer(req, g.group(), proposal, accept));
    }

    /**
     * Stops following at once ("take my screen back") or starts again, catching up to where the
     * others are; the control center is told so every member sees it (if it is unreachable, the
     * pause still holds here).
     */
    public CompletableFuture<Message> pause(boolean paused) {
        Messages.GroupState g = requireGroup();
        FollowEngine e = engine;
        if (e != null) {
            e.setPaused(paused);
        }
        return client().request(req -> new Messages.FollowPause(req, g.group(), paused));
    }

    /** Drops and redials every peer link (after a network change); following resumes where it was. */
    public void reconnectLinks() {
        LinkManager lm = links;
        if (lm != null) {
            lm.reconnectAll();
        }
    }

    /** Manual mode: sends the held actions as one step. */
    public boolean sendHeld() {
        FollowEngine e = engine;
        return e != null && e.sendHeld();
    }

    private Messages.GroupState requireGroup() {
        Messages.GroupState g = group;
        if (g == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not in a group");
        }
        return g;
    }

    private ControlCenterClient client() {
        ControlCenterClient c = cc;
        if (c == null || !c.isConnected()) {
            throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not connected to the control center");
        }
        return c;
    }

    private void publishContacts() {
        List<Messages.Contact> list = new ArrayList<>(contacts.values());
        listeners.forEach(l -> l.onContacts(list));
    }

    private void onGroupState(Messages.GroupState g) {
        Messages.GroupState old = group;
        if (old != null && !old.group().equals(g.group())) {
            endGroup(old.group(), "replaced", null);
        }
        group = g;
        engine.onGroup(g);
        Messages.Member mine = g.member(user);
        if (old == null && mine != null && mine.paused()) {
            engine.setPaused(true); // back after a restart while paused: stay paused
        }
        Set<String> now = new HashSet<>();
        for (Messages.Member m : g.members()) {
            if (m.user().equals(user)) {
                continue;
            }
            now.add(m.user());
            Long epoch = offered.put(m.user(), m.epoch());
            if (epoch == null || epoch != m.epoch()) { // new member, or its terminal came back: it needs our offer
                client().signal(g.group(), m.user(), links.localOffer()).exceptionally(e -> {
                    problem("SIGNAL", "link set-up with " + m.user() + " failed: " + e.getMessage());
                    return null;
                });
            }
        }
        for (String u : new ArrayList<>(offered.keySet())) {
            if (!now.contains(u)) {
                offered.remove(u);
                links.forget(g.group(), u);
            }
        }
        listeners.forEach(l -> l.onGroup(g, null, null));
    }

    /** On the session thread: tells the listeners each up link's path and round trip when they changed (RTT by 20 %+). */
    private void publishPaths() {
        Messages.GroupState g = group;
        LinkManager lm = links;
        if (g == null || lm == null) {
            shownPaths.clear();
            return;
        }
        for (Messages.Member m : g.members()) {
            if (m.user().equals(user)) {
                continue;
            }
            LinkManager.LinkStatus now = lm.status(g.group(), m.user());
            LinkManager.LinkStatus shown = shownPaths.get(m.user());
            if (now == null) {
                shownPaths.remove(m.user());
            } else if (shown == null || shown.path() != now.path() || Math.abs(now.rttMillis() - shown.rttMillis())
                    > Math.max(2, shown.rttMillis() / 5)) {
                shownPaths.put(m.user(), now);
                listeners.forEach(l -> l.onLinkPath(m.user(), now.path(), now.rttMillis()));
            }
        }
    }

    private void endGroup(String groupId, String reason, String who) {
        Messages.GroupState g = group;
        if (g == null || !g.group().equals(groupId)) {
            return;
        }
        group = null;
        offered.clear();
        links.forgetGroup(groupId);
        engine.onGroup(null);
        listeners.forEach(l -> l.onGroup(null, reason, who));
    }

    /** Reports a problem to the listeners, on the session thread whatever thread found it. */
    private void problem(String code, String detail) {
        LOG.warn("{}: {}", code, detail);
        onSessionThread(() -> listeners.forEach(l -> l.onProblem(code, detail)));
    }

    /** The one hop onto the session thread; nothing runs there once the session is closed. */
    private void onSessionThread(Runnable r) {
        try {
            events.execute(() -> {
                if (!closed) {
                    r.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("session closed: dropped an event");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        java.util.concurrent.ScheduledFuture<?> check = pathCheck;
        if (check != null) {
            check.cancel(false);
        }
        ControlCenterClient c = cc;
        if (c != null) {
            c.close();
        }
        FollowEngine e = engine;
        if (e != null) {
            e.close(); // lets the action being applied finish and be recorded
        }
        LinkManager lm = links;
        if (lm != null) {
            lm.close();
        }
        events.shutdownNow();
    }

    /** Pushes from the control center, moved onto the session thread. */
    private final class CcListener implements ControlCenterClient.Listener {
        @Override
        public void onPush(Message m) {
            onSessionThread(() -> handlePush(m));
        }

        @Override
        public void onClosed(String reason) {
            onSessionThread(() -> listeners.forEach(l -> l.onControlCenter(false, reason)));
        }
    }

    private void handlePush(Message m) {
        switch (m) {
            case Messages.ContactUpdate u -> {
                contacts.put(u.contact().user(), u.contact());
                publishContacts();
            }
            case Messages.Presence p -> {
                Messages.Contact c = contacts.get(p.user());
                if (c != null) {
                    contacts.put(p.user(), new Messages.Contact(c.user(), p.online(), c.state()));
                    publishContacts();
                }
            }
            case Messages.Invitation inv -> listeners.forEach(l -> l.onInvitation(inv));
            case Messages.InvitationAnswered a -> listeners.forEach(l -> l.onInvitationAnswered(a));
            case Messages.GroupState g -> onGroupState(g);
            case Messages.GroupDissolved d -> endGroup(d.group(), d.reason().wire(), d.user());
            case Messages.Signal s -> {
                Messages.GroupState g = group;
                if (g != null && g.group().equals(s.group()) && s.from() != null
                        && g.members().stream().anyMatch(mm -> mm.user().equals(s.from()))) {
                    links.expect(s.group(), s.from(), s.offer());
                } else {
                    problem(ErrorCode.PEER_NOT_IN_GROUP.name(), "link offer from " + s.from() + " ignored: not in this group");
                }
            }
            case Messages.LeadProposal p -> listeners.forEach(l -> l.onLeadProposal(p));
            case Messages.LeadAnswered a -> listeners.forEach(l -> l.onLeadAnswered(a));
            case Messages.Error e -> problem(e.code().name(), e.message());
            default -> LOG.debug("ignored push {}", m);
        }
    }

    /** Peer-link events: actions go to the follow engine. */
    private final class PeerListener implements LinkManager.Listener {
        @Override
        public void onLinkUp(String groupId, String peer) {
            FollowEngine e = engine;
            if (e != null) {
                e.onLinkUp(peer); // ask what we missed, before anything else the peer sends is handled
            }
            onSessionThread(() -> {
                listeners.forEach(l -> l.onLink(peer, true));
                shownPaths.remove(peer); // a new link, maybe on another path: tell it at once
                publishPaths();
            });
        }

        @Override
        public void onLinkDown(String groupId, String peer, String reason) {
            onSessionThread(() -> listeners.forEach(l -> l.onLink(peer, false)));
        }

        @Override
        public void onMessage(String groupId, String peer, Message m) {
            switch (m) {
                case Messages.Error err -> problem(err.code().name(), "from " + peer + ": " + err.message());
                case Messages.ActionMsg a -> answer(groupId, peer, engine.onRemote(groupId, peer, a), "action " + a.seq());
                case Messages.Step st -> answer(groupId, peer, engine.onRemote(groupId, peer, st), "step " + st.seq());
                case Messages.Resume r -> answer(groupId, peer, engine.onRemote(groupId, peer, r), "resume");
                case Messages.CatchUp c -> answer(groupId, peer, engine.onRemote(groupId, peer, c), "catch_up");
                case Messages.Result r -> answer(groupId, peer, engine.onRemote(groupId, peer, r), "result");
                default -> LOG.debug("ignored peer message {} from {}", m.getClass().getSimpleName(), peer);
            }
        }

        /** A refused message is answered with its code; duplicates (normal after a resume) quietly. */
        private void answer(String groupId, String peer, ErrorCode refused, String what) {
            if (refused != null && refused != ErrorCode.STALE_SEQUENCE) {
                links.send(groupId, peer, new Messages.Error(null, refused, what + " refused"));
            }
        }

        @Override
        public void onRefused(String groupId, String peer, ProtocolException e) {
            problem(e.code().name(), "from " + peer + ": " + e.getMessage());
        }
    }
}
