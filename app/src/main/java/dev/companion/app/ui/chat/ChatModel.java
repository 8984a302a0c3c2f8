package dev.companion.app.ui.chat;

import dev.companion.app.browser.BrowserView;
import dev.companion.app.browser.Stroke;
import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.ChatListener;
import dev.companion.app.chat.DrawEntry;
import dev.companion.app.chat.NotPlacedEntry;
import dev.companion.app.chat.PointEntry;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.session.SessionService;
import dev.companion.app.thread.FxThread;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.PlaceKind;
import dev.companion.p2p.protocol.PlaceReason;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat as the window shows it: the current group's lines (from the profile, then as they are
 * kept), each once, and how many lines of others came while the chat was not being read. One per
 * session, listening to it for the session's life, so a pane rebuilt by a language switch shows the
 * same lines and registers nothing more. Properties change on the FX thread only.
 *
 * <p>Points ("look here") are shown apart, the last {@link #POINTS} of the group: each of another
 * member's is found and outlined on this terminal's page as it comes (and again on "Show again"),
 * and says whether it was found.
 *
 * <p>Drawing (docs/protocol.md "Drawing"): {@link #drawing} is the page's draw mode (the window's
 * toggle); each stroke the person draws goes to the group, each drawing of the group (own too) is
 * painted on this page, and {@link #lastDrawing} says what went wrong with the last one, if anything.
 *
 * <p>A point or drawing of another member's that this page cannot place (not found, or not clearly
 * one element) is said to its sender once ({@code not_placed}); the members' such answers to this
 * terminal's own are {@link #unplaced}, the last {@link #POINTS}.
 */
public final class ChatModel implements ChatListener {
    private static final Map<SessionService, ChatModel> MODELS = Collections.synchronizedMap(new WeakHashMap<>());

    public final ObservableList<ChatEntry> lines = FXCollections.observableArrayList();
    public final IntegerProperty unread = new SimpleIntegerProperty();
    /** The group's last points, oldest first. */
    public final ObservableList<PointLine> points = FXCollections.observableArrayList();
    static final int POINTS = 5;
    /** How long a drawing shows (ms): a gesture, not an annotation. */
    static final int DRAW_LIFE_MS = 5000;
    /** Draw mode of this terminal's page: the window's Draw toggle (FX thread). */
    public final BooleanProperty drawing = new SimpleBooleanProperty();
    /** The colour the person draws in (FX thread). */
    public final ObjectProperty<Ink> ink = new SimpleObjectProperty<>(Ink.RED);
    /** What went wrong with the last drawing here (null: nothing). */
    public final ObjectProperty<DrawLine> lastDrawing = new SimpleObjectProperty<>();
    /** Members who could not place this terminal's points or drawings, oldest first (FX thread). */
    public final ObservableList<NotPlacedEntry> unplaced = FXCollections.observableArrayList();
    private final ChatActions actions;
    private final Set<String> shown = new HashSet<>();
    private String group;
    private String me = "";
    private boolean reading;

    /** The chat of actions' session; call {@link ChatActions#listen} with it once (see {@link #of}). */
    public ChatModel(ChatActions actions) {
        this.actions = actions;
        drawing.addListener((o, was, now) -> actions.drawMode(now));
    }

    /** The window's chat model of session, made and registered the first time. */
    public static ChatModel of(SessionService session) {
        return of(session, null);
    }

    /** As {@link #of(SessionService)}, pointing in view's page (null: none). */
    public static ChatModel of(SessionService session, BrowserView view) {
        return MODELS.computeIfAbsent(session, s -> {
            ChatActions a = ChatActions.of(s, view);
            ChatModel m = new ChatModel(a);
            a.listen(m);
            return m;
        });
    }

    public ChatActions actions() {
        return actions;
    }

    @Override
    public void onLine(ChatEntry line) {
        FxThread.run(() -> add(line, true));
    }

    @Override
    public void onPoint(PointEntry point) {
        FxThread.run(() -> {
            if (group == null || !group.equals(point.group())) {
                return;
            }
            PointLine line = new PointLine(point, null);
            points.add(line);
            if (points.size() > POINTS) {
                points.remove(0);
            }
            if (!point.sender().equals(me)) {
                if (!reading) {
                    unread.set(unread.get() + 1);
                }
                showAgain(line);
            }
        });
    }

    /** The person drew a stroke in draw mode (any thread): it goes to the group, or why not is told. */
    public void onStroke(Stroke stroke) {
        FxThread.run(() -> {
            Ink color = ink.get();
            actions.draw(stroke, color, DRAW_LIFE_MS).whenComplete((d, e) -> {
                if (e != null) {
                    Throwable why = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    String code = why instanceof ProtocolException pe ? pe.code().name() : ErrorCode.INTERNAL.name();
                    FxThread.run(() -> lastDrawing.set(new DrawLine(null, null, code)));
                }
            });
        });
    }

    /** The person left draw mode on the page (Esc): the toggle follows (any thread). */
    public void onDrawModeEnded() {
        FxThread.run(() -> drawing.set(false));
    }

    /** A new top page is ready (any thread): draw mode, when on, is turned on in it too. */
    public void onPageReady() {
        FxThread.run(() -> {
            if (drawing.get()) {
                actions.drawMode(true);
            }
        });
    }

    @Override
    public void onDraw(DrawEntry d) {
        FxThread.run(() -> {
            if (group == null || !group.equals(d.group())) {
                return;
            }
            actions.showDrawing(d).whenComplete((r, e) -> FxThread.run(() -> {
                if (r == null || !r.applied()) {
                    lastDrawing.set(new DrawLine(d, r != null ? r : ApplyResult.failed(ApplyResult.ERROR), null));
                }
                if (!d.sender().equals(me)) {
                    tellSender(d.group(), d.sender(), PlaceKind.DRAW, d.at(), r);
                }
            }));
        });
    }

    /** FX thread: removes every drawing from this page. */
    public void clearDrawings() {
        lastDrawing.set(null);
        actions.clearDrawings();
    }

    /** FX thread: finds line's element on this page and outlines it again; the line then says what became of it. */
    public void showAgain(PointLine line) {
        actions.showPoint(line.point().target()).whenComplete((r, e) -> FxThread.run(() -> {
            int i = points.indexOf(line);
            int at = i >= 0 ? i : indexOf(line.point());
            if (at >= 0) {
                points.set(at, new PointLine(line.point(), r != null ? r : ApplyResult.failed(ApplyResult.ERROR)));
            }
            PointEntry p = line.point();
            if (!p.sender().equals(me)) {
                tellSender(p.group(), p.sender(), PlaceKind.POINT, p.at(), r); // the chat room sends it once
            }
        }));
    }

    /** The sender of a point or drawing this page could not place hears why (a reason from a closed list). */
    private void tellSender(String groupId, String sender, PlaceKind kind, long at, ApplyResult r) {
        PlaceReason why = r == null || r.applied() ? null
                : ApplyResult.TARGET_NOT_FOUND.equals(r.reason()) ? PlaceReason.NOT_FOUND
                : ApplyResult.AMBIGUOUS_TARGET.equals(r.reason()) || ApplyResult.WEAK_TARGET.equals(r.reason())
                        ? PlaceReason.AMBIGUOUS : null; // no page, an error: nothing to say about the point
        if (why != null) {
            actions.notPlaced(groupId, sender, kind, at, why);
        }
    }

    @Override
    public void onNotPlaced(NotPlacedEntry answer) {
        FxThread.run(() -> {
            if (group != null && group.equals(answer.group())) {
                unplaced.add(answer);
                if (unplaced.size() > POINTS) {
                    unplaced.remove(0);
                }
            }
        });
    }

    private int indexOf(PointEntry p) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).point() == p) {
                return i;
            }
        }
        return -1;
    }

    /** FX thread: the group the window shows (null: none) and who this user is; another group starts afresh from the profile. */
    public void show(String groupId, String user) {
        me = user == null ? "" : user;
        if (groupId == null ? group == null : groupId.equals(group)) {
            return;
        }
        group = groupId;
        lines.clear();
        shown.clear();
        points.clear();
        unplaced.clear();
        lastDrawing.set(null);
        drawing.set(false);
        unread.set(0);
        if (groupId != null) {
            actions.lines().thenAccept(kept -> FxThread.run(() -> load(groupId, kept)));
        }
    }

    private void load(String groupId, List<ChatEntry> kept) {
        if (!groupId.equals(group)) {
            return;
        }
        List<ChatEntry> meanwhile = List.copyOf(lines); // lines heard before the profile answered come after it
        lines.clear();
        shown.clear();
        kept.forEach(l -> add(l, false));
        meanwhile.forEach(l -> add(l, false));
    }

    private void add(ChatEntry line, boolean fresh) {
        if (group == null || !group.equals(line.group()) || !shown.add(line.sender() + "\n" + line.seq())) {
            return;
        }
        lines.add(line);
        if (fresh && !reading && !line.sender().equals(me)) {
            unread.set(unread.get() + 1);
        }
    }

    /** FX thread: the person is reading the chat (its list or field has the focus): nothing is unread. */
    public void reading(boolean now) {
        reading = now;
        if (now) {
            unread.set(0);
        }
    }

    /** This user (FX thread). */
    String me() {
        return me;
    }

    /** Whether point is this user's own. */
    boolean mine(PointEntry point) {
        return point.sender().equals(me);
    }

    /** Whether line is this user's own. */
    boolean mine(ChatEntry line) {
        return line.sender().equals(me);
    }
}
