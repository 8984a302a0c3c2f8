package dev.companion.p2p.link;

/** A remote member of a group: the unit the link manager connects to (one connection each). */
record PeerKey(String group, String user) {
}
