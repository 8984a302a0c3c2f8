package dev.companion.app.ui.chat;

import dev.companion.app.chat.DrawEntry;
import dev.companion.app.follow.ApplyResult;

/**
 * What became of the last drawing on this terminal (docs/protocol.md "Drawing"): a member's that
 * could not be placed on this page (shown: why), or this person's own stroke that was refused
 * (drawing null, refused: the code, e.g. NOT_LEADER or RATE_LIMITED).
 */
public record DrawLine(DrawEntry drawing, ApplyResult shown, String refused) {
}
