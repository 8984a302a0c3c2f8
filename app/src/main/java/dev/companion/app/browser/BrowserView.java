package dev.companion.app.browser;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.film.FilmReading;
import dev.companion.app.follow.film.FilmRequest;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.Target;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;

/** One embedded Chromium page shown in JavaFX, with the page agent in every frame. */
public interface BrowserView extends AutoCloseable {
    /** A resizable region showing the page; takes mouse, wheel and keyboard (focus traversable). */
    Node node();

    /** Loads url in the top frame (a browser command); the resulting navigation is reported with cause "user". */
    void load(String url);

    /** History back; reported with cause "user". */
    void back();

    /** History forward; reported with cause "user". */
    void forward();

    /** Reloads; reported with cause "user". */
    void reload();

    /**
     * Draws every page this much larger (1.0: as the site made it; the large-text setting), kept across
     * pages and sites. Presses still land where they should: the page's devicePixelRatio carries it.
     */
    void setPageZoom(double factor);

    /** The top frame's URL; updated on the JavaFX thread. */
    ReadOnlyStringProperty urlProperty();

    /**
     * The address the top frame last failed to load (Chromium shows its error page while
     * {@link #urlProperty()} keeps the page before), empty when none failed or once another page loads;
     * updated on the JavaFX thread. The address bar shows it so the person can correct it.
     */
    ReadOnlyStringProperty failedUrlProperty();

    /** The page title; updated on the JavaFX thread. */
    ReadOnlyStringProperty titleProperty();

    /** True while the page loads; updated on the JavaFX thread. */
    ReadOnlyBooleanProperty loadingProperty();

    /**
     * The form field that has the focus in the page (or had it when the window lost the focus), and
     * whether it is private; null when none. Updated on the JavaFX thread; never holds the field's value.
     */
    ReadOnlyObjectProperty<FocusedField> focusedFieldProperty();

    /** Receives captured actions and ready notices; null to stop. */
    void setListener(AgentListener listener);

    /**
     * Repeats a received action in the page (its frame), on the element its evidence (target) finds
     * when one is clearly best (docs/protocol.md, "Targets"). Completes within 8 s. The events the page
     * agent fires while applying are never captured; navigations and scrolls the page makes in
     * response are reported like any other (the follow engine's echo rule decides what they are).
     * The action travels as JSON data, never as code.
     */
    CompletableFuture<ApplyResult> apply(Action action);

    /**
     * {@link #apply(Action)}, telling waiting (on any thread, at most once) why the page waits when
     * the action's target is not there yet; then completes within 8 s (the page waits up to 5 s for
     * the target).
     */
    CompletableFuture<ApplyResult> apply(Action action, Consumer<String> waiting);

    /**
     * Benchmarks only, called by nothing in the app: the test hook (tools/testkit, never shipped)
     * turns it on for the follow benchmark's peer row. On, an applied click is a DOM click as before
     * real input (no paint wait, no covered check, no real press; the owner-only check stays).
     */
    void domPressForBenchmark(boolean on);

    /**
     * The top page as it can be shared: URL, the form fields the user changed from what the page loaded
     * with (never private fields; at most 200), window scroll position, audio/video positions (at most
     * 20). Frames are not included. Completes with null when there is no web page (about:blank, an
     * error page, a closed view); exceptionally after 5 s without an answer or when the page's answer
     * is not a valid state. The state always fits into one wire frame (fields are dropped if needed).
     */
    CompletableFuture<PageState> snapshot();

    /**
     * Brings the current page's fields, scroll and media to state (the caller has loaded state.url()
     * already; a page of another origin is refused). Values travel as JSON data, are set as applying
     * does and are never captured. Completes within 5 s with applied true when everything was
     * restored; else what was skipped (private here, not found, refused, in frames, media blocked) is
     * counted in the reason, e.g. "2 fields not found, 1 private fields skipped", and the rest is
     * still restored.
     */
    CompletableFuture<ApplyResult> restore(PageState state);

    /**
     * Film night: reads a film of the top page (request.selector null: the one a person started last
     * here; else the leader's film, found by its selector and source path) after doing what
     * request.command says (rate, seek, play, pause — as the agent's own changes, never captured).
     * Completes with the reading, not found with a reason when there is no such film; exceptionally
     * after 5 s without an answer.
     */
    CompletableFuture<FilmReading> film(FilmRequest request);

    /**
     * Whether the top page shows expect's element (a visible element matching the selector, neither a
     * private field nor holding one; a selector that asks about what a field holds is refused) and
     * text, waiting up to 5 s for it (after a navigation: on the new page). Completes within 8 s with
     * true or false -- nothing of the page comes back. The URL part is the caller's to check.
     */
    CompletableFuture<Boolean> check(Expect expect);

    /**
     * Pointing: lets the person pick an element of the top page -- their next click, which is not
     * performed (the page never sees it, no action is captured), or Enter on the focused element;
     * Esc cancels. Completes with the element's evidence (never what a field holds), or null when
     * cancelled or nothing was picked within a minute.
     */
    CompletableFuture<Target> pickTarget();

    /**
     * Finds a member's point on the top page with the resolver actions use (one candidate clearly
     * best) and outlines it for a few seconds, scrolled into view, focus not moved, nothing pressed.
     * Completes within 5 s: applied true when outlined; else why (ambiguous-target with the count,
     * target-not-found, no-page) and nothing is outlined.
     */
    CompletableFuture<ApplyResult> showPoint(Target target);

    /**
     * Drawing (docs/protocol.md "Drawing"): while on, the person's drags on the top page draw strokes,
     * each reported to the listener ({@link AgentListener#onStroke}), and the page gets no pointer or
     * click event (nothing is pressed, selected or captured). Esc on the page turns it off
     * ({@link AgentListener#onDrawModeEnded}). A new page starts with it off.
     */
    void drawMode(boolean on);

    /**
     * Paints a drawing over the element target clearly names on the top page (the resolver actions
     * use), xy (fractions of that element's box) scaled to its box, for lifeMs, following it on scroll
     * and resize; nothing is scrolled, focused or pressed. Completes within 5 s: applied true when
     * painted; else why (ambiguous-target with the count, target-not-found, no-page), nothing painted.
     */
    CompletableFuture<ApplyResult> showDrawing(Target target, Ink color, int lifeMs, List<Double> xy);

    /** Removes every drawing from the top page. */
    void clearDrawings();

    /**
     * Input as a person's: a left-button drag through the points (x0, y0, x1, y1... in page pixels),
     * straight to Chromium. For the test hook and bots.
     */
    void userDrag(double... xy);

    /**
     * Input as a person's, sent straight to Chromium (so the page sees trusted events and the page
     * agent captures them): a left click at (x, y) in page pixels. For the test hook and bots; the
     * window need not have the keyboard focus.
     */
    void userClick(double x, double y);

    /** Types text into the focused element as key presses; '\n' is the Enter key, '\u001b' Esc. */
    void userType(String text);

    /** Evaluates a JavaScript expression in the top frame; completes with its JSON.stringify result. */
    CompletableFuture<String> eval(String jsExpression);

    /**
     * The links of the top page: the absolute http(s) URLs of its {@code a[href]} and
     * {@code area[href]}, at most 2,000, in document order (the follow engine's own equivalents of
     * per-user URLs). Completes exceptionally as {@link #eval} does.
     */
    default CompletableFuture<List<String>> links() {
        return eval(PageLinks.EXPRESSION).thenApply(PageLinks::parse);
    }

    /** Closes the browser; safe to call more than once. */
    @Override
    void close();
}
