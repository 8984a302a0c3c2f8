package dev.companion.app.session;

import dev.companion.app.chat.ChatRoom;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.follow.FollowEngine;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.ChatMessage;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer-link events into the follow engine and the chat room: each group message a member sends goes to
 * {@link FollowEngine#onRemote} (chat: {@link ChatRoom#onRemote}) on the link's own thread
 * ({@code link-events-*}, in order per peer),
 * a refusal is answered to the sender with its code (duplicates, normal after a resume, quietly);
 * links going up or down are told to the listeners on the session thread. A flow_share the engine's
 * rules let through goes to the session's {@link FlowInbox} (refused while the person has set none); a
 * bot's bot_says and the answers to it, bot_answer, to the listeners on the session thread. The control center plays
 * no part here: losing it does not stop following.
 *
 * <p>Made before the {@link LinkManager} it listens to, and given the engine and the links by
 * {@link #attach} before that manager starts (nothing arrives before).
 */
final class PeerEvents implements LinkManager.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(PeerEvents.class);

    private final SessionThread thread;
    private final Supplier<FlowInbox> inbox;
    private volatile FollowEngine engine;
    private volatile ChatRoom chat;
    private volatile LinkManager links;
    private volatile Consumer<String> linkUp = peer -> { };

    PeerEvents(SessionThread thread, Supplier<FlowInbox> inbox) {
        this.thread = thread;
        this.inbox = inbox;
    }

    /** The follow engine, the chat room and the links of the session (online, or a LAN pair's). */
    void attach(FollowEngine engine, ChatRoom chat, LinkManager links) {
        this.engine = engine;
        this.chat = chat;
        this.links = links;
    }

    /** Who hears, on the session thread, that a link came up (after the listeners): its path is told at once. */
    void onLinkUp(Consumer<String> linkUp) {
        this.linkUp = linkUp;
    }

    @Override
    public void onLinkUp(String groupId, String peer) {
        engine.onLinkUp(peer); // ask what we missed, before anything else the peer sends is handled
        chat.onLinkUp(peer);
        thread.run(() -> {
            thread.tell(l -> l.onLink(peer, true));
            linkUp.accept(peer);
        });
    }

    @Override
    public void onLinkDown(String groupId, String peer, String reason) {
        thread.run(() -> thread.tell(l -> l.onLink(peer, false)));
    }

    @Override
    public void onMessage(String groupId, String peer, Message m) {
        FollowEngine e = engine;
        switch (m) {
            case Messages.Error err -> thread.problem(err.code().name(), "from " + peer + ": " + err.message());
            case Messages.ActionMsg a -> answer(groupId, peer, e.onRemote(groupId, peer, a), "action " + a.seq());
            case Messages.Step st -> answer(groupId, peer, e.onRemote(groupId, peer, st), "step " + st.seq());
            case Messages.Resume r -> answer(groupId, peer, e.onRemote(groupId, peer, r), "resume");
            case Messages.CatchUp c -> answer(groupId, peer, e.onRemote(groupId, peer, c), "catch_up");
            case Messages.Result r -> answer(groupId, peer, e.onRemote(groupId, peer, r), "result");
            case Messages.ClockAsk a -> answer(groupId, peer, e.onRemote(groupId, peer, a), "clock_ask");
            case Messages.ClockAnswer a -> answer(groupId, peer, e.onRemote(groupId, peer, a), "clock_answer");
            case Messages.Film f -> answer(groupId, peer, e.onRemote(groupId, peer, f), "film");
            case Messages.FilmReady r -> answer(groupId, peer, e.onRemote(groupId, peer, r), "film_ready");
            case ChatMessage c -> answer(groupId, peer, chat.onRemote(groupId, peer, c), "chat");
            case Messages.FlowShare f -> share(groupId, peer, e.onRemote(groupId, peer, f), f);
            case Messages.BotSays b -> bot(groupId, peer, e.onRemote(groupId, peer, b), "bot_says", l -> l.onBotSays(b));
            case Messages.BotAnswer b -> bot(groupId, peer, e.onRemote(groupId, peer, b), "bot_answer", l -> l.onBotAnswer(b));
            default -> LOG.debug("ignored peer message {} from {}", m.getClass().getSimpleName(), peer);
        }
    }

    /** A flow_share part: to the inbox once the rules let it through; a refusal is answered with its code and reason. */
    private void share(String groupId, String peer, ErrorCode refused, Messages.FlowShare f) {
        if (refused != null) {
            answer(groupId, peer, refused, "flow_share");
            return;
        }
        FlowInbox in = inbox.get();
        FlowInbox.Refused no = in == null ? new FlowInbox.Refused(ErrorCode.ACTION_REFUSED, "this terminal takes no flows")
                : in.onPart(peer, f);
        if (no != null) {
            links.send(groupId, peer, new Messages.Error(null, no.code(), "flow_share refused: " + no.reason()));
        }
    }

    /** A bot's words or an answer to a bot: told to the listeners once the rules let it through, else answered. */
    private void bot(String groupId, String peer, ErrorCode refused, String what, Consumer<SessionListener> tell) {
        if (refused != null) {
            answer(groupId, peer, refused, what);
        } else {
            thread.run(() -> thread.tell(tell));
        }
    }

    /** A refused message is answered with its code; duplicates (normal after a resume) quietly. */
    private void answer(String groupId, String peer, ErrorCode refused, String what) {
        if (refused != null && refused != ErrorCode.STALE_SEQUENCE) {
            links.send(groupId, peer, new Messages.Error(null, refused, what + " refused"));
        }
    }

    @Override
    public void onRefused(String groupId, String peer, ProtocolException e) {
        thread.problem(e.code().name(), "from " + peer + ": " + e.getMessage());
    }
}
