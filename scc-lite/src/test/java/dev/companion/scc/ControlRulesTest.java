package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.RateLimit;
import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Scope;
import dev.companion.scc.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Walks docs/security.md's table "Control-center requests": every row's request is sent by a real TLS
 * client to a real control center, and its answer must be the table's. A refused request must change
 * nothing: every table of the store reads the same before and after (groups and their versions,
 * members, invitations, contacts, terminals), and no client receives anything (no group state, no
 * invitation, no lead proposal, no relayed signal).
 *
 * <p>One control center serves every row (each row forms its own groups); users: alice, bob, carol,
 * dave (who goes away in row C26, so he is used nowhere after it), mallory (a contact of alice and
 * bob, in none of their groups).
 */
class ControlRulesTest {
    private static final Messages.LinkOffer OFFER = GroupTest.OFFER;

    @TempDir
    Path dir;

    private Fixture f;
    private TestClient alice;
    private TestClient bob;
    private TestClient carol;
    private TestClient dave;
    private TestClient mallory;
    /** The clients still connected, each synced and emptied before a row. */
    private final List<TestClient> online = new ArrayList<>();

    /** What a row's set-up made: a group, and the invitation or proposal the row is about. */
    private static final class Ctx {
        String group;
        long version;
        String id;
    }

    /**
     * One row: set up (anything it changes is done before the store is read), then send the row's
     * request(s) and return each answer; then, last, what an accepted request caused, or what a
     * refused one did not use up.
     */
    private record Row(Consumer<Ctx> setUp, Function<Ctx, List<Message>> send, Consumer<Ctx> then) {
        Row(Consumer<Ctx> setUp, Function<Ctx, List<Message>> send) {
            this(setUp, send, c -> { });
        }
    }

    private static List<Message> ask(TestClient c, LongFunction<? extends Message> build) {
        return List.of(c.request(build));
    }

