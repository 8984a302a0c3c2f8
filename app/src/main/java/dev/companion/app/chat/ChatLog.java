package dev.companion.app.chat;

import java.util.List;

/**
 * Where the chat is kept (the profile's SQLite file, app store): every line this terminal sent or
 * got, and per sender the last seq settled, so each line is kept exactly once, also across restarts.
 * Called off the FX thread.
 */
public interface ChatLog {
    /** The last seq of sender's lines settled in group (kept, or refused for good); 0: none. */
    long last(String group, String sender);

    /**
     * Keeps line and settles its seq; false when it was kept already. audience: the members an own
     * line was sent to (empty for lines of others).
     */
    boolean keep(ChatEntry line, List<String> audience);

    /** Settles seq of sender without keeping a line (a line refused for good). */
    void skip(String group, String sender, long seq);

    /** The group's last limit lines, in the order this terminal got them. */
    List<ChatEntry> lines(String group, int limit);

    /** sender's own lines in group after seq after whose audience held member, oldest first, at most limit. */
    List<ChatEntry> sentTo(String group, String sender, String member, long after, int limit);
}
