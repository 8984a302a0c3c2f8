package dev.companion.app.ui.guide;

import dev.companion.app.session.SessionListener;
import dev.companion.app.session.SessionService;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.Background;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.BotSay;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the bot that leads this window's group last said (bot_says, already checked by the peer
 * rules: from the leader, a known key, bounded), and how the person answers it. Forgotten when the
 * group ends or someone else leads. One per session, listening for the session's life, so a panel
 * rebuilt by a language switch shows the same words. The property changes on the FX thread only.
 */
public final class GuideModel implements SessionListener {
    private static final Map<SessionService, GuideModel> MODELS = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * How an answer reaches the bot: the session's {@code answerBot}, off the FX thread. matched: for
     * did_it, whether this window's page shows the element and text the bot's words expect (null:
     * nothing to check).
     */
    @FunctionalInterface
    public interface Answers {
        CompletableFuture<Void> answer(BotReply reply, int step, String page, Boolean matched);
    }

    /** The bot's last words (null: no bot speaks to this window's group). */
    public final ObjectProperty<Messages.BotSays> said = new SimpleObjectProperty<>();
    private final Answers answers;
    /** While the window's own guide leads it ("Guide me with"), where answers go instead; null otherwise. */
    private volatile Answers here;

    public GuideModel(Answers answers) {
        this.answers = answers;
    }

    /** The window's guide model of session, made and registered the first time (null: none, never told anything). */
    public static GuideModel of(SessionService session) {
        if (session == null) { // a window shown without a session (the layout checks): no bot ever speaks
            return new GuideModel((reply, step, page, matched) -> CompletableFuture.failedFuture(
                    new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not signed in")));
        }
        return MODELS.computeIfAbsent(session, s -> {
            GuideModel m = new GuideModel((reply, step, page, matched) -> CompletableFuture.runAsync(
                    () -> s.answerBot(reply, step, page, matched), Background.executor()));
            s.addListener(m);
            return m;
        });
    }

    /**
     * The window's own guide leads it now ("Guide me with"): its answers go to answers, and only what
     * the returned listener hears (the window's side of that guide) is shown until {@link #notHere()}.
     */
    public SessionListener here(Answers answers) {
        here = answers;
        FxThread.run(() -> said.set(null));
        return new SessionListener() {
            @Override
            public void onBotSays(Messages.BotSays says) {
                if (here == answers) {
                    FxThread.run(() -> said.set(says));
                }
            }

            @Override
            public void onGroup(Messages.GroupState group, String reason, String user) {
                if (here == answers) {
                    forget(group);
                }
            }
        };
    }

    /** The window's own guide ended: its words go, and answers go to the session's bot again. */
    public void notHere() {
        here = null;
        FxThread.run(() -> said.set(null));
    }

    @Override
    public void onBotSays(Messages.BotSays says) {
        if (here == null) {
            FxThread.run(() -> said.set(says));
        }
    }

    @Override
    public void onGroup(Messages.GroupState group, String reason, String user) {
        if (here == null) {
            forget(group);
        }
    }

    private void forget(Messages.GroupState group) {
        FxThread.run(() -> {
            Messages.BotSays last = said.get();
            if (last != null && (group == null || !group.group().equals(last.group()) || !group.leader().equals(last.from()))) {
                said.set(null); // the group ended, or the bot no longer leads it
            }
        });
    }

    /** FX thread: whether the bot waits for the person's answer now (it takes none while a step is out). */
    public boolean waitsForAnswer() {
        Messages.BotSays s = said.get();
        return s != null && (s.say() == BotSay.STUCK || s.say() == BotSay.YOURS || s.say() == BotSay.NOT_DONE);
    }

    /**
     * FX thread: answers the bot about the step it last spoke of; page: this window's top page (for
     * did_it). For did_it, when the bot's words carry an expectation with an element or a text, check
     * (this window's page agent, the check a step's result uses) asks the page first, and the answer
     * says whether it matched; a check that fails counts as not matched.
     */
    public CompletableFuture<Void> answer(BotReply reply, String page, Function<Messages.Expect, CompletableFuture<Boolean>> check) {
        Messages.BotSays s = said.get();
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        Answers to = here != null ? here : answers;
        if (reply != BotReply.DID_IT) {
            return to.answer(reply, s.step(), null, null);
        }
        Messages.Expect e = s.expect();
        if (e == null || e.element() == null && e.text() == null) {
            return to.answer(reply, s.step(), page, null);
        }
        return check.apply(e).exceptionally(x -> false)
                .thenCompose(matched -> to.answer(reply, s.step(), page, Boolean.TRUE.equals(matched)));
    }
}
