package dev.companion.app.session;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.ChatListener;
import dev.companion.app.chat.DrawEntry;
import dev.companion.app.chat.PointEntry;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowFormat;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowListener;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.StepDecider;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.BotSay;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.PlaceKind;
import dev.companion.p2p.protocol.PlaceReason;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.protocol.Target;
import dev.companion.p2p.tls.Identity;
import dev.companion.scc.client.ControlCenterClient;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One user on this terminal: sign-in, the control-center connection (kept up by itself), contacts,
 * invitations, the group, its peer links and the follow engine. The façade over one sign-in's parts
 * ({@link SignedIn}: {@link ControlCenterConnector}, {@link GroupLinks}, {@link PeerEvents},
 * {@link ContactList}), made when a sign-in starts and closed together if it fails. State changes
 * run on one session thread ({@link SessionThread}), in order; the UI listens through
 * {@link SessionListener} (called on that thread) and never blocks here.
 *
 * <p>Link set-up: when the control center reports the group, this terminal sends its link offer
 * (addresses, certificate fingerprint) to each other member through the control center's signal
 * relay; on receiving a member's offer it expects exactly that certificate. Once linked, actions flow
 * peer to peer: losing the control center does not stop following, and the session reconnects to it
 * by itself with its session token, then re-joins the group.
 *
 * <p>Over our usual size on purpose: it is the one façade the window, the bot and the tests drive, so
 * every feature of a signed-in terminal (contacts, invitations, lead, settings, chat, join by code,
 * shared flows, usage) has its entry here; each entry is a few lines that hop onto the session thread
 * and hand over to the part that does the work.
 */
public final class SessionService implements AutoCloseable {
    private final SessionThread thread = new SessionThread();
    private final CopyOnWriteArrayList<FollowListener> followListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ChatListener> chatListeners = new CopyOnWriteArrayList<>();
    /** Replaced only while signed out ({@link #useControlCenter}); read on the session thread. */
    private volatile SignedIn.Env env;
    /** What this terminal started with (its expected fingerprint applies to its address only). */
    private final Config start;
    private volatile SignedIn signedIn;
    /** A first sign-in under way (session thread writes). */
    private volatile SignedIn starting;
    private volatile StepDecider decider = StepDecider.ACCEPT_ALL;
    private volatile SiteRules siteRules = SiteRules.inMemory();
    private volatile FlowInbox inbox;
    private volatile LinkManager.Timing linkTiming = LinkManager.Timing.DEFAULT;
    private final Joining joining = new Joining(this::client, this::group, this::user);
    private final UsageReports usage = new UsageReports(this::client);
    private final ScheduledFuture<?> usageTimer;

    /** Where the control center is and how this terminal is known. */
    public record Config(String host, int port, String expectedFingerprint, Identity identity, String bindHost) {
    }

    /**
     * How the session tries the control center again after losing it: the waits between attempts,
     * and what ends them (null: the session thread's own timer; tests pass one they drive).
     */
    public record Reconnect(Backoff backoff, RetryTimer timer) {
        public static final Reconnect DEFAULT = new Reconnect(Backoff.DEFAULT, null);

        public Reconnect {
            Objects.requireNonNull(backoff, "backoff");
        }
    }

    public SessionService(Config config, LocalStore store, FollowTarget target, ScheduledExecutorService scheduler) {
        this(config, store, target, scheduler, Reconnect.DEFAULT);
    }

    public SessionService(Config config, LocalStore store, FollowTarget target, ScheduledExecutorService scheduler,
                          Reconnect reconnect) {
        this.start = config;
        Reconnect r = new Reconnect(reconnect.backoff(), reconnect.timer() != null ? reconnect.timer() : thread);
        this.env = new SignedIn.Env(config, store, target, scheduler, thread, r,
                (from, seq, actions) -> decider.decide(from, seq, actions), followListeners, () -> siteRules, chatListeners, () -> inbox);
        followListeners.add(usage);
        long every = UsageReports.EVERY.toMillis();
        usageTimer = scheduler.scheduleWithFixedDelay(usage::report, every, every, TimeUnit.MILLISECONDS);
    }

    /** Join by code: show a code, look one up, ask, decide. */
    public Joining joining() {
        return joining;
    }

    /** The actions led and followed, reported to the control center; this user's own usage counts. */
    public UsageReports usage() {
        return usage;
    }

    public void addListener(SessionListener l) {
        thread.addListener(l);
    }

    public void addFollowListener(FollowListener l) {
        followListeners.add(l);
        SignedIn s = signedIn;
        if (s != null) {
            s.engine.addListener(l);
        }
    }

