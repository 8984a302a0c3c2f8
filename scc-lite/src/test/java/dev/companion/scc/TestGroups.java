package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Messages;

/** Forms groups through the protocol: the leader invites each member, who accepts. */
final class TestGroups {
    private TestGroups() {
    }

    /** leader invites each of members in turn; every member has consumed all pushes when this returns. */
    static String form(TestClient leader, TestClient... members) {
        return formState(leader, members).group();
    }

    /** As {@link #form}, returning the last group state every member received. */
    static Messages.GroupState formState(TestClient leader, TestClient... members) {
        String group = null;
        Messages.GroupState last = null;
        int size = 1;
        for (TestClient m : members) {
            String g = group;
            Messages.InviteSent sent = leader.request(r -> new Messages.Invite(r, m.user, g), Messages.InviteSent.class);
            group = sent.group();
            Messages.Invitation inv = m.push(Messages.Invitation.class);
            m.request(r -> new Messages.InviteAnswer(r, inv.id(), true), Messages.Ok.class);
            leader.push(Messages.InvitationAnswered.class);
            size++;
            last = leader.push(Messages.GroupState.class);
            assertThat(last.members()).hasSize(size);
            assertThat(last.version()).as("first announced at version 1, one more per join").isEqualTo(size - 1);
            for (int i = 0; i < size - 1; i++) {
                assertThat(members[i].push(Messages.GroupState.class)).isEqualTo(last);
            }
        }
        return last;
    }
}
