package dev.companion.app.session;

import dev.companion.app.chat.ChatRoom;
import dev.companion.app.follow.FollowEngine;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.client.ControlCenterClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The current group and the peer links to its members: the group's state goes to the follow engine and the chat room;
 * each other member gets this terminal's link offer through the control center's signal relay when
 * it joins or its terminal comes back (a new epoch); a member's offer makes this terminal expect
 * exactly that certificate ({@link LinkManager}); a member who left is forgotten (its link closes).
 *
 * <p>After a reconnect the control center has already pushed the group (this member here again, one
 * epoch further) when {@link #rejoin} asks; if it answers that this user is no longer in the group
 * (the away grace ended, or the control center restarted too long ago) the group ends here too,
 * reason {@value #GONE}. Session thread only, except {@link #group()}.
 */
final class GroupLinks {
    /** onGroup's reason when the control center no longer knows this member in the group. */
    static final String GONE = "gone";

    private final String user;
    private final SessionThread thread;
    private final LinkManager links;
    private final FollowEngine engine;
    private final ChatRoom chat;
    private final Supplier<ControlCenterClient> cc;
    private final Map<String, Long> offered = new HashMap<>(); // member -> epoch our offer went to
    private final Map<String, LinkManager.LinkStatus> shownPaths = new HashMap<>(); // member -> path last told
    private volatile Messages.GroupState group;

    GroupLinks(String user, SessionThread thread, LinkManager links, FollowEngine engine, ChatRoom chat,
               Supplier<ControlCenterClient> cc) {
        this.user = user;
        this.thread = thread;
        this.links = links;
        this.engine = engine;
        this.chat = chat;
        this.cc = cc;
    }

    /** Any thread. */
    Messages.GroupState group() {
        return group;
    }

    void onGroupState(Messages.GroupState g) {
        Messages.GroupState old = group;
        if (old != null && !old.group().equals(g.group())) {
            end(old.group(), "replaced", null);
        }
        group = g;
        engine.onGroup(g);
        chat.onGroup(g);
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
                offer(g.group(), m.user());
            }
        }
        for (String u : new ArrayList<>(offered.keySet())) {
            if (!now.contains(u)) {
                offered.remove(u);
                links.forget(g.group(), u);
            }
        }
        thread.tell(l -> l.onGroup(g, null, null));
    }

    private void offer(String groupId, String to) {
        try {
            cc.get().signal(groupId, to, links.localOffer()).exceptionally(e -> {
                thread.problem("SIGNAL", "link set-up with " + to + " failed: " + SessionThread.cause(e).getMessage());
                return null;
            });
        } catch (ProtocolException e) { // offline again already: the next group state offers again
            thread.problem("SIGNAL", "link set-up with " + to + " failed: " + e.getMessage());
            offered.remove(to);
        }
    }

    /** A member's link offer, relayed by the control center. */
    void onSignal(Messages.Signal s) {
        Messages.GroupState g = group;
        if (g != null && g.group().equals(s.group()) && s.from() != null
                && g.members().stream().anyMatch(mm -> mm.user().equals(s.from()))) {
            links.expect(s.group(), s.from(), s.offer());
        } else {
            thread.problem(ErrorCode.PEER_NOT_IN_GROUP.name(), "link offer from " + s.from() + " ignored: not in this group");
        }
    }

    /**
     * Back online: asks the control center to keep this member's pause as it is here (the control
     * center makes a returning member here); its answer, after the group it pushed at login, says
     * whether this user is still in the group.
     */
    void rejoin(ControlCenterClient client) {
        Messages.GroupState g = group;
        if (g == null) {
            return;
        }
        thread.hop(client.pause(g.group(), engine.isPaused())).whenComplete((ok, e) -> {
            if (e == null || thread.isClosed()) {
                return;
            }
            Throwable t = SessionThread.cause(e);
            if (t instanceof ProtocolException pe && pe.code() == ErrorCode.NOT_IN_GROUP) {
                end(g.group(), GONE, null);
            } else {
                thread.problem(t instanceof ProtocolException pe ? pe.code().name() : "REJOIN",
                        "after reconnecting to the control center: " + t.getMessage());
            }
        });
    }

    /** The group ended (left, dissolved, replaced or gone): its links close, nothing of it is followed. */
    void end(String groupId, String reason, String who) {
        Messages.GroupState g = group;
        if (g == null || !g.group().equals(groupId)) {
            return;
        }
        group = null;
        offered.clear();
        links.forgetGroup(groupId);
        engine.onGroup(null);
        chat.onGroup(null);
        thread.tell(l -> l.onGroup(null, reason, who));
    }

    /** A link came up, maybe on another path than the last one: its path is told at once. */
    void linkUp(String peer) {
        shownPaths.remove(peer);
        publishPaths();
    }

    /** Tells the listeners each up link's path and round trip when they changed (the RTT by 20 %+). */
    void publishPaths() {
        Messages.GroupState g = group;
        if (g == null) {
            shownPaths.clear();
            return;
        }
        for (Messages.Member m : g.members()) {
            if (m.user().equals(user)) {
                continue;
            }
            LinkManager.LinkStatus now = links.status(g.group(), m.user());
            LinkManager.LinkStatus shown = shownPaths.get(m.user());
            if (now == null) {
                shownPaths.remove(m.user());
            } else if (shown == null || shown.path() != now.path()
                    || Math.abs(now.rttMillis() - shown.rttMillis()) > Math.max(2, shown.rttMillis() / 5)) {
                shownPaths.put(m.user(), now);
                thread.tell(l -> l.onLinkPath(m.user(), now.path(), now.rttMillis()));
            }
        }
    }
}
