package dev.companion.app.session;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.ChatListener;
import dev.companion.app.chat.ChatRoom;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowFormat;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowListener;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.follow.StepDecider;
import dev.companion.app.similar.SimilarUrls;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.store.LanPeers;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.lan.LanAnnouncer;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.lan.LanPairing;
import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.BotSay;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Browsing together on a LAN with no control center at all (docs/network.md, "Pairing without a
 * control center"): this terminal listens for peer links and for pairing ({@link LanPairing}),
 * announces itself with a beacon of kind terminal when asked to ({@link #announce}), and pairs with
 * someone nearby — picked from the beacons heard or typed as "address:port". Each {@link Pending}
 * pairing shows the pair's code and what this profile knows of the other terminal
 * ({@link LanPeers.Trust}); once both people confirmed, the other's certificate is remembered (a
 * certificate that changed since is replaced only when the person says so) and the two form a group
 * of their own, led by the side that asked, and follow over the peer link with that certificate
 * pinned — the same link, engine and checks as a group of the control center, with the group chat
 * ({@link ChatRoom}, kept in the profile's chat log) and flows shared into a {@link FlowInbox} as
 * there. A pair's group is named after the two terminals ({@link #pairGroup}): pairing again, after a
 * restart too, goes on with the same chat. One group at a time; a new pairing replaces it. State
 * changes and {@link SessionListener} calls run on the session thread, in order.
 *
 * <p>Over 350 lines: pairing, the pair's group and what travels in it (follow, chat, flows, a bot's
 * words) share one session thread and one lifetime; {@link Pending} is part of the public API.
 */
public final class LanSession implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A pairing waiting for this side's person: the other's name, certificate, the code, and what is known of it. */
    public final class Pending {
        private final LanPairing.Asking asking;
        private final LanPairing.Asked asked;
        private final String name;
        private final LanPeers.Trust trust;

        private Pending(LanPairing.Asking asking, String name) {
            this.asking = asking;
            this.asked = null;
            this.name = name;
            this.trust = null;
        }

        /** Session thread (reads the store). */
        private Pending(LanPairing.Asked asked) {
            this.asking = null;
            this.asked = asked;
            this.name = asked.name();
            this.trust = store.lanPeers().check(asked.terminal(), asked.fingerprint());
        }

        /** The other person's name (from their beacon or request; null when asking an address typed in). */
        public String name() {
            return name;
        }

        public String code() {
            return asking != null ? asking.code() : asked.code();
        }

        public String fingerprint() {
            return asking != null ? asking.fingerprint() : asked.fingerprint();
        }

        /** True when this side asked (and leads the group); false when the other side asks. */
        public boolean asking() {
            return asking != null;
        }

        /**
         * What this profile knows of the asking terminal (NEW, KNOWN or CHANGED: show the warning);
         * null on the asking side, which learns the other's terminal id only with its answer.
         */
        public LanPeers.Trust trust() {
            return trust;
        }

        /** This profile paired with the asking terminal before, with this very certificate (asked side only). */
        public boolean pairedBefore() {
            return trust == LanPeers.Trust.KNOWN;
        }

        /** This profile paired with the asking terminal before under another certificate: warn (asked side only). */
        public boolean certificateChanged() {
            return trust == LanPeers.Trust.CHANGED;
        }

        /**
         * The person compared the codes and confirms. A terminal remembered with another certificate
         * is refused ({@link CertificateChanged}) unless replaceChanged: the person saw the warning and
         * still wants it. Completes with the group the two formed.
         */
        public CompletableFuture<Messages.GroupState> confirm(boolean replaceChanged) {
            if (asked != null) {
                return thread.call(() -> {
                    try {
                        checkPeer(asked.terminal(), asked.name(), asked.fingerprint(), replaceChanged);
                    } catch (RuntimeException e) {
                        asked.decline();
                        throw e;
                    }
                    return CompletableFuture.completedFuture(form(asked.accept()));
                });
            }
            return thread.hop(asking.confirm()).thenApply(p -> {
                checkPeer(p.terminal(), p.name(), p.fingerprint(), replaceChanged);
                return form(p);
            });
        }

        /** The person declines (or the codes differ): nothing is remembered. */
        public void decline() {
            if (asking != null) {
                asking.cancel();
            } else {
                asked.decline();
            }
        }
    }

    /** A terminal paired before presented another certificate, and the person did not accept it. */
    public static final class CertificateChanged extends RuntimeException {
        private final String who;

        CertificateChanged(String who, String message) {
            super(message);
            this.who = who;
        }

        /** The other person's name, as their Companion gave it (the window's warning names them). */
        public String who() {
            return who;
        }
    }

    /**
     * A pair's group whose link never came up this long after pairing ends (reason {@value #UNLINKED}):
     * the other side refused after this side accepted (a certificate it saw changed), or went away.
     */
    public static final Duration LINK_WAIT = Duration.ofSeconds(60);
    /** onGroup's reason when the pair's link never came up within {@link #LINK_WAIT}. */
    public static final String UNLINKED = "unlinked";

    private final SessionThread thread = new SessionThread();
    private final Duration linkWait;
    /** Whether a link of the current group came up (session thread). */
    private boolean linked;
    private final String name;
    private final String terminal;
    private final Identity identity;
    private final LocalStore store;
    private final LinkManager links;
    private final FollowEngine engine;
    private final ChatRoom chat;
    private volatile FlowInbox inbox;
    private final LanPairing pairing;
    private final String instance = HexFormat.of().formatHex(randomBytes());
    private final int linkPort;
    private volatile Messages.GroupState group;
    private volatile List<LanAnnouncer> announcers = List.of();

    private LanSession(String name, Identity identity, LocalStore store, FollowTarget target, ScheduledExecutorService scheduler,
                       String bindHost, LinkManager.Timing timing, Duration linkWait) throws IOException {
        this.name = LanBeacon.checkName(name);
        this.terminal = store.terminalId();
        this.identity = identity;
        this.store = store;
        this.linkWait = linkWait;
        PeerEvents peers = new PeerEvents(thread, () -> inbox);
        peers.onLinkUp(peer -> linked = true); // session thread, like form()
        this.links = new LinkManager(identity, name, terminal, bindHost, peers, timing);
        FollowEngine e = null;
        try {
            e = new FollowEngine(name, SignedIn.outbox(links), target, scheduler, FollowEngine.Timing.DEFAULT,
                    store.journal(), StepDecider.ACCEPT_ALL, Protocol.LOG_BOUND,
                    new SimilarUrls(new SiteRules(store.siteRules(), store.siteRulesStore())));
            this.chat = new ChatRoom(name, SignedIn.chatLinks(links), store.chatLog(), System::nanoTime,
                    System::currentTimeMillis);
            peers.attach(e, chat, links);
            List<String> route = links.start();
            this.linkPort = HostPort.parse(route.get(0)).port();
            this.pairing = LanPairing.start(identity, new LanPairing.Me(name, terminal, linkPort), bindHost,
                    a -> thread.run(() -> {
                        Pending p = new Pending(a);
                        thread.tell(l -> l.onPairingAsked(p));
                    }));
            this.engine = e;
        } catch (IOException | RuntimeException ex) {
            if (e != null) {
                e.close();
            }
            links.close();
            thread.close();
            throw ex;
        }
    }

    /**
     * Starts listening for peer links and pairing on bindHost ("0.0.0.0": every address) as the
     * person called name (1–64 characters, as in a beacon). Nothing stays when this throws.
     */
    public static LanSession start(String name, Identity identity, LocalStore store, FollowTarget target,
                                   ScheduledExecutorService scheduler, String bindHost, LinkManager.Timing timing) {
        return start(name, identity, store, target, scheduler, bindHost, timing, LINK_WAIT);
    }

    /** As above; linkWait: how long a pair's group waits for its link before it ends (tests shorten it). */
    public static LanSession start(String name, Identity identity, LocalStore store, FollowTarget target,
                                   ScheduledExecutorService scheduler, String bindHost, LinkManager.Timing timing,
                                   Duration linkWait) {
        try {
            return new LanSession(name, identity, store, target, scheduler, bindHost, timing, linkWait);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for peer links or pairing on " + bindHost, e);
        }
    }

    public void addListener(SessionListener l) {
        thread.addListener(l);
    }

    public void addFollowListener(FollowListener l) {
        engine.addListener(l);
    }

    /** The pairing port: what the beacon announces and what the person gives for an "address:port" entry. */
    public int pairingPort() {
        return pairing.port();
    }

    /** This terminal's beacon (kind terminal): name, pairing port, certificate, instance. */
    public LanBeacon beacon() {
        return LanBeacon.terminal(name, pairing.port(), identity.fingerprint(), instance);
    }

    /**
     * Announces {@link #beacon()} every second on each of lans (LanInterfaces.all(): every LAN
     * interface), until {@link #close()} or the next announce.
     */
    public void announce(List<LanInterfaces.Lan> lans) throws IOException {
        List<LanAnnouncer> now = new ArrayList<>();
        try {
            for (LanInterfaces.Lan lan : lans) {
                now.add(LanAnnouncer.start(lan, beacon()));
            }
        } catch (IOException | RuntimeException e) {
            now.forEach(LanAnnouncer::close);
            throw e;
        }
        List<LanAnnouncer> old = announcers;
        announcers = List.copyOf(now);
        old.forEach(LanAnnouncer::close);
    }

    /**
     * Asks the terminal whose pairing port is at to pair. pinned: the fingerprint of its beacon (another
     * certificate at that address is refused), or null for an address the person typed. beaconName:
     * the name its beacon showed, or null. Completes once the code can be shown.
     */
    public CompletableFuture<Pending> ask(InetSocketAddress to, String pinned, String beaconName) {
        return thread.hop(pairing.ask(to, pinned)).thenApply(a -> new Pending(a, beaconName));
    }

    /** The certificate fingerprints of every terminal this profile paired with (read on the session thread). */
    public CompletableFuture<java.util.Set<String>> pairedFingerprints() {
        return thread.call(() -> CompletableFuture.completedFuture(store.lanPeers().all().stream()
                .map(LanPeers.Peer::fingerprint).collect(java.util.stream.Collectors.toUnmodifiableSet())));
    }

    /** Session thread: refuses a pairing this profile should not accept silently. */
    private void checkPeer(String otherTerminal, String otherName, String fingerprint, boolean replaceChanged) {
        if (otherName.equals(name)) {
            throw new IllegalStateException("you are both called " + name + ": one of you needs another name to pair");
        }
        if (store.lanPeers().check(otherTerminal, fingerprint) == LanPeers.Trust.CHANGED && !replaceChanged) {
            throw new CertificateChanged(otherName, otherName + "'s Companion shows another certificate than when you paired before: "
                    + "someone may be pretending to be them; compare the code before pairing again");
        }
    }

    /** Session thread: remembers the other's certificate and forms the pair's group, led by the asking side. */
    private Messages.GroupState form(LanPairing.Paired p) {
        store.lanPeers().remember(p.terminal(), p.name(), p.fingerprint());
        String leader = p.leads() ? name : p.name();
        Messages.Member me = new Messages.Member(name, terminal, p.leads() ? Role.LEADER : Role.FOLLOWER, MemberState.HERE, 1);
        Messages.Member other = new Messages.Member(p.name(), p.terminal(), p.leads() ? Role.FOLLOWER : Role.LEADER,
                MemberState.HERE, 1);
        List<Messages.Member> members = p.leads() ? List.of(me, other) : List.of(other, me);
        // an offline LAN has only local servers to browse: the pair follows pages on local addresses, as a classroom does
        Messages.GroupState g = new Messages.GroupState(pairGroup(terminal, p.terminal()), 1, leader, Mode.LEADER_FOLLOWER, Following.AUTO,
                Scope.FULL, List.of(), List.of(), members, true);
        Messages.GroupState old = group;
        if (old != null) {
            links.forgetGroup(old.group());
            thread.tell(l -> l.onGroup(null, "replaced", name));
        }
        group = g;
        linked = false;
        engine.onGroup(g);
        chat.onGroup(g);
        links.expect(g.group(), p.name(), new Messages.LinkOffer(p.terminal(), List.of(p.route()), p.fingerprint()));
        thread.tell(l -> l.onGroup(g, null, null));
        thread.schedule(linkWait, () -> {
            if (group == g && !linked) {
                end(g, UNLINKED, p.name());
            }
        });
        return g;
    }

    /** Session thread: the group ends here; its link closes, nothing more is followed. */
    private void end(Messages.GroupState g, String reason, String who) {
        group = null;
        links.forgetGroup(g.group());
        engine.onGroup(null);
        chat.onGroup(null);
        thread.tell(l -> l.onGroup(null, reason, who));
    }

    /**
     * The group of the pair of terminals a and b, the same whichever asked and after any restart, so
     * that the chat (and the follow journal) of a pair goes on when they pair again: "lan-" and 16 hex
     * digits of SHA-256 over the two terminal ids in order.
     */
    static String pairGroup(String a, String b) {
        String pair = a.compareTo(b) <= 0 ? a + "\n" + b : b + "\n" + a;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(pair.getBytes(StandardCharsets.UTF_8));
            return "lan-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** Hears the pair's chat lines (called on a link's thread or the session thread). */
    public void addChatListener(ChatListener l) {
        chat.addListener(l);
    }

    /**
     * Sends a chat line to the other over the peer link: kept in the profile, then sent (they get it
     * when linked). Fails with a ProtocolException as {@link SessionService#sendChat} does
     * (NOT_IN_GROUP, MISSING_FIELD, RATE_LIMITED).
     */
    public CompletableFuture<ChatEntry> sendChat(String text) {
        return thread.call(() -> CompletableFuture.completedFuture(chat.send(text)));
    }

    /** The pair's chat as kept in the profile, in the order this terminal got it. */
    public CompletableFuture<List<ChatEntry>> chatLines() {
        return thread.call(() -> CompletableFuture.completedFuture(chat.lines()));
    }

    /** Where flows the other shares with this terminal go (null: none are taken; they are refused). */
    public void setFlowInbox(FlowInbox in) {
        inbox = in;
    }

    /** Shares flow with the other of the pair over the peer link; refused NOT_A_MEMBER when to is not them, or not linked now. */
    public CompletableFuture<Void> shareFlow(String to, Flow flow) {
        return thread.call(() -> {
            Messages.GroupState g = group;
            if (g == null) {
                throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not in a group");
            }
            FlowSharing.send(links, g, name, to, FlowFormat.export(flow).getBytes(StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * The side that leads the pair's group is a bot (the window's own guide, docs/flows.md "Guide me
     * with"): it tells the other what it does (bot_says, as {@link SessionService#botSays}); false
     * when this side does not lead a group or the other is not linked now.
     */
    public boolean botSays(BotSay say, int step, int steps, String hint, Messages.Expect expect) {
        Messages.GroupState g = group;
        if (g == null || !name.equals(g.leader())) {
            return false;
        }
        return links.broadcast(g.group(), new Messages.BotSays(g.group(), name, say, step, steps, hint, expect)) > 0;
    }

    /**
     * The person answers the bot that leads the pair's group (bot_answer, as
     * {@link SessionService#answerBot}): NOT_IN_GROUP without a group, NOT_LEADER when this side
     * leads, NOT_A_MEMBER when the leader is not linked now.
     */
    public void answerBot(BotReply answer, int step, String page, Boolean matched) {
        Messages.GroupState g = group;
        if (g == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not in a group");
        }
        if (name.equals(g.leader())) {
            throw new ProtocolException(ErrorCode.NOT_LEADER, "this terminal leads: there is no bot to answer");
        }
        String top = page == null || page.length() > Action.MAX_URL ? null : page;
        if (!links.send(g.group(), g.leader(), new Messages.BotAnswer(g.group(), name, answer, step, top,
                answer == BotReply.DID_IT ? matched : null))) {
            throw new ProtocolException(ErrorCode.NOT_A_MEMBER, "no link to " + g.leader() + " now; try again when linked");
        }
    }

    /** The pair's group, or null. */
    public Messages.GroupState group() {
        return group;
    }

    /** Leaves the pair's group: its link closes, nothing more is followed. */
    public void leave() {
        thread.run(() -> {
            Messages.GroupState g = group;
            if (g != null) {
                end(g, "left", name);
            }
        });
    }

    /** The path and round trip of the link to peer, or null when it is not up. */
    public LinkManager.LinkStatus linkStatus(String peer) {
        Messages.GroupState g = group;
        return g == null ? null : links.status(g.group(), peer);
    }

    /** An action the page agent or the browser captured on this terminal. */
    public void onLocalAction(Action action) {
        engine.onLocalAction(action);
    }

    /** The page agent is ready in the top frame. */
    public void onPageReady(String url) {
        engine.onPageReady(url);
    }

    public FollowEngine engine() {
        return engine;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The announcer, the pairing port, the session thread, the engine, then the links. Safe twice. */
    @Override
    public void close() {
        announcers.forEach(LanAnnouncer::close);
        pairing.close();
        thread.close();
        engine.close();
        links.close();
    }
}
