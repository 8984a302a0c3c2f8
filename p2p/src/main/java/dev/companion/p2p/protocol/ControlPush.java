package dev.companion.p2p.protocol;

/**
 * Control center → terminal, not asked for (no req): contacts, presence, invitations, group state,
 * hand-over, relayed link offers, and an error that ends the connection.
 */
public sealed interface ControlPush extends Message permits Messages.ContactUpdate, Messages.Presence,
        Messages.Invitation, Messages.InvitationAnswered, Messages.GroupState, Messages.GroupDissolved,
        Messages.LeadProposal, Messages.LeadAnswered, Messages.Signal, Messages.Error, Messages.JoinAsked,
        Messages.JoinAnswered {
}
