package dev.companion.app.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Windows registration's commands (reg.exe does not run here: they are checked as data), and
 * that a build tree or a test never registers anything.
 */
class LinkRegistrationTest {
    @Test
    void windowsGetsTheUsersOwnKeysPointingAtTheInstalledLauncherWithTheLinkQuoted() {
        Path exe = Path.of("C:\\Program Files\\Companion\\Companion.exe");
        List<List<String>> commands = LinkRegistration.windowsCommands(exe);
        assertThat(commands).allSatisfy(c -> {
            assertThat(c.subList(0, 2)).containsExactly("reg", "add");
            assertThat(c.get(2)).startsWith("HKCU\\Software\\Classes\\companion"); // the user's own, no administrator
            assertThat(c).endsWith("/f");
        });
        assertThat(commands).anySatisfy(c -> assertThat(c).containsSubsequence("/v", "URL Protocol", "/d", ""));
        assertThat(commands).anySatisfy(c -> assertThat(c).containsSequence(
                "HKCU\\Software\\Classes\\companion\\shell\\open\\command", "/ve", "/d",
                "\"C:\\Program Files\\Companion\\Companion.exe\" \"%1\""));
    }

    @Test
    void outsideAnInstalledWindowsAppNothingIsRegistered() throws Exception {
        assertThat(System.getProperty("jpackage.app-path")).isNull();
        LinkRegistration.ensureOnWindows(); // returns at once: no thread, no process
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("link-registration"));
    }

    @Test
    void aLinkTheOsGivesTheRunningAppGoesToTheWindowLikeAHandOver(@org.junit.jupiter.api.io.TempDir Path profile)
            throws Exception {
        OneInstance one = ((OneInstance.Claimed) OneInstance.claim(profile, null)).instance();
        try {
            java.util.concurrent.BlockingQueue<String> heard = new java.util.concurrent.LinkedBlockingQueue<>();
            assertThat(one.offer("companion://join/MACOS12345")).isTrue(); // before the window listens: kept
            assertThat(one.offer("https://evil.example/")).isFalse();
            one.onHandOver(heard::add);
            assertThat(heard.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("companion://join/MACOS12345");
            assertThat(heard).isEmpty();
        } finally {
            one.close();
        }
    }
}
