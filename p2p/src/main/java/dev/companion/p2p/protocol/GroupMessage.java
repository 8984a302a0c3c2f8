package dev.companion.p2p.protocol;

/**
 * A peer message of one group from one member (action, step, result, resume, catch_up, similar_rules;
 * film night's clock_ask, clock_answer, film, film_ready; the chat's {@link ChatMessage}s; flow_share;
 * a bot's bot_says and the answers to it, bot_answer). The peer
 * link checks group and from against the link it arrived on, which was authenticated for exactly
 * that group and member, before anyone else sees the message (NOT_A_MEMBER otherwise).
 */
public sealed interface GroupMessage extends PeerMessage permits Messages.ActionMsg, Messages.Step,
        Messages.Result, Messages.Resume, Messages.CatchUp, Messages.ClockAsk, Messages.ClockAnswer, Messages.Film,
        Messages.FilmReady, Messages.SimilarRules, ChatMessage, Messages.FlowShare,
        Messages.BotSays, Messages.BotAnswer {
    String group();

    /** The member that sent it. */
    String from();
}
