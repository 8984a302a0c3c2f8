package dev.companion.p2p.protocol;

/**
 * Terminal → control center: a request. It carries req, chosen by the terminal; the answer (a
 * {@link ControlAnswer}) carries the same. Login comes first; the control center handles each of
 * these and refuses anything else with UNKNOWN_TYPE.
 */
public sealed interface ControlRequest extends Message permits Messages.Login, Messages.ContactAdd,
        Messages.ContactAccept, Messages.Invite, Messages.InviteAnswer, Messages.GroupLeave, Messages.GroupSet,
        Messages.LeadAsk, Messages.LeadOffer, Messages.LeadAnswer, Messages.FollowPause, Messages.Signal,
        Messages.IceServers, Messages.JoinCode, Messages.JoinLookup, Messages.JoinAsk, Messages.JoinDecide,
        Messages.UsageReport, Messages.UsageGet {
    @Override
    Long req();
}
