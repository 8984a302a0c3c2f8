package dev.companion.app.chat;

/** What the chat room reports (on the thread that kept the line: a link's or the session's). */
public interface ChatListener {
    /** A line was kept: one this terminal sent, or one of another member (live or from a history). */
    void onLine(ChatEntry line);

    /** A point was sent by this terminal or taken from another member (see {@link ChatRoom#point}). */
    default void onPoint(PointEntry point) {
    }

    /** A drawing was sent by this terminal or taken from a member who may draw (see {@link ChatRoom#draw}). */
    default void onDraw(DrawEntry drawing) {
    }

    /** A member could not place this terminal's point or drawing on their page (see {@link ChatRoom#notPlaced}). */
    default void onNotPlaced(NotPlacedEntry answer) {
    }

    /** A member's chat message was refused (code as on the wire, reason for the log). */
    default void onRefused(String from, String code, String reason) {
    }
}
