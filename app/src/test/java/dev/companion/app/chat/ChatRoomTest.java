package dev.companion.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.store.LocalStore;
import dev.companion.p2p.protocol.ChatMessage;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.Chat;
import dev.companion.p2p.protocol.Messages.ChatHistory;
import dev.companion.p2p.protocol.Messages.ChatLine;
import dev.companion.p2p.protocol.Messages.Draw;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.NotPlaced;
import dev.companion.p2p.protocol.Messages.Point;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.PlaceKind;
import dev.companion.p2p.protocol.PlaceReason;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.protocol.Target;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat room's rules between rooms wired to each other in memory (each message encoded and
 * decoded as on the link, delivered in order), each with its real SQLite profile: exactly once and in
 * order through link cuts, restarts and paged histories; who gets which history; and every bad input a
 * member can send. The real links and control center are in the test kit's GroupChatTest.
 */
class ChatRoomTest {
    private static final String G = "g-1";
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    private final AtomicLong nanos = new AtomicLong(1);
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final ArrayDeque<Delivery> wire = new ArrayDeque<>();
    private final Set<String> cut = new HashSet<>();
    private final List<String> sent = new ArrayList<>();

    private record Delivery(String from, String to, Message m) {
    }

    /** One terminal: its profile, its room, what it heard and what it answered. */
    private final class Node implements ChatLinks, ChatListener {
        final String user;
        LocalStore store;
        ChatRoom room;
        final List<ChatEntry> heard = new ArrayList<>();
        final List<ErrorCode> refusals = new ArrayList<>();
        final List<PointEntry> points = new ArrayList<>();
        final List<DrawEntry> drawings = new ArrayList<>();
        final List<NotPlacedEntry> unplaced = new ArrayList<>();

        Node(String user) {
            this.user = user;
            open();
        }

        void open() {
            store = LocalStore.open(dir.resolve(user));
            room = new ChatRoom(user, this, store.chatLog(), nanos::get, () -> 1767225600000L);
            room.addListener(this);
        }

