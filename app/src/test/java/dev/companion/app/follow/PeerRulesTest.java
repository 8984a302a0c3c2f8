package dev.companion.app.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.chat.ChatListener;
import dev.companion.app.chat.ChatRoom;
import dev.companion.app.chat.PointEntry;
import dev.companion.app.store.LocalStore;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ChatMessage;
import dev.companion.p2p.protocol.CatchUpReason;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.ClockAnswer;
import dev.companion.p2p.protocol.Messages.ClockAsk;
import dev.companion.p2p.protocol.Messages.Film;
import dev.companion.p2p.protocol.Messages.FilmReady;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Resume;
import dev.companion.p2p.protocol.Messages.Step;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks docs/security.md's table "Peer messages": every row is sent to a real follow engine (bob, a
 * follower of alice, with carol as a second follower), and its answer must be the table's; a refused
 * message must leave the page untouched (nothing applied, loaded or restored). Chat messages (point, draw)
 * go to bob's real chat room, as the session hands them.
 */
class PeerRulesTest {
    private static final String PAGE = "http://shop.test/p";
    private static final String EVIL = "http://evil.test/";
    /** resume retries far away: the test decides when bob asks. */
    private static final FollowEngine.Timing TIMING = new FollowEngine.Timing(Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FollowEngineTest.RecordingTarget target = new FollowEngineTest.RecordingTarget();
    /** What bob sends, also handed to sentQueue as it goes. */
    private final BlockingQueue<Message> sentQueue = new LinkedBlockingQueue<>();
    private final List<Message> sent = new CopyOnWriteArrayList<>() {
        @Override
        public boolean add(Message m) {
            sentQueue.add(m);
            return super.add(m);
        }
    };
    /** "applied" or "caught-up", as bob's engine reports them. */
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    /** The points bob's chat room showed. */
    private final List<PointEntry> pointed = new CopyOnWriteArrayList<>();
    /** The not_placed answers bob's chat room took. */
    private final List<dev.companion.app.chat.NotPlacedEntry> unplaced = new CopyOnWriteArrayList<>();
    /** The drawings bob's chat room took. */
    private final List<dev.companion.app.chat.DrawEntry> drawn = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    private ChatRoom chat;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static Messages.GroupState group(Mode mode) {
        return new Messages.GroupState("g1", "alice", mode, Following.AUTO, Scope.FULL, List.of(
                new Messages.Member("alice", "t-a", Role.LEADER), new Messages.Member("bob", "t-b", Role.FOLLOWER),
                new Messages.Member("carol", "t-c", Role.FOLLOWER)));
    }

    private FollowEngine bob(Mode mode) {
        FollowEngine e = new FollowEngine("bob", new FollowEngineTest.Wire(sent), target, scheduler, TIMING);
        e.addListener(new FollowListener() {
            @Override
            public void onApplied(String from, long seq, Action action, Outcome outcome, String reason) {
                events.add(outcome == Outcome.APPLIED ? "applied" : outcome.wire());
            }

            @Override
            public void onCaughtUp(String from, long seq, CatchUpReason reason, String page) {
                events.add("caught-up");
            }
        });
        e.onGroup(group(mode));
        e.onPageReady(PAGE);
        return e;
    }

    private static ActionMsg action(String from, long seq) {
        return new ActionMsg("g1", from, seq, new Action.Click(PAGE, "", "#buy"));
    }

    private static final long NOW = dev.companion.app.follow.film.FilmNight.systemMicros();

    private static Film film(String from, long at) {
        return new Film("g1", from, "", "video.feature", "/media/film-long.webm", 3.0, 1.0, true, false, at);
    }

    private <T extends Message> T awaitSent(Class<T> type) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            Message m;
            while ((m = sentQueue.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("bob sent no " + type.getSimpleName());
    }

    private static Messages.SimilarRules rules(String from) {
        return new Messages.SimilarRules("g1", from, "shop.test", List.of(
                new Messages.UrlRule(dev.companion.p2p.protocol.UrlRuleKind.PATH_TOKEN, "/p/*")));
    }

    /** carol shares a flow with to (one part). */
    private static Messages.FlowShare share(String to) {
        return new Messages.FlowShare("g1", "carol", to, "s-1", 0, 1, 4, "e30K");
    }

    /** from's bot says it sent step 2 of 3, with a hint that is markup (shown as text, never rendered). */
    private static Messages.BotSays says(String from) {
        return new Messages.BotSays("g1", from, dev.companion.p2p.protocol.BotSay.STEP, 2, 3, "<b>Press</b> Pay");
    }

    private static Messages.BotAnswer botAnswer(String from) {
        return new Messages.BotAnswer("g1", from, dev.companion.p2p.protocol.BotReply.RETRY, 2, null);
    }

    @Test
    void aMembersAnswerIsTakenByTheTerminalThatLeadsAndEachMembersAnswersAreRateLimited() {
        FollowEngine e = new FollowEngine("bob", new FollowEngineTest.Wire(sent), target, scheduler, TIMING);
        try {
            e.onGroup(new Messages.GroupState("g1", "bob", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(
                    new Messages.Member("alice", "t-a", Role.FOLLOWER), new Messages.Member("bob", "t-b", Role.LEADER),
                    new Messages.Member("carol", "t-c", Role.FOLLOWER))));
            assertThat(e.onRemote("g1", "carol", botAnswer("carol"))).isNull();
            assertThat(e.onRemote("g1", "mallory", botAnswer("mallory"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
            assertThat(e.onRemote("g1", "alice", botAnswer("carol"))).isEqualTo(ErrorCode.NOT_A_MEMBER);
            int taken = 1;
            while (e.onRemote("g1", "carol", botAnswer("carol")) == null) {
                taken++;
                assertThat(taken).as("the budget ends").isLessThan(100);
            }
            assertThat(taken).as("a burst is taken whole").isGreaterThanOrEqualTo(Protocol.BOT_BURST);
            // one member's budget is not another's
            assertThat(e.onRemote("g1", "alice", botAnswer("alice"))).isNull();
            assertThat(target.applied).isEmpty();
        } finally {
            e.close();
        }
    }

    private static PageState evilPage() {
        return new PageState(EVIL, List.of(new Messages.FieldState("", "#to", "mallory", null)), 0, 0, List.of());
    }

    /** carol points at an element. */
    private static Messages.Point point(String from) {
        return new Messages.Point("g1", from, 0, dev.companion.p2p.protocol.Target.of("button", "button", "Buy"));
    }

    /** One row: what bob receives (from the link of user), after what set-up; the answer it gets. */
    private record Row(Mode mode, String linkUser, Function<FollowEngine, GroupMessage> send, boolean applies) {
    }

    private Map<String, Row> rows() {
        Map<String, Row> r = new LinkedHashMap<>();
        r.put("P1", new Row(Mode.LEADER_FOLLOWER, "alice", e -> action("alice", 1), true));
        r.put("P2", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new Step("g1", "carol", 1, 0,
                List.of(new Action.Click(PAGE, "", "#buy"))), false));
        r.put("P3", new Row(Mode.MUTUAL, "carol", e -> action("carol", 1), true));
        r.put("P4", new Row(Mode.LEADER_FOLLOWER, "alice", e -> new ActionMsg("g2", "alice", 1,
                new Action.Click(PAGE, "", "#buy")), false));
        r.put("P5", new Row(Mode.LEADER_FOLLOWER, "mallory", e -> action("mallory", 1), false));
        r.put("P6", new Row(Mode.LEADER_FOLLOWER, "alice", e -> {
            e.onRemote("g1", "alice", action("alice", 1));
            awaitEvent("applied");
            return action("alice", 1);
        }, false));
        r.put("P7", new Row(Mode.LEADER_FOLLOWER, "alice", e -> action("alice", 1_000_000), false));
        r.put("P8", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new Resume("g1", "carol", "alice", 0L), false));
        r.put("P9", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new Result("g1", "carol", "alice", 1,
                Outcome.APPLIED, null, null, PAGE), false));
        r.put("P10", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new Result("g1", "carol", "bob", 7,
                Outcome.APPLIED, null, null, PAGE), false));
        r.put("P11", new Row(Mode.LEADER_FOLLOWER, "carol", e -> {
            e.onLinkUp("carol"); // bob even asked carol: still, only the leader's page is restored
            return new CatchUp("g1", "carol", 0, CatchUpReason.JOIN, evilPage());
        }, false));
        r.put("P12", new Row(Mode.LEADER_FOLLOWER, "alice", e -> new CatchUp("g1", "alice", 5, CatchUpReason.JOIN,
                evilPage()), false));
        r.put("P13", new Row(Mode.LEADER_FOLLOWER, "alice", e -> {
            e.onLinkUp("alice"); // bob asks to join (nothing of alice's yet)
            return new CatchUp("g1", "alice", 5, CatchUpReason.GAP, evilPage());
        }, false));
        r.put("P14", new Row(Mode.LEADER_FOLLOWER, "alice", e -> {
            e.onLinkUp("alice");
            return new CatchUp("g1", "alice", 5, CatchUpReason.JOIN, new PageState(PAGE, List.of(), 0, 120, List.of()));
        }, true));
        // film night
        r.put("P15", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new ClockAsk("g1", "carol", "bob", NOW), false));
        r.put("P16", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new ClockAsk("g1", "carol", "alice", NOW), false));
        r.put("P17", new Row(Mode.LEADER_FOLLOWER, "alice", e -> new ClockAnswer("g1", "alice", "bob", NOW, NOW, NOW), false));
        r.put("P18", new Row(Mode.LEADER_FOLLOWER, "carol", e -> film("carol", NOW), false));
        r.put("P19", new Row(Mode.LEADER_FOLLOWER, "alice", e -> film("alice", NOW), false));
        r.put("P20", new Row(Mode.LEADER_FOLLOWER, "alice", e -> {
            // alice's film starts film night: bob syncs with her clock by itself (an ask of the row before,
            // still on the wire, is not its own)
            assertThat(e.onRemote("g1", "alice", film("alice", NOW))).isNull();
            for (int i = 0; i < 20; i++) {
                ClockAsk ask = awaitSent(ClockAsk.class);
                long t = ask.t0() + 500;
                if (e.onRemote("g1", "alice", new ClockAnswer("g1", "alice", "bob", ask.t0(), t, t)) == null) {
                    return film("alice", t + 3_600_000_000L); // an hour from now on alice's clock
                }
            }
            throw new AssertionError("bob took none of its own clock answers");
        }, false));
        r.put("P21", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new FilmReady("g1", "carol", "bob", true, 1.0), false));
        r.put("P22", new Row(Mode.LEADER_FOLLOWER, "carol", e -> {
            for (int i = 0; i < 100 && e.onRemote("g1", "carol", new ClockAsk("g1", "carol", "bob", NOW + i)) == null; i++) {
                assertThat(i).as("the budget ends").isLessThan(99);
            }
            return new ClockAsk("g1", "carol", "bob", NOW + 100);
        }, false));
        r.put("P23", new Row(Mode.LEADER_FOLLOWER, "carol", e -> rules("carol"), false));
        r.put("P24", new Row(Mode.LEADER_FOLLOWER, "mallory", e -> rules("mallory"), false));
        Messages.Expect expect = new Messages.Expect(null, "#balance", "1,000");
        r.put("P25", new Row(Mode.LEADER_FOLLOWER, "carol", e -> new Step("g1", "carol", 1, 0,
                List.of(new Action.Click(PAGE, "", "#buy")), expect), false));
        r.put("P26", new Row(Mode.LEADER_FOLLOWER, "alice", e -> new Step("g1", "alice", 1, 0,
                List.of(new Action.Click(PAGE, "", "#buy")), expect), true));
        r.put("P27", new Row(Mode.LEADER_FOLLOWER, "carol", e -> share("bob"), false));
        r.put("P28", new Row(Mode.LEADER_FOLLOWER, "carol", e -> share("alice"), false));
        r.put("P31", new Row(Mode.LEADER_FOLLOWER, "carol", e -> point("carol"), false));
        r.put("P32", new Row(Mode.LEADER_FOLLOWER, "carol", e -> {
            for (int i = 0; i < 20; i++) {
                assertThat(chat.onRemote("g1", "carol", point("carol"))).isNull();
            }
            pointed.clear();
            return point("carol");
        }, false));
        r.put("P33", new Row(Mode.LEADER_FOLLOWER, "alice", e -> says("alice"), false));
        r.put("P34", new Row(Mode.LEADER_FOLLOWER, "carol", e -> says("carol"), false));
        r.put("P35", new Row(Mode.LEADER_FOLLOWER, "carol", e -> botAnswer("carol"), false));
        r.put("P36", new Row(Mode.LEADER_FOLLOWER, "alice", e -> {
            for (int i = 0; i < 100 && e.onRemote("g1", "alice", says("alice")) == null; i++) {
                assertThat(i).as("the budget ends").isLessThan(99);
            }
            return says("alice");
        }, false));
        r.put("P37", new Row(Mode.LEADER_FOLLOWER, "alice", e -> draw("alice"), false));
        r.put("P38", new Row(Mode.LEADER_FOLLOWER, "carol", e -> draw("carol"), false));
        r.put("P41", new Row(Mode.LEADER_FOLLOWER, "carol", e -> notPlaced(chat.point(point("alice").target()).at()), false));
        r.put("P42", new Row(Mode.LEADER_FOLLOWER, "carol", e -> {
            long at = chat.point(point("alice").target()).at();
            assertThat(chat.onRemote("g1", "carol", notPlaced(at))).isNull();
            assertThat(chat.onRemote("g1", "carol", new Messages.NotPlaced("g1", "carol", "alice", at,
                    dev.companion.p2p.protocol.PlaceKind.POINT, dev.companion.p2p.protocol.PlaceReason.NOT_FOUND)))
                    .as("addressed to someone else").isEqualTo(ErrorCode.NOT_ASKED);
            assertThat(chat.onRemote("g1", "carol", notPlaced(at - 1))).as("about no point of bob's").isEqualTo(ErrorCode.NOT_ASKED);
            unplaced.clear();
            return notPlaced(at); // a second time
        }, false));
        return r;
    }

    /** A stroke over an element. */
    /** carol tells bob she could not find his point (or drawing) of at on her page. */
    private static Messages.NotPlaced notPlaced(long at) {
        return new Messages.NotPlaced("g1", "carol", "bob", at, dev.companion.p2p.protocol.PlaceKind.POINT,
                dev.companion.p2p.protocol.PlaceReason.NOT_FOUND);
    }

    private static Messages.Draw draw(String from) {
        return new Messages.Draw("g1", from, 0, dev.companion.p2p.protocol.Target.of("button", "button", "Buy"),
                dev.companion.p2p.protocol.Ink.RED, 3000, List.of(0.0, 0.0, 1.0, 1.0));
    }

    @Test
    void everyRowOfTheSecurityTableIsAnsweredAsItSays() throws Exception {
        Map<String, String> table = table();
        Map<String, Row> rows = rows();
        assertThat(rows.keySet()).as("rows tested = rows documented").containsExactlyElementsOf(table.keySet());
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            target.applied.clear();
            target.loads.clear();
            target.restored.clear();
            events.clear();
            sentQueue.clear();
            Row row = e.getValue();
            FollowEngine bob = bob(row.mode);
            LocalStore store = LocalStore.open(dir.resolve(e.getKey()));
            pointed.clear();
            drawn.clear();
            unplaced.clear();
            chat = new ChatRoom("bob", new ChatRoomLinks(), store.chatLog(), System::nanoTime, System::currentTimeMillis);
            chat.addListener(new ChatListener() {
                @Override
                public void onLine(dev.companion.app.chat.ChatEntry line) {
                }

                @Override
                public void onPoint(PointEntry p) {
                    pointed.add(p);
                }

                @Override
                public void onDraw(dev.companion.app.chat.DrawEntry d) {
                    drawn.add(d);
                }

                @Override
                public void onNotPlaced(dev.companion.app.chat.NotPlacedEntry n) {
                    unplaced.add(n);
                }
            });
            chat.onGroup(group(row.mode));
            try {
                GroupMessage m = row.send.apply(bob);
                int appliedBefore = target.applied.size();
                ErrorCode code = m instanceof ChatMessage c ? chat.onRemote("g1", row.linkUser, c)
                        : bob.onRemote("g1", row.linkUser, m);
                String expected = table.get(e.getKey());
                assertThat(code == null ? "accepted" : code.name()).as(e.getKey()).isEqualTo(expected);
                if (row.applies) {
                    awaitEvent(m instanceof CatchUp ? "caught-up" : "applied");
                    assertThat(target.applied.size() > appliedBefore || !target.restored.isEmpty()).as(e.getKey()).isTrue();
                } else {
                    // refused before anything was queued: the page was not touched
                    assertThat(events).as(e.getKey() + " events").isEmpty();
                    assertThat(target.restored).as(e.getKey() + " restored").isEmpty();
                    assertThat(target.loads).as(e.getKey() + " loaded").doesNotContain(EVIL);
                    assertThat(target.applied.size()).as(e.getKey() + " applied").isEqualTo(appliedBefore);
                }
                if (m instanceof Messages.Point) { // shown (then outlined on the page, never pressed) only when accepted
                    assertThat(pointed).as(e.getKey() + " shown").hasSize(code == null ? 1 : 0);
                }
                if (m instanceof Messages.Draw) { // drawn over the element (never applied) only when accepted
                    assertThat(drawn).as(e.getKey() + " drawn").hasSize(code == null ? 1 : 0);
                }
                if (m instanceof Messages.NotPlaced) { // shown to the one who pointed only when accepted
                    assertThat(unplaced).as(e.getKey() + " shown").hasSize(code == null ? 1 : 0);
                }
            } finally {
                target.gate.complete(null);
                bob.close();
                store.close();
            }
        }
    }

    /** Bob's chat room's links: none is up in these rows; what it tries to send is recorded with the rest. */
    private final class ChatRoomLinks implements dev.companion.app.chat.ChatLinks {
        @Override
        public int broadcast(String group, Message m) {
            sent.add(m);
            return 0;
        }

        @Override
        public boolean send(String group, String peer, Message m) {
            sent.add(m);
            return false;
        }
    }

    private void awaitEvent(String what) {
        try {
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(what);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The table's rows: id → the answer column ("accepted" or an error code). */
    private static Map<String, String> table() throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("docs/security.md"))) {
            p = p.getParent();
        }
        String doc = Files.readString(p.resolve("docs/security.md"));
        String section = doc.substring(doc.indexOf("### Peer messages"));
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| (P\\d+) \\|.*\\| `?([A-Za-z_]+)`? \\|$").matcher(section);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
