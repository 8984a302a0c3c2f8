package dev.companion.p2p.protocol;

/** Control center → terminal: the answer to one {@link ControlRequest}, with its req. */
public sealed interface ControlAnswer extends Message permits Messages.LoginOk, Messages.InviteSent, Messages.Ok,
        Messages.Error, Messages.IceServers, Messages.JoinCodeIssued, Messages.JoinInfo, Messages.Usage {
}
