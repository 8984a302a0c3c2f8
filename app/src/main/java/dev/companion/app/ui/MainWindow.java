package dev.companion.app.ui;

import dev.companion.app.browser.BrowserView;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.session.Classrooms;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.activity.ActivityPane;
import dev.companion.app.ui.browser.BrowserToolbar;
import dev.companion.app.ui.contacts.ContactsPane;
import dev.companion.app.ui.contacts.InvitationsPane;
import dev.companion.app.ui.flows.FileChoices;
import dev.companion.app.ui.flows.FlowsPane;
import dev.companion.app.ui.group.GroupPane;
import dev.companion.app.ui.guide.GuideModel;
import dev.companion.app.ui.guide.GuidePane;
import dev.companion.app.ui.classroom.HostPane;
import dev.companion.app.ui.classroom.RoomsPane;
import dev.companion.app.ui.lan.LanPairPane;
import dev.companion.app.ui.lan.Nearby;
import dev.companion.app.ui.login.ConnectionStatus;
import dev.companion.app.ui.login.LoginPane;
import dev.companion.app.ui.privacy.PrivacyPane;
import dev.companion.app.ui.similar.SimilarPane;
import java.util.Locale;
import java.util.function.ToIntFunction;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The window: the browser with its toolbar in the middle, the companion sidebar on the right
 * (settings, sign-in, pairing with someone nearby, the guide panel of a bot that leads, invitations, group, friends, activity, flows, privacy and similar actions on the site in the browser). Built in code, styled by companion.css.
 * The settings, the privacy choices and the similar actions are collapsible sections; the sidebar scrolls, never cuts a text short
 * (WindowFitTest checks 1280×800 and 1920×1080, English and Chinese, normal and large text).
 */
public final class MainWindow {
    public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    /** How much larger pages are drawn with the large-text setting (Chromium's 125 % step). */
    static final double LARGE_PAGE_ZOOM = 1.25;

    private final AppViewModel model;
    private final AppActions actions;
    private final BrowserView view;
    private final UiSettings settings;
    private final SitePrivacy privacy;
    private final SiteRules siteRules;
    private final ToIntFunction<String> shareRules;
    private final String server;
    private final String presetUser;
    private final FlowsPane.Parts flows;
    private final Nearby nearby;
    private final Classrooms classrooms;
    private final BorderPane root = new BorderPane();
    private LoginPane login;
    private ChoiceBox<Locale> language;
    /** The language was just switched: the rebuilt settings stay open with the keyboard on the language. */
    private boolean languageSwitched;

    public MainWindow(AppViewModel model, AppActions actions, BrowserView view, UiSettings settings,
                      SitePrivacy privacy, SiteRules siteRules, ToIntFunction<String> shareRules, String server,
                      String presetUser, FlowsPane.Parts flows, Nearby nearby, Classrooms classrooms) {
        this.model = model;
        this.actions = actions;
        this.view = view;
        this.settings = settings;
        this.privacy = privacy;
        this.siteRules = siteRules;
        this.shareRules = shareRules;
        this.server = server;
        this.presetUser = presetUser;
        this.flows = flows;
        this.nearby = nearby;
        this.classrooms = classrooms;
        root.getStylesheets().add(MainWindow.class.getResource("/dev/companion/app/ui/companion.css").toExternalForm());
        root.setCenter(view.node());
        setLargeText(settings.largeText());
        view.node().setAccessibleHelp(model.texts().get("browser.page.help"));
        KeyboardRegions.install(root);
        build();
        // signed in from the form: the keys go on to the friends, where Invite is (they fell on the section under the form)
        model.signedIn.addListener((o, was, now) -> {
            Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
            Node friends = root.lookup("#contactsList");
            if (now && friends != null && (owner == null || KeyboardRegions.isInside(owner, login))) {
                focusOnceShown(friends);
            }
        });
        // the keyboard starts in the sign-in form (else it starts in the page, whose Tab never leaves it)
        root.sceneProperty().addListener((o, was, now) -> {
            if (was == null && now != null && !model.signedIn.get()) {
                FxThread.later(login::focusFirstEmpty);
            }
        });
    }

    public Parent root() {
        return root;
    }

