package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Join by code over real TLS on loopback: consent on both sides, expiry, single use, one group, no enumeration. */
class JoinByCodeTest {
    @TempDir
    Path dir;
    Fixture f;
    TestClient alice;
    TestClient bob;
    TestClient dave;
    String group;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob", "carol", "dave", "erin", "frank"), "alice:bob", "carol:erin",
                "dave:frank");
        bob = f.login("bob");
        alice = f.login("alice");
        bob.push(Messages.Presence.class);
        group = TestGroups.form(alice, bob);
        dave = f.login("dave"); // no contact of anyone in the group
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Messages.JoinCodeIssued code(TestClient leader, String g) {
        return leader.request(r -> new Messages.JoinCode(r, g), Messages.JoinCodeIssued.class);
    }

    @Test
    void theJoinerSeesWhoLeadsAsksAndIsLetInByTheLeader() {
        Messages.JoinCodeIssued issued = code(alice, group);
        assertThat(issued.group()).isEqualTo(group);
        assertThat(issued.code()).matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
        assertThat(issued.link()).isEqualTo("companion://join/" + issued.code());
        assertThat(issued.expiresAt()).isEqualTo(f.clock.millis() + Duration.ofMinutes(10).toMillis());

        String typed = " " + issued.code().toLowerCase().replace("-", " ").replace('0', 'o').replace('1', 'l') + " ";
        Messages.JoinInfo info = dave.request(r -> new Messages.JoinLookup(r, typed), Messages.JoinInfo.class);
        assertThat(info).isEqualTo(new Messages.JoinInfo(info.req(), issued.code(), group, "alice", List.of("alice", "bob"),
                issued.expiresAt()));
        alice.assertNoPush(); // looking is not asking

        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked asked = alice.push(Messages.JoinAsked.class);
        assertThat(asked.from()).isEqualTo("dave");
        assertThat(asked.group()).isEqualTo(group);
        assertThat(asked.expiresAt()).isEqualTo(f.clock.millis() + Duration.ofMinutes(2).toMillis());
        bob.assertNoPush();
        dave.assertNoPush();

        alice.request(r -> new Messages.JoinDecide(r, group, asked.id(), true), Messages.Ok.class);
        assertThat(dave.push(Messages.JoinAnswered.class)).isEqualTo(new Messages.JoinAnswered(group, true));
        Messages.GroupState state = dave.push(Messages.GroupState.class);
        assertThat(state.members()).extracting(Messages.Member::user).containsExactly("alice", "bob", "dave");
        assertThat(state.members().get(2).role()).isEqualTo(Role.FOLLOWER);
        assertThat(alice.push(Messages.GroupState.class)).isEqualTo(state);
        assertThat(bob.push(Messages.GroupState.class)).isEqualTo(state);

        // used once: the next person gets the answer a wrong code gets
        TestClient carol = f.login("carol");
        carol.refused(r -> new Messages.JoinLookup(r, issued.code()), ErrorCode.UNKNOWN_CODE);
        alice.refused(r -> new Messages.JoinDecide(r, group, asked.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
    }

    @Test
    void aDeclinedAskLeavesTheJoinerOutAndTheCodeStillWorks() {
        Messages.JoinCodeIssued issued = code(alice, group);
        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked asked = alice.push(Messages.JoinAsked.class);
        alice.request(r -> new Messages.JoinDecide(r, group, asked.id(), false), Messages.Ok.class);
        assertThat(dave.push(Messages.JoinAnswered.class).accepted()).isFalse();
        dave.assertNoPush();
        bob.assertNoPush();
        dave.refused(r -> new Messages.GroupLeave(r, group), ErrorCode.NOT_IN_GROUP);
        alice.refused(r -> new Messages.JoinDecide(r, group, asked.id(), true), ErrorCode.UNKNOWN_PROPOSAL); // decided once
        dave.request(r -> new Messages.JoinLookup(r, issued.code()), Messages.JoinInfo.class);
    }

    @Test
    void anExpiredCodeGetsTheSameAnswerAsAWrongOne() {
        Messages.JoinCodeIssued issued = code(alice, group);
        Messages.Error wrong = dave.refused(r -> new Messages.JoinLookup(r, "ZZZZZ-ZZZZZ"), ErrorCode.UNKNOWN_CODE);
        f.clock.advance(Duration.ofMinutes(10));
        Messages.Error expired = dave.refused(r -> new Messages.JoinLookup(r, issued.code()), ErrorCode.UNKNOWN_CODE);
        Messages.Error expiredAsk = dave.refused(r -> new Messages.JoinAsk(r, issued.code()), ErrorCode.UNKNOWN_CODE);
        assertThat(List.of(expired.message(), expiredAsk.message())).containsOnly(wrong.message());
        assertThat(expired.retryAfter()).isNull();
        alice.assertNoPush();
    }

    @Test
    void anAskExpiresAfterTwoMinutesAndAnOfflineJoinerIsNotLetIn() {
        Messages.JoinCodeIssued issued = code(alice, group);
        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked first = alice.push(Messages.JoinAsked.class);
        f.clock.advance(Duration.ofMinutes(2));
        alice.refused(r -> new Messages.JoinDecide(r, group, first.id(), true), ErrorCode.UNKNOWN_PROPOSAL);

        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked second = alice.push(Messages.JoinAsked.class);
        TestClient frank = f.login("frank"); // dave's contact: sees dave go offline
        dave.push(Messages.Presence.class);
        dave.close();
        assertThat(frank.push(Messages.Presence.class).online()).isFalse();
        alice.refused(r -> new Messages.JoinDecide(r, group, second.id(), true), ErrorCode.NOT_IN_GROUP);
        bob.assertNoPush();
        TestClient back = f.login("dave");
        alice.request(r -> new Messages.JoinDecide(r, group, second.id(), true), Messages.Ok.class); // the ask stayed open
        assertThat(back.push(Messages.JoinAnswered.class).accepted()).isTrue();
        assertThat(back.push(Messages.GroupState.class).members()).hasSize(3);
    }

    @Test
    void anAskMadeWhileTheLeaderIsOfflineReachesHerWhenSheSignsInAgain() {
        Messages.JoinCodeIssued issued = code(alice, group);
        alice.close(); // away in her group for the grace; her code lives on
        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        f.clock.advance(Duration.ofMinutes(1));
        TestClient back = f.login("alice");
        Messages.JoinAsked asked = back.pushSkipping(Messages.JoinAsked.class, Messages.GroupState.class,
                Messages.Presence.class, Messages.Invitation.class);
        assertThat(asked.from()).isEqualTo("dave");
        assertThat(asked.group()).isEqualTo(group);
        back.request(r -> new Messages.JoinDecide(r, group, asked.id(), true), Messages.Ok.class);
        assertThat(dave.push(Messages.JoinAnswered.class).accepted()).isTrue();

        // an ask that expired while she was away is not delivered
        Messages.JoinCodeIssued next = code(back, group);
        TestClient carol = f.login("carol");
        back.close();
        carol.request(r -> new Messages.JoinAsk(r, next.code()), Messages.Ok.class);
        f.clock.advance(Duration.ofMinutes(2));
        TestClient again = f.login("alice");
        again.sync(); // everything the login brought has arrived
        assertThat(again.pendingPushes()).noneMatch(m -> m instanceof Messages.JoinAsked);
    }

    @Test
    void onlyTheLeaderShowsCodesAndLetsPeopleIn() {
        TestClient carol = f.login("carol");
        bob.refused(r -> new Messages.JoinCode(r, group), ErrorCode.NOT_LEADER);
        carol.refused(r -> new Messages.JoinCode(r, group), ErrorCode.NOT_IN_GROUP);
        carol.refused(r -> new Messages.JoinCode(r, "g-nothing"), ErrorCode.NOT_IN_GROUP);
        Messages.JoinCodeIssued issued = code(alice, group);
        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked asked = alice.push(Messages.JoinAsked.class);
        bob.refused(r -> new Messages.JoinDecide(r, group, asked.id(), true), ErrorCode.NOT_LEADER);
        carol.refused(r -> new Messages.JoinDecide(r, group, asked.id(), true), ErrorCode.NOT_IN_GROUP);
        dave.refused(r -> new Messages.JoinDecide(r, group, asked.id(), true), ErrorCode.NOT_IN_GROUP); // the asker themself
        alice.refused(r -> new Messages.JoinDecide(r, group, "j-nothing", true), ErrorCode.UNKNOWN_PROPOSAL);
        bob.refused(r -> new Messages.JoinAsk(r, issued.code()), ErrorCode.ACTION_REFUSED); // already a member
        bob.assertNoPush();
        dave.assertNoPush();
    }

    @Test
    void aCodeLetsIntoItsOneGroupAndANewCodeReplacesTheOld() {
        TestClient carol = f.login("carol");
        TestClient erin = f.login("erin");
        carol.push(Messages.Presence.class);
        String other = TestGroups.form(carol, erin);
        Messages.JoinCodeIssued old = code(alice, group);
        Messages.JoinCodeIssued issued = code(alice, group);
        assertThat(issued.code()).isNotEqualTo(old.code());
        dave.refused(r -> new Messages.JoinLookup(r, old.code()), ErrorCode.UNKNOWN_CODE);

        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked asked = alice.push(Messages.JoinAsked.class);
        carol.refused(r -> new Messages.JoinDecide(r, other, asked.id(), true), ErrorCode.UNKNOWN_PROPOSAL); // not its group
        alice.request(r -> new Messages.JoinDecide(r, group, asked.id(), true), Messages.Ok.class);
        assertThat(dave.push(Messages.JoinAnswered.class).group()).isEqualTo(group);
        assertThat(dave.push(Messages.GroupState.class).group()).isEqualTo(group);
        dave.assertNoPush();
        carol.assertNoPush();
        erin.assertNoPush();
    }

    @Test
    void whenTheCodeIsUsedTheOtherAskersAreToldNo() {
        TestClient erin = f.login("erin");
        Messages.JoinCodeIssued issued = code(alice, group);
        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked fromDave = alice.push(Messages.JoinAsked.class);
        erin.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked fromErin = alice.push(Messages.JoinAsked.class);
        alice.request(r -> new Messages.JoinDecide(r, group, fromDave.id(), true), Messages.Ok.class);
        assertThat(erin.push(Messages.JoinAnswered.class).accepted()).isFalse();
        alice.refused(r -> new Messages.JoinDecide(r, group, fromErin.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        erin.assertNoPush();
    }

    @Test
    void aCodeWithoutAGroupFormsANewOneWhenTheFirstJoinerIsLetIn() {
        TestClient carol = f.login("carol");
        Messages.JoinCodeIssued issued = carol.request(r -> new Messages.JoinCode(r, null), Messages.JoinCodeIssued.class);
        Messages.JoinInfo info = dave.request(r -> new Messages.JoinLookup(r, issued.code()), Messages.JoinInfo.class);
        assertThat(info.leader()).isEqualTo("carol");
        assertThat(info.members()).containsExactly("carol");
        carol.refused(r -> new Messages.JoinAsk(r, issued.code()), ErrorCode.ACTION_REFUSED); // its own code
        dave.request(r -> new Messages.JoinAsk(r, issued.code()), Messages.Ok.class);
        Messages.JoinAsked asked = carol.push(Messages.JoinAsked.class);
        alice.refused(r -> new Messages.JoinDecide(r, issued.group(), asked.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        carol.request(r -> new Messages.JoinDecide(r, issued.group(), asked.id(), true), Messages.Ok.class);
        dave.push(Messages.JoinAnswered.class);
        Messages.GroupState state = dave.push(Messages.GroupState.class);
        assertThat(state.group()).isEqualTo(issued.group());
        assertThat(state.leader()).isEqualTo("carol");
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(state);
    }
}
