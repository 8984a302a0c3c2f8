package dev.companion.app.browser;

import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.thread.FxThread;
import dev.companion.app.thread.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.friwi.jcefmaven.CefAppBuilder;
import me.friwi.jcefmaven.MavenCefAppHandlerAdapter;
import org.cef.CefApp;
import org.cef.CefClient;
import org.cef.CefSettings;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefMessageRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one Chromium. Start it BEFORE the JavaFX toolkit (otherwise Chromium takes the GTK
 * event handler and the JavaFX window gets no input). Owns the CefApp, one CefClient shared by all
 * views, the message router the page agent talks through, and a timer thread for apply timeouts.
 */
public final class BrowserEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserEngine.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /**
     * {@code --autoplay-policy=no-user-gesture-required}: a follower repeats the leader's "play" without
     * a gesture of its own, and Chromium's default policy rejects an unmuted {@code play()} from script
     * with NotAllowedError (measured). The cost: any page may start sound by itself.
     */
    static final List<String> CHROMIUM_ARGS = List.of(
            "--disable-gpu", "--no-sandbox", "--disable-background-networking", "--password-store=basic",
            "--autoplay-policy=no-user-gesture-required");

    private final CefApp app;
    private final CefClient client;
    private final CefMessageRouter router;
    private final AgentScript agentScript;
    private final ScheduledExecutorService timer;
    private final CountDownLatch terminated;
    private final Map<CefBrowser, OsrBrowserView> views = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SitePrivacy privacy = SitePrivacy.inMemory();

    private BrowserEngine(CefApp app, CefClient client, AgentScript agentScript, CountDownLatch terminated) {
        this.app = app;
        this.client = client;
        this.agentScript = agentScript;
        this.terminated = terminated;
        this.timer = Threads.timer("browser-timer");
        this.router = CefMessageRouter.create(agentScript.routerConfig());
        CefHandlers.install(this, client, router);
    }

    /**
     * Starts Chromium with its cache and cookies under {@code profileDir/chromium}. Installs the natives
     * from the classpath on first use (a few seconds). Only one engine per process.
     */
    public static BrowserEngine start(Path profileDir) throws IOException {
        if (FxThread.isCurrent()) {
            throw new IllegalStateException("start the browser engine before the JavaFX toolkit");
        }
        if (!STARTED.compareAndSet(false, true)) {
            throw new IllegalStateException("one browser engine per process");
        }
        long t0 = System.nanoTime();
        try {
            Path cache = profileDir.resolve("chromium").toAbsolutePath();
            Files.createDirectories(cache);
            Path natives = JcefNatives.installDir();
            CefAppBuilder builder = new CefAppBuilder();
            builder.setInstallDir(natives.toFile());
            builder.setProgressHandler((state, percent) -> LOG.debug("chromium natives: {} {}", state, percent));
            builder.addJcefArgs(CHROMIUM_ARGS.toArray(String[]::new));
            CefSettings settings = builder.getCefSettings();
            settings.windowless_rendering_enabled = true;
            settings.root_cache_path = cache.toString();
            settings.cache_path = cache.toString();
            settings.persist_session_cookies = true;
            settings.log_severity = CefSettings.LogSeverity.LOGSEVERITY_ERROR;
            settings.log_file = cache.resolve("chromium.log").toString();
            CountDownLatch terminated = new CountDownLatch(1);
            builder.setAppHandler(new MavenCefAppHandlerAdapter() {
                @Override
                public void stateHasChanged(CefApp.CefAppState state) {
                    LOG.debug("CEF state {}", state);
                    if (state == CefApp.CefAppState.TERMINATED) {
                        terminated.countDown();
                    }
                }
            });
            JcefNatives.install(builder, natives);
            CefApp app = builder.build();
            // Creating the client initialises CEF on the AWT thread now, before JavaFX starts.
            CefClient client = app.createClient();
            BrowserEngine engine = new BrowserEngine(app, client, AgentScript.load(), terminated);
            LOG.info("Chromium {} ready in {} ms", app.getVersion(), (System.nanoTime() - t0) / 1_000_000);
            return engine;
        } catch (IOException e) {
            STARTED.set(false);
            throw e;
        } catch (Exception e) {
            STARTED.set(false);
            throw new IOException("cannot start Chromium: " + e.getMessage(), e);
        }
    }

    /**
     * The user's privacy choices per site, which every page agent gets with its config: set them
     * before the first view loads a page. Later changes are pushed into the open pages.
     */
    public void setPrivacy(SitePrivacy rules) {
        this.privacy = rules;
        rules.onChange(() -> {
            if (privacy == rules) {
                refreshPrivacy();
            }
        });
        refreshPrivacy();
    }

    private void refreshPrivacy() {
        CefThread.run(() -> views.values().forEach(v -> v.agent().refreshPrivacy()));
    }

    /** A new page view loading startUrl. Call on the JavaFX thread. */
    public BrowserView createView(String startUrl) {
        if (!FxThread.isCurrent()) {
            throw new IllegalStateException("createView must be called on the JavaFX thread");
        }
        if (closed.get()) {
            throw new IllegalStateException("browser engine is closed");
        }
        OsrBrowserView view = new OsrBrowserView(this, client, startUrl);
        views.put(view.browser(), view);
        view.start();
        return view;
    }

    /** Closes all views and shuts Chromium down (waits up to 5 s). Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (OsrBrowserView v : new ArrayList<>(views.values())) {
            v.close();
        }
        client.removeMessageRouter(router);
        router.dispose();
        app.dispose();
        if (!CefThread.isCurrent()) {
            try {
                if (!terminated.await(5, TimeUnit.SECONDS)) {
                    LOG.warn("Chromium did not shut down within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
    }

    // ---- for the views and handlers ---------------------------------------------------------------

    OsrBrowserView view(CefBrowser browser) {
        return browser == null ? null : views.get(browser);
    }

    void forget(OsrBrowserView view) {
        views.remove(view.browser());
    }

    SitePrivacy privacy() {
        return privacy;
    }

    AgentScript agentScript() {
        return agentScript;
    }

    ScheduledExecutorService timer() {
        return timer;
    }
}
