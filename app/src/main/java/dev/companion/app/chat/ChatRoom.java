package dev.companion.app.chat;

import dev.companion.p2p.protocol.ChatMessage;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages.Chat;
import dev.companion.p2p.protocol.Messages.ChatHistory;
import dev.companion.p2p.protocol.Messages.ChatLine;
import dev.companion.p2p.protocol.Messages.ChatResume;
import dev.companion.p2p.protocol.Messages.Draw;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Member;
import dev.companion.p2p.protocol.Messages.NotPlaced;
import dev.companion.p2p.protocol.Messages.Point;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.PlaceKind;
import dev.companion.p2p.protocol.PlaceReason;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group's chat on this terminal (docs/protocol.md, "Chat"). Every member numbers its own lines
 * (seq), keeps each in the {@link ChatLog} with the members it was sent to, then sends it over the
 * peer links. Each other member's lines are kept exactly once and in their order: a duplicate is
 * dropped (STALE_SEQUENCE), a line after a gap asks for the gap; on every link up this terminal asks
 * the member for what it misses ({@code chat_resume}) and takes the answer ({@code chat_history}) only
 * when it asked (NOT_ASKED). A member is untrusted: at most {@link ChatRate} lines a second are kept
 * from it (RATE_LIMITED, the line is lost to this terminal), texts are checked on decoding, and a
 * history answers only lines the asker was sent.
 *
 * <p>A point ("look here" at an element, docs/protocol.md "Pointing") is a line that is not kept:
 * sent to the linked members and told to the listeners, at most {@link ChatRate} a second from a
 * member (a bucket of its own beside the lines'). A drawing (docs/protocol.md "Drawing") is one
 * too, taken only from a member who may lead: the leader, or anyone in mutual mode (NOT_LEADER).
 * A member whose page could not place one tells its sender ({@code not_placed}, {@link #notPlaced}),
 * once; the sender takes that only about one of its last {@link PlacedAnswers#OWN_SENT} points or drawings that
 * went to that member, once per member (NOT_ASKED otherwise), at the points' rate.
 *
 * <p>State changes under this object's lock, in the order calls arrive; listeners are told after.
 * Longer than ~350 lines on purpose: every chat message's check shares that one lock and the
 * members' streams (the not_placed bookkeeping is apart, in {@link PlacedAnswers}).
 */
public final class ChatRoom {
    private static final Logger LOG = LoggerFactory.getLogger(ChatRoom.class);
    /** History answers asked of one member per link up or gap (64 × 16 lines). */
    static final int MAX_HISTORY_ANSWERS = 64;
    /** How many of the group's lines {@link #lines} gives (what the chat pane shows). */
    public static final int SHOWN = 500;

    /** One other member's stream: the last seq settled, whether a chat_resume is out, how many answers came. */
    private static final class Stream {
        long last;
        boolean asking;
        int answers;
        final ChatRate rate;
        final ChatRate points;
        final ChatRate drawings;
        final ChatRate placed;

        Stream(long last, ChatRate rate, ChatRate points, ChatRate drawings, ChatRate placed) {
            this.last = last;
            this.rate = rate;
            this.points = points;
            this.drawings = drawings;
            this.placed = placed;
        }
    }

    private final String me;
    private final ChatLinks links;
    private final ChatLog log;
    private final LongSupplier nanos;
    private final LongSupplier millis;
    private final ChatRate ownRate;
    private final ChatRate ownPoints;
    private final ChatRate ownDrawings;
    private final CopyOnWriteArrayList<ChatListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Stream> streams = new HashMap<>();
    private GroupState group;
    private long seq;
    private final PlacedAnswers placed = new PlacedAnswers();

    /** nanos: the clock of the rate limits; millis: the time written on own lines. */
    public ChatRoom(String me, ChatLinks links, ChatLog log, LongSupplier nanos, LongSupplier millis) {
        this.me = me;
        this.links = links;
        this.log = log;
        this.nanos = nanos;
        this.millis = millis;
        this.ownRate = new ChatRate(nanos, ChatRate.OWN_BURST);
        this.ownPoints = new ChatRate(nanos, ChatRate.OWN_BURST);
        this.ownDrawings = new ChatRate(nanos, ChatRate.OWN_BURST);
    }

    public void addListener(ChatListener l) {
        listeners.add(l);
    }

    /** The group now (null: none). A new group starts every stream again; numbering goes on from the log. */
    public synchronized void onGroup(GroupState g) {
        if (g == null || group == null || !group.group().equals(g.group())) {
            streams.clear();
            seq = g == null ? 0 : log.last(g.group(), me);
        } else {
            streams.keySet().removeIf(u -> g.member(u) == null);
        }
        group = g;
    }

    /**
     * Sends text to the group: kept, then sent to every linked member (the others get it when their
     * link is up again). Throws ProtocolException: NOT_IN_GROUP, MISSING_FIELD (empty, too long,
     * control characters) or RATE_LIMITED (faster than the others would take it).
     */
    public ChatEntry send(String text) {
        ChatEntry line;
        synchronized (this) {
            GroupState g = group;
            if (g == null) {
                throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not in a group");
            }
            Chat m = new Chat(g.group(), me, seq + 1, millis.getAsLong(), text);
            if (!ownRate.take()) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, "at most " + ChatRate.PER_SECOND
                        + " lines a second: the others would not take more");
            }
            seq = m.seq();
            line = new ChatEntry(g.group(), me, m.seq(), m.at(), m.text());
            List<String> audience = g.members().stream().map(Member::user).filter(u -> !u.equals(me)).toList();
            log.keep(line, audience);
            links.broadcast(g.group(), m);
        }
        tell(l -> l.onLine(line));
        return line;
    }

    /**
     * Points the group at the element target describes: sent to every linked member, not kept.
     * Throws ProtocolException: NOT_IN_GROUP, MISSING_FIELD (a target that names nothing) or
     * RATE_LIMITED (faster than the others would take it).
     */
    public PointEntry point(Target target) {
        PointEntry entry;
        synchronized (this) {
            GroupState g = group;
            if (g == null) {
                throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not in a group");
            }
            Point m = new Point(g.group(), me, millis.getAsLong(), target);
            if (!ownPoints.take()) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, "at most " + ChatRate.PER_SECOND
                        + " points a second: the others would not take more");
            }
            entry = new PointEntry(g.group(), me, m.at(), target);
            sent(g, PlaceKind.POINT, m.at());
            links.broadcast(g.group(), m);
        }
        tell(l -> l.onPoint(entry));
        return entry;
    }

    /**
     * Draws a stroke over the element target describes (fractions xy of its box, see {@link Draw}):
     * sent to every linked member, not kept. Throws ProtocolException: NOT_IN_GROUP, NOT_LEADER (a
     * follower in leader/follower mode), MISSING_FIELD (a bad stroke) or RATE_LIMITED.
     */
    public DrawEntry draw(Target target, Ink color, int lifeMs, List<Double> xy) {
        DrawEntry entry;
        synchronized (this) {
            GroupState g = group;
            if (g == null) {
                throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "not in a group");
            }
            Draw m = new Draw(g.group(), me, millis.getAsLong(), target, color, lifeMs, xy);
            mayDraw(g, me);
            if (!ownDrawings.take()) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, "at most " + ChatRate.PER_SECOND
                        + " drawings a second: the others would not take more");
            }
            entry = DrawEntry.of(m);
            sent(g, PlaceKind.DRAW, m.at());
            links.broadcast(g.group(), m);
        }
        tell(l -> l.onDraw(entry));
        return entry;
    }

    /** The current group's last {@link #SHOWN} lines in the order this terminal got them (off the FX thread). */
    public List<ChatEntry> lines() {
        GroupState g;
        synchronized (this) {
            g = group;
        }
        return g == null ? List.of() : log.lines(g.group(), SHOWN);
    }

    /** The link to member peer came up: ask what this terminal misses of theirs. */
    public synchronized void onLinkUp(String peer) {
        if (group != null && !peer.equals(me) && group.member(peer) != null) {
            Stream s = stream(peer);
            s.answers = 0;
            ask(peer, s);
        }
    }

    /**
     * A chat message that arrived on the link of group linkGroup, authenticated as fromUser: null
     * when taken, else the code it was refused with (nothing of it kept).
     */
    public ErrorCode onRemote(String linkGroup, String fromUser, ChatMessage m) {
        List<ChatEntry> kept = new ArrayList<>();
        PointEntry[] pointed = new PointEntry[1];
        DrawEntry[] drawn = new DrawEntry[1];
        NotPlacedEntry[] unplaced = new NotPlacedEntry[1];
        try {
            synchronized (this) {
                check(linkGroup, fromUser, m);
                switch (m) {
                    case Chat c -> onChat(fromUser, c, kept);
                    case ChatResume r -> answer(fromUser, r);
                    case ChatHistory h -> onHistory(fromUser, h, kept);
                    case Point p -> pointed[0] = onPoint(fromUser, p);
                    case Draw d -> drawn[0] = onDraw(fromUser, d);
                    case NotPlaced n -> unplaced[0] = onNotPlaced(fromUser, n);
                }
            }
        } catch (ProtocolException e) {
            if (e.code() != ErrorCode.STALE_SEQUENCE) {
                tell(l -> l.onRefused(fromUser, e.code().name(), e.getMessage()));
            }
            return e.code();
        } finally {
            for (ChatEntry line : kept) {
                tell(l -> l.onLine(line));
            }
            if (pointed[0] != null) {
                tell(l -> l.onPoint(pointed[0]));
            }
            if (drawn[0] != null) {
                tell(l -> l.onDraw(drawn[0]));
            }
            if (unplaced[0] != null) {
                tell(l -> l.onNotPlaced(unplaced[0]));
            }
        }
        return null;
    }

    /**
     * This terminal's page could not place sender's point or drawing (kind, named by its at): tells
     * the sender, once per point or drawing, over its link only. False when not sent (not a member of
     * the current group, answered before, or the link is not up).
     */
    public synchronized boolean notPlaced(String groupId, String sender, PlaceKind kind, long at, PlaceReason reason) {
        GroupState g = group;
        if (g == null || !g.group().equals(groupId) || sender.equals(me) || g.member(sender) == null
                || !placed.answer(sender, kind, at)) {
            return false;
        }
        return links.send(g.group(), sender, new NotPlaced(g.group(), me, sender, at, kind, reason));
    }

    /** An own point or drawing went out: each other member may say once that it could not place it. */
    private void sent(GroupState g, PlaceKind kind, long at) {
        placed.sent(kind, at, g.members().stream().map(Member::user).filter(u -> !u.equals(me)).toList());
    }

    private NotPlacedEntry onNotPlaced(String from, NotPlaced n) {
        if (!stream(from).placed.take()) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "more than " + ChatRate.BURST + " not_placed at once or "
                    + ChatRate.PER_SECOND + " a second: not shown");
        }
        if (!me.equals(n.to()) || !placed.take(from, n.kind(), n.at())) {
            throw new ProtocolException(ErrorCode.NOT_ASKED, "not_placed about no " + n.kind() + " of this terminal's that went to "
                    + from + " (or answered already)");
        }
        return new NotPlacedEntry(group.group(), from, n.kind(), n.at(), n.reason());
    }

    private void check(String linkGroup, String fromUser, ChatMessage m) {
        GroupState g = group;
        if (g == null || !g.group().equals(linkGroup) || !linkGroup.equals(m.group())) {
            throw new ProtocolException(ErrorCode.NOT_IN_GROUP, "chat for another group");
        }
        if (!fromUser.equals(m.from()) || me.equals(fromUser) || g.member(fromUser) == null) {
            throw new ProtocolException(ErrorCode.NOT_A_MEMBER, "chat not from a member of this group");
        }
    }

    private void onChat(String from, Chat c, List<ChatEntry> kept) {
        Stream s = stream(from);
        if (c.seq() <= s.last) {
            throw new ProtocolException(ErrorCode.STALE_SEQUENCE, "chat line " + c.seq() + " again");
        }
        if (c.seq() > s.last + 1) { // a gap: the answer brings this line too (the link keeps order)
            if (!s.asking) {
                s.answers = 0;
                ask(from, s);
            }
            return;
        }
        if (!s.rate.take()) {
            s.last = c.seq();
            log.skip(group.group(), from, c.seq());
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "more than " + ChatRate.BURST + " chat lines at once or "
                    + ChatRate.PER_SECOND + " a second: line " + c.seq() + " not kept");
        }
        keep(from, s, c.seq(), c.at(), c.text(), kept);
    }

    private PointEntry onPoint(String from, Point p) {
        if (!stream(from).points.take()) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "more than " + ChatRate.BURST + " points at once or "
                    + ChatRate.PER_SECOND + " a second: not shown");
        }
        return new PointEntry(group.group(), from, p.at(), p.target());
    }

    private DrawEntry onDraw(String from, Draw d) {
        mayDraw(group, from);
        if (!stream(from).drawings.take()) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "more than " + ChatRate.BURST + " drawings at once or "
                    + ChatRate.PER_SECOND + " a second: not drawn");
        }
        return DrawEntry.of(d);
    }

    /** Whoever may lead may draw: the leader, or any member in mutual mode. */
    private static void mayDraw(GroupState g, String user) {
        if (g.mode() != Mode.MUTUAL && !g.leader().equals(user)) {
            throw new ProtocolException(ErrorCode.NOT_LEADER, "only the leader draws in leader/follower mode");
        }
    }

    private void answer(String from, ChatResume r) {
        List<ChatEntry> lines = log.sentTo(group.group(), me, from, r.after(), Protocol.MAX_CHAT_HISTORY + 1);
        boolean more = lines.size() > Protocol.MAX_CHAT_HISTORY;
        List<ChatLine> out = lines.stream().limit(Protocol.MAX_CHAT_HISTORY)
                .map(e -> new ChatLine(e.seq(), e.at(), e.text())).toList();
        links.send(group.group(), from, new ChatHistory(group.group(), me, out, more));
    }

    private void onHistory(String from, ChatHistory h, List<ChatEntry> kept) {
        Stream s = stream(from);
        if (!s.asking) {
            throw new ProtocolException(ErrorCode.NOT_ASKED, "a chat history this terminal did not ask for");
        }
        long prev = 0;
        for (ChatLine line : h.lines()) {
            if (line.seq() <= prev) {
                s.asking = false;
                throw new ProtocolException(ErrorCode.SEQUENCE_INVALID, "chat history out of order at " + line.seq());
            }
            prev = line.seq();
        }
        for (ChatLine line : h.lines()) {
            if (line.seq() > s.last) { // lines sent while this terminal was not a member are not in it: a jump is fine
                keep(from, s, line.seq(), line.at(), line.text(), kept);
            }
        }
        s.answers++;
        if (h.more() && !h.lines().isEmpty() && s.answers < MAX_HISTORY_ANSWERS) {
            ask(from, s);
        } else {
            s.asking = false;
        }
    }

    private void keep(String from, Stream s, long lineSeq, long at, String text, List<ChatEntry> kept) {
        ChatEntry line = new ChatEntry(group.group(), from, lineSeq, at, text);
        s.last = lineSeq;
        if (log.keep(line, List.of())) {
            kept.add(line);
        }
    }

    private void ask(String peer, Stream s) {
        s.asking = true;
        if (!links.send(group.group(), peer, new ChatResume(group.group(), me, s.last))) {
            s.asking = false; // the link is not up: its next link up asks
        }
    }

    private Stream stream(String peer) {
        return streams.computeIfAbsent(peer, p -> new Stream(log.last(group.group(), p), new ChatRate(nanos, ChatRate.BURST),
                new ChatRate(nanos, ChatRate.BURST), new ChatRate(nanos, ChatRate.BURST), new ChatRate(nanos, ChatRate.BURST)));
    }

    private void tell(Consumer<ChatListener> call) {
        for (ChatListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("chat listener failed", e);
            }
        }
    }
}
