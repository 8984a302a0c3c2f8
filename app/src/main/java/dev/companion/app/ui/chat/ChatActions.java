package dev.companion.app.ui.chat;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.ChatListener;
import dev.companion.app.session.SessionService;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the chat pane asks of the session. Every call returns at once (the work runs off the FX
 * thread); a refusal fails the future with a {@code ProtocolException} and its code. An interface so
 * the pane can be tested without a control center.
 */
public interface ChatActions {
    /** Sends a line to the group (kept, then over the peer links). */
    CompletableFuture<ChatEntry> send(String text);

    /** The current group's lines as kept in the profile. */
    CompletableFuture<List<ChatEntry>> lines();

    /** Hears every line kept from now on (called on a link's or the session's thread). */
    void listen(ChatListener l);

    /** The real thing: the session's chat. */
    static ChatActions of(SessionService session) {
        return new ChatActions() {
            @Override
            public CompletableFuture<ChatEntry> send(String text) {
                return session.sendChat(text);
            }

            @Override
            public CompletableFuture<List<ChatEntry>> lines() {
                return session.chatLines();
            }

            @Override
            public void listen(ChatListener l) {
                session.addChatListener(l);
            }
        };
    }
}
