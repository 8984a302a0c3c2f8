package dev.companion.app;

import dev.companion.app.browser.BrowserEngine;
import dev.companion.app.instance.LinkRegistration;
import dev.companion.app.instance.OneInstance;
import dev.companion.app.session.Joining;
import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.protocol.LogTimes;
import dev.companion.scc.cli.HostPortConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Starts one Companion terminal: Chromium first, then the JavaFX window (a plain main class, not an
 * Application subclass, so JavaFX runs from the class path).
 */
@Command(name = "companion app", mixinStandardHelpOptions = true, version = "Companion 0.1.0",
        description = "Start the Companion desktop app (one terminal).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:closed normally", "1:could not start (message says why)", "2:bad command line"})
public final class Main implements Callable<Integer> {
    @Option(names = "--profile", description = "Profile folder: local data, identity, cookies (default: ${DEFAULT-VALUE}).")
    Path profile = Path.of(System.getProperty("user.home"), ".companion", "default");

    @Option(names = {"--control-center", "--scc"}, paramLabel = "HOST:PORT",
            converter = HostPortConverter.class, description = "Control center HOST:PORT or [IPv6]:PORT (default: the one "
            + "chosen last in the sign-in form, else 127.0.0.1:7700).")
    HostPort controlCenter;

    @Option(names = "--scc-fingerprint", description = "Expected control-center certificate fingerprint (sha-256:...); else pinned on first use.")
    String sccFingerprint;

    @Option(names = "--scc-fingerprint-file", description = "Read the expected fingerprint from this file (the control center writes scc-fingerprint.txt).")
    Path sccFingerprintFile;

    @Option(names = "--user", description = "User name to prefill on the sign-in form.")
    String user;

    @Option(names = "--start-url", description = "First page (default: ${DEFAULT-VALUE}).")
    String startUrl = "about:blank";

    @Option(names = "--bind", description = "Address the peer link listens on (default: ${DEFAULT-VALUE}; 127.0.0.1 keeps it on this machine).")
    String bind = "0.0.0.0";

    @Option(names = "--lang", description = "UI language: en or zh-CN (default: saved setting, else the system's).")
    String lang;

    @Option(names = "--large-text", description = "Turn on large text.")
    boolean largeText;

    @Option(names = "--title", description = "Extra text for the window title.")
    String title;

    @Option(names = "--window-side", description = "Place the window on the left or right half of the screen.")
    String windowSide;

    @Parameters(arity = "0..1", paramLabel = "LINK",
            description = "A companion://join/CODE link (the OS passes it when such a link is opened): the code is looked up after sign-in.")
    String link;

    @Option(names = "--test-hook-port", hidden = true,
            description = "Tests only: loopback port of the test hook (needs COMPANION_TEST_HOOK_TOKEN and tools/testkit on the class path).")
    int testHookPort;

    public static void main(String[] args) {
        LogTimes.onUnlessSet();
        CommandLine cl = new CommandLine(new Main());
        int code = cl.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (testHookPort > 0 && TestHookFactory.find().isEmpty()) {
            System.err.println(TestHookFactory.MISSING);
            return 1;
        }
        if (link != null && !link.regionMatches(true, 0, Joining.LINK, 0, Joining.LINK.length())) {
            System.err.println("the argument must be a " + Joining.LINK + "CODE link, got " + link);
            return 2;
        }
        // one Companion per profile: a second start hands its link to the running one and ends
        OneInstance.Claim claim;
        try {
            claim = OneInstance.claim(profile.toAbsolutePath(), link);
        } catch (OneInstance.NotHandedOver e) {
            System.err.println("companion: " + e.getMessage());
            return 1;
        }
        if (claim instanceof OneInstance.HandedOver) {
            System.out.println(link == null ? "Companion already runs with this profile: its window was brought forward."
                    : "Companion already runs with this profile: the link was handed to it.");
            return 0;
        }
        OneInstance instance = ((OneInstance.Claimed) claim).instance();
        LinkRegistration.ensureOnWindows(); // an installed app on Windows: the user's companion:// handler
        LinkRegistration.onMacLinks(instance::offer); // macOS hands links over as events, not arguments
        String fp = sccFingerprint;
        if (fp == null && sccFingerprintFile != null) {
            fp = Files.readString(sccFingerprintFile).trim();
        }
        AppConfig config = new AppConfig(profile.toAbsolutePath(), controlCenter == null ? null : controlCenter.host(),
                controlCenter == null ? 0 : controlCenter.port(), fp, user, startUrl, bind,
                lang == null ? null : Locale.forLanguageTag(lang), largeText, testHookPort, title, windowSide, link);
        // the database and identity open on their own thread while Chromium starts (StartupProfile)
        var profileOpening = StartupProfile.openAsync(config.profile());
        BrowserEngine engine;
        try {
            engine = BrowserEngine.start(config.profile());   // before JavaFX: see docs/adr
        } catch (java.io.IOException | RuntimeException e) {
            StartupProfile.discard(profileOpening);
            instance.close();
            throw e;
        }
        try {
            CompanionApp.prepare(config, engine, profileOpening, instance);
            Application.launch(CompanionApp.class);
        } finally {
            engine.close();
            instance.close();
        }
        System.exit(0); // CEF keeps non-daemon threads alive after the window closed
        return 0;
    }
}
