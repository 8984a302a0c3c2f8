package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.MemberState;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.ProposalKind;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handing the lead over: lead_ask, lead_offer, lead_proposal, lead_answer, lead_answered. */
class HandOverTest {
    @TempDir
    Path dir;
    Fixture f;
    TestClient alice;
    TestClient bob;
    TestClient carol;
    TestClient dave;
    String g;

    @BeforeEach
    void start() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob", "carol", "dave"), "alice:bob", "alice:carol");
        bob = f.login("bob");
        carol = f.login("carol");
        dave = f.login("dave");
        alice = f.login("alice");
        bob.push(Messages.Presence.class);
        carol.push(Messages.Presence.class);
        g = TestGroups.form(alice, bob, carol);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Messages.GroupState everyoneSees() {
        Messages.GroupState s = alice.push(Messages.GroupState.class);
        assertThat(bob.push(Messages.GroupState.class)).isEqualTo(s);
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(s);
        return s;
    }

    private void nobodySeesAnything() {
        alice.assertNoPush();
        bob.assertNoPush();
        carol.assertNoPush();
        dave.assertNoPush();
    }

    @Test
    void aFollowerAsksAndTheLeaderAccepts() {
        bob.request(r -> new Messages.LeadAsk(r, g), Messages.Ok.class);
        Messages.LeadProposal p = alice.push(Messages.LeadProposal.class);
        long expires = f.clock.millis() + Duration.ofSeconds(Protocol.PROPOSAL_TTL_SECONDS).toMillis();
        assertThat(p).isEqualTo(new Messages.LeadProposal(g, p.id(), ProposalKind.ASK, "bob", "alice", expires));
        bob.assertNoPush();
        carol.assertNoPush();

        alice.request(r -> new Messages.LeadAnswer(r, g, p.id(), true), Messages.Ok.class);
        assertThat(bob.push(Messages.LeadAnswered.class)).isEqualTo(new Messages.LeadAnswered(g, p.id(), "alice", true));
        Messages.GroupState s = everyoneSees();
        assertThat(s.leader()).isEqualTo("bob");
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.members()).containsExactly(new Messages.Member("alice", "t-alice", Role.FOLLOWER),
                new Messages.Member("bob", "t-bob", Role.LEADER), new Messages.Member("carol", "t-carol", Role.FOLLOWER));
        // the new leader leads: it changes the settings; the old one no longer may; a proposal is answered once
        alice.refused(r -> new Messages.GroupSet(r, g, 3, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), ErrorCode.NOT_LEADER);
        alice.refused(r -> new Messages.LeadAnswer(r, g, p.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        bob.request(r -> new Messages.GroupSet(r, g, 3, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), Messages.Ok.class);
        assertThat(everyoneSees().mode()).isEqualTo(Mode.MUTUAL);
    }

    @Test
    void theLeaderOffersAndTheMemberDeclines() {
        alice.request(r -> new Messages.LeadOffer(r, g, "carol"), Messages.Ok.class);
        Messages.LeadProposal p = carol.push(Messages.LeadProposal.class);
        assertThat(p.kind()).isEqualTo(ProposalKind.OFFER);
        assertThat(p.from()).isEqualTo("alice");
        assertThat(p.to()).isEqualTo("carol");
        carol.request(r -> new Messages.LeadAnswer(r, g, p.id(), false), Messages.Ok.class);
        assertThat(alice.push(Messages.LeadAnswered.class)).isEqualTo(new Messages.LeadAnswered(g, p.id(), "carol", false));
        nobodySeesAnything(); // the leader is unchanged: no group state
        carol.refused(r -> new Messages.LeadOffer(r, g, "bob"), ErrorCode.NOT_LEADER);
        alice.request(r -> new Messages.GroupSet(r, g, 2, Mode.MUTUAL, Following.AUTO, Scope.FULL, null, null), Messages.Ok.class);
        assertThat(everyoneSees().leader()).isEqualTo("alice");
    }

    @Test
    void theLeaderOffersAndTheMemberAccepts() {
        alice.request(r -> new Messages.LeadOffer(r, g, "carol"), Messages.Ok.class);
        Messages.LeadProposal p = carol.push(Messages.LeadProposal.class);
        carol.request(r -> new Messages.LeadAnswer(r, g, p.id(), true), Messages.Ok.class);
        assertThat(alice.push(Messages.LeadAnswered.class).accepted()).isTrue();
        assertThat(everyoneSees().leader()).isEqualTo("carol");
    }

    @Test
    void anExpiredProposalIsUnknown() {
        alice.request(r -> new Messages.LeadOffer(r, g, "bob"), Messages.Ok.class);
        Messages.LeadProposal p = bob.push(Messages.LeadProposal.class);
        f.clock.advance(Duration.ofSeconds(Protocol.PROPOSAL_TTL_SECONDS));
        bob.refused(r -> new Messages.LeadAnswer(r, g, p.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        nobodySeesAnything();

        alice.request(r -> new Messages.LeadOffer(r, g, "bob"), Messages.Ok.class);
        Messages.LeadProposal fresh = bob.push(Messages.LeadProposal.class);
        // one millisecond before it expires it still counts
        f.clock.advance(Duration.ofSeconds(Protocol.PROPOSAL_TTL_SECONDS).minusMillis(1));
        bob.request(r -> new Messages.LeadAnswer(r, g, fresh.id(), true), Messages.Ok.class);
        alice.push(Messages.LeadAnswered.class);
        assertThat(everyoneSees().leader()).isEqualTo("bob");
    }

    @Test
    void onlyTheAddresseeAnswers() {
        alice.request(r -> new Messages.LeadOffer(r, g, "bob"), Messages.Ok.class);
        Messages.LeadProposal p = bob.push(Messages.LeadProposal.class);
        carol.refused(r -> new Messages.LeadAnswer(r, g, p.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        alice.refused(r -> new Messages.LeadAnswer(r, g, p.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        dave.refused(r -> new Messages.LeadAnswer(r, g, p.id(), true), ErrorCode.NOT_IN_GROUP); // not a member: RequestRules
        bob.refused(r -> new Messages.LeadAnswer(r, g, "p-none", true), ErrorCode.UNKNOWN_PROPOSAL);
        nobodySeesAnything();
        // the wrong answers used nothing up: the addressee still can
        bob.request(r -> new Messages.LeadAnswer(r, g, p.id(), true), Messages.Ok.class);
        alice.push(Messages.LeadAnswered.class);
        assertThat(everyoneSees().leader()).isEqualTo("bob");
    }

    @Test
    void aNewerProposalReplacesTheOlder() {
        bob.request(r -> new Messages.LeadAsk(r, g), Messages.Ok.class);
        Messages.LeadProposal first = alice.push(Messages.LeadProposal.class);
        carol.request(r -> new Messages.LeadAsk(r, g), Messages.Ok.class);
        Messages.LeadProposal second = alice.push(Messages.LeadProposal.class);
        assertThat(second.from()).isEqualTo("carol");
        alice.refused(r -> new Messages.LeadAnswer(r, g, first.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        alice.request(r -> new Messages.LeadAnswer(r, g, second.id(), true), Messages.Ok.class);
        carol.push(Messages.LeadAnswered.class);
        assertThat(everyoneSees().leader()).isEqualTo("carol");
    }

    @Test
    void aProposalDiesWithTheLeaderItWasMadeUnder() {
        alice.request(r -> new Messages.LeadOffer(r, g, "carol"), Messages.Ok.class);
        Messages.LeadProposal p = carol.push(Messages.LeadProposal.class);
        alice.request(r -> new Messages.GroupLeave(r, g), Messages.Ok.class);
        Messages.GroupState s = bob.push(Messages.GroupState.class);
        assertThat(s.leader()).isEqualTo("bob");
        assertThat(carol.push(Messages.GroupState.class)).isEqualTo(s);
        carol.refused(r -> new Messages.LeadAnswer(r, g, p.id(), true), ErrorCode.UNKNOWN_PROPOSAL);
        nobodySeesAnything();
    }

    @Test
    void whoMayAskAndOffer() {
        alice.request(r -> new Messages.LeadAsk(r, g), Messages.Ok.class); // the leader asking: nothing to do
        alice.request(r -> new Messages.LeadOffer(r, g, "alice"), Messages.Ok.class); // nor offering to itself
        nobodySeesAnything();
        bob.refused(r -> new Messages.LeadOffer(r, g, "carol"), ErrorCode.NOT_LEADER);
        alice.refused(r -> new Messages.LeadOffer(r, g, "dave"), ErrorCode.NOT_IN_GROUP);
        dave.refused(r -> new Messages.LeadAsk(r, g), ErrorCode.NOT_IN_GROUP);
        dave.refused(r -> new Messages.LeadOffer(r, g, "bob"), ErrorCode.NOT_IN_GROUP);
        dave.refused(r -> new Messages.LeadAsk(r, "g-none"), ErrorCode.NOT_IN_GROUP);
        nobodySeesAnything();
    }

    @Test
    void aPausedFollowerWhoTakesTheLeadFollowsNoMore() {
        bob.request(r -> new Messages.FollowPause(r, g, true), Messages.Ok.class);
        everyoneSees();
        bob.request(r -> new Messages.LeadAsk(r, g), Messages.Ok.class);
        Messages.LeadProposal p = alice.push(Messages.LeadProposal.class);
        alice.request(r -> new Messages.LeadAnswer(r, g, p.id(), true), Messages.Ok.class);
        bob.push(Messages.LeadAnswered.class);
        Messages.GroupState s = everyoneSees();
        assertThat(s.leader()).isEqualTo("bob");
        assertThat(s.member("bob").state()).isEqualTo(MemberState.HERE);
    }
}
