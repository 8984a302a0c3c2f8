package dev.companion.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.link.HostPort;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The app's command line: the control center's address under --control-center (and the older --scc),
 * read by the same converter as the bot's; a bad one is refused before anything starts (exit 2, one
 * line saying why, then the usage, no stack trace).
 */
class MainCommandLineTest {
    @Test
    void readsTheAddressUnderBothNamesAndDefaultsToTheLocalControlCenter() {
        assertThat(parsed().controlCenter).as("not given: the app decides (below)").isNull();
        assertThat(parsed("--control-center", "cc.example.org:47443").controlCenter)
                .isEqualTo(new HostPort("cc.example.org", 47443));
        assertThat(parsed("--scc", "[::1]:7700").controlCenter).isEqualTo(new HostPort("::1", 7700));
    }

    @Test
    void aBadAddressIsABadCommandLineWithItsReasonAndNoStackTrace() {
        String[][] cases = {
            {"nocolon", "no port"}, {"cc.example:", "no port"}, {"cc.example:0", "the port must be 1..65535"},
            {"cc.example:70000", "the port must be 1..65535"}, {"cc.example:port", "the port must be a number"},
            {":7700", "no host"}, {"", "it is empty"}};
        for (String option : new String[] {"--control-center", "--scc"}) {
            for (String[] c : cases) {
                StringWriter err = new StringWriter();
                CommandLine cl = new CommandLine(new Main());
                cl.setErr(new PrintWriter(err, true));
                cl.setOut(new PrintWriter(new StringWriter(), true));
                assertThat(cl.execute(option, c[0])).as(c[0]).isEqualTo(2);
                assertThat(err.toString()).as(c[0])
                        .contains("Invalid value for option '--control-center': HOST:PORT expected, got \""
                                + c[0] + "\": " + c[1])
                        .contains("Usage: companion app").doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    private static Main parsed(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void withoutTheOptionTheAddressChosenInTheSignInFormIsUsedElseTheLocalOne() {
        AppConfig given = config("cc.example.org", 47443);
        AppConfig none = config(null, 0);
        assertThat(CompanionApp.controlCenter(given, profile("other.example.org:1"))).isEqualTo(new HostPort("cc.example.org", 47443));
        assertThat(CompanionApp.controlCenter(none, profile("[::1]:7711"))).isEqualTo(new HostPort("::1", 7711));
        assertThat(CompanionApp.controlCenter(none, profile(null))).isEqualTo(new HostPort("127.0.0.1", 7700));
        assertThat(CompanionApp.controlCenter(none, profile("not an address"))).as("a bad stored value: the default")
                .isEqualTo(new HostPort("127.0.0.1", 7700));
    }

    private static AppConfig config(String host, int port) {
        return new AppConfig(java.nio.file.Path.of("p"), host, port, null, null, "about:blank", "127.0.0.1", null, false, 0,
                null, null);
    }

    private static StartupProfile profile(String chosen) {
        return new StartupProfile(null, null, java.util.Optional.empty(), false, null, java.util.Map.of(),
                java.util.Optional.ofNullable(chosen));
    }
}
