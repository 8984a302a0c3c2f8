package dev.companion.app.follow;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.FlowShare;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Resume;
import dev.companion.p2p.protocol.Messages.Step;

/**
 * Who may send this terminal which group message, in one place (docs/security.md lists the rules).
 * The peer link has already checked that the message's group and from are those the link was
 * authenticated for; here the group must be this terminal's current one and the sender one of its
 * other members, and then, per message:
 * <ul>
 *   <li>action, step: only a member whose actions travel (the leader; everyone in mutual mode);</li>
 *   <li>resume: only for this terminal's own stream;</li>
 *   <li>result: only addressed to this terminal, about an action it sent (Incoming-side: seq at most
 *       its last);</li>
 *   <li>catch_up: with a page state only from the current leader (NOT_LEADER), and only in answer to
 *       this terminal's own resume ({@link Incoming}, NOT_ASKED);</li>
 *   <li>flow_share: from any member, only addressed to this terminal (what is in it is checked by the
 *       session's flow inbox, as an import is).</li>
 * </ul>
 * docs/security.md has the same rules as a table; PeerRulesTest walks it.
 */
final class PeerRules {
    private PeerRules() {
    }

    /** Null when m, which arrived on the link of group linkGroup from fromUser, may be considered. */
    static Refusal check(GroupState g, String me, String linkGroup, String fromUser, GroupMessage m) {
        ErrorCode code = code(g, me, linkGroup, fromUser, m);
        return code == null ? null : new Refusal(code, switch (m) {
            case ActionMsg a -> sequenced(code);
            case Step s -> sequenced(code);
            case Resume r -> "resume refused";
            case Result r -> "result refused";
            case CatchUp c -> code == ErrorCode.NOT_LEADER ? "only the leader's page is restored" : "catch-up refused";
            case FlowShare f -> "flow share refused";
        });
    }

    private static ErrorCode code(GroupState g, String me, String linkGroup, String fromUser, GroupMessage m) {
        if (g == null || !g.group().equals(linkGroup) || !linkGroup.equals(m.group())) {
            return ErrorCode.NOT_IN_GROUP;
        }
        if (!fromUser.equals(m.from()) || me.equals(fromUser) || g.member(fromUser) == null) {
            return ErrorCode.NOT_A_MEMBER;
        }
        return switch (m) {
            case ActionMsg a -> g.sends(fromUser) ? null : ErrorCode.NOT_LEADER;
            case Step s -> g.sends(fromUser) ? null : ErrorCode.NOT_LEADER;
            case Resume r -> me.equals(r.sender()) ? null : ErrorCode.NOT_A_MEMBER;
            case Result r -> me.equals(r.to()) ? null : ErrorCode.NOT_A_MEMBER;
            case CatchUp c -> c.state() == null || fromUser.equals(g.leader()) ? null : ErrorCode.NOT_LEADER;
            case FlowShare f -> me.equals(f.to()) ? null : ErrorCode.NOT_A_MEMBER;
        };
    }

    /** The sequence number a refusal of m is reported with (0 for resume). */
    static long seq(GroupMessage m) {
        return switch (m) {
            case ActionMsg a -> a.seq();
            case Step s -> s.seq();
            case CatchUp c -> c.seq();
            case Result r -> r.seq();
            case Resume r -> 0;
            case FlowShare f -> f.part();
        };
    }

    private static String sequenced(ErrorCode code) {
        return code == ErrorCode.NOT_LEADER ? "only the leader's actions are followed" : "not from a member of this group";
    }
}