        @Override
        public int broadcast(String group, Message m) {
            int n = 0;
            for (String to : nodes.keySet()) {
                if (!to.equals(user) && send(group, to, m)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public boolean send(String group, String peer, Message m) {
            if (cut.contains(user) || cut.contains(peer) || !nodes.containsKey(peer)) {
                return false;
            }
            sent.add(user + ">" + peer + ":" + m.getClass().getSimpleName());
            wire.add(new Delivery(user, peer, Codec.decode(Codec.encode(m))));
            return true;
        }

        @Override
        public void onLine(ChatEntry line) {
            heard.add(line);
        }

        @Override
        public void onPoint(PointEntry point) {
            points.add(point);
        }

        @Override
        public void onDraw(DrawEntry drawing) {
            drawings.add(drawing);
        }

        @Override
        public void onNotPlaced(NotPlacedEntry answer) {
            unplaced.add(answer);
        }

        List<String> texts() {
            return room.lines().stream().map(e -> e.sender() + ": " + e.text()).toList();
        }
    }

    @AfterEach
    void close() {
        nodes.values().forEach(n -> n.store.close());
    }

    private static GroupState group(String... users) {
        List<Messages.Member> members = new ArrayList<>();
        for (String u : users) {
            members.add(new Messages.Member(u, "t-" + u, u.equals(users[0]) ? Role.LEADER : Role.FOLLOWER, MemberState.HERE, 0));
        }
        return new GroupState(G, users[0], Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, members);
    }

    private void form(String... users) {
        GroupState g = group(users);
        for (String u : users) {
            nodes.computeIfAbsent(u, Node::new).room.onGroup(g);
        }
    }

    private Node node(String user) {
        return nodes.get(user);
    }

    /** Delivers everything on the wire, in order, answers included. */
    private void flush() {
        Delivery d;
        while ((d = wire.poll()) != null) {
            Node to = nodes.get(d.to);
            ErrorCode code = to.room.onRemote(G, d.from, (ChatMessage) d.m);
            if (code != null) {
                to.refusals.add(code);
            }
        }
    }

    /** The link between a and b is (back) up: each side asks the other. */
    private void linkUp(String a, String b) {
        node(a).room.onLinkUp(b);
        node(b).room.onLinkUp(a);
        flush();
    }

    private void say(String who, String text) {
        node(who).room.send(text);
        flush();
        nanos.addAndGet(SECOND); // people type slower than the rate
    }

    @Test
    void twoMembersChatBothWaysAndEachKeepsEveryLineOnceInOrder() {
        form("alice", "bob");
        say("alice", "hi bob");
        say("bob", "hi alice, 你好 🍵");
        say("alice", "<b>not bold</b> & <script>alert(1)</script>");
        flush();
        List<String> expected = List.of("alice: hi bob", "bob: hi alice, 你好 🍵",
                "alice: <b>not bold</b> & <script>alert(1)</script>");
        assertThat(node("alice").texts()).containsExactlyElementsOf(expected);
        assertThat(node("bob").texts()).containsExactlyElementsOf(expected);
        assertThat(node("bob").heard).extracting(ChatEntry::seq).containsExactly(1L, 1L, 2L);
        assertThat(node("alice").refusals).isEmpty();
        assertThat(node("bob").refusals).isEmpty();
    }

    @Test
    void anOfflineMemberGetsWhatItMissedOnceAndInOrderWhenItsLinksAreBack() {
        form("alice", "bob", "carol");
        say("alice", "before");
        flush();
        cut.add("carol");
        for (int i = 1; i <= 5; i++) {
            say("alice", "a" + i);
            say("bob", "b" + i);
        }
        flush();
        assertThat(node("carol").texts()).containsExactly("alice: before");
        cut.remove("carol");
        linkUp("carol", "alice");
        linkUp("carol", "bob");
        linkUp("carol", "alice"); // a second link up brings nothing twice
        List<String> carol = node("carol").texts();
        assertThat(carol).hasSize(11).doesNotHaveDuplicates();
        assertThat(carol.stream().filter(t -> t.startsWith("alice")).toList())
                .containsExactly("alice: before", "alice: a1", "alice: a2", "alice: a3", "alice: a4", "alice: a5");
        assertThat(carol.stream().filter(t -> t.startsWith("bob")).toList())
                .containsExactly("bob: b1", "bob: b2", "bob: b3", "bob: b4", "bob: b5");
        assertThat(node("carol").refusals).isEmpty();
    }

    @Test
    void aRestartedMemberNumbersOnAndAsksOnlyForWhatItMisses() {
        form("alice", "bob");
        say("alice", "one");
        say("bob", "two");
        flush();
        Node bob = node("bob");
        bob.store.close(); // the app quits...
        cut.add("bob");
        say("alice", "three");
        bob.open(); // ...and starts again on the same profile
        bob.room.onGroup(group("alice", "bob"));
        cut.remove("bob");
        linkUp("bob", "alice");
        say("bob", "four");
        flush();
        assertThat(node("alice").texts()).containsExactly("alice: one", "bob: two", "alice: three", "bob: four");
        assertThat(bob.texts()).containsExactly("alice: one", "bob: two", "alice: three", "bob: four");
        assertThat(node("alice").refusals).isEmpty();
    }

    @Test
    void aLongAbsenceIsBroughtInPagesOfAtMostTheBound() {
        form("alice", "carol");
        cut.add("carol");
        for (int i = 1; i <= 40; i++) {
            say("alice", "line " + i);
        }
        cut.remove("carol");
        sent.clear();
        linkUp("carol", "alice");
        assertThat(node("carol").texts()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 40).mapToObj(i -> "alice: line " + i).toList());
        assertThat(sent.stream().filter(s -> s.equals("alice>carol:ChatHistory")).count())
                .as("answers of at most %d lines", Protocol.MAX_CHAT_HISTORY).isEqualTo(3);
    }

    @Test
    void aMemberWhoJoinsLaterGetsNothingSaidBeforeTheyJoined() {
        form("alice", "bob");
        say("alice", "just between us");
        flush();
        form("alice", "bob", "carol");
        linkUp("carol", "alice");
        linkUp("carol", "bob");
        assertThat(node("carol").texts()).isEmpty();
        say("alice", "welcome carol");
        flush();
        assertThat(node("carol").texts()).containsExactly("alice: welcome carol");
        assertThat(node("bob").texts()).containsExactly("alice: just between us", "alice: welcome carol");
    }

    @Test
    void aFloodingMemberHasAtMostItsRateKeptAndTheRestIsRefused() {
        form("alice", "bob");
        ChatRoom alice = node("alice").room;
        List<ErrorCode> codes = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            codes.add(alice.onRemote(G, "bob", new Chat(G, "bob", i, 0, "spam " + i)));
        }
        assertThat(codes.subList(0, ChatRate.BURST)).containsOnlyNulls();
        assertThat(codes.subList(ChatRate.BURST, 30)).containsOnly(ErrorCode.RATE_LIMITED);
        assertThat(node("alice").texts()).hasSize(ChatRate.BURST);
        nanos.addAndGet(SECOND);
        assertThat(alice.onRemote(G, "bob", new Chat(G, "bob", 31, 0, "later"))).isNull();
        assertThat(alice.onRemote(G, "bob", new Chat(G, "bob", 12, 0, "a refused one again")))
                .isEqualTo(ErrorCode.STALE_SEQUENCE); // refused for good: not fetched again either
        assertThat(node("alice").texts()).hasSize(ChatRate.BURST + 1).endsWith("bob: later");
    }

