package dev.companion.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Scope;
import dev.companion.p2p.protocol.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One group per window: the group the person joined last stays, the other is left and the person
 * told; a group with nobody else yet, a change inside the group that stays, and a LAN session not
 * started leave nothing.
 */
class OneGroupTest {
    /** A side whose group the test sets, and which records each leave. */
    private static final class Place implements OneGroup.Side {
        final AtomicReference<Messages.GroupState> group = new AtomicReference<>();
        int leaves;

        @Override
        public Messages.GroupState group() {
            return group.get();
        }

        @Override
        public void leave() {
            leaves++;
            group.set(null);
        }
    }

    private final Place online = new Place();
    private final Place lan = new Place();
    private final List<String> told = new ArrayList<>();
    private final OneGroup one = new OneGroup(online, () -> lan, (where, g) -> told.add(where + " " + g.group()));

    private static Messages.GroupState group(String id, String... members) {
        List<Messages.Member> m = new ArrayList<>();
        for (String u : members) {
            m.add(new Messages.Member(u, u + "-t", u.equals(members[0]) ? Role.LEADER : Role.FOLLOWER));
        }
        return new Messages.GroupState(id, 1, members[0], Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, null, null, m, false);
    }

    private void opens(Place side, SessionListener l, Messages.GroupState g) {
        side.group.set(g);
        l.onGroup(g, null, null);
    }

    @Test
    void aPairConfirmedNearbyLeavesTheOnlineGroupAndSaysSo() {
        opens(online, one.online(), group("g1", "alice", "bob"));
        opens(lan, one.lan(), group("lan-1", "bob", "dan"));

        assertThat(online.leaves).isEqualTo(1);
        assertThat(lan.leaves).isZero();
        assertThat(told).containsExactly("ONLINE g1");
    }

    @Test
    void anOnlineGroupJoinedLaterLeavesThePairNearby() {
        opens(lan, one.lan(), group("lan-1", "bob", "dan"));
        opens(online, one.online(), group("g1", "alice", "bob"));

        assertThat(lan.leaves).isEqualTo(1);
        assertThat(online.leaves).isZero();
        assertThat(told).containsExactly("LAN lan-1");
    }

    @Test
    void aGroupWithNobodyElseYetLeavesNothing() {
        opens(lan, one.lan(), group("lan-1", "bob", "dan"));
        opens(online, one.online(), group("g1", "bob")); // bob invited someone: nobody answered yet

        assertThat(lan.leaves).isZero();
        assertThat(told).isEmpty();
    }

    @Test
    void changesInsideTheGroupThatStaysLeaveNothing() {
        opens(online, one.online(), group("g1", "alice", "bob"));
        opens(online, one.online(), group("g1", "alice", "bob", "carol"));
        opens(online, one.online(), group("g1", "bob", "carol"));

        assertThat(online.leaves).isZero();
        assertThat(lan.leaves).isZero();
        assertThat(told).isEmpty();
    }

    @Test
    void afterTheGroupEndsTheOtherSideIsNotLeft() {
        opens(online, one.online(), group("g1", "alice", "bob"));
        online.group.set(null);
        one.online().onGroup(null, "left", "bob");
        opens(lan, one.lan(), group("lan-1", "bob", "dan"));
        // the online group came back (bob rejoined it later): the pair nearby is left, once
        opens(online, one.online(), group("g2", "alice", "bob"));

        assertThat(online.leaves).isZero();
        assertThat(lan.leaves).isEqualTo(1);
        assertThat(told).containsExactly("LAN lan-1");
    }

    @Test
    void noLanSessionStartedLeavesNothing() {
        OneGroup onlineOnly = new OneGroup(online, () -> null, (where, g) -> told.add(where + " " + g.group()));
        opens(online, onlineOnly.online(), group("g1", "alice", "bob"));

        assertThat(told).isEmpty();
    }
}
