package dev.companion.app.ui.chat;

import dev.companion.app.chat.PointEntry;
import dev.companion.app.follow.ApplyResult;

/** A point as the chat shows it: the point, and what became of it on this page (null: own, or not yet shown). */
public record PointLine(PointEntry point, ApplyResult shown) {
}
