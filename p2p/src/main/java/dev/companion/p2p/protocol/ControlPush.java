package dev.companion.p2p.protocol;

/**
 * Control center → terminal, not asked for (no req): contacts, presence, invitations, group state,
 * hand-over, relayed link offers, an error that ends the connection, and a classroom's end.
 */
public sealed interface ControlPush extends Message permits Messages.ContactUpdate, Messages.Presence,
        Messages.Invitation, Messages.InvitationAnswered, Messages.GroupState, Messages.GroupDissolved,
        Messages.LeadProposal, Messages.LeadAnswered, Messages.Signal, Messages.Error, Messages.JoinAsked,
        Messages.JoinAnswered, Messages.ClassroomEnded {
}