    private Map<String, Row> rows() {
        Map<String, Row> r = new LinkedHashMap<>();
        r.put("C1", new Row(c -> { }, c -> {
            TestClient stranger = f.connect();
            try {
                return List.of(stranger.request(q -> new Messages.Invite(q, "bob", null)),
                        stranger.request(q -> new Messages.GroupLeave(q, "g-1")), stranger.request(Messages.IceServers::request));
            } finally {
                stranger.close();
            }
        }));
        r.put("C2", new Row(c -> { }, c -> {
            alice.send(new Messages.Invite(null, "bob", null)); // the answer has no req: it arrives as a push
            return List.of(alice.push(Messages.Error.class));
        }));
        r.put("C3", new Row(c -> { }, c -> ask(alice, q -> TestClient.login(q, "alice", Fixture.pw("alice"), "t-alice"))));
        r.put("C4", new Row(c -> { }, c -> ask(alice, q -> new Messages.LoginOk(q, "alice", "t-alice", "token", List.of()))));
        r.put("C5", new Row(c -> { }, c -> ask(alice, q -> new Messages.ContactAdd(q, "alice"))));
        r.put("C6", new Row(c -> { }, c -> ask(carol, q -> new Messages.ContactAdd(q, "dave")),
                c -> assertThat(dave.push(Messages.ContactUpdate.class).contact())
                        .isEqualTo(new Messages.Contact("carol", false, ContactState.PENDING_IN))));
        r.put("C7", new Row(c -> { }, c -> ask(carol, q -> new Messages.ContactAccept(q, "mallory"))));
        r.put("C8", new Row(c -> { }, c -> List.of(carol.request(q -> new Messages.Invite(q, "mallory", null)),
                carol.request(q -> new Messages.Invite(q, "nobody", null)))));
        r.put("C9", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> List.of(mallory.request(q -> new Messages.Invite(q, "bob", c.group)),
                        mallory.request(q -> new Messages.Invite(q, "bob", "g-none")))));
        r.put("C10", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(bob, q -> new Messages.Invite(q, "mallory", c.group))));
        r.put("C11", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(alice, q -> new Messages.Invite(q, "carol", c.group)),
                c -> assertThat(carol.push(Messages.Invitation.class).group()).isEqualTo(c.group)));
        r.put("C12", new Row(c -> c.id = invite(alice, bob, null), c -> ask(carol, q -> new Messages.InviteAnswer(q, c.id, true))));
        r.put("C13", new Row(c -> {
            c.id = invite(alice, bob, null);
            bob.request(q -> new Messages.InviteAnswer(q, c.id, false), Messages.Ok.class);
        }, c -> ask(bob, q -> new Messages.InviteAnswer(q, c.id, true))));
        r.put("C14", new Row(c -> {
            c.id = invite(alice, bob, null);
            f.clock.advance(Duration.ofMinutes(11)); // the fixture's invitations live 10 minutes
        }, c -> ask(bob, q -> new Messages.InviteAnswer(q, c.id, true))));
        r.put("C15", new Row(c -> {
            c.group = TestGroups.form(alice, bob);
            c.id = invite(alice, carol, c.group);
            bob.request(q -> new Messages.GroupLeave(q, c.group), Messages.Ok.class); // alice alone: dissolved
        }, c -> ask(carol, q -> new Messages.InviteAnswer(q, c.id, true))));
        r.put("C16", new Row(c -> {
            c.group = TestGroups.form(alice, bob, carol);
            c.id = invite(alice, mallory, c.group);
            alice.request(q -> new Messages.GroupLeave(q, c.group), Messages.Ok.class); // bob and carol go on
        }, c -> ask(mallory, q -> new Messages.InviteAnswer(q, c.id, true))));
        r.put("C17", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(carol, q -> new Messages.GroupLeave(q, c.group))));
        r.put("C18", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(carol, q -> set(q, c, c.version, Mode.MUTUAL))));
        r.put("C19", new Row(group(() -> TestGroups.formState(alice, bob)), c -> ask(bob, q -> set(q, c, c.version, Mode.MUTUAL))));
        r.put("C20", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> List.of(alice.request(q -> set(q, c, c.version - 1, Mode.MUTUAL)),
                        alice.request(q -> set(q, c, c.version + 5, Mode.MUTUAL)),
                        bob.request(q -> set(q, c, c.version - 1, Mode.MUTUAL))))); // the follower, too
        r.put("C21", new Row(c -> {
            c.group = TestGroups.form(alice, bob);
            alice.request(q -> set(q, c, 1, Mode.MUTUAL), Messages.Ok.class);
            c.version = 2;
        }, c -> ask(bob, q -> new Messages.GroupSet(q, c.group, c.version, Mode.MUTUAL, Following.MANUAL, Scope.FULL,
                null, null)), c -> {
                    Messages.GroupState s = alice.push(Messages.GroupState.class);
                    assertThat(s.following()).isEqualTo(Following.MANUAL);
                    assertThat(s.version()).isEqualTo(3);
                    assertThat(bob.push(Messages.GroupState.class)).isEqualTo(s);
                }));
        r.put("C22", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(carol, q -> new Messages.FollowPause(q, c.group, true))));
        r.put("C23", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(alice, q -> new Messages.FollowPause(q, c.group, true))));
        r.put("C24", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> List.of(carol.request(q -> new Messages.Signal(q, c.group, "bob", null, OFFER)),
                        carol.request(q -> new Messages.Signal(q, "g-none", "bob", null, OFFER)))));
        r.put("C25", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> List.of(alice.request(q -> new Messages.Signal(q, c.group, "carol", null, OFFER)),
                        alice.request(q -> new Messages.Signal(q, c.group, "nobody", null, OFFER)),
                        alice.request(q -> new Messages.Signal(q, c.group, "alice", null, OFFER)))));
        r.put("C26", new Row(c -> {
            c.group = TestGroups.form(alice, bob, dave);
            dave.close();
            online.remove(dave);
            Messages.GroupState s = alice.pushSkipping(Messages.GroupState.class, Messages.Presence.class);
            assertThat(s.member("dave").state()).isEqualTo(MemberState.AWAY); // away: a member, not online
        }, c -> ask(alice, q -> new Messages.Signal(q, c.group, "dave", null, OFFER))));
        r.put("C27", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(alice, q -> new Messages.Signal(q, c.group, "bob", null, OFFER)),
                c -> assertThat(bob.push(Messages.Signal.class)).isEqualTo(new Messages.Signal(null, c.group, "bob", "alice", OFFER))));
        r.put("C28", new Row(group(() -> TestGroups.formState(alice, bob)), c -> ask(carol, q -> new Messages.LeadAsk(q, c.group))));
        r.put("C29", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(carol, q -> new Messages.LeadOffer(q, c.group, "bob"))));
        r.put("C30", new Row(group(() -> TestGroups.formState(alice, bob, carol)),
                c -> ask(bob, q -> new Messages.LeadOffer(q, c.group, "carol"))));
        r.put("C31", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> ask(alice, q -> new Messages.LeadOffer(q, c.group, "carol"))));
        r.put("C32", new Row(c -> {
            c.group = TestGroups.form(alice, bob);
            c.id = offer(c.group);
        }, c -> ask(carol, q -> new Messages.LeadAnswer(q, c.group, c.id, true))));
        r.put("C33", new Row(c -> {
            c.group = TestGroups.form(alice, bob, carol);
            c.id = offer(c.group);
        }, c -> List.of(carol.request(q -> new Messages.LeadAnswer(q, c.group, c.id, true)),
                alice.request(q -> new Messages.LeadAnswer(q, c.group, c.id, true)),
                bob.request(q -> new Messages.LeadAnswer(q, c.group, "p-none", true))), c -> {
                    // the wrong answers used nothing up: the addressee still can
                    bob.request(q -> new Messages.LeadAnswer(q, c.group, c.id, true), Messages.Ok.class);
                    assertThat(alice.push(Messages.LeadAnswered.class).accepted()).isTrue();
                }));
        r.put("C34", new Row(c -> { }, c -> ask(mallory, Messages.IceServers::request)));
        r.put("C35", new Row(group(() -> TestGroups.formState(alice, bob)), c -> ask(bob, q -> new Messages.JoinCode(q, c.group))));
        r.put("C36", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> List.of(carol.request(q -> new Messages.JoinCode(q, c.group)),
                        carol.request(q -> new Messages.JoinCode(q, "g-none")))));
        r.put("C37", new Row(group(() -> TestGroups.formState(alice, bob)),
                c -> List.of(alice.request(q -> new Messages.JoinCode(q, c.group)),
                        mallory.request(q -> new Messages.JoinCode(q, null)))));
        r.put("C38", new Row(c -> {
            c.group = TestGroups.form(alice, bob);
            c.id = code(alice, c.group);
            f.clock.advance(Duration.ofMinutes(10)); // codes live 10 minutes
        }, c -> List.of(mallory.request(q -> new Messages.JoinLookup(q, c.id)),
                mallory.request(q -> new Messages.JoinAsk(q, c.id)),
                carol.request(q -> new Messages.JoinLookup(q, "00000-00000")))));
        r.put("C39", new Row(c -> {
            c.group = TestGroups.form(alice, bob);
            c.id = code(alice, c.group);
        }, c -> List.of(bob.request(q -> new Messages.JoinAsk(q, c.id)), alice.request(q -> new Messages.JoinAsk(q, c.id)))));
        r.put("C40", new Row(c -> c.group = joinAsk(), c -> ask(bob, q -> new Messages.JoinDecide(q, c.group, lastAsk, true))));
        r.put("C41", new Row(c -> c.group = joinAsk(), c -> List.of(carol.request(q -> new Messages.JoinDecide(q, c.group,
                lastAsk, true)), mallory.request(q -> new Messages.JoinDecide(q, c.group, lastAsk, true)))));
        r.put("C42", new Row(c -> c.group = joinAsk(), c -> ask(alice, q -> new Messages.JoinDecide(q, c.group, "j-none", true)),
                c -> { // the wrong decisions used nothing up: the leader still lets mallory in
                    alice.request(q -> new Messages.JoinDecide(q, c.group, lastAsk, true), Messages.Ok.class);
                    assertThat(mallory.push(Messages.JoinAnswered.class).accepted()).isTrue();
                }));
        r.put("C43", new Row(c -> { }, c -> ask(carol, q -> new Messages.UsageReport(q, 3, 10_000))));
        r.put("C44", new Row(c -> { }, c -> List.of(raw(carol, "{\"type\":\"usage_report\",\"req\":%d,\"led\":-1,\"followed\":0}"),
                raw(carol, "{\"type\":\"usage_report\",\"req\":%d,\"led\":0,\"followed\":10001}"),
                carol.request(q -> new Messages.UsageGet(q, "2026-01-02", "2026-01-01")),
                carol.request(q -> new Messages.UsageGet(q, "2025-01-01", "2026-01-02")),
                carol.request(q -> new Messages.UsageGet(q, "yesterday", "2026-01-02")))));
        r.put("C45", new Row(c -> { }, c -> ask(carol, q -> new Messages.UsageGet(q, "2025-12-01", "2026-12-01")),
                c -> { // carol's own day: C43's report and her sign-in, nobody else's
                    Messages.Usage u = carol.request(q -> new Messages.UsageGet(q, "2026-01-01", "2026-01-01"), Messages.Usage.class);
                    assertThat(u.days()).singleElement().satisfies(d -> {
                        assertThat(d.actionsLed()).isEqualTo(3);
                        assertThat(d.actionsFollowed()).isEqualTo(10_000);
                        assertThat(d.signIns()).isEqualTo(1);
                    });
                }));
        return r;
    }

    @Test
    void everyRowOfTheSecurityTableIsAnsweredAsItSays() throws Exception {
        Map<String, String> table = table();
        // the walk syncs every client around every row, far over 20 messages a second: the rate limit
        // has its own tests (LimitsTest), so it is off here
        f = Fixture.start(dir, Duration.ofHours(1), Endpoint.CONTROL_CENTER.withRate(RateLimit.NONE),
                List.of("alice", "bob", "carol", "dave", "mallory"),
                "alice:bob", "alice:carol", "alice:dave", "bob:carol", "mallory:alice", "mallory:bob");
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Store.FILE_NAME),
                readOnly.toProperties())) {
            alice = f.login("alice");
            bob = f.login("bob");
            carol = f.login("carol");
            dave = f.login("dave");
            mallory = f.login("mallory");
            online.addAll(List.of(alice, bob, carol, dave, mallory));
            Map<String, Row> rows = rows();
            assertThat(rows.keySet()).as("rows tested = rows documented").containsExactlyElementsOf(table.keySet());
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                walk(e.getKey(), table.get(e.getKey()), e.getValue(), db);
            }
        } finally {
            f.close();
        }
    }

    private void walk(String id, String expected, Row row, Connection db) throws SQLException {
        Ctx c = new Ctx();
        row.setUp.accept(c);
        quiet();
        List<String> before = dump(db);
        List<Message> answers = row.send.apply(c);
        assertThat(answers).as(id).isNotEmpty();
        for (Message m : answers) {
            String got = m instanceof Messages.Error err ? err.code().name() : "accepted";
            assertThat(got).as(id + ": " + m).isEqualTo(expected);
        }
        if (!expected.equals("accepted")) {
            for (TestClient client : online) {
                client.assertNoPush(); // nothing pushed to anyone: no group state, invitation, proposal or signal
            }
            assertThat(dump(db)).as(id + ": the store after the refusal").isEqualTo(before);
        }
        row.then.accept(c);
    }

    /** Waits until everything sent so far has arrived at every client, and forgets it. */
    private void quiet() {
        for (TestClient client : online) {
            client.sync();
            client.forgetSeen();
        }
    }

    private static Consumer<Ctx> group(Supplier<Messages.GroupState> form) {
        return c -> {
            Messages.GroupState s = form.get();
            c.group = s.group();
            c.version = s.version();
        };
    }

    /** from invites to into group (null: a new one); to receives the invitation. Its id. */
    private static String invite(TestClient from, TestClient to, String group) {
        from.request(q -> new Messages.Invite(q, to.user, group), Messages.InviteSent.class);
        return to.push(Messages.Invitation.class).id();
    }

    private String lastAsk;

    /** alice shows a code for her group with bob and returns it. */
    private static String code(TestClient leader, String group) {
        return leader.request(q -> new Messages.JoinCode(q, group), Messages.JoinCodeIssued.class).code();
    }

    /** A group of alice and bob, whose code mallory asks to join (the ask's id in lastAsk); the group's id. */
    private String joinAsk() {
        String group = TestGroups.form(alice, bob);
        String code = code(alice, group);
        mallory.request(q -> new Messages.JoinAsk(q, code), Messages.Ok.class);
        lastAsk = alice.push(Messages.JoinAsked.class).id();
        return group;
    }

    /** Sends json (with %d for the req) as raw bytes; its answer. */
    private static Message raw(TestClient c, String json) {
        long req = TestClient.nextReq();
        c.send(String.format(json, req).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return c.answer(req);
    }

    /** alice, the leader, offers bob the lead of group; bob receives the proposal. Its id. */
    private String offer(String group) {
        alice.request(q -> new Messages.LeadOffer(q, group, "bob"), Messages.Ok.class);
        return bob.push(Messages.LeadProposal.class).id();
    }

    private static Messages.GroupSet set(long req, Ctx c, long version, Mode mode) {
        return new Messages.GroupSet(req, c.group, version, mode, Following.AUTO, Scope.FULL, null, null);
    }

    /** Every row of every table of the store, as text, in a stable order. */
    private static List<String> dump(Connection db) throws SQLException {
        List<String> out = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("groups", "members", "invitations", "contacts", "terminals");
        for (String t : tables) {
            List<String> rows = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + t + "\"")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder(t).append(':');
                    for (int i = 1; i <= n; i++) {
                        b.append(' ').append(rs.getString(i));
                    }
                    rows.add(b.toString());
                }
            }
            rows.sort(null);
            out.addAll(rows);
        }
        return out;
    }

    /** The table's rows: id → the answer column ("accepted" or an error code). */
    private static Map<String, String> table() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("docs/security.md"))) {
            p = p.getParent();
        }
        String doc = Files.readString(p.resolve("docs/security.md"));
        int start = doc.indexOf("### Control-center requests");
        assertThat(start).as("docs/security.md has the table").isNotNegative();
        int end = doc.indexOf("\n## ", start);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| (C\\d+) \\|.*\\| `?([A-Za-z_]+)`? \\|$").matcher(section);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        assertThat(out).as("rows in the table").isNotEmpty();
        return out;
    }
}
