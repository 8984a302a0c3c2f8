package dev.companion.app.chat;

/**
 * One chat line as this terminal keeps it: identified by group, sender and seq (the sender's own
 * numbering); at is the sender's clock (ms), shown, never used for order; text is plain text.
 */
public record ChatEntry(String group, String sender, long seq, long at, String text) {
}
