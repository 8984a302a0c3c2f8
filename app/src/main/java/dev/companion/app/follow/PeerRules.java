package dev.companion.app.follow;

import dev.companion.p2p.protocol.ChatMessage;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.GroupMessage;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import dev.companion.p2p.protocol.Messages.BotAnswer;
import dev.companion.p2p.protocol.Messages.BotSays;
import dev.companion.p2p.protocol.Messages.CatchUp;
import dev.companion.p2p.protocol.Messages.ClockAnswer;
import dev.companion.p2p.protocol.Messages.ClockAsk;
import dev.companion.p2p.protocol.Messages.Film;
import dev.companion.p2p.protocol.Messages.FilmReady;
import dev.companion.p2p.protocol.Messages.FlowShare;
import dev.companion.p2p.protocol.Messages.GroupState;
import dev.companion.p2p.protocol.Messages.Result;
import dev.companion.p2p.protocol.Messages.Resume;
import dev.companion.p2p.protocol.Messages.SimilarRules;
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
 *   <li>film night: clock_ask and clock_answer only addressed to this terminal (an answer only to an
 *       open ask: FilmNight, NOT_ASKED); film only from the current leader (NOT_LEADER); film_ready
 *       only addressed to this terminal when it leads (NOT_LEADER); at most 10 a second from one
 *       member (FilmNight, RATE_LIMITED).</li>
 *   <li>similar_rules: from any member; kept as an offer until this terminal's person decides.</li>
 *   <li>flow_share: from any member, only addressed to this terminal (what is in it is checked by the
 *       session's flow inbox, as an import is).</li>
 *   <li>bot_says: only from the current leader (NOT_LEADER); bot_answer: only to this terminal while it
 *       leads (NOT_LEADER); both at most {@link dev.companion.p2p.protocol.Protocol#BOT_PER_SECOND} a
 *       second from one member (the engine's {@link MemberRate}, RATE_LIMITED).</li>
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
            case ClockAsk a -> "clock_ask refused";
            case ClockAnswer a -> "clock_answer refused";
            case Film f -> code == ErrorCode.NOT_LEADER ? "only the leader's film is followed" : "film refused";
            case FilmReady r -> code == ErrorCode.NOT_LEADER ? "film_ready goes to the leader" : "film_ready refused";
            case SimilarRules r -> "similar_rules refused";
            case ChatMessage c -> "chat is the chat room's, not the follow engine's";
            case FlowShare f -> "flow share refused";
            case BotSays b -> code == ErrorCode.NOT_LEADER ? "only the leader's bot speaks to this group" : "bot_says refused";
            case BotAnswer b -> code == ErrorCode.NOT_LEADER ? "answers go to the bot that leads" : "bot_answer refused";
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
            case ClockAsk a -> me.equals(a.to()) ? null : ErrorCode.NOT_A_MEMBER;
            case ClockAnswer a -> me.equals(a.to()) ? null : ErrorCode.NOT_A_MEMBER;
            case Film f -> fromUser.equals(g.leader()) ? null : ErrorCode.NOT_LEADER;
            case FilmReady r -> !me.equals(r.to()) ? ErrorCode.NOT_A_MEMBER : me.equals(g.leader()) ? null : ErrorCode.NOT_LEADER;
            case SimilarRules r -> null; // any member may offer; this terminal's person decides (SiteRules)
            case ChatMessage c -> ErrorCode.UNKNOWN_TYPE; // the session hands chat to app.chat, never here
            case FlowShare f -> me.equals(f.to()) ? null : ErrorCode.NOT_A_MEMBER;
            case BotSays b -> fromUser.equals(g.leader()) ? null : ErrorCode.NOT_LEADER;
            case BotAnswer b -> me.equals(g.leader()) ? null : ErrorCode.NOT_LEADER;
        };
    }

    /** The sequence number a refusal of m is reported with (0 for resume and similar_rules). */
    static long seq(GroupMessage m) {
        return switch (m) {
            case ActionMsg a -> a.seq();
            case Step s -> s.seq();
            case CatchUp c -> c.seq();
            case Result r -> r.seq();
            case Resume r -> 0;
            case ClockAsk a -> 0;
            case ClockAnswer a -> 0;
            case Film f -> 0;
            case FilmReady r -> 0;
            case SimilarRules r -> 0;
            case ChatMessage c -> 0;
            case FlowShare f -> f.part();
            case BotSays b -> b.step();
            case BotAnswer b -> b.step();
        };
    }

    private static String sequenced(ErrorCode code) {
        return code == ErrorCode.NOT_LEADER ? "only the leader's actions are followed" : "not from a member of this group";
    }
}
