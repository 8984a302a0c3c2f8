package dev.companion.app.chat;

import dev.companion.p2p.protocol.PlaceKind;
import dev.companion.p2p.protocol.PlaceReason;

/**
 * A member's answer that this terminal's point or drawing (kind, named by its at) could not be placed
 * on their page, and why (a closed list). Not kept in the profile.
 */
public record NotPlacedEntry(String group, String member, PlaceKind kind, long at, PlaceReason reason) {
}