    /** Hears the group chat's lines (called on a link's thread or the session thread, never the FX thread). */
    public void addChatListener(ChatListener l) {
        chatListeners.add(l);
        SignedIn s = signedIn;
        if (s != null) {
            s.chat.addListener(l);
        }
    }

    /**
     * Points the group at the element target describes ("look here", over the peer links, not kept).
     * Fails with a ProtocolException: NOT_LOGGED_IN, NOT_IN_GROUP, MISSING_FIELD or RATE_LIMITED.
     */
    public CompletableFuture<PointEntry> point(Target target) {
        return thread.call(() -> {
            SignedIn s = signedIn;
            if (s == null) {
                throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not signed in");
            }
            return CompletableFuture.completedFuture(s.chat.point(target));
        });
    }

    /**
     * Draws a stroke over the element target describes (xy: fractions of its box) for the group
     * (docs/protocol.md "Drawing", over the peer links, not kept). Fails with a ProtocolException:
     * NOT_LOGGED_IN, NOT_IN_GROUP, NOT_LEADER, MISSING_FIELD or RATE_LIMITED.
     */
    public CompletableFuture<DrawEntry> draw(Target target, Ink color, int lifeMs, List<Double> xy) {
        return thread.call(() -> {
            SignedIn s = signedIn;
            if (s == null) {
                throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not signed in");
            }
            return CompletableFuture.completedFuture(s.chat.draw(target, color, lifeMs, xy));
        });
    }

    /**
     * This terminal's page could not place sender's point or drawing (kind, named by its at): tells the
     * sender only, once (docs/protocol.md "Not placed"). Completes with whether it was sent.
     */
    public CompletableFuture<Boolean> notPlaced(String group, String sender, PlaceKind kind, long at, PlaceReason reason) {
        return thread.call(() -> {
            SignedIn s = signedIn;
            return CompletableFuture.completedFuture(s != null && s.chat.notPlaced(group, sender, kind, at, reason));
        });
    }

    /**
     * Sends a chat line to the group over the peer links (never through the control center): kept in
     * the profile, then sent; members not linked now get it when they are. Fails with a
     * ProtocolException: NOT_LOGGED_IN, NOT_IN_GROUP, MISSING_FIELD (empty, over 500 characters,
     * control characters) or RATE_LIMITED.
     */
    public CompletableFuture<ChatEntry> sendChat(String text) {
        return thread.call(() -> {
            SignedIn s = signedIn;
            if (s == null) {
                throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not signed in");
            }
            return CompletableFuture.completedFuture(s.chat.send(text));
        });
    }

    /** The current group's chat as kept in the profile, in the order this terminal got it (read on the session thread). */
    public CompletableFuture<List<ChatEntry>> chatLines() {
        return thread.call(() -> {
            SignedIn s = signedIn;
            return CompletableFuture.completedFuture(s == null ? List.of() : s.chat.lines());
        });
    }

    public String user() {
        SignedIn s = signedIn;
        return s == null ? null : s.user;
    }

    public Messages.GroupState group() {
        SignedIn s = signedIn;
        return s == null ? null : s.group.group();
    }

    public boolean isControlCenterOnline() {
        SignedIn s = signedIn;
        return s != null && s.cc.isOnline();
    }

    /**
     * Signs in: starts the peer-link listener, connects with TLS (pinned certificate), logs in. A
     * failure leaves nothing behind (the next sign-in starts afresh). Signed in already as userName
     * but not connected (for instance the session token was refused): signs in again with the password.
     */
    public CompletableFuture<Messages.LoginOk> login(String userName, String password) {
        return thread.call(() -> {
            SignedIn s = signedIn;
            if (s != null) {
                if (!s.user.equals(userName)) {
                    throw new IllegalStateException("already signed in as " + s.user);
                }
                return s.cc.signInAgain(password);
            }
            if (starting != null) {
                throw new IllegalStateException("a sign-in is under way");
            }
            SignedIn fresh = SignedIn.start(env, userName, linkTiming);
            starting = fresh;
            return fresh.signIn(password).whenComplete((ok, e) -> {
                starting = null;
                if (e == null && !thread.isClosed()) {
                    signedIn = fresh;
                } else {
                    fresh.close();
                }
            });
        });
    }

    /**
     * The next sign-ins go to the control center at host:port, whose certificate must be fingerprint
     * (a classroom: the room's, pinned after the person compared its code). Only while signed out and
     * no sign-in is under way (else IllegalStateException); this terminal's identity and peer-link
     * address stay as they are.
     */
    public CompletableFuture<Void> useControlCenter(String host, int port, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return thread.call(() -> {
            Config c = env.config();
            return use(new Config(host, port, fingerprint, c.identity(), c.bindHost()));
        });
    }

