package dev.companion.scc.cli;

import dev.companion.scc.auth.PasswordHasher;
import dev.companion.scc.auth.UserNames;
import dev.companion.scc.auth.Users;
import dev.companion.scc.store.Store;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages accounts.",
        subcommands = UserCommand.Add.class)
final class UserCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: add");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Creates an account. The password is read from --password-file (first line),",
                "else from the terminal, else from the first line of standard input; never from the command line."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = {"user name: 1-64 letters, digits and . _ @ - of one script",
            "(Latin may go with Chinese, Japanese or Korean); not one that looks like an existing name"})
        String name;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "data directory")
        Path data;

        @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the password")
        Path passwordFile;

        @Override
        public Integer call() {
            SccMain main = (SccMain) parent.spec.parent().userObject();
            String stored = UserNames.normalize(name);
            String problem = UserNames.problem(stored);
            if (problem != null) {
                throw new CliException(SccMain.REFUSED, "bad user name: " + problem);
            }
            String password = readPassword(main);
            if (password.isEmpty()) {
                throw new CliException(SccMain.REFUSED, "empty password");
            }
            if (password.length() > 1024) {
                throw new CliException(SccMain.REFUSED, "password longer than 1024 characters");
            }
            String hash = PasswordHasher.hash(password);
            try (Store store = DataDir.open(data)) {
                Optional<String> refused = new Users(store).add(stored, hash, System.currentTimeMillis());
                if (refused.isPresent()) {
                    throw new CliException(SccMain.REFUSED, refused.get());
                }
            }
            main.out.println("user " + stored + " added");
            return SccMain.OK;
        }

        private String readPassword(SccMain main) {
            try {
                if (passwordFile != null) {
                    return firstLine(Files.readString(passwordFile, StandardCharsets.UTF_8));
                }
                Console console = System.console();
                if (console != null && main.in == System.in) {
                    char[] pw = console.readPassword("Password for %s: ", name);
                    return pw == null ? "" : new String(pw);
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8));
                String line = r.readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new CliException(SccMain.FAILURE, "cannot read the password: " + e.getMessage());
            }
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            String line = nl < 0 ? s : s.substring(0, nl);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
