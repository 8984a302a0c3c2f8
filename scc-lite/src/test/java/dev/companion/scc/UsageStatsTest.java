package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.RateLimit;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.cli.SccMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage statistics after a scripted session over real TLS: sign-ins, a group formed, time in the
 * group split at midnight, the actions the terminals reported; a user sees only their own; the
 * command line's report; retention; and no URL or text of the session anywhere in the database files.
 */
class UsageStatsTest {
    private static final String URL = "https://shop.example/product/green-tea?secret=canary-7f3a";

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob", "carol"), "alice:bob");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Messages.UsageGet day(long req, String from, String to) {
        return new Messages.UsageGet(req, from, to);
    }

    /** Sends a usage_report as raw JSON carrying extra text fields a terminal might try to smuggle in; its answer. */
    private static void smuggle(TestClient c, int led, int followed) {
        long req = TestClient.nextReq();
        String json = "{\"type\":\"usage_report\",\"req\":" + req + ",\"led\":" + led + ",\"followed\":" + followed
                + ",\"url\":\"" + URL + "\",\"page\":{\"title\":\"" + URL + "\"}}";
        c.send(json.getBytes(StandardCharsets.UTF_8));
        assertThat(c.answer(req)).isInstanceOf(Messages.Ok.class);
    }

    @Test
    void aScriptedSessionIsCountedPerUserAndDayAndNoUrlIsStored() throws Exception {
        f.clock.advance(Duration.ofHours(23).plusMinutes(59)); // 2026-01-01 23:59 UTC
        TestClient bob = f.login("bob");
        TestClient alice = f.login("alice");
        bob.push(Messages.Presence.class);
        String group = TestGroups.form(alice, bob); // formed by alice at 23:59:00
        smuggle(alice, 4, 0); // alice led 4 actions, bob followed them
        smuggle(bob, 0, 4);
        f.clock.advance(Duration.ofMinutes(2)); // 00:01 on 2026-01-02
        smuggle(alice, 1, 0);
        smuggle(bob, 0, 1);
        bob.request(r -> new Messages.GroupLeave(r, group), Messages.Ok.class); // dissolved: both leave
        alice.push(Messages.GroupDissolved.class);

        Messages.Usage mine = alice.request(r -> day(r, "2026-01-01", "2026-01-02"), Messages.Usage.class);
        assertThat(mine.days()).containsExactly(
                new Messages.UsageDay("2026-01-01", 1, 1, 60, 4, 0),
                new Messages.UsageDay("2026-01-02", 0, 0, 60, 1, 0));
        assertThat(bob.request(r -> day(r, "2026-01-01", "2026-01-02"), Messages.Usage.class).days()).containsExactly(
                new Messages.UsageDay("2026-01-01", 1, 0, 60, 0, 4),
                new Messages.UsageDay("2026-01-02", 0, 0, 60, 0, 1));
        TestClient carol = f.login("carol");
        assertThat(carol.request(r -> day(r, "2026-01-01", "2026-01-02"), Messages.Usage.class).days())
                .containsExactly(new Messages.UsageDay("2026-01-02", 1, 0, 0, 0, 0)); // her own sign-in only
        f.close();

        // the operator's report
        String csv = stats("--data", dir.toString(), "--from", "2026-01-01", "--to", "2026-01-02", "--csv");
        assertThat(csv.lines().toList()).containsExactly(
                "day,user,sign_ins,groups_formed,group_seconds,actions_led,actions_followed",
                "2026-01-01,alice,1,1,60,4,0",
                "2026-01-01,bob,1,0,60,0,4",
                "2026-01-02,alice,0,0,60,1,0",
                "2026-01-02,bob,0,0,60,0,1",
                "2026-01-02,carol,1,0,0,0,0");
        String table = stats("--data", dir.toString(), "--from", "2026-01-02", "--to", "2026-01-02");
        assertThat(table).contains("sign-ins").contains("carol").doesNotContain("2026-01-01").contains("3 row(s)");

        // nothing of the session's pages in any byte of the database files (main file, WAL, shared memory)
        byte[] needle = "shop.example".getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> db = files.filter(p -> p.getFileName().toString().startsWith("scc.db")).toList();
            assertThat(db).isNotEmpty();
            for (Path p : db) {
                assertThat(indexOf(Files.readAllBytes(p), needle)).as(p.toString()).isNegative();
            }
        }
    }

    @Test
    void timeInAGroupStillGoingIsCountedBeforeItEndsAndOnlyOnce() throws Exception {
        TestClient bob = f.login("bob");
        TestClient alice = f.login("alice");
        bob.push(Messages.Presence.class);
        String group = TestGroups.form(alice, bob); // at 2026-01-01 00:00 UTC
        f.clock.advance(Duration.ofMinutes(30));
        assertThat(f.cc.usageTallyNow().get(10, java.util.concurrent.TimeUnit.SECONDS)).as("memberships counted").isEqualTo(2);
        assertThat(alice.request(r -> day(r, "2026-01-01", "2026-01-01"), Messages.Usage.class).days())
                .extracting(Messages.UsageDay::groupSeconds).as("while the group goes on").containsExactly(1800L);
        f.clock.advance(Duration.ofMinutes(15));
        bob.request(r -> new Messages.GroupLeave(r, group), Messages.Ok.class);
        alice.push(Messages.GroupDissolved.class);
        f.cc.usageTallyNow().get(10, java.util.concurrent.TimeUnit.SECONDS); // no member left: nothing more
        assertThat(bob.request(r -> day(r, "2026-01-01", "2026-01-01"), Messages.Usage.class).days())
                .extracting(Messages.UsageDay::groupSeconds).as("45 minutes, the first 30 counted once").containsExactly(2700L);

        // a control center that stops counts the groups still going up to then
        TestGroups.form(alice, bob);
        f.clock.advance(Duration.ofMinutes(10));
        f.close();
        assertThat(stats("--data", dir.toString(), "--from", "2026-01-01", "--to", "2026-01-01", "--csv").lines().toList())
                .contains("2026-01-01,alice,1,2,3300,0,0", "2026-01-01,bob,1,0,3300,0,0");
    }

    @Test
    void onlyAPasswordSignInCountsAndReportsAreBounded() throws Exception {
        // 100 full reports reach the day's cap: more than one connection's 20 messages a second (bursts
        // of 100). The rate limit has its own tests (LimitsTest), so it is off here.
        f.close();
        f = Fixture.start(dir.resolve("no-rate-limit"), Endpoint.CONTROL_CENTER.withRate(RateLimit.NONE),
                List.of("alice", "bob", "carol"), "alice:bob");
        f.login("alice");
        TestClient again = f.connect();
        Messages.LoginOk ok = again.request(r -> TestClient.login(r, "alice", Fixture.pw("alice"), "t-alice"),
                Messages.LoginOk.class);
        TestClient byToken = f.connect();
        byToken.request(r -> TestClient.login(r, "alice", ok.token(), "t-alice"), Messages.LoginOk.class);
        byToken.request(r -> new Messages.UsageReport(r, Messages.UsageReport.MAX_REPORTED, 0), Messages.Ok.class);
        for (int i = 0; i < 99; i++) {
            byToken.request(r -> new Messages.UsageReport(r, Messages.UsageReport.MAX_REPORTED, 0), Messages.Ok.class);
        }
        byToken.request(r -> new Messages.UsageReport(r, 1, 0), Messages.Ok.class);
        Messages.UsageDay d = byToken.request(r -> day(r, "2026-01-01", "2026-01-01"), Messages.Usage.class).days().get(0);
        assertThat(d.signIns()).as("two password sign-ins, the token's reconnect not").isEqualTo(2);
        assertThat(d.actionsLed()).as("capped a day").isEqualTo(1_000_000);
        byToken.refused(r -> day(r, "2026-01-01", "2027-01-02"), ErrorCode.MISSING_FIELD); // 367 days
        byToken.request(r -> day(r, "2026-01-01", "2027-01-01"), Messages.Usage.class); // 366
    }

    @Test
    void daysOlderThanTheRetentionAreDeleted() throws Exception {
        TestClient alice = f.login("alice");
        alice.request(r -> new Messages.UsageReport(r, 2, 3), Messages.Ok.class);
        f.clock.advance(Duration.ofDays(400));
        f.cc.sweepInvitations().get();
        assertThat(alice.request(r -> day(r, "2026-01-01", "2026-01-01"), Messages.Usage.class).days()).hasSize(1);
        f.clock.advance(Duration.ofDays(1)); // 401 days on: the default retention is 400
        f.cc.sweepInvitations().get();
        assertThat(alice.request(r -> day(r, "2026-01-01", "2026-01-01"), Messages.Usage.class).days()).isEmpty();
    }

    private static String stats(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of("stats"), Stream.of(args)).toArray(String[]::new);
        int code = SccMain.run(all, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
