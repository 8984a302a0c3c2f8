package dev.companion.app.instance;

import dev.companion.app.thread.Threads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the installed app the handler of {@code companion://} links where the installer cannot:
 * <ul>
 *   <li><b>Windows</b>: jpackage's .msi registers file types, not URL schemes, so each start of the
 *       installed app writes the user's own keys (HKCU, no administrator needed) with {@code reg.exe}:
 *       {@code Software\Classes\companion} ("URL Protocol") and its {@code shell\open\command}
 *       {@code "<Companion.exe>" "%1"}. Windows then starts the app with the link as its argument, and
 *       a running app gets it from that start ({@link OneInstance}).</li>
 *   <li><b>macOS</b>: the bundle's Info.plist names the scheme (packaging/macos/package.sh), and macOS
 *       hands a link to the app as an Apple event, whether it runs or is started for it:
 *       {@link #onMacLinks} passes each to the window like a hand-over.</li>
 *   <li><b>Linux</b>: the package's .desktop file does it (packaging/README.md); nothing here.</li>
 * </ul>
 * Only for an installed app (jpackage's launcher sets {@code jpackage.app-path}); never from a build
 * tree or a test. Runs on a background thread at start; a failure is logged, the app goes on.
 */
public final class LinkRegistration {
    private static final Logger log = LoggerFactory.getLogger(LinkRegistration.class);
    private static final String KEY = "HKCU\\Software\\Classes\\companion";

    private LinkRegistration() {
    }

    /** The reg.exe commands that make exe the user's handler of companion:// links. */
    static List<List<String>> windowsCommands(Path exe) {
        String open = "\"" + exe + "\" \"%1\"";
        return List.of(
                List.of("reg", "add", KEY, "/ve", "/d", "URL:Companion join link", "/f"),
                List.of("reg", "add", KEY, "/v", "URL Protocol", "/d", "", "/f"),
                List.of("reg", "add", KEY + "\\DefaultIcon", "/ve", "/d", "\"" + exe + "\",0", "/f"),
                List.of("reg", "add", KEY + "\\shell\\open\\command", "/ve", "/d", open, "/f"));
    }

    /** On Windows, for an installed app: registers it (see above), on a thread of its own. */
    public static void ensureOnWindows() {
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath == null || !System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        Threads.start("link-registration", () -> {
            for (List<String> command : windowsCommands(Path.of(appPath))) {
                try {
                    Process p = new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        p.destroy();
                        log.warn("registering companion:// links failed at: {}", String.join(" ", command));
                        return;
                    }
                } catch (IOException e) {
                    log.warn("registering companion:// links failed: {}", e.toString());
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            log.info("companion:// links open {}", appPath);
        });
    }

    /**
     * On macOS: every companion:// link macOS opens with this app goes to links (on an AWT thread).
     * Does nothing where the desktop has no such events.
     */
    public static void onMacLinks(Consumer<String> links) {
        if (!System.getProperty("os.name", "").startsWith("Mac") || !java.awt.Desktop.isDesktopSupported()) {
            return;
        }
        java.awt.Desktop desktop = java.awt.Desktop.getDesktop();
        if (desktop.isSupported(java.awt.Desktop.Action.APP_OPEN_URI)) {
            desktop.setOpenURIHandler(e -> links.accept(e.getURI().toString()));
        }
    }
}
