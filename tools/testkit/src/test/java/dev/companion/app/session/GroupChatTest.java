package dev.companion.app.session;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.chat.ChatEntry;
import dev.companion.scc.ControlCenter;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group chat between real terminals (session, control center, peer links with TLS, SQLite
 * profiles; no browser): two and three terminals, and a member whose app was closed gets what was
 * said meanwhile, exactly once and in each sender's order, when it starts again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupChatTest {
    @TempDir
    Path dir;
    private ControlCenter scc;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() {
        open.add(scc);
        for (AutoCloseable c : open) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    private HeadlessTerminal start(String user) throws Exception {
        HeadlessTerminal t = new HeadlessTerminal(user, dir.resolve(user), scc.port(), scc.fingerprint());
        open.add(0, t);
        t.login();
        return t;
    }

    private static void join(HeadlessTerminal leader, HeadlessTerminal who) throws Exception {
        leader.session.invite(who.user).get(10, TimeUnit.SECONDS);
        await(() -> !who.invitations.isEmpty(), who.user + " invited");
        who.session.answer(who.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        await(() -> who.group != null && leader.linked.contains(who.user) && who.linked.contains(leader.user),
                who.user + " joined and linked");
    }

    private static List<String> lines(HeadlessTerminal t) throws Exception {
        return t.session.chatLines().get(10, TimeUnit.SECONDS).stream().map(e -> e.sender() + ": " + e.text()).toList();
    }

    private static void say(HeadlessTerminal t, String text) throws Exception {
        t.session.sendChat(text).get(10, TimeUnit.SECONDS);
    }

    private static List<String> from(List<String> lines, String sender) {
        return lines.stream().filter(l -> l.startsWith(sender + ": ")).toList();
    }

    @Test
    void twoTerminalsChatOverTheirLinkAndTheControlCenterNeverSeesIt() throws Exception {
        scc = ControlCenters.startWithFriends(dir.resolve("scc"), "alice", "bob");
        HeadlessTerminal alice = start("alice");
        HeadlessTerminal bob = start("bob");
        join(alice, bob);
        say(alice, "shall we buy 绿茶? 🍵");
        say(bob, "<b>yes</b> & <i>now</i>");
        say(alice, "ok");
        await(() -> bob.chat.size() == 3 && alice.chat.size() == 3, "three lines on both");
        List<String> atBob = lines(bob);
        assertThat(atBob).containsExactlyInAnyOrder("alice: shall we buy 绿茶? 🍵", "bob: <b>yes</b> & <i>now</i>", "alice: ok");
        assertThat(from(atBob, "alice")).containsExactly("alice: shall we buy 绿茶? 🍵", "alice: ok");
        assertThat(lines(alice)).containsExactlyInAnyOrderElementsOf(atBob);
        assertThat(bob.chat).extracting(ChatEntry::seq).containsExactlyInAnyOrder(1L, 1L, 2L);
        try (Stream<Path> files = Files.walk(dir.resolve("scc"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(read(f)).as("control-center file %s", f).doesNotContain("绿茶", "<b>yes</b>");
            }
        }
    }

    private static String read(Path f) throws IOException {
        return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    }

    @Test
    void threeTerminalsAndAMemberWhoseAppWasClosedGetsTheHistoryOnceInOrder() throws Exception {
        scc = ControlCenters.startWithFriends(dir.resolve("scc"), "alice", "bob", "carol");
        HeadlessTerminal alice = start("alice");
        HeadlessTerminal bob = start("bob");
        HeadlessTerminal carol = start("carol");
        join(alice, bob);
        join(alice, carol);
        await(() -> bob.linked.contains("carol") && carol.linked.contains("bob"), "bob and carol linked");
        say(carol, "hello all");
        await(() -> alice.chat.size() == 1 && bob.chat.size() == 1, "carol's line at alice and bob");

        carol.close(); // the app quits; carol stays a member (away) within the grace
        open.remove(carol);
        await(() -> !alice.linked.contains("carol") && !bob.linked.contains("carol"), "carol's links down");
        for (int i = 1; i <= 5; i++) {
            say(alice, "a" + i);
            say(bob, "b" + i);
        }
        await(() -> alice.chat.size() == 11 && bob.chat.size() == 11, "alice and bob have each other's lines");

        HeadlessTerminal back = start("carol"); // the app starts again on the same profile
        await(() -> back.chat.size() == 10, "carol got the ten lines she missed");
        List<String> atCarol = lines(back);
        assertThat(atCarol).hasSize(11).doesNotHaveDuplicates().startsWith("carol: hello all");
        assertThat(from(atCarol, "alice")).containsExactly("alice: a1", "alice: a2", "alice: a3", "alice: a4", "alice: a5");
        assertThat(from(atCarol, "bob")).containsExactly("bob: b1", "bob: b2", "bob: b3", "bob: b4", "bob: b5");
        say(back, "I'm back");
        await(() -> alice.chat.size() == 12 && bob.chat.size() == 12, "carol's new line numbered on");
        assertThat(alice.chat.get(11).seq()).isEqualTo(2);

        back.close(); // and once more: nothing comes twice
        open.remove(back);
        HeadlessTerminal again = start("carol");
        await(() -> again.linked.containsAll(List.of("alice", "bob")), "carol linked again");
        say(alice, "marker a");
        say(bob, "marker b");
        await(() -> again.chat.size() == 2, "the two markers");
        assertThat(again.chat).extracting(ChatEntry::text).containsExactlyInAnyOrder("marker a", "marker b");
        assertThat(lines(again)).hasSize(14).doesNotHaveDuplicates();
    }
}
