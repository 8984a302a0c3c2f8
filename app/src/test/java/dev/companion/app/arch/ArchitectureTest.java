package dev.companion.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's architecture rules (docs/architecture.md, "Rules the build checks"): who may touch
 * Chromium, AWT, JavaFX's Platform, SQLite and threads, and which package may not reach which.
 * Each rule fails the build when broken; none is switched off.
 */
class ArchitectureTest {
    private static JavaClasses app;

    @BeforeAll
    static void load() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.companion.app", "org.cef.browser");
    }

    private static void check(ArchRule rule) {
        rule.check(app);
    }

    @Test
    void onlyTheBrowserPackageTouchesChromiumOrAwt() {
        check(noClasses().that().resideOutsideOfPackages("dev.companion.app.browser..", "org.cef.browser..",
                        "dev.companion.app.instance..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cef..", "me.friwi..", "java.awt..")
                .because("JCEF and its AWT thread stay behind BrowserView"));
        // the one exception: macOS hands companion:// links over as java.awt.Desktop events
        check(noClasses().that().resideInAPackage("dev.companion.app.instance..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cef..", "me.friwi..")
                .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "AWT other than java.awt.Desktop and its events",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("java.awt")
                                && !c.getName().startsWith("java.awt.Desktop")
                                && !c.getPackageName().equals("java.awt.desktop")))
                .because("desktop integration needs only the OS's link events"));
    }

    @Test
    void onlyFxThreadHopsOntoTheFxThread() {
        check(noClasses().that().doNotHaveFullyQualifiedName("dev.companion.app.thread.FxThread")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("FxThread is the one hop onto the FX thread"));
    }

    @Test
    void onlyCefThreadHopsOntoTheCefThread() {
        check(noClasses().that().doNotHaveFullyQualifiedName("dev.companion.app.browser.CefThread")
                .should().callMethod(java.awt.EventQueue.class, "invokeLater", Runnable.class)
                .orShould().callMethod(java.awt.EventQueue.class, "invokeAndWait", Runnable.class)
                .because("CefThread is the one hop onto Chromium's thread"));
    }

    @Test
    void theFollowEngineKnowsNoBrowserNoUiNoStore() {
        check(noClasses().that().resideInAPackage("dev.companion.app.follow..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.companion.app.browser..",
                        "dev.companion.app.ui..", "dev.companion.app.session..", "dev.companion.app.store..",
                        "javafx..", "org.cef..", "java.awt..", "java.sql..")
                .because("the follow engine decides; the browser, the UI and the store are behind its interfaces"));
    }

    @Test
    void theChatRoomKnowsNoBrowserNoUiNoStore() {
        check(noClasses().that().resideInAPackage("dev.companion.app.chat..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.companion.app.browser..",
                        "dev.companion.app.ui..", "dev.companion.app.session..", "dev.companion.app.store..",
                        "dev.companion.app.follow..", "javafx..", "org.cef..", "java.awt..", "java.sql..")
                .because("the chat room decides what is kept; the links and the store are behind its interfaces"));
    }

    @Test
    void thePrivacyChoicesKnowNoBrowserNoUiNoStore() {
        check(noClasses().that().resideInAPackage("dev.companion.app.privacy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.companion.app.browser..",
                        "dev.companion.app.ui..", "dev.companion.app.store..", "javafx..", "org.cef..", "java.sql..")
                .because("the choices are plain data read on Chromium's thread; the store and the UI reach them, not the other way"));
    }

    @Test
    void similarActionsKnowNoBrowserNoUiNoStore() {
        check(noClasses().that().resideInAPackage("dev.companion.app.similar..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.companion.app.browser..",
                        "dev.companion.app.ui..", "dev.companion.app.session..", "dev.companion.app.store..",
                        "dev.companion.app.follow..", "javafx..", "org.cef..", "java.awt..", "java.sql..")
                .because("the rules and URL shapes are plain data; the follow engine asks them, the store keeps them"));
    }

    @Test
    void flowsKnowNoBrowserNoUiNoStore() {
        check(noClasses().that().resideInAPackage("dev.companion.app.flow..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.companion.app.browser..",
                        "dev.companion.app.ui..", "dev.companion.app.session..", "dev.companion.app.store..",
                        "javafx..", "org.cef..", "java.awt..", "java.sql..")
                .because("a flow is plain data with its file format; the store keeps it, the follow engine feeds the recorder"));
    }

    @Test
    void theBotKnowsNoBrowserNoUi() {
        check(noClasses().that().resideInAPackage("dev.companion.app.bot..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.companion.app.browser..",
                        "dev.companion.app.ui..", "javafx..", "org.cef..", "java.awt..")
                .because("a headless bot runs without a window: the app's session and follow engine, no Chromium"));
    }

    @Test
    void theSessionKnowsNoUiAndNoBrowser() {
        check(noClasses().that().resideInAPackage("dev.companion.app.session..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.companion.app.ui..",
                        "dev.companion.app.browser..", "javafx..", "org.cef..", "java.awt..")
                .because("the session runs on its own thread and reports through SessionListener"));
    }

    @Test
    void onlyTheStoreTouchesSqlite() {
        check(noClasses().that().resideOutsideOfPackage("dev.companion.app.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "org.flywaydb..")
                .because("SQLite is behind LocalStore, which refuses the FX and CEF threads"));
    }

    @Test
    void theUiNeverReadsTheStore() {
        check(noClasses().that().resideInAPackage("dev.companion.app.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.companion.app.store..")
                .because("the FX thread never waits for SQLite: settings come in UiSettings"));
    }

    @Test
    void threadsAreMadeInOnePlace() {
        check(noClasses().that().doNotHaveFullyQualifiedName("dev.companion.app.thread.Threads")
                .should().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.base.DescribedPredicate.describe("Executors",
                                        o -> o.isEquivalentTo(java.util.concurrent.Executors.class)))))
                .because("Threads names every thread, so a thread dump says what runs where"));
    }

    @Test
    void oneLoggingApi() {
        check(noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .because("the app logs through SLF4J only"));
    }
}