    @Test
    void ownLinesAreHeldToTheSameRateAndTheSameLimits() {
        form("alice", "bob");
        ChatRoom alice = node("alice").room;
        for (int i = 0; i < ChatRate.OWN_BURST; i++) {
            alice.send("quick " + i);
        }
        flush();
        assertThatThrownBy(() -> alice.send("one too many")).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        nanos.addAndGet(SECOND);
        assertThatThrownBy(() -> alice.send("x".repeat(Protocol.MAX_CHAT_TEXT + 1))).isInstanceOfSatisfying(
                ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
        assertThatThrownBy(() -> alice.send(" \n ")).isInstanceOf(ProtocolException.class);
        alice.send("fine");
        flush();
        assertThat(node("bob").texts()).hasSize(ChatRate.OWN_BURST + 1).endsWith("alice: fine");
        alice.onGroup(null);
        assertThatThrownBy(() -> alice.send("alone")).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IN_GROUP));
    }

    @Test
    void aLineClaimingAnotherSenderOrGroupOrFromANonMemberIsRefusedAndNothingKept() {
        form("alice", "bob", "carol");
        ChatRoom alice = node("alice").room;
        assertThat(alice.onRemote(G, "bob", new Chat(G, "carol", 1, 0, "I am carol"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote(G, "mallory", new Chat(G, "mallory", 1, 0, "let me in"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote(G, "alice", new Chat(G, "alice", 1, 0, "me, myself"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote("g-2", "bob", new Chat("g-2", "bob", 1, 0, "other group"))).isEqualTo(ErrorCode.NOT_IN_GROUP);
        assertThat(alice.onRemote(G, "bob", new Chat("g-2", "bob", 1, 0, "group mismatch"))).isEqualTo(ErrorCode.NOT_IN_GROUP);
        assertThat(node("alice").texts()).isEmpty();
        assertThat(alice.onRemote(G, "bob", new Chat(G, "bob", 1, 0, "real"))).isNull();
        assertThat(alice.onRemote(G, "bob", new Chat(G, "bob", 1, 0, "real, replayed"))).isEqualTo(ErrorCode.STALE_SEQUENCE);
        assertThat(node("alice").texts()).containsExactly("bob: real");
    }

    @Test
    void aHistoryNobodyAskedForOrOutOfOrderIsRefusedAndNothingKept() {
        form("alice", "bob");
        ChatRoom alice = node("alice").room;
        ChatHistory pushed = new ChatHistory(G, "bob", List.of(new ChatLine(1, 0, "you never asked")), false);
        assertThat(alice.onRemote(G, "bob", pushed)).isEqualTo(ErrorCode.NOT_ASKED);
        alice.onLinkUp("bob");
        wire.clear(); // the chat_resume went out; bob answers badly
        ChatHistory shuffled = new ChatHistory(G, "bob", List.of(new ChatLine(2, 0, "two"), new ChatLine(1, 0, "one")), false);
        assertThat(alice.onRemote(G, "bob", shuffled)).isEqualTo(ErrorCode.SEQUENCE_INVALID);
        assertThat(alice.onRemote(G, "bob", pushed)).as("asking ended with the bad answer").isEqualTo(ErrorCode.NOT_ASKED);
        assertThat(node("alice").texts()).isEmpty();
    }

    @Test
    void aLineAfterAGapIsNotKeptButAsksForTheGap() {
        form("alice", "bob");
        say("bob", "one");
        flush();
        cut.add("alice");
        say("bob", "two"); // lost on the way
        cut.remove("alice");
        say("bob", "three");
        flush(); // three arrives after a gap: alice asks, bob's answer brings two and three
        assertThat(node("alice").texts()).containsExactly("bob: one", "bob: two", "bob: three");
        assertThat(node("alice").refusals).isEmpty();
    }

    private static final Target ADD = Target.of("button", "button", "Add to cart");

    private static Point point(String from) {
        return new Point(G, from, 0, ADD);
    }

    @Test
    void aPointReachesEveryMemberAndIsNeitherKeptNorInAHistory() {
        form("alice", "bob", "carol");
        PointEntry sent = node("bob").room.point(ADD);
        flush();
        assertThat(sent.sender()).isEqualTo("bob");
        assertThat(node("bob").points).containsExactly(sent);
        for (String u : List.of("alice", "carol")) {
            assertThat(node(u).points).as(u).singleElement().satisfies(p -> {
                assertThat(p.sender()).isEqualTo("bob");
                assertThat(p.target()).isEqualTo(ADD);
            });
            assertThat(node(u).texts()).as(u + "'s chat log").isEmpty();
        }
        say("bob", "that one");
        linkUp("alice", "bob"); // a history brings lines only
        assertThat(node("alice").texts()).containsExactly("bob: that one");
        assertThat(node("alice").points).hasSize(1);
    }

    @Test
    void aFloodOfPointsHasAtMostItsRateShownAndOwnPointsAreHeldToo() {
        form("alice", "bob");
        ChatRoom alice = node("alice").room;
        List<ErrorCode> codes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            codes.add(alice.onRemote(G, "bob", point("bob")));
        }
        assertThat(codes.subList(0, ChatRate.BURST)).containsOnlyNulls();
        assertThat(codes.subList(ChatRate.BURST, 30)).containsOnly(ErrorCode.RATE_LIMITED);
        assertThat(node("alice").points).hasSize(ChatRate.BURST);
        assertThat(alice.onRemote(G, "bob", new Chat(G, "bob", 1, 0, "lines have their own bucket"))).isNull();
        nanos.addAndGet(SECOND);
        assertThat(alice.onRemote(G, "bob", point("bob"))).isNull();
        ChatRoom bob = node("bob").room;
        for (int i = 0; i < ChatRate.OWN_BURST; i++) {
            bob.point(ADD);
        }
        assertThatThrownBy(() -> bob.point(ADD)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        bob.onGroup(null);
        assertThatThrownBy(() -> bob.point(ADD)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IN_GROUP));
    }

    @Test
    void aPointClaimingAnotherSenderOrGroupOrFromANonMemberIsRefusedAndNotShown() {
        form("alice", "bob", "carol");
        ChatRoom alice = node("alice").room;
        assertThat(alice.onRemote(G, "bob", point("carol"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote(G, "mallory", point("mallory"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote(G, "alice", point("alice"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote("g-2", "bob", new Point("g-2", "bob", 0, ADD))).isEqualTo(ErrorCode.NOT_IN_GROUP);
        assertThat(node("alice").points).isEmpty();
        assertThat(node("alice").refusals).isEmpty();
    }

    private static final List<Double> STROKE = List.of(0.1, 0.5, 0.5, 0.9, 0.9, 0.1);

    @Test
    void aMemberWhosePageCannotPlaceAPointOrDrawingTellsOnlyItsSenderOnce() {
        form("alice", "bob", "carol");
        PointEntry p = node("alice").room.point(ADD);
        DrawEntry d = node("alice").room.draw(ADD, Ink.RED, 3000, STROKE);
        flush();
        sent.clear();
        assertThat(node("bob").room.notPlaced(G, "alice", PlaceKind.POINT, p.at(), PlaceReason.NOT_FOUND)).isTrue();
        assertThat(node("bob").room.notPlaced(G, "alice", PlaceKind.POINT, p.at(), PlaceReason.NOT_FOUND))
                .as("a Show again that fails again sends nothing").isFalse();
        assertThat(node("carol").room.notPlaced(G, "alice", PlaceKind.DRAW, d.at(), PlaceReason.AMBIGUOUS)).isTrue();
        assertThat(node("carol").room.notPlaced(G, "carol", PlaceKind.DRAW, d.at(), PlaceReason.AMBIGUOUS))
                .as("not about one's own").isFalse();
        flush();
        assertThat(sent).as("to the sender only").containsExactly("bob>alice:NotPlaced", "carol>alice:NotPlaced");
        assertThat(node("alice").unplaced).containsExactly(
                new NotPlacedEntry(G, "bob", PlaceKind.POINT, p.at(), PlaceReason.NOT_FOUND),
                new NotPlacedEntry(G, "carol", PlaceKind.DRAW, d.at(), PlaceReason.AMBIGUOUS));
        assertThat(node("alice").refusals).isEmpty();
        assertThat(node("alice").texts()).as("not kept").isEmpty();
    }

    @Test
    void aForgedUnsolicitedRepeatedOrMisaddressedNotPlacedIsRefusedAndShownNowhere() {
        form("alice", "bob", "carol");
        PointEntry p = node("alice").room.point(ADD);
        flush();
        ChatRoom alice = node("alice").room;
        assertThat(alice.onRemote(G, "bob", notPlaced("bob", "alice", p.at() + 1))).as("about no point of alice's")
                .isEqualTo(ErrorCode.NOT_ASKED);
        assertThat(alice.onRemote(G, "bob", new NotPlaced(G, "bob", "alice", p.at(), PlaceKind.DRAW, PlaceReason.NOT_FOUND)))
                .as("a drawing alice never made").isEqualTo(ErrorCode.NOT_ASKED);
        assertThat(alice.onRemote(G, "bob", notPlaced("bob", "carol", p.at()))).as("addressed to carol")
                .isEqualTo(ErrorCode.NOT_ASKED);
        assertThat(alice.onRemote(G, "carol", notPlaced("bob", "alice", p.at()))).as("in bob's name on carol's link")
                .isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote(G, "mallory", notPlaced("mallory", "alice", p.at()))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(node("alice").unplaced).isEmpty();
        assertThat(alice.onRemote(G, "bob", notPlaced("bob", "alice", p.at()))).isNull();
        assertThat(alice.onRemote(G, "bob", notPlaced("bob", "alice", p.at()))).as("a second time").isEqualTo(ErrorCode.NOT_ASKED);
        assertThat(node("alice").unplaced).hasSize(1);

        // a member who only joins later was never sent it
        form("alice", "bob", "carol", "dave");
        assertThat(alice.onRemote(G, "dave", notPlaced("dave", "alice", p.at()))).isEqualTo(ErrorCode.NOT_ASKED);
    }

    @Test
    void aMembersNotPlacedAnswersAreRateLimited() {
        form("alice", "bob");
        ChatRoom alice = node("alice").room;
        int refused = 0;
        for (int i = 0; i < 30; i++) { // forged ones: every one counts against bob's bucket
            if (alice.onRemote(G, "bob", notPlaced("bob", "alice", i)) == ErrorCode.RATE_LIMITED) {
                refused++;
            }
        }
        assertThat(refused).as("past a burst of 20").isEqualTo(10);
        PointEntry p = alice.point(ADD);
        assertThat(alice.onRemote(G, "bob", notPlaced("bob", "alice", p.at()))).isEqualTo(ErrorCode.RATE_LIMITED);
        nanos.addAndGet(SECOND);
        assertThat(alice.onRemote(G, "bob", notPlaced("bob", "alice", p.at()))).as("a second later").isNull();
    }

    private static NotPlaced notPlaced(String from, String to, long at) {
        return new NotPlaced(G, from, to, at, PlaceKind.POINT, PlaceReason.NOT_FOUND);
    }

    private static Draw draw(String from) {
        return new Draw(G, from, 0, ADD, Ink.RED, 4000, STROKE);
    }

    @Test
    void theLeadersDrawingReachesEveryMemberAndIsNeitherKeptNorInAHistory() {
        form("alice", "bob", "carol");
        DrawEntry sent = node("alice").room.draw(ADD, Ink.GREEN, 3000, STROKE);
        flush();
        assertThat(node("alice").drawings).as("the drawer sees its own").containsExactly(sent);
        for (String u : List.of("bob", "carol")) {
            assertThat(node(u).drawings).as(u).singleElement().satisfies(d -> {
                assertThat(d.sender()).isEqualTo("alice");
                assertThat(d.target()).isEqualTo(ADD);
                assertThat(d.color()).isEqualTo(Ink.GREEN);
                assertThat(d.lifeMs()).isEqualTo(3000);
                assertThat(d.xy()).isEqualTo(STROKE);
            });
            assertThat(node(u).texts()).as(u + "'s chat log").isEmpty();
            assertThat(node(u).refusals).isEmpty();
        }
    }

    @Test
    void aFollowersDrawingInLeaderFollowerModeIsRefusedAndNotDrawnButTakenInMutualMode() {
        form("alice", "bob", "carol");
        ChatRoom alice = node("alice").room;
        assertThat(alice.onRemote(G, "bob", draw("bob"))).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(node("carol").room.onRemote(G, "bob", draw("bob"))).isEqualTo(ErrorCode.NOT_LEADER);
        assertThatThrownBy(() -> node("bob").room.draw(ADD, Ink.RED, 4000, STROKE))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER));
        assertThat(node("alice").drawings).isEmpty();
        assertThat(node("carol").drawings).isEmpty();
        assertThat(alice.onRemote(G, "bob", new Draw(G, "carol", 0, ADD, Ink.RED, 4000, STROKE)))
                .as("claiming another sender").isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote(G, "mallory", draw("mallory"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(alice.onRemote("g-2", "bob", new Draw("g-2", "bob", 0, ADD, Ink.RED, 4000, STROKE)))
                .isEqualTo(ErrorCode.NOT_IN_GROUP);
        GroupState g = group("alice", "bob", "carol");
        GroupState mutual = new GroupState(G, "alice", Mode.MUTUAL, Following.AUTO, Scope.FULL, g.members());
        nodes.values().forEach(n -> n.room.onGroup(mutual));
        assertThat(alice.onRemote(G, "bob", draw("bob"))).isNull();
        assertThat(node("alice").drawings).singleElement().satisfies(d -> assertThat(d.sender()).isEqualTo("bob"));
    }

    @Test
    void aFloodOfDrawingsHasAtMostItsRateDrawnAndOwnDrawingsAreHeldToo() {
        form("bob", "alice");
        ChatRoom alice = node("alice").room;
        List<ErrorCode> codes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            codes.add(alice.onRemote(G, "bob", draw("bob")));
        }
        assertThat(codes.subList(0, ChatRate.BURST)).containsOnlyNulls();
        assertThat(codes.subList(ChatRate.BURST, 30)).containsOnly(ErrorCode.RATE_LIMITED);
        assertThat(node("alice").drawings).hasSize(ChatRate.BURST);
        assertThat(alice.onRemote(G, "bob", point("bob"))).as("points have their own bucket").isNull();
        nanos.addAndGet(SECOND);
        assertThat(alice.onRemote(G, "bob", draw("bob"))).isNull();
        ChatRoom bob = node("bob").room;
        for (int i = 0; i < ChatRate.OWN_BURST; i++) {
            bob.draw(ADD, Ink.BLUE, 1000, STROKE);
        }
        assertThatThrownBy(() -> bob.draw(ADD, Ink.BLUE, 1000, STROKE)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}
