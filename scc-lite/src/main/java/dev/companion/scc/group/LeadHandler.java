package dev.companion.scc.group;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProposalKind;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.scc.session.Conn;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Outbox;
import dev.companion.scc.store.Ids;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Handing the lead over: lead_ask (a follower asks the leader), lead_offer (the leader offers it to a
 * member), lead_answer (the addressee decides). A proposal reaches its addressee as lead_proposal,
 * lives {@link Protocol#PROPOSAL_TTL_SECONDS} by the control center's clock, and a newer proposal in
 * the same group replaces it. Proposals are kept in memory on the logic thread.
 */
public final class LeadHandler {
    private final Hub hub;
    private final GroupService groups;
    private final Proposals proposals = new Proposals();
    private final Duration ttl = Duration.ofSeconds(Protocol.PROPOSAL_TTL_SECONDS);

    public LeadHandler(Hub hub, GroupService groups) {
        this.hub = hub;
        this.groups = groups;
    }

    /** lead_ask: a member (RequestRules) asks the leader; the leader asking itself has nothing to do. */
    public void ask(Conn conn, Messages.LeadAsk m) throws SQLException {
        String me = conn.user();
        Groups.Group g = hub.groups().ofMember(m.group(), me); // the group; RequestRules checked the membership
        if (g.leader().equals(me)) {
            conn.send(new Messages.Ok(m.req()));
            return;
        }
        propose(conn, m.req(), g, ProposalKind.ASK, g.leader());
    }

    /**
     * lead_offer: the leader offers the lead to another member (both checked by RequestRules); an
     * offer to itself has nothing to do.
     */
    public void offer(Conn conn, Messages.LeadOffer m) throws SQLException {
        String me = conn.user();
        Groups.Group g = hub.groups().ofMember(m.group(), me); // the group; RequestRules checked who may offer
        if (m.to().equals(me)) {
            conn.send(new Messages.Ok(m.req()));
            return;
        }
        propose(conn, m.req(), g, ProposalKind.OFFER, m.to());
    }

    private void propose(Conn conn, long req, Groups.Group g, ProposalKind kind, String to) {
        long now = hub.now();
        Proposals.Proposal p = new Proposals.Proposal(Ids.next("p"), g.id(), kind, conn.user(), to, g.leader(),
                now + ttl.toMillis());
        proposals.put(p, now);
        conn.send(new Messages.Ok(req));
        Outbox out = hub.outbox();
        out.toUser(to, new Messages.LeadProposal(p.group(), p.id(), p.kind(), p.from(), p.to(), p.expiresAt()));
        out.flush();
    }

    /**
     * lead_answer, from a member (RequestRules): UNKNOWN_PROPOSAL unless the proposal is open, addressed
     * to the sender, unexpired, its proposer is still a member and the group's leader is still the one
     * it was proposed under.
     * Accepting makes the asker (ask) or the offered member (offer) the leader. Answer ok; the
     * proposer receives lead_answered; on accept every member receives the group state.
     */
    public void answer(Conn conn, Messages.LeadAnswer m) {
        String me = conn.user();
        Outbox out = hub.outbox();
        Proposals.Proposal decided = hub.store().tx(() -> {
            Proposals.Proposal p = proposals.get(m.group(), m.id());
            Groups.Group g = hub.groups().ofMember(m.group(), me); // re-read in the transaction
            if (p == null || !p.to().equals(me) || hub.now() >= p.expiresAt()
                    || !g.leader().equals(p.leader()) || !hub.groups().isMember(g.id(), p.from())) {
                throw new ProtocolException(ErrorCode.UNKNOWN_PROPOSAL, "no open lead proposal " + m.id() + " for you in "
                        + m.group() + " (expired, replaced, or the group changed leader)");
            }
            out.toUser(p.from(), new Messages.LeadAnswered(p.group(), p.id(), me, m.accept()));
            if (m.accept()) {
                groups.setLeader(g.id(), p.newLeader());
                groups.changed(g.id(), p.newLeader() + " leads (handed over by " + p.leader() + ")", out);
            }
            return p;
        });
        proposals.remove(decided);
        conn.send(new Messages.Ok(m.req()));
        out.flush();
    }

}
