package dev.companion.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.flow.FlowStep;
import dev.companion.app.session.LanSession;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.testkit.HeadlessTerminal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LAN pair's group (no control center anywhere, on 127.0.0.1) has what an online group has: the
 * group chat, both ways, kept in each profile and going on after one side's app restarts and the two
 * pair again; and flows shared over the peer link into the other's inbox.
 */
class LanPairChatTest {
    private static final Duration UP = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    /** What a test started, closed last first after it (a terminal closed by the test is closed again: safe). */
    private final List<LanTerminal> started = new ArrayList<>();

    @AfterEach
    void stopEveryTerminal() {
        started.reversed().forEach(LanTerminal::close);
    }

    private LanTerminal terminal(String name) throws Exception {
        LanTerminal t = new LanTerminal(name, dir.resolve(name), "127.0.0.1", LinkManager.Timing.DEFAULT);
        started.add(t);
        return t;
    }

    /** leader asks other at its pairing port (an address typed in); both confirm; waits for the link. */
    private static Messages.GroupState pair(LanTerminal leader, LanTerminal other) throws Exception {
        LanSession.Pending asking = leader.ask(new InetSocketAddress("127.0.0.1", other.session.pairingPort()), null, null);
        CompletableFuture<Messages.GroupState> atLeader = asking.confirm(false);
        LanSession.Pending asked = other.asked.poll(10, TimeUnit.SECONDS);
        assertThat(asked).as(other.name + " is asked").isNotNull();
        Messages.GroupState g = asked.confirm(false).get(10, TimeUnit.SECONDS);
        assertThat(atLeader.get(10, TimeUnit.SECONDS)).isEqualTo(g);
        await(() -> leader.linked.contains(other.name) && other.linked.contains(leader.name), "the pair's link");
        return g;
    }

    private static void await(BooleanSupplier what, String description) throws InterruptedException {
        HeadlessTerminal.await(what, description, UP);
    }

    private static List<String> lines(LanTerminal t) throws Exception {
        return t.session.chatLines().get(10, TimeUnit.SECONDS).stream().map(e -> e.sender() + ": " + e.text()).toList();
    }

    @Test
    void chatLinesTravelBothWaysAndSurviveARestartAndPairingAgain() throws Exception {
        LanTerminal alice = terminal("alice");
        LanTerminal bob = terminal("bob");
        Messages.GroupState g = pair(alice, bob);

        alice.session.sendChat("hello bob").get(10, TimeUnit.SECONDS);
        await(() -> bob.chat.size() == 1, "alice's line at bob");
        bob.session.sendChat("hi alice 你好\nsecond line").get(10, TimeUnit.SECONDS);
        await(() -> alice.chat.size() == 2, "bob's line at alice");
        assertThat(lines(alice)).containsExactly("alice: hello bob", "bob: hi alice 你好\nsecond line");
        assertThat(lines(bob)).containsExactly("alice: hello bob", "bob: hi alice 你好\nsecond line");
        assertThat(alice.chat).allMatch(e -> e.group().equals(g.group()));

        bob.close(); // bob's app quits; alice still has the group and says something meanwhile
        started.remove(bob);
        await(() -> !alice.linked.contains("bob"), "the link to bob down");
        alice.session.sendChat("while you were away").get(10, TimeUnit.SECONDS);

        LanTerminal back = terminal("bob"); // the app starts again on the same profile; they pair again
        assertThat(lines(back)).as("no group yet: nothing shown").isEmpty();
        Messages.GroupState again = pair(alice, back);
        assertThat(again.group()).as("the same pair: the same group").isEqualTo(g.group());
        await(() -> back.chat.size() == 1, "the line bob missed");
        assertThat(back.chat.get(0).text()).isEqualTo("while you were away");
        assertThat(lines(back)).containsExactly("alice: hello bob", "bob: hi alice 你好\nsecond line",
                "alice: while you were away");

        back.session.sendChat("I'm back").get(10, TimeUnit.SECONDS);
        await(() -> alice.chat.size() == 4, "bob's new line at alice");
        assertThat(alice.chat.get(3).seq()).as("bob's numbering goes on from his profile").isEqualTo(2);
        assertThat(lines(alice)).containsExactly("alice: hello bob", "bob: hi alice 你好\nsecond line",
                "alice: while you were away", "bob: I'm back");
    }

    @Test
    void aBadChatLineOrOneWithoutAGroupIsRefusedAndNothingIsKept() throws Exception {
        LanTerminal alice = terminal("alice");
        LanTerminal bob = terminal("bob");
        assertThatThrownBy(() -> alice.session.sendChat("nobody to hear").get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ProtocolException.class)
                .cause().satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.NOT_IN_GROUP));
        pair(alice, bob);
        for (String bad : new String[] {"", "bell \u0007", "x".repeat(501)}) {
            assertThatThrownBy(() -> alice.session.sendChat(bad).get(10, TimeUnit.SECONDS)).as(bad)
                    .hasCauseInstanceOf(ProtocolException.class)
                    .cause().satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.MISSING_FIELD));
        }
        alice.session.sendChat("ok").get(10, TimeUnit.SECONDS);
        await(() -> bob.chat.size() == 1, "the good line");
        assertThat(lines(bob)).containsExactly("alice: ok");
        assertThat(lines(alice)).containsExactly("alice: ok");
    }

    @Test
    void aFlowSharedInTheLanGroupArrivesInTheOthersInbox() throws Exception {
        LanTerminal alice = terminal("alice");
        LanTerminal bob = terminal("bob");
        BlockingQueue<String> askedFrom = new LinkedBlockingQueue<>();
        BlockingQueue<Flow> kept = new LinkedBlockingQueue<>();
        bob.session.setFlowInbox(new FlowInbox(System::currentTimeMillis, (from, flow) -> {
            askedFrom.add(from);
            return CompletableFuture.completedFuture(true);
        }, kept::add));
        pair(alice, bob);

        List<FlowStep> steps = new ArrayList<>();
        for (int i = 0; i < 80; i++) { // over one flow_share part
            steps.add(new FlowStep("http://10.0.0.5/p" + i, new Action.Click("http://10.0.0.5/p" + i, "", "#b" + i),
                    null, "Press the button. ".repeat(25) + i, 0L, false));
        }
        Flow lesson = new Flow("Lesson 1", "en", steps);
        alice.session.shareFlow("bob", lesson).get(10, TimeUnit.SECONDS);
        assertThat(askedFrom.poll(20, TimeUnit.SECONDS)).isEqualTo("alice");
        assertThat(kept.poll(20, TimeUnit.SECONDS)).isEqualTo(lesson);

        assertThatThrownBy(() -> alice.session.shareFlow("carol", lesson).get(10, TimeUnit.SECONDS))
                .as("carol is not the other of the pair").hasCauseInstanceOf(ProtocolException.class)
                .cause().satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
        assertThatThrownBy(() -> alice.session.shareFlow("alice", lesson).get(10, TimeUnit.SECONDS))
                .as("not to oneself").hasCauseInstanceOf(ProtocolException.class);
        assertThat(kept).isEmpty();
    }
}
