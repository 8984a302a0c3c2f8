package dev.companion.app.bot;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowException;
import dev.companion.app.flow.FlowFormat;
import dev.companion.p2p.link.HostPort;
import dev.companion.p2p.protocol.LogTimes;
import dev.companion.scc.cli.HostPortConverter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./companion bot}: a headless virtual companion. Reads and checks the flow file first (a bad
 * one is refused with its line, step and reason; nothing signs in), signs in, appears online,
 * accepts invitations (or invites --invite), leads the flow ({@link BotLeader}) and says what it does
 * on standard output, one line per change. Ends when every step worked; Ctrl-C stops it.
 */
@Command(name = "companion bot", mixinStandardHelpOptions = true, version = "Companion 0.1.0",
        description = "Lead people through a recorded flow, as a member without a person (a virtual companion).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step of the flow worked", "1:could not start or sign in (message says why)",
            "2:bad command line", "3:the flow file was refused (line, step and reason said)"})
public final class BotMain implements Callable<Integer> {
    @Option(names = "--flow", required = true, description = "The flow file to lead (docs/flows.md).")
    Path flowFile;

    @Option(names = "--user", required = true, description = "The bot's user name on the control center.")
    String user;

    @Option(names = "--password-file", description = "Read the bot's password from this file (else from the first line of standard input).")
    Path passwordFile;

    @Option(names = "--control-center", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7700",
            converter = HostPortConverter.class, description = "Control center HOST:PORT or [IPv6]:PORT (default: ${DEFAULT-VALUE}).")
    HostPort controlCenter;

    @Option(names = "--scc-fingerprint-file", description = "Read the expected control-center fingerprint from this file; else it is pinned on first use.")
    Path fingerprintFile;

    @Option(names = "--profile", description = "Profile folder: the bot's identity and data (default: ~/.companion/bot-USER).")
    Path profile;

    @Option(names = "--bind", description = "Address the peer link listens on (default: ${DEFAULT-VALUE}).")
    String bind = "0.0.0.0";

    @Option(names = "--invite", description = "Invite this contact into a group the bot leads (else the bot waits to be invited).")
    String invite;

    @Option(names = "--manual", description = "Manual following: the person accepts each step (Next) before it is done.")
    boolean manual;

    private final PrintStream out;

    public BotMain() {
        this(System.out);
    }

    BotMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        LogTimes.onUnlessSet();
        int code = new CommandLine(new BotMain()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        Flow flow;
        try {
            flow = FlowFormat.read(flowFile);
        } catch (FlowException e) {
            System.err.println("the flow file was refused: " + e.getMessage());
            return 3;
        }
        String password = passwordFile != null ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isBlank()) {
            System.err.println("no password: give --password-file or a line on standard input");
            return 2;
        }
        String fp = fingerprintFile == null ? null : Files.readString(fingerprintFile).strip();
        Path dir = profile != null ? profile : Path.of(System.getProperty("user.home"), ".companion", "bot-" + user);
        Files.createDirectories(dir);
        CountDownLatch done = new CountDownLatch(1);
        BotTerminal.Config config = new BotTerminal.Config(user, password, dir.toAbsolutePath(),
                controlCenter.host(), controlCenter.port(), fp, bind, manual);
        try (BotTerminal bot = new BotTerminal(config, flow, e -> {
            out.println(BotWords.line(flow, e));
            if (e.state() == BotLeader.State.DONE) {
                done.countDown();
            }
        })) {
            try {
                bot.signIn().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("could not sign in: " + e.getCause().getMessage());
                return 1;
            }
            out.println("signed in as " + user + "; leading \"" + flow.name() + "\" (" + flow.steps().size() + " steps)"
                    + (manual ? ", manual following" : ""));
            if (invite != null) {
                bot.invite(invite).get(30, TimeUnit.SECONDS);
                out.println("invited " + invite);
            }
            done.await();
        }
        return 0;
    }
}
