package dev.companion.app;

import dev.companion.app.browser.AgentListener;
import dev.companion.app.browser.BrowserEngine;
import dev.companion.app.browser.BrowserView;
import dev.companion.app.browser.Stroke;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.flow.Recording;
import dev.companion.app.follow.ApplyResult;
import dev.companion.app.follow.FollowEngine;
import dev.companion.app.follow.FollowTarget;
import dev.companion.app.instance.OneInstance;
import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.session.Classrooms;
import dev.companion.app.session.LanSession;
import dev.companion.app.session.OneGroup;
import dev.companion.app.session.SessionService;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.store.LocalStore;
import dev.companion.app.thread.FxThread;
import dev.companion.app.thread.Threads;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Background;
import dev.companion.app.ui.MainWindow;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.UiSettings;
import dev.companion.app.ui.chat.ChatModel;
import dev.companion.app.ui.flows.FlowOffers;
import dev.companion.app.ui.flows.FlowsPane;
import dev.companion.app.ui.guide.GuideModel;
import dev.companion.app.ui.lan.Nearby;
import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.tls.Identity;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Companion window. Chromium (the {@link BrowserEngine}) must already run when this starts:
 * {@link Main} starts it before the JavaFX toolkit, tests do the same before TestFX.
 *
 * <p>Over 350 lines: the one place where every part of the window is made, wired to the browser's
 * actions and pages (the online session, a pair nearby, the window's own guide) and closed in order.
 */
public final class CompanionApp extends Application {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompanionApp.class);
    private static volatile AppConfig launchConfig;
    private static volatile BrowserEngine launchEngine;
    private static volatile CompletableFuture<StartupProfile> launchProfile;
    private static volatile OneInstance launchInstance;

    private final AppConfig config;
    private final BrowserEngine engine;
    private final CompletableFuture<StartupProfile> pendingProfile;
    private LocalStore store;
    private SessionService session;
    private volatile Nearby nearby; // set on the FX thread, read by the sessions' threads (one group per window)
    private Classrooms classrooms;
    private BrowserView view;
    private AutoCloseable hook;
    private ScheduledExecutorService scheduler;
    private AppViewModel model;
    private Stage stage;
    private WindowGuiding guiding;

    /** Used by {@link Application#launch}: takes what {@link #prepare} was given. */
    public CompanionApp() {
        this(launchConfig, launchEngine, launchProfile);
    }

    public CompanionApp(AppConfig config, BrowserEngine engine) {
        this(config, engine, null);
    }

    /** pendingProfile: the profile already being opened (see {@link StartupProfile}); null opens it in start. */
    private CompanionApp(AppConfig config, BrowserEngine engine, CompletableFuture<StartupProfile> pendingProfile) {
        this.config = config;
        this.engine = engine;
        this.pendingProfile = pendingProfile;
    }

    /** instance: this start's claim on the profile, whose later starts hand their links to this window. */
    static void prepare(AppConfig config, BrowserEngine engine, CompletableFuture<StartupProfile> profile,
                        OneInstance instance) {
        launchConfig = config;
        launchEngine = engine;
        launchProfile = profile;
        launchInstance = instance;
    }

    @Override
    public void start(Stage primary) throws IOException {
        this.stage = primary;
        // opened in parallel with Chromium's start (Main); tests that build the app directly open it here
        StartupProfile profile = StartupProfile.await(pendingProfile != null ? pendingProfile
                : StartupProfile.openAsync(config.profile()));
        store = profile.store();
        Identity identity = profile.identity();
        Locale locale = config.locale() != null ? config.locale()
                : profile.language().map(Locale::forLanguageTag).orElse(defaultLocale());
        LocalStore settings = store;
        UiSettings ui = new UiSettings(config.largeText() || profile.largeText(), (key, value) ->
                Background.run(() -> settings.putSetting(key, value)));
        if (config.largeText() && !profile.largeText()) {
            ui.saveLargeText(true);
        }
        Texts texts = new Texts(locale);
        model = new AppViewModel(texts);
        if (config.joinLink() != null) {
            model.joinLink.set(config.joinLink());
        }
        scheduler = Threads.timer("follow");
        // the page agent gets the site's privacy rules with its config: set before the first page loads
        SitePrivacy privacy = new SitePrivacy(profile.privacy(), backgroundWrites(store.sitePrivacyStore()));
        engine.setPrivacy(privacy);
        view = engine.createView(config.startUrl());
        HostPort cc = controlCenter(config, profile);
        session = new SessionService(new SessionService.Config(cc.host(), cc.port(),
                config.sccFingerprint(), identity, config.bindHost()), store, new BrowserTarget(view), scheduler);
        SiteRules siteRules = new SiteRules(profile.siteRules(), (site, rules) ->
                Background.run(() -> settings.siteRulesStore().save(site, rules)));
        session.setSiteRules(siteRules);
        session.addListener(model);
        session.addFollowListener(model);
        // manual following: each step is shown for a yes or no; the answer continues on the follow thread
        session.setStepDecider(model.stepDecider(scheduler));
        Recording recording = new Recording(this::sending, System::currentTimeMillis);
        session.addFollowListener(recording);
        StoredFlows library = new StoredFlows(store.flows(), Background.executor());
        // "Guide me with": a guide inside this app leads this window; refused while in a group, ended by one
        guiding = new WindowGuiding(config.profile(), identity, store, new BrowserTarget(view),
                () -> model.signedIn.get() ? model.user.get() : config.user() != null ? config.user() : "you",
                () -> view.urlProperty().get(), library, GuideModel.of(session),
                () -> session.group() != null || nearby.session() != null && nearby.session().group() != null,
                Background.executor());
        session.addListener(guiding.endsWithAGroup());
        view.setListener(new AgentListener() {
            @Override
            public void onAction(Action action) {
                recording.onLocalAction(action);
                session.onLocalAction(action);
                LanSession lan = nearby.session(); // a pair's group on the LAN, once the person started it
                if (lan != null) {
                    lan.onLocalAction(action);
                }
                LanSession guided = guiding.window(); // the window's own guide ("Guide me with")
                if (guided != null) {
                    guided.onLocalAction(action);
                }
            }

            @Override
            public void onStroke(Stroke stroke) { // a drawing: to the group, never recorded into a flow
                ChatModel.of(session, view).onStroke(stroke);
            }

            @Override
            public void onDrawModeEnded() {
                ChatModel.of(session, view).onDrawModeEnded();
            }

            @Override
            public void onPageReady(String url, String frame) {
                if (frame == null || frame.isEmpty()) {
                    session.onPageReady(url);
                    ChatModel.of(session, view).onPageReady();
                    LanSession lan = nearby.session();
                    if (lan != null) {
                        lan.onPageReady(url);
                    }
                    LanSession guided = guiding.window();
                    if (guided != null) {
                        guided.onPageReady(url);
                    }
                }
            }
        });
        // pairing with someone nearby: started from its section only, following in this same browser
        BrowserTarget target = new BrowserTarget(view);
        OneGroup oneGroup = oneGroup(texts);
        session.addListener(oneGroup.online());
        nearby = new Nearby(Nearby.everyInterface(name -> {
            LanSession lan = LanSession.start(name, identity, store, target, scheduler, config.bindHost(),
                    LinkManager.Timing.DEFAULT);
            lan.addListener(oneGroup.lan());
            lan.addListener(guiding.endsWithAGroup());
            return lan;
        }), Background.executor());
        classrooms = new Classrooms(Classrooms.onThisNetwork(config.profile()), store, session, Background.executor());
        AppActions actions = new AppActions(session, model);
        FlowOffers offers = new FlowOffers(model, library); // flows members share: the person is asked first
        session.setFlowInbox(new FlowInbox(System::currentTimeMillis, offers, offers::keep));
        MainWindow window = new MainWindow(model, actions, view, ui, privacy, siteRules, session::shareSiteRules,
                cc.toString(), config.user(),
                new FlowsPane.Parts(recording, library, offers, session::shareFlow, guiding), nearby, classrooms);
        Scene scene = new Scene(window.root(), 1280, 860);
        primary.setScene(scene);
        String title = texts.get("app.title");
        primary.setTitle(config.title() == null ? title : title + " — " + config.title());
        primary.setOnCloseRequest(e -> Platform.exit());
        placeWindow(primary, config.windowSide());
        if (config.testHookPort() > 0) {
            hook = TestHookFactory.find().orElseThrow(() -> new IllegalStateException(TestHookFactory.MISSING))
                    .start(config.testHookPort(), scene, view, session, model, library);
        }
        primary.show();
        OneInstance instance = launchInstance;
        if (instance != null) {
            // a later start of this profile (e.g. the OS opening a companion://join/ link): its link, shown here
            instance.onHandOver(link -> FxThread.later(() -> {
                if (!link.isEmpty()) {
                    model.joinLink.set(link);
                }
                primary.setIconified(false);
                primary.toFront();
            }));
        }
    }

    /** One group per window: joining one (online or a LAN pair) leaves the other, and the person is told. */
    private OneGroup oneGroup(Texts texts) {
        OneGroup.Side online = new OneGroup.Side() {
            @Override
            public dev.companion.p2p.protocol.Messages.GroupState group() {
                return session.group();
            }

            @Override
            public void leave() {
                session.leave().exceptionally(e -> {
                    model.failed(e);
                    return null;
                });
            }
        };
        return new OneGroup(online, () -> {
            LanSession lan = nearby == null ? null : nearby.session();
            return lan == null ? null : new OneGroup.Side() {
                @Override
                public dev.companion.p2p.protocol.Messages.GroupState group() {
                    return lan.group();
                }

                @Override
                public void leave() {
                    lan.leave();
                }
            };
        }, (where, group) -> model.notice(tx -> tx.get(where == OneGroup.Where.ONLINE ? "group.left.for.lan"
                : "group.left.for.online")));
    }

    /** True while the follow engine sends this terminal's actions to a live group (the recording then takes what it sends). */
    private boolean sending() {
        dev.companion.p2p.protocol.Messages.GroupState g = session.group();
        String me = session.user();
        FollowEngine e = session.engine();
        return g != null && me != null && e != null && g.members().size() > 1 && g.sends(me) && !e.isPaused();
    }

    /** The privacy choices are written to the profile on the UI's background thread, never on the FX thread. */
    private static SitePrivacy.Store backgroundWrites(SitePrivacy.Store store) {
        return new SitePrivacy.Store() {
            @Override
            public void savePolicy(String site, SitePolicy policy) {
                Background.run(() -> store.savePolicy(site, policy));
            }

            @Override
            public void saveShared(String site, String selector, boolean shared) {
                Background.run(() -> store.saveShared(site, selector, shared));
            }
        };
    }

    /** The demo's two windows side by side: each takes half of the primary screen. */
    private static void placeWindow(Stage stage, String side) {
        if (side == null) {
            return;
        }
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.floor(screen.getWidth() / 2);
        stage.setX(screen.getMinX() + ("right".equals(side) ? width : 0));
        stage.setY(screen.getMinY());
        stage.setWidth(width);
        stage.setHeight(screen.getHeight());
    }

    private static Locale defaultLocale() {
        Locale l = Locale.getDefault();
        return "zh".equals(l.getLanguage()) ? MainWindow.ZH : Locale.ENGLISH;
    }

    public SessionService session() {
        return session;
    }

    public BrowserView view() {
        return view;
    }

    public AppViewModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void stop() {
        if (hook != null) {
            try {
                hook.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        if (guiding != null) {
            guiding.close();
        }
        if (nearby != null) {
            nearby.close();
        }
        if (session != null) {
            session.close(); // signed out of a hosted classroom before its control center stops
        }
        if (classrooms != null) {
            classrooms.close();
        }
        if (view != null) {
            view.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }

    /** The follow engine's view of the embedded browser. */
    private record BrowserTarget(BrowserView view) implements FollowTarget {
        /** A load the follow engine makes (catch-up, or a leader's address-bar navigation). */
        @Override
        public void load(String url) {
            view.apply(Action.navigate(url, NavigationCause.PAGE));
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action) {
            return view.apply(action);
        }

        @Override
        public CompletableFuture<ApplyResult> apply(Action action, java.util.function.Consumer<String> waiting) {
            return view.apply(action, waiting);
        }

        @Override
        public CompletableFuture<java.util.List<String>> links() {
            return view.links();
        }

        @Override
        public CompletableFuture<dev.companion.p2p.protocol.Messages.PageState> snapshot() {
            return view.snapshot();
        }

        @Override
        public CompletableFuture<ApplyResult> restore(dev.companion.p2p.protocol.Messages.PageState state) {
            return view.restore(state);
        }

        @Override
        public CompletableFuture<dev.companion.app.follow.film.FilmReading> film(dev.companion.app.follow.film.FilmRequest request) {
            return view.film(request);
        }

        @Override
        public CompletableFuture<Boolean> check(dev.companion.p2p.protocol.Messages.Expect expect) {
            return view.check(expect);
        }
    }

    /** The command line's control center, else the one the person chose in the sign-in form, else the default. */
    static HostPort controlCenter(AppConfig config, StartupProfile profile) {
        if (config.sccHost() != null) {
            return new HostPort(config.sccHost(), config.sccPort());
        }
        try {
            return profile.controlCenter().map(HostPort::parse).orElse(AppConfig.DEFAULT_CONTROL_CENTER);
        } catch (IllegalArgumentException e) {
            LOG.warn("the stored control center is not host:port ({}); using {}", e.getMessage(), AppConfig.DEFAULT_CONTROL_CENTER);
            return AppConfig.DEFAULT_CONTROL_CENTER;
        }
    }
}
