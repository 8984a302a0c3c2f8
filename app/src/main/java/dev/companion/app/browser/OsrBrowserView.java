package dev.companion.app.browser;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.film.FilmReading;
import dev.companion.app.follow.film.FilmRequest;
import dev.companion.app.thread.FxThread;
import dev.companion.app.thread.Threads;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages.Expect;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.Target;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import org.cef.CefClient;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.browser.FxOsrBrowser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BrowserView}: an off-screen Chromium browser, its JavaFX surface and its page agent.
 *
 * <p>Every top-frame navigation is reported, with its cause as a fact: "user" when this view's
 * {@link #load}, {@link #back}, {@link #forward} or {@link #reload} started it (the command marks the
 * next top-frame navigation and that navigation takes the mark), "page" for every other one (a link,
 * a form, a script, and the loads the follow engine makes). Whether a navigation is the consequence
 * of an applied action is decided in one place, the follow engine's echo rule, not here.
 *
 * <p>A little over our usual size: it is the one implementation of {@link BrowserView}, each of whose
 * calls is a line or two handing over to the agent bridge or the surface.
 */
final class OsrBrowserView implements BrowserView, AgentBridge.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(OsrBrowserView.class);

    private final BrowserSurface surface = new BrowserSurface();
    private final FxOsrBrowser browser;
    private final AgentBridge agent;
    private final ExecutorService events;
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url", "");
    private final ReadOnlyStringWrapper failedUrl = new ReadOnlyStringWrapper(this, "failedUrl", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyObjectWrapper<FocusedField> focusedField = new ReadOnlyObjectWrapper<>(this, "focusedField");
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set by a browser command (load, back, forward, reload); taken by the navigation it starts. */
    private final AtomicBoolean userCommand = new AtomicBoolean(true); // the start page is the user's choice
    private volatile NavigationCause nextLoadCause;
    /** Chromium's zoom level for every page (0: none; each 1.0 is a factor of 1.2). */
    private volatile double zoomLevel;
    private volatile AgentListener listener;

    OsrBrowserView(BrowserEngine engine, CefClient client, String startUrl) {
        this.browser = new FxOsrBrowser(client, startUrl, surface);
        this.agent = new AgentBridge(this, engine);
        this.events = Threads.single("browser-agent-events");
        this.url.set(startUrl);
    }

    void start() {
        surface.attach(browser, b -> {
            if (b == MouseButton.BACK) {
                back();
            } else {
                forward();
            }
        });
        browser.createImmediately();
    }

    AgentBridge agent() {
        return agent;
    }

    FramePainter painter() {
        return surface.painter();
    }

    // ---- BrowserView ------------------------------------------------------------------------------

    @Override
    public Node node() {
        return surface;
    }

    @Override
    public void load(String target) {
        command(() -> browser.loadURL(target));
    }

    @Override
    public void back() {
        CefThread.run(() -> {
            if (browser.canGoBack()) {
                userCommand.set(true);
                browser.goBack();
            }
        });
    }

    @Override
    public void forward() {
        CefThread.run(() -> {
            if (browser.canGoForward()) {
                userCommand.set(true);
                browser.goForward();
            }
        });
    }

    @Override
    public void reload() {
        command(browser::reload);
    }

    @Override
    public void setPageZoom(double factor) {
        if (!(factor >= 0.25 && factor <= 5)) {
            throw new IllegalArgumentException("page zoom out of 0.25..5: " + factor);
        }
        double level = Math.log(factor) / Math.log(1.2);
        zoomLevel = level;
        CefThread.run(() -> browser.setZoomLevel(level));
    }

    /** A browser command: marks the navigation it starts as the user's. */
    private void command(Runnable navigation) {
        CefThread.run(() -> {
            userCommand.set(true);
            navigation.run();
        });
    }

    @Override
    public void userClick(double x, double y) {
        surface.userClick(x, y);
    }

    @Override
    public void userType(String text) {
        surface.userType(text);
    }

    @Override
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty failedUrlProperty() {
        return failedUrl.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<FocusedField> focusedFieldProperty() {
        return focusedField.getReadOnlyProperty();
    }

    @Override
    public void setListener(AgentListener listener) {
        this.listener = listener;
    }

    @Override
    public void domPressForBenchmark(boolean on) {
        agent.domPressForBenchmark(on);
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Action action) {
        return apply(action, null);
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Action action, Consumer<String> waiting) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
        }
        if (action instanceof Action.Navigate n && n.frame().isEmpty()) {
            // the top frame's navigation is done by the browser; reported with cause "page" like any
            // load not started by a browser command (the follow engine knows it applied it)
            CefThread.run(() -> browser.loadURL(n.url()));
            return CompletableFuture.completedFuture(ApplyResult.ok());
        }
        return agent.apply(action, waiting);
    }

    @Override
    public CompletableFuture<PageState> snapshot() {
        return agent.snapshot();
    }

    @Override
    public CompletableFuture<FilmReading> film(FilmRequest request) {
        return agent.film(request);
    }

    @Override
    public CompletableFuture<ApplyResult> restore(PageState state) {
        return state == null
                ? CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.REFUSED))
                : agent.restore(state);
    }

    @Override
    public CompletableFuture<Boolean> check(Expect expect) {
        return agent.check(expect);
    }

    @Override
    public CompletableFuture<Target> pickTarget() {
        return agent.pickTarget();
    }

    @Override
    public CompletableFuture<ApplyResult> showPoint(Target target) {
        return agent.showPoint(target);
    }

    @Override
    public void drawMode(boolean on) {
        agent.drawMode(on);
    }

    @Override
    public CompletableFuture<ApplyResult> showDrawing(Target target, Ink color, int lifeMs, java.util.List<Double> xy) {
        return agent.showDrawing(target, color, lifeMs, xy);
    }

    @Override
    public void clearDrawings() {
        agent.clearDrawings();
    }

    @Override
    public void userDrag(double... xy) {
        surface.userDrag(xy);
    }

    @Override
    public CompletableFuture<String> eval(String jsExpression) {
        return agent.eval(jsExpression);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener = null;
        agent.close();
        events.shutdown();
        browser.dispose();
    }

    // ---- AgentBridge.Owner ------------------------------------------------------------------------

    @Override
    public CefBrowser browser() {
        return browser;
    }

    @Override
    public void press(double x, double y, double dpr) {
        if (!closed.get()) {
            surface.press(x, y, dpr);
        }
    }

    @Override
    public void actionCaptured(Action action) {
        if (action instanceof Action.Navigate n && n.frame().isEmpty() && userCommand.getAndSet(false)) {
            // a same-document navigation (hash, history API) that back(), forward() or load() started
            action = Action.navigate(n.url(), NavigationCause.USER);
        }
        Action a = action;
        deliver(l -> l.onAction(a));
    }

    @Override
    public void strokeDrawn(Stroke stroke) {
        deliver(l -> l.onStroke(stroke));
    }

    @Override
    public void drawModeEnded() {
        deliver(AgentListener::onDrawModeEnded);
    }

    @Override
    public void pageReady(String pageUrl, String frame) {
        deliver(l -> l.onPageReady(pageUrl, frame));
    }

    @Override
    public void fieldFocused(String frame, FocusedField field) {
        FxThread.run(() -> {
            FocusedField now = focusedField.get();
            // a frame that lost its field clears only its own (another frame's may have the focus now)
            if (field != null || now == null || now.frame().equals(frame)) {
                focusedField.set(field);
            }
        });
    }

    // ---- CEF callbacks (CEF UI thread) --------------------------------------------------------------

    void onBeforeBrowse(boolean isRedirect) {
        if (isRedirect) {
            return; // keeps the cause decided when this navigation started
        }
        nextLoadCause = userCommand.getAndSet(false) ? NavigationCause.USER : NavigationCause.PAGE;
    }

    void onLoadStart(CefFrame frame) {
        agent.frameLoadStarted(frame);
        agent.inject(frame);
        if (frame.isMain()) {
            // Chromium keeps a zoom per site: a page of another site would come at its own (none)
            double level = zoomLevel;
            if (browser.getZoomLevel() != level) {
                browser.setZoomLevel(level);
            }
            FxThread.run(() -> focusedField.set(null));
            NavigationCause cause = nextLoadCause;
            nextLoadCause = null;
            if (cause == null) {
                cause = userCommand.getAndSet(false) ? NavigationCause.USER : NavigationCause.PAGE;
            }
            String pageUrl = frame.getURL();
            FxThread.run(() -> {
                if (!failedUrl.get().equals(pageUrl)) {
                    failedUrl.set(""); // another page loads (the error page itself keeps it)
                }
            });
            if (pageUrl != null && Action.isWebUrl(pageUrl)) {
                try {
                    Action nav = Action.navigate(pageUrl, cause);
                    deliver(l -> l.onAction(nav));
                } catch (RuntimeException e) {
                    LOG.debug("navigation not reported: {}", e.getMessage());
                }
            }
        }
    }

    void onLoadEnd(CefFrame frame) {
        agent.inject(frame);
    }

    void onLoadingState(boolean isLoading) {
        FxThread.run(() -> loading.set(isLoading));
    }

    void onAddress(String address) {
        FxThread.run(() -> {
            if (!failedUrl.get().equals(address)) {
                failedUrl.set("");
            }
            url.set(address);
        });
    }

    /** The top frame could not load failed (not called for a load that was cancelled). */
    void onLoadFailed(String failed) {
        FxThread.run(() -> failedUrl.set(failed == null ? "" : failed));
    }

    void onTitle(String pageTitle) {
        FxThread.run(() -> title.set(pageTitle == null ? "" : pageTitle));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void deliver(java.util.function.Consumer<AgentListener> call) {
        if (closed.get()) {
            return;
        }
        try {
            events.execute(() -> {
                AgentListener l = listener;
                if (l == null) {
                    return;
                }
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.warn("agent listener failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }
}
