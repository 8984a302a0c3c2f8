package dev.companion.p2p.protocol;

/**
 * ping and pong: both ways on both connections (control center and peer link). Each side answers a
 * ping with a pong before routing anything else.
 */
public sealed interface Heartbeat extends Message permits Messages.Ping, Messages.Pong {
}