    private void build() {
        Texts t = model.texts();
        BrowserToolbar toolbar = new BrowserToolbar(view, t);
        root.setTop(toolbar);
        VBox side = new VBox();
        side.getStyleClass().add("sidebar");
        side.setId("sidebar");
        // where the next sign-in goes now: a classroom joined points the session at the room's control center
        login = new LoginPane(model, actions, LoginPane.addressOf(actions, server), presetUser, settings::saveControlCenter);
        login.visibleProperty().bind(model.signedIn.not());
        login.managedProperty().bind(login.visibleProperty());
        Label who = new Label();
        who.setId("whoami");
        who.getStyleClass().add("section-title");
        who.textProperty().bind(Bindings.createStringBinding(() -> t.get("session.whoami", model.user.get()), model.user));
        ConnectionStatus cc = new ConnectionStatus(model, actions, server);
        // the guide first: a person led by a bot sees its words without scrolling
        GuidePane guide = new GuidePane(t, GuideModel.of(actions.session()), () -> view.urlProperty().get(), view::check);
        VBox signedIn = new VBox(10, who, cc, guide, new InvitationsPane(model, actions), new GroupPane(model, actions, view),
                new ContactsPane(model, actions), new ActivityPane(model));
        signedIn.visibleProperty().bind(model.signedIn);
        signedIn.managedProperty().bind(signedIn.visibleProperty());
        // settings first: whoever needs large text finds it without scrolling; privacy choices last
        PrivacyPane privacyPane = new PrivacyPane(t, privacy, view.urlProperty(), view.focusedFieldProperty());
        // flows: anyone alone may record, signed in or not
        FlowsPane flowsPane = new FlowsPane(model, actions, flows, FileChoices.system(t));
        TitledPane privacySection = Fit.collapsible("privacySection", "", privacyPane);
        privacySection.setGraphic(privacyPane.detachTitle()); // "Privacy on shop.example" names the section
        SimilarPane similarPane = new SimilarPane(t, siteRules, view.urlProperty(), shareRules);
        TitledPane similarSection = Fit.collapsible("similarSection", t.get("similar.title.none"), similarPane);
        // pairing on the LAN needs no control center: offered signed in or not, e.g. from the sign-in view
        TitledPane lanSection = Fit.collapsible("lanSection", t.get("lan.title"),
                new LanPairPane(t, nearby, () -> model.signedIn.get() ? model.user.get() : presetUser));
        // the classroom: hosted or joined on the LAN, signing in to the room's own control center
        TitledPane hostSection = Fit.collapsible("hostSection", t.get("classroom.host.title"),
                new HostPane(t, classrooms, () -> model.signedIn.get() ? model.user.get() : presetUser, model::signedIn,
                        model::signedOut));
        TitledPane roomsSection = Fit.collapsible("roomsSection", t.get("classroom.rooms.title"),
                new RoomsPane(t, classrooms, ok -> model.signedIn(ok.user()), model::signedOut));
        side.getChildren().addAll(settings(t), login, lanSection, roomsSection, hostSection, signedIn, flowsPane,
                privacySection, similarSection);
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setRight(scroll);
        if (languageSwitched) {
            languageSwitched = false;
            focusOnceShown(language);
        }
    }

    private Node settings(Texts t) {
        CheckBox large = new CheckBox(t.get("settings.largeText"));
        large.setId("largeTextToggle");
        large.setSelected(root.getStyleClass().contains("large-text"));
        large.selectedProperty().addListener((o, was, on) -> {
            setLargeText(on);
            settings.saveLargeText(on);
        });
        language = new ChoiceBox<>();
        language.setId("languageChoice");
        language.getItems().addAll(Locale.ENGLISH, ZH);
        language.setValue(ZH.equals(t.locale()) ? ZH : Locale.ENGLISH);
        language.setAccessibleText(t.get("settings.language"));
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(Locale l) {
                return l == null ? "" : ZH.equals(l) ? "简体中文" : "English";
            }

            @Override
            public Locale fromString(String s) {
                return "简体中文".equals(s) ? ZH : Locale.ENGLISH;
            }
        });
        language.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(was)) {
                settings.saveLanguage(now);
                model.setTexts(new Texts(now));
                view.node().setAccessibleHelp(model.texts().get("browser.page.help"));
                languageSwitched = true;
                build();
            }
        });
        Label languageLabel = new Label(t.get("settings.language"));
        languageLabel.setLabelFor(language);
        HBox languageRow = new HBox(10, languageLabel, language);
        languageRow.setAlignment(Pos.CENTER_LEFT);
        large.setWrapText(true);
        Label keys = new Label(t.get("settings.keys"));
        keys.setId("keysHint");
        keys.getStyleClass().add("hint");
        keys.setWrapText(true);
        TitledPane section = Fit.collapsible("windowSettings", t.get("settings.title"), new VBox(8, large, languageRow, keys));
        section.setExpanded(languageSwitched); // the person who just switched is still in here
        return section;
    }

    /** n gets the keys as soon as it is in the window (a section's content joins it at the next layout). */
    private static void focusOnceShown(Node n) {
        if (n.getScene() != null) {
            FxThread.later(n::requestFocus); // after the old choice's popup has closed
            return;
        }
        n.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o, javafx.scene.Scene was,
                                javafx.scene.Scene now) {
                if (now != null) {
                    n.sceneProperty().removeListener(this);
                    FxThread.later(n::requestFocus);
                }
            }
        });
    }

    private void setLargeText(boolean on) {
        root.getStyleClass().remove("large-text");
        if (on) {
            root.getStyleClass().add("large-text");
        }
        view.setPageZoom(on ? LARGE_PAGE_ZOOM : 1.0); // the page too: it is what the person reads most
    }
}
