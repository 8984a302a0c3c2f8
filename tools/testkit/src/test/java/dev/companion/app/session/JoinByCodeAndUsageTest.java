package dev.companion.app.session;

import static dev.companion.testkit.HeadlessTerminal.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import dev.companion.scc.cli.SccMain;
import dev.companion.testkit.ControlCenters;
import dev.companion.testkit.HeadlessTerminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three headless terminals over a real control center and real peer links: carol, who is nobody's
 * contact, joins alice's group with its code (through the app's {@link Joining}, the link as given to
 * the app); alice leads a scripted session on a page; every terminal reports its counts
 * ({@link UsageReports}); the control center's counts are exact and no byte of its database files
 * holds the session's page address.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JoinByCodeAndUsageTest {
    private static final String PAGE = "http://127.0.0.1:9/canary-7f3a/green-tea"; // a local page: the group allows them

    @TempDir
    Path dir;
    private ControlCenter scc;
    private HeadlessTerminal alice;
    private HeadlessTerminal bob;
    private HeadlessTerminal carol;
    private final BlockingQueue<Messages.JoinAsked> asked = new LinkedBlockingQueue<>();
    private final BlockingQueue<Messages.JoinAnswered> answered = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        Path data = ControlCenters.friends(dir, "alice", "bob");
        Path pw = dir.resolve("carol.pw");
        Files.writeString(pw, "carol-pass\n");
        assertThat(SccMain.run(new String[] {"user", "add", "carol", "--data", data.toString(), "--password-file",
            pw.toString()}, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isZero();
        scc = ControlCenter.start(Config.of(data).withLocalAddresses(true));
        alice = new HeadlessTerminal("alice", dir.resolve("alice"), scc.port(), scc.fingerprint());
        bob = new HeadlessTerminal("bob", dir.resolve("bob"), scc.port(), scc.fingerprint());
        carol = new HeadlessTerminal("carol", dir.resolve("carol"), scc.port(), scc.fingerprint());
        alice.session.addListener(new SessionListener() {
            @Override
            public void onJoinAsked(Messages.JoinAsked a) {
                asked.add(a);
            }
        });
        carol.session.addListener(new SessionListener() {
            @Override
            public void onJoinAnswered(Messages.JoinAnswered a) {
                answered.add(a);
            }
        });
        alice.login();
        bob.login();
        carol.login();
        alice.session.invite("bob").get(10, TimeUnit.SECONDS);
        await(() -> !bob.invitations.isEmpty(), "bob invited");
        bob.session.answer(bob.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
        await(() -> alice.linked.contains("bob"), "alice linked to bob");
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, carol, scc}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    @Test
    void aStrangerJoinsWithTheCodeAndTheSessionIsCountedWithoutItsPage() throws Exception {
        assertThat(carol.session.joining().canShowCode()).isTrue(); // in no group: a code for a new one
        assertThat(bob.session.joining().canShowCode()).isFalse(); // a follower
        Messages.JoinCodeIssued code = alice.session.joining().showCode().get(10, TimeUnit.SECONDS);
        assertThat(code.group()).isEqualTo(alice.group.group());
        assertThatThrownBy(() -> carol.session.joining().lookUp("ZZZZZ-ZZZZZ").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CODE));
        Messages.JoinInfo info = carol.session.joining().lookUp(code.link()).get(10, TimeUnit.SECONDS); // the OS's link
        assertThat(info.leader()).isEqualTo("alice");
        assertThat(info.members()).containsExactly("alice", "bob");
        carol.session.joining().ask(info.code()).get(10, TimeUnit.SECONDS);
        Messages.JoinAsked ask = asked.poll(10, TimeUnit.SECONDS);
        assertThat(ask).isNotNull();
        assertThat(ask.from()).isEqualTo("carol");
        alice.session.joining().decide(ask, true).get(10, TimeUnit.SECONDS);
        assertThat(answered.poll(10, TimeUnit.SECONDS)).isEqualTo(new Messages.JoinAnswered(code.group(), true));
        await(() -> carol.group != null && carol.group.members().size() == 3, "carol in the group");
        await(() -> alice.linked.containsAll(List.of("bob", "carol")) && carol.linked.contains("bob"), "all linked");

        // the scripted session: alice leads four actions on a page
        int before = carol.applied.size();
        alice.browse(PAGE);
        for (int i = 1; i <= 3; i++) {
            alice.session.onLocalAction(new Action.Input(PAGE, "", "#q", "tea " + i));
        }
        await(() -> bob.applied.size() >= 4 && carol.applied.size() >= before + 4, "bob and carol followed");

        await(() -> counts(alice).actionsLed() == 4, "alice's 4 actions led, reported");
        await(() -> counts(bob).actionsFollowed() == 4, "bob's 4 actions followed, reported");
        await(() -> counts(carol).actionsFollowed() == 4, "carol's 4 actions followed, reported");
        assertThat(counts(alice).actionsFollowed()).isZero();
        assertThat(counts(bob).actionsLed()).isZero();
        assertThat(counts(alice).signIns()).isEqualTo(1);
        assertThat(counts(alice).groupsFormed()).isEqualTo(1);
        assertThat(counts(carol).groupsFormed()).isZero();

        // no byte of the control center's database files (main file, WAL, shared memory) holds the page
        byte[] needle = "canary-7f3a".getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dir.resolve("scc"))) {
            List<Path> db = files.filter(p -> p.getFileName().toString().startsWith("scc.db")).toList();
            assertThat(db).isNotEmpty();
            for (Path p : db) {
                assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1))
                        .as(p.toString()).doesNotContain(new String(needle, StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** t's counts summed over yesterday and today (UTC), after t reported what it counted so far. */
    private static Messages.UsageDay counts(HeadlessTerminal t) {
        try {
            t.session.usage().report().get(10, TimeUnit.SECONDS);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<Messages.UsageDay> days = t.session.usage().mine(today.minusDays(1).toString(), today.toString())
                    .get(10, TimeUnit.SECONDS).days();
            return new Messages.UsageDay(today.toString(), days.stream().mapToInt(Messages.UsageDay::signIns).sum(),
                    days.stream().mapToInt(Messages.UsageDay::groupsFormed).sum(),
                    days.stream().mapToLong(Messages.UsageDay::groupSeconds).sum(),
                    days.stream().mapToInt(Messages.UsageDay::actionsLed).sum(),
                    days.stream().mapToInt(Messages.UsageDay::actionsFollowed).sum());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
