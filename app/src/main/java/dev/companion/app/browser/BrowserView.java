package dev.companion.app.browser;

import dev.companion.p2p.protocol.Action;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;

/** One embedded Chromium page shown in JavaFX, with the page agent in every frame. */
public interface BrowserView extends AutoCloseable {
    /** A resizable region showing the page; takes mouse, wheel and keyboard (focus traversable). */
    Node node();

    /** Loads url in the top frame; the resulting navigation is reported with cause "user". */
    void load(String url);

    /** History back; reported with cause "user". */
    void back();

    /** History forward; reported with cause "user". */
    void forward();

    /** Reloads; reported with cause "user". */
    void reload();

    /** The top frame's URL; updated on the JavaFX thread. */
    ReadOnlyStringProperty urlProperty();

    /** The page title; updated on the JavaFX thread. */
    ReadOnlyStringProperty titleProperty();

    /** True while the page loads; updated on the JavaFX thread. */
    ReadOnlyBooleanProperty loadingProperty();

    /** Receives captured actions and ready notices; null to stop. */
    void setListener(AgentListener listener);

    /**
     * Repeats a received action in the page (its frame). Completes within 5 s; applying never produces
     * {@link AgentListener#onAction} callbacks. The action travels as JSON data, never as code.
     */
    CompletableFuture<ApplyResult> apply(Action action);

    /** Evaluates a JavaScript expression in the top frame; completes with its JSON.stringify result. */
    CompletableFuture<String> eval(String jsExpression);

    /** Closes the browser; safe to call more than once. */
    @Override
    void close();
}
