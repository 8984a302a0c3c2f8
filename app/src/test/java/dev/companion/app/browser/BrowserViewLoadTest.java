package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.browser.BrowserToolbar;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.util.WaitForAsyncUtils;

/** Loading pages: properties, ready notices, and the navigate actions with their causes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserViewLoadTest {
    private static BrowserFixture fx;
    private static long startNanos;
    private static long readyNanos;

    @BeforeAll
    static void start() throws Exception {
        startNanos = System.nanoTime();
        fx = BrowserFixture.start("/page.html");
        readyNanos = System.nanoTime();
    }

    @AfterAll
    static void stop() throws Exception {
        printMemory();
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @Order(1)
    void startPageLoadsAndReportsReadyUrlTitleAndUserNavigation() throws Exception {
        System.out.printf("engine start -> first page ready: %d ms%n", (readyNanos - startNanos) / 1_000_000);
        Action.Navigate nav = fx.recorder.await(Action.Navigate.class);
        assertThat(nav.url()).isEqualTo(fx.url("/page.html"));
        assertThat(nav.cause()).isEqualTo(NavigationCause.USER);
        assertThat(nav.frame()).isEmpty();
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.view.titleProperty().get().equals("Test page") && !fx.view.loadingProperty().get());
        assertThat(fx.view.urlProperty().get()).isEqualTo(fx.url("/page.html"));
        assertThat(fx.evalString("document.getElementById('h').textContent")).isEqualTo("Hello");
        // A frame was painted into the JavaFX image.
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> ((OsrBrowserView) fx.view).painter().uploads() > 0);
    }

    @Test
    @Order(2)
    void loadIsUserNavigationAndPropertiesFollow() throws Exception {
        fx.recorder.actions.clear();
        fx.loadAndWait("/page2.html");
        Action.Navigate nav = fx.recorder.await(Action.Navigate.class);
        assertThat(nav.url()).isEqualTo(fx.url("/page2.html"));
        assertThat(nav.cause()).isEqualTo(NavigationCause.USER);
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.view.urlProperty().get().equals(fx.url("/page2.html"))
                        && fx.view.titleProperty().get().equals("Second page"));
    }

    @Test
    @Order(3)
    void aLinkFollowedByThePageIsPageNavigation() throws Exception {
        fx.recorder.actions.clear();
        fx.recorder.clearReady();
        fx.eval("document.getElementById('back').click()");
        fx.recorder.awaitReady(fx.url("/page.html"), "");
        Action.Navigate nav = fx.recorder.await(Action.Navigate.class);
        assertThat(nav.url()).isEqualTo(fx.url("/page.html"));
        assertThat(nav.cause()).isEqualTo(NavigationCause.PAGE);
    }

    @Test
    @Order(4)
    void backAndForwardAreUserNavigation() throws Exception {
        // (Chromium's back skips entries a page left without user activation, like the scripted
        // link click above; page.html -> page2.html by load() is a normal entry.)
        fx.loadAndWait("/page2.html");
        fx.recorder.actions.clear();
        fx.recorder.clearReady();
        fx.view.back();
        fx.recorder.awaitReady(fx.url("/page.html"), "");
        Action.Navigate back = fx.recorder.await(Action.Navigate.class);
        assertThat(back.url()).isEqualTo(fx.url("/page.html"));
        assertThat(back.cause()).isEqualTo(NavigationCause.USER);

        fx.recorder.clearReady();
        fx.view.forward();
        fx.recorder.awaitReady(fx.url("/page2.html"), "");
        Action.Navigate forward = fx.recorder.await(Action.Navigate.class);
        assertThat(forward.url()).isEqualTo(fx.url("/page2.html"));
        assertThat(forward.cause()).isEqualTo(NavigationCause.USER);

        fx.recorder.clearReady();
        fx.view.reload();
        fx.recorder.awaitReady(fx.url("/page2.html"), "");
        assertThat(fx.recorder.await(Action.Navigate.class).cause()).isEqualTo(NavigationCause.USER);
        fx.loadAndWait("/page.html");
    }

    @Test
    @Order(5)
    void historyApiChangesArePageNavigation() throws Exception {
        fx.recorder.actions.clear();
        fx.eval("history.pushState({}, '', '/spa/step1')");
        Action.Navigate nav = fx.recorder.await(Action.Navigate.class);
        assertThat(nav.url()).isEqualTo(fx.url("/spa/step1"));
        assertThat(nav.cause()).isEqualTo(NavigationCause.PAGE);
        fx.eval("location.hash = 'part2'");
        Action.Navigate hash = fx.recorder.await(Action.Navigate.class);
        assertThat(hash.url()).isEqualTo(fx.url("/spa/step1#part2"));
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.view.urlProperty().get().equals(fx.url("/spa/step1#part2")));
    }

    @Test
    @Order(6)
    void evalReturnsJsonAndReportsErrors() throws Exception {
        assertThat(fx.eval("1 + 2")).isEqualTo("3");
        assertThat(fx.eval("({a: [1, 'x']})")).isEqualTo("{\"a\":[1,\"x\"]}");
        assertThat(fx.eval("undefined")).isEqualTo("null");
        assertThat(fx.eval("new Promise(r => setTimeout(() => r('late'), 50))")).isEqualTo("\"late\"");
        assertThat(fx.view.eval("nonexistent.property")).failsWithin(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    @Order(7)
    void resizingTheStageResizesThePage() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            fx.stage.setWidth(640);
            fx.stage.setHeight(480);
        }).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        double width = WaitForAsyncUtils.asyncFx(() -> fx.view.node().getLayoutBounds().getWidth())
                .get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        assertThat(width).isLessThan(700);
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.eval("window.innerWidth").equals(String.valueOf(Math.round(width))));
    }

    @Test
    @Order(8)
    void theAddressBarShowsTheAddressThatFailedUntilAnotherPageLoads() throws Exception {
        fx.loadAndWait("/page.html");
        TextField address = WaitForAsyncUtils.asyncFx(() -> {
            BrowserToolbar toolbar = new BrowserToolbar(fx.view, new Texts(Locale.ENGLISH));
            return (TextField) toolbar.lookup("#address");
        }).get(BrowserFixture.WAIT_S, TimeUnit.SECONDS);
        // port 1: Chromium refuses it (ERR_UNSAFE_PORT) and shows its error page
        String failing = "http://127.0.0.1:1/nothing";
        fx.view.load(failing);
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.view.failedUrlProperty().get().equals(failing) && !fx.view.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(address.getText()).isEqualTo(failing);
        assertThat(fx.view.urlProperty().get()).isNotEqualTo(failing).doesNotStartWith("http://127.0.0.1:1/");

        fx.loadAndWait("/page2.html");
        WaitForAsyncUtils.waitFor(BrowserFixture.WAIT_S, TimeUnit.SECONDS,
                () -> fx.view.failedUrlProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(address.getText()).isEqualTo(fx.url("/page2.html"));
    }

    /** JVM RSS and the proportional memory of the JVM and its Chromium processes (Linux only). */
    private static void printMemory() {
        try {
            long jvmRss = kb(java.nio.file.Path.of("/proc/self/status"), "VmRSS:");
            long pss = kb(java.nio.file.Path.of("/proc/self/smaps_rollup"), "Pss:");
            int[] count = {1};
            long[] total = {pss};
            ProcessHandle.current().descendants().forEach(p -> {
                try {
                    total[0] += kb(java.nio.file.Path.of("/proc/" + p.pid() + "/smaps_rollup"), "Pss:");
                    count[0]++;
                } catch (Exception e) {
                    // gone
                }
            });
            System.out.printf("memory: JVM RSS %d MB; PSS of JVM + %d Chromium processes %d MB%n",
                    jvmRss / 1024, count[0] - 1, total[0] / 1024);
        } catch (Exception e) {
            System.out.println("memory: not measured (" + e + ")");
        }
    }

    private static long kb(java.nio.file.Path file, String key) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