    /**
     * The next sign-ins go to the control center the person typed (the sign-in form): with the
     * fingerprint this terminal was started with when it is the address it started with, else the one
     * pinned for that address earlier, else the one it shows at its first sign-in (pinned then). Only
     * while signed out, as {@link #useControlCenter(String, int, String)}.
     */
    public CompletableFuture<Void> useControlCenter(HostPort address) {
        Objects.requireNonNull(address, "address");
        return thread.call(() -> {
            Config c = env.config();
            String fp = address.equals(new HostPort(start.host(), start.port())) ? start.expectedFingerprint() : null;
            return use(new Config(address.host(), address.port(), fp, c.identity(), c.bindHost()));
        });
    }

    /** The next sign-ins go where config says (back to the one this terminal started with, say); as {@link #useControlCenter}. */
    public CompletableFuture<Void> useControlCenter(Config config) {
        return thread.call(() -> use(config));
    }

    private CompletableFuture<Void> use(Config config) {
        if (signedIn != null || starting != null) {
            throw new IllegalStateException("signed in already: sign out before joining another control center");
        }
        env = env.withConfig(config);
        return CompletableFuture.completedFuture(null);
    }

    /** Where the next sign-in goes, and as whom. */
    public Config config() {
        return env.config();
    }

    /**
     * Signs out: the control-center connection, the peer links and the follow engine of this sign-in
     * close (the group hears this member left when the control center notices); a later sign-in starts
     * afresh. Nothing to do when signed out.
     */
    public CompletableFuture<Void> signOut() {
        return thread.call(() -> {
            SignedIn s = signedIn;
            signedIn = null;
            if (s != null) {
                boolean inGroup = s.group.group() != null;
                s.close();
                if (inGroup) {
                    thread.tell(l -> l.onGroup(null, "left", s.user));
                }
                thread.tell(l -> l.onControlCenter(ControlCenterState.SIGNED_OUT));
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    /** A sign-in under way or done: its parts exist (tests check that a failed one left none). */
    boolean hasSignIn() {
        return starting != null || signedIn != null;
    }

    /** The peer links' heartbeat, redial and path timings (before sign-in; tests shorten them). */
    public void setLinkTiming(LinkManager.Timing timing) {
        linkTiming = timing == null ? LinkManager.Timing.DEFAULT : timing;
    }

    /** The path and round trip of the link to member peer, or null when it is not up. */
    public LinkManager.LinkStatus linkStatus(String peer) {
        SignedIn s = signedIn;
        Messages.GroupState g = s == null ? null : s.group.group();
        return g == null ? null : s.links.status(g.group(), peer);
    }

    /** Tries the control center at once ("reconnect now"), when waiting between attempts or stopped. */
    public void reconnect() {
        thread.run(() -> {
            SignedIn s = signedIn;
            if (s != null) {
                s.cc.reconnectNow();
            }
        });
    }

    /** Where this terminal stands with the control center (as last told to the listeners). */
    public ControlCenterState controlCenterState() {
        SignedIn s = signedIn;
        return s == null ? ControlCenterState.SIGNED_OUT : s.cc.state();
    }

    public CompletableFuture<Messages.Ok> addContact(String name) {
        return client().contactAdd(name);
    }

    public CompletableFuture<Messages.Ok> acceptContact(String name) {
        return client().contactAccept(name);
    }

    /** Invites a contact: into the current group when this terminal leads it, else into a new group. */
    public CompletableFuture<Messages.InviteSent> invite(String to) {
        Messages.GroupState g = group();
        String groupId = g != null && g.leader().equals(user()) ? g.group() : null;
        return client().invite(to, groupId);
    }

    public CompletableFuture<Messages.Ok> answer(String invitation, boolean accept) {
        return client().answer(invitation, accept);
    }

    /** Leaves the current group: the control center tells the others; links to them close. */
    public CompletableFuture<Void> leave() {
        SignedIn s = signedIn;
        Messages.GroupState g = group();
        if (s == null || g == null) {
            return CompletableFuture.completedFuture(null);
        }
        return thread.hop(client().leave(g.group())).thenAccept(ok -> s.group.end(g.group(), "left", s.user));
    }

    /** An action the page agent or the browser captured on this terminal. */
    public void onLocalAction(Action action) {
        FollowEngine e = engine();
        if (e != null) {
            e.onLocalAction(action);
        }
    }

    /** The page agent is ready in the top frame. */
    public void onPageReady(String url) {
        FollowEngine e = engine();
        if (e != null) {
            e.onPageReady(url);
        }
    }

    public boolean isLeader() {
        FollowEngine e = engine();
        return e != null && e.isLeader();
    }

    /** The follow engine of the signed-in user (null before sign-in). */
    public FollowEngine engine() {
        SignedIn s = signedIn;
        return s == null ? null : s.engine;
    }

    /**
     * The user's similar-action rules (the profile's); members' offers of rules go to it. Set before
     * signing in: a sign-in uses the rules it started with.
     */
    public void setSiteRules(SiteRules rules) {
        siteRules = rules == null ? SiteRules.inMemory() : rules;
    }

    /**
     * Shares this user's similar-action rules for site with the group ({@code similar_rules}); returns
     * how many members it went to (0: not in a group, or no rules for site).
     */
    public int shareSiteRules(String site) {
        SignedIn s = signedIn;
        Messages.GroupState g = group();
        Messages.SimilarRules m = s == null || g == null ? null : siteRules.share(g.group(), s.user, site);
        return m == null ? 0 : s.links.broadcast(g.group(), m);
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
     * pause still holds here, and is told when the session is back).
     */
    public CompletableFuture<Message> pause(boolean paused) {
        Messages.GroupState g = requireGroup();
        FollowEngine e = engine();
        if (e != null) {
            e.setPaused(paused);
        }
        return client().request(req -> new Messages.FollowPause(req, g.group(), paused));
    }

    /** Drops and redials every peer link (after a network change); following resumes where it was. */
    public void reconnectLinks() {
        SignedIn s = signedIn;
        if (s != null) {
            s.links.reconnectAll();
        }
    }

    /** Where flows members share with this terminal go (null: none are taken; they are refused). */
    public void setFlowInbox(FlowInbox in) {
        inbox = in;
    }

    /**
     * Shares flow with member to over the peer link (flow_share parts, in order); refused with
     * NOT_A_MEMBER when to is not linked in this terminal's group. What to's person answers is not told.
     */
    public CompletableFuture<Void> shareFlow(String to, Flow flow) {
        return shareBytes(to, FlowFormat.export(flow).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Sends file (a flow file's bytes, unchecked: tests send bad ones) to to. */
    CompletableFuture<Void> shareBytes(String to, byte[] file) {
        Messages.GroupState g = requireGroup();
        SignedIn s = signedIn;
        if (s == null) {
            throw new ProtocolException(ErrorCode.NOT_A_MEMBER, to + " is not another member of the group");
        }
        FlowSharing.send(s.links, g, s.user, to, file);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A bot that leads tells its group what it does (bot_says to every linked member; docs/protocol.md
     * "A bot's words"); expect: what the step expects, while the bot waits for the person (else null).
     * False when this terminal does not lead a group or no member is linked now.
     */
    public boolean botSays(BotSay say, int step, int steps, String hint, Messages.Expect expect) {
        SignedIn s = signedIn;
        Messages.GroupState g = group();
        if (s == null || g == null || !s.user.equals(g.leader())) {
            return false;
        }
        return s.links.broadcast(g.group(), new Messages.BotSays(g.group(), s.user, say, step, steps, hint, expect)) > 0;
    }

    /**
     * The person answers the bot that leads this terminal's group about step (bot_answer); page: for
     * did_it, this terminal's top page URL (null: none); matched: for did_it, whether this page shows
     * the element and text the bot's words expect (null: nothing was checked). NOT_LEADER when this terminal leads itself,
     * NOT_A_MEMBER when the leader is not linked now.
     */
    public void answerBot(BotReply answer, int step, String page, Boolean matched) {
        Messages.GroupState g = requireGroup();
        SignedIn s = signedIn;
        if (s == null || s.user.equals(g.leader())) {
            throw new ProtocolException(ErrorCode.NOT_LEADER, "this terminal leads: there is no bot to answer");
        }
        String top = page == null || page.length() > Action.MAX_URL ? null : page;
        if (!s.links.send(g.group(), g.leader(), new Messages.BotAnswer(g.group(), s.user, answer, step, top,
                answer == BotReply.DID_IT ? matched : null))) {
            throw new ProtocolException(ErrorCode.NOT_A_MEMBER, "no link to " + g.leader() + " now; try again when linked");
        }
    }

    /** Manual mode: sends the held actions as one step. */
    public boolean sendHeld() {
        FollowEngine e = engine();
        return e != null && e.sendHeld();
    }

    private Messages.GroupState requireGroup() {
        Messages.GroupState g = group();
        if (g == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not in a group");
        }
        return g;
    }

    private ControlCenterClient client() {
        SignedIn s = signedIn;
        if (s == null) {
            throw new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not connected to the control center");
        }
        return s.cc.client();
    }

    /** Stops the session thread, then closes the sign-in's parts. Safe twice. */
    @Override
    public void close() {
        if (thread.isClosed()) {
            return;
        }
        usageTimer.cancel(false);
        usage.report(); // what was counted since the last report goes out before the connection closes
        thread.close();
        for (SignedIn s : new SignedIn[] {starting, signedIn}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
