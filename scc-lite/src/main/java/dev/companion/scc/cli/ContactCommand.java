package dev.companion.scc.cli;

import dev.companion.scc.auth.Users;
import dev.companion.scc.presence.Contacts;
import dev.companion.scc.store.Store;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "contact", mixinStandardHelpOptions = true, description = "Manages contacts.",
        subcommands = ContactCommand.Link.class)
final class ContactCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: link");
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = {"Makes users A and B accepted contacts of each other (no request needed).",
                "A running control center applies it from its next request on (invitations, presence);",
                "users already online are not told and see it in their next login_ok."})
    static final class Link implements Callable<Integer> {
        @ParentCommand
        ContactCommand parent;

        @Parameters(index = "0", paramLabel = "A")
        String a;

        @Parameters(index = "1", paramLabel = "B")
        String b;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "data directory")
        Path data;

        @Override
        public Integer call() {
            SccMain main = (SccMain) parent.spec.parent().userObject();
            if (a.equals(b)) {
                throw new CliException(SccMain.REFUSED, "a user cannot be their own contact");
            }
            try (Store store = DataDir.open(data)) {
                Users users = new Users(store);
                store.run(() -> {
                    for (String u : new String[] {a, b}) {
                        if (!users.exists(u)) {
                            throw new CliException(SccMain.REFUSED, "no such user: " + u);
                        }
                    }
                    new Contacts(store).link(a, b);
                });
            }
            main.out.println(a + " and " + b + " are contacts");
            return SccMain.OK;
        }
    }
}
