package dev.companion.scc.cli;

import dev.companion.p2p.protocol.LogTimes;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The scc-lite command line: serve, user add, contact link, stats. */
@Command(name = "scc-lite", mixinStandardHelpOptions = true, version = "scc-lite 0.1.0",
        description = "Companion control center (lite): accounts, contacts, presence, invitations, groups and link signalling.",
        subcommands = {ServeCommand.class, UserCommand.class, ContactCommand.class, StatsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:done",
            " 1:refused (user exists, unknown user, empty password, ...)",
            " 2:bad command line",
            " 3:I/O or database failure (data directory, port in use, ...)"})
public final class SccMain implements Runnable {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int FAILURE = 3;

    final InputStream in;
    final PrintStream out;
    final PrintStream err;

    @Spec
    CommandSpec spec;

    public SccMain(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.flywaydb") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn"); // migrations are noise on the CLI
        }
        LogTimes.onUnlessSet(); // a server's log places each line in time
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command with the given streams and returns its exit code (tests call this). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new SccMain(in, out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException c) {
                err.println("scc-lite: " + c.getMessage());
                return c.code();
            }
            err.println("scc-lite: " + e);
            return FAILURE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: serve, user, contact or stats");
    }
}
