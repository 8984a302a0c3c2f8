package dev.companion.app.browser;

import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Messages.PageState;
import dev.companion.p2p.protocol.NavigationCause;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import dev.companion.app.thread.Threads;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import dev.companion.app.thread.FxThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
 * <p>Navigation causes: {@link #load}, {@link #back}, {@link #forward} and {@link #reload} mark the
 * next top-frame navigation "user"; a navigation that starts while an action is being applied (or
 * within {@value #APPLY_QUIET_MS} ms after) is the follower repeating the leader and is not reported;
 * every other top-frame page load is reported with cause "page".
 */
final class OsrBrowserView implements BrowserView, AgentBridge.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(OsrBrowserView.class);
    static final long APPLY_QUIET_MS = 1_000;
    static final long USER_NAV_VALID_MS = 10_000;

    private enum Cause { USER, PAGE, APPLIED }

    private final BrowserSurface surface = new BrowserSurface();
    private final FxOsrBrowser browser;
    private final AgentBridge agent;
    private final ExecutorService events;
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger appliesInFlight = new AtomicInteger();
    private volatile long lastApplyEnd;
    private volatile long userNavAt;
    private volatile boolean appliedNavPending;
    private volatile Cause nextLoadCause;
    private volatile AgentListener listener;

    OsrBrowserView(BrowserEngine engine, CefClient client, String startUrl) {
        this.browser = new FxOsrBrowser(client, startUrl, surface);
        this.agent = new AgentBridge(this, engine);
        this.events = Threads.single("browser-agent-events");
        this.url.set(startUrl);
        this.userNavAt = System.currentTimeMillis(); // the start page is the user's choice
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
        markUserNavigation();
        CefThread.run(() -> browser.loadURL(target));
    }

    @Override
    public void back() {
        markUserNavigation();
        CefThread.run(browser::goBack);
    }

    @Override
    public void forward() {
        markUserNavigation();
        CefThread.run(browser::goForward);
    }

    @Override
    public void reload() {
        markUserNavigation();
        CefThread.run(browser::reload);
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
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    @Override
    public void setListener(AgentListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletableFuture<ApplyResult> apply(Action action) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.NO_PAGE));
        }
        if (action instanceof Action.Navigate n && n.frame().isEmpty()) {
            // The top frame's navigation is done here, so it is known to be applied (no echo).
            if (!Action.isWebUrl(n.url())) {
                return CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.REFUSED));
            }
            appliedNavPending = true;
            CefThread.run(() -> browser.loadURL(n.url()));
            return CompletableFuture.completedFuture(ApplyResult.ok());
        }
        return agent.apply(action);
    }

    @Override
    public CompletableFuture<PageState> snapshot() {
        return agent.snapshot();
    }

    @Override
    public CompletableFuture<ApplyResult> restore(PageState state) {
        return state == null
                ? CompletableFuture.completedFuture(ApplyResult.failed(ApplyResult.REFUSED))
                : agent.restore(state);
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
    public void actionCaptured(Action action) {
        if (action instanceof Action.Navigate n && userNavigationPending()) {
            // A same-document navigation (hash, history API) from back()/forward()/load().
            userNavAt = 0;
            action = Action.navigate(n.url(), NavigationCause.USER);
        }
        Action a = action;
        deliver(l -> l.onAction(a));
    }

    @Override
    public void pageReady(String pageUrl, String frame) {
        deliver(l -> l.onPageReady(pageUrl, frame));
    }

    @Override
    public void applyStarted() {
        appliesInFlight.incrementAndGet();
    }

    @Override
    public void applyEnded() {
        lastApplyEnd = System.currentTimeMillis();
        appliesInFlight.decrementAndGet();
    }

    // ---- CEF callbacks (CEF UI thread) --------------------------------------------------------------

    void onBeforeBrowse(boolean isRedirect) {
        if (isRedirect) {
            return; // keeps the cause decided when this navigation started
        }
        if (userNavigationPending()) {
            userNavAt = 0;
            nextLoadCause = Cause.USER;
        } else if (appliedNavPending || appliesInFlight.get() > 0
                || System.currentTimeMillis() - lastApplyEnd < APPLY_QUIET_MS) {
            appliedNavPending = false;
            nextLoadCause = Cause.APPLIED;
        } else {
            nextLoadCause = Cause.PAGE;
        }
    }

    void onLoadStart(CefFrame frame) {
        agent.frameLoadStarted(frame);
        agent.inject(frame);
        if (frame.isMain()) {
            Cause cause = nextLoadCause;
            nextLoadCause = null;
            if (cause == null) {
                cause = userNavigationPending() ? Cause.USER : Cause.PAGE;
            }
            String pageUrl = frame.getURL();
            if (cause != Cause.APPLIED && pageUrl != null && Action.isWebUrl(pageUrl)) {
                try {
                    Action nav = Action.navigate(pageUrl, cause == Cause.USER ? NavigationCause.USER : NavigationCause.PAGE);
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
        FxThread.run(() -> url.set(address));
    }

    void onTitle(String pageTitle) {
        FxThread.run(() -> title.set(pageTitle == null ? "" : pageTitle));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void markUserNavigation() {
        userNavAt = System.currentTimeMillis();
    }

    private boolean userNavigationPending() {
        long at = userNavAt;
        return at != 0 && System.currentTimeMillis() - at < USER_NAV_VALID_MS;
    }

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
