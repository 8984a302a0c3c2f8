package dev.companion.app.ui.chat;

import dev.companion.app.browser.BrowserView;
import dev.companion.app.browser.Stroke;
import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.ChatListener;
import dev.companion.app.chat.DrawEntry;
import dev.companion.app.chat.PointEntry;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.session.SessionService;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.PlaceKind;
import dev.companion.p2p.protocol.PlaceReason;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Target;
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

    /**
     * Pointing: the person picks an element of the page (not pressed; Esc cancels) and the group is
     * pointed at it. Completes with null when they cancelled; fails as {@link #send} does.
     */
    default CompletableFuture<PointEntry> point() {
        return CompletableFuture.failedFuture(new ProtocolException(ErrorCode.NOT_LOGGED_IN, "no page to point in"));
    }

    /** Finds a point on this terminal's page and outlines it: applied, or why not (nothing outlined). */
    default CompletableFuture<ApplyResult> showPoint(Target target) {
        return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
    }

    /** Drawing: turns draw mode of this terminal's page on or off (see BrowserView#drawMode). */
    default void drawMode(boolean on) {
    }

    /** Sends the person's stroke to the group as a drawing (lifetime and colour given); fails as {@link #send} does. */
    default CompletableFuture<DrawEntry> draw(Stroke stroke, Ink color, int lifeMs) {
        return CompletableFuture.failedFuture(new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not signed in"));
    }

    /** Paints a drawing over its element on this terminal's page: applied, or why not (nothing painted). */
    default CompletableFuture<ApplyResult> showDrawing(DrawEntry drawing) {
        return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
    }

    /** Removes every drawing from this terminal's page. */
    default void clearDrawings() {
    }

    /** Tells sender (only) that this page could not place their point or drawing kind/at, and why; once each. */
    default void notPlaced(String group, String sender, PlaceKind kind, long at, PlaceReason reason) {
    }

    /**
     * A window shown without a session (the layout checks): nothing to show, and a line sent is
     * refused as it is when not signed in.
     */
    ChatActions WITHOUT_SESSION = new ChatActions() {
        @Override
        public CompletableFuture<ChatEntry> send(String text) {
            return CompletableFuture.failedFuture(new ProtocolException(ErrorCode.NOT_LOGGED_IN, "not signed in"));
        }

        @Override
        public CompletableFuture<List<ChatEntry>> lines() {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void listen(ChatListener l) {
        }
    };

    /** The real thing: the session's chat, without a page to point in. */
    static ChatActions of(SessionService session) {
        return of(session, null);
    }

    /** The real thing: the session's chat, pointing in view's page (null: none). */
    static ChatActions of(SessionService session, BrowserView view) {
        if (session == null) {
            return WITHOUT_SESSION;
        }
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

            @Override
            public CompletableFuture<PointEntry> point() {
                if (view == null) {
                    return ChatActions.super.point();
                }
                return view.pickTarget().thenCompose(t -> t == null ? CompletableFuture.completedFuture(null) : session.point(t));
            }

            @Override
            public CompletableFuture<ApplyResult> showPoint(Target target) {
                return view == null ? ChatActions.super.showPoint(target) : view.showPoint(target);
            }

            @Override
            public void drawMode(boolean on) {
                if (view != null) {
                    view.drawMode(on);
                }
            }

            @Override
            public CompletableFuture<DrawEntry> draw(Stroke stroke, Ink color, int lifeMs) {
                return session.draw(stroke.target(), color, lifeMs, stroke.xy());
            }

            @Override
            public CompletableFuture<ApplyResult> showDrawing(DrawEntry d) {
                return view == null ? ChatActions.super.showDrawing(d) : view.showDrawing(d.target(), d.color(), d.lifeMs(), d.xy());
            }

            @Override
            public void clearDrawings() {
                if (view != null) {
                    view.clearDrawings();
                }
            }

            @Override
            public void notPlaced(String group, String sender, PlaceKind kind, long at, PlaceReason reason) {
                session.notPlaced(group, sender, kind, at, reason);
            }
        };
    }
}
