package dev.companion.p2p.protocol;

/**
 * The group's chat on the peer link (chat, chat_resume, chat_history, point: "look here" at an
 * element of the page, draw: the leader's short-lived stroke over one, and not_placed: a member telling
 * the one who pointed or drew that it could not be placed): its own stream per sender, apart from the follow engine's actions. The link checks group and from as for every
 * {@link GroupMessage}; the app's chat room decides the rest (docs/protocol.md, "Chat").
 */
public sealed interface ChatMessage extends GroupMessage permits Messages.Chat, Messages.ChatResume,
        Messages.ChatHistory, Messages.Point, Messages.Draw, Messages.NotPlaced {
}
