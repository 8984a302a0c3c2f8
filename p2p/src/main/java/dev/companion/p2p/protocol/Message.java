package dev.companion.p2p.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One wire message. Every message is a JSON object whose "type" field names it; the records are
 * in {@link Messages}, and docs/protocol.md documents each with a golden fixture. Each record is of
 * one or more directions: {@link ControlRequest}, {@link ControlAnswer}, {@link ControlPush},
 * {@link PeerMessage} (with {@link GroupMessage}), {@link Heartbeat}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Messages.Login.class, name = "login"),
    @JsonSubTypes.Type(value = Messages.LoginOk.class, name = "login_ok"),
    @JsonSubTypes.Type(value = Messages.Ok.class, name = "ok"),
    @JsonSubTypes.Type(value = Messages.Error.class, name = "error"),
    @JsonSubTypes.Type(value = Messages.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = Messages.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = Messages.ContactAdd.class, name = "contact_add"),
    @JsonSubTypes.Type(value = Messages.ContactAccept.class, name = "contact_accept"),
    @JsonSubTypes.Type(value = Messages.ContactUpdate.class, name = "contact_update"),
    @JsonSubTypes.Type(value = Messages.Presence.class, name = "presence"),
    @JsonSubTypes.Type(value = Messages.Invite.class, name = "invite"),
    @JsonSubTypes.Type(value = Messages.InviteSent.class, name = "invite_sent"),
    @JsonSubTypes.Type(value = Messages.Invitation.class, name = "invitation"),
    @JsonSubTypes.Type(value = Messages.InviteAnswer.class, name = "invite_answer"),
    @JsonSubTypes.Type(value = Messages.InvitationAnswered.class, name = "invitation_answered"),
    @JsonSubTypes.Type(value = Messages.GroupState.class, name = "group"),
    @JsonSubTypes.Type(value = Messages.GroupLeave.class, name = "group_leave"),
    @JsonSubTypes.Type(value = Messages.GroupDissolved.class, name = "group_dissolved"),
    @JsonSubTypes.Type(value = Messages.Signal.class, name = "signal"),
    @JsonSubTypes.Type(value = Messages.IceServers.class, name = "ice_servers"),
    @JsonSubTypes.Type(value = Messages.PeerHello.class, name = "peer_hello"),
    @JsonSubTypes.Type(value = Messages.PeerWelcome.class, name = "peer_welcome"),
    @JsonSubTypes.Type(value = Messages.PairRequest.class, name = "pair_request"),
    @JsonSubTypes.Type(value = Messages.PairAnswer.class, name = "pair_answer"),
    @JsonSubTypes.Type(value = Messages.ActionMsg.class, name = "action"),
    @JsonSubTypes.Type(value = Messages.GroupSet.class, name = "group_set"),
    @JsonSubTypes.Type(value = Messages.LeadAsk.class, name = "lead_ask"),
    @JsonSubTypes.Type(value = Messages.LeadOffer.class, name = "lead_offer"),
    @JsonSubTypes.Type(value = Messages.LeadProposal.class, name = "lead_proposal"),
    @JsonSubTypes.Type(value = Messages.LeadAnswer.class, name = "lead_answer"),
    @JsonSubTypes.Type(value = Messages.LeadAnswered.class, name = "lead_answered"),
    @JsonSubTypes.Type(value = Messages.FollowPause.class, name = "follow_pause"),
    @JsonSubTypes.Type(value = Messages.Step.class, name = "step"),
    @JsonSubTypes.Type(value = Messages.Result.class, name = "result"),
    @JsonSubTypes.Type(value = Messages.Resume.class, name = "resume"),
    @JsonSubTypes.Type(value = Messages.CatchUp.class, name = "catch_up"),
    @JsonSubTypes.Type(value = Messages.ClockAsk.class, name = "clock_ask"),
    @JsonSubTypes.Type(value = Messages.ClockAnswer.class, name = "clock_answer"),
    @JsonSubTypes.Type(value = Messages.Film.class, name = "film"),
    @JsonSubTypes.Type(value = Messages.FilmReady.class, name = "film_ready"),
    @JsonSubTypes.Type(value = Messages.SimilarRules.class, name = "similar_rules"),
    @JsonSubTypes.Type(value = Messages.JoinCode.class, name = "join_code"),
    @JsonSubTypes.Type(value = Messages.JoinCodeIssued.class, name = "join_code_issued"),
    @JsonSubTypes.Type(value = Messages.JoinLookup.class, name = "join_lookup"),
    @JsonSubTypes.Type(value = Messages.JoinInfo.class, name = "join_info"),
    @JsonSubTypes.Type(value = Messages.JoinAsk.class, name = "join_ask"),
    @JsonSubTypes.Type(value = Messages.JoinAsked.class, name = "join_asked"),
    @JsonSubTypes.Type(value = Messages.JoinDecide.class, name = "join_decide"),
    @JsonSubTypes.Type(value = Messages.JoinAnswered.class, name = "join_answered"),
    @JsonSubTypes.Type(value = Messages.UsageReport.class, name = "usage_report"),
    @JsonSubTypes.Type(value = Messages.UsageGet.class, name = "usage_get"),
    @JsonSubTypes.Type(value = Messages.Usage.class, name = "usage"),
    @JsonSubTypes.Type(value = Messages.Chat.class, name = "chat"),
    @JsonSubTypes.Type(value = Messages.ChatResume.class, name = "chat_resume"),
    @JsonSubTypes.Type(value = Messages.ChatHistory.class, name = "chat_history"),
    @JsonSubTypes.Type(value = Messages.FlowShare.class, name = "flow_share"),
    @JsonSubTypes.Type(value = Messages.BotSays.class, name = "bot_says"),
    @JsonSubTypes.Type(value = Messages.BotAnswer.class, name = "bot_answer"),
    @JsonSubTypes.Type(value = Messages.Point.class, name = "point"),
    @JsonSubTypes.Type(value = Messages.Draw.class, name = "draw"),
    @JsonSubTypes.Type(value = Messages.ClassroomEnded.class, name = "classroom_ended"),
    @JsonSubTypes.Type(value = Messages.NotPlaced.class, name = "not_placed"),
})
public sealed interface Message permits ControlRequest, ControlAnswer, ControlPush, PeerMessage, Heartbeat {

    /** A request's id (chosen by the client, echoed by the answer); null for pushed messages. */
    default Long req() {
        return null;
    }
}
