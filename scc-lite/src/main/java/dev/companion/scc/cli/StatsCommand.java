package dev.companion.scc.cli;

import dev.companion.p2p.protocol.Messages;
import dev.companion.scc.store.Store;
import dev.companion.scc.usage.UsageDays;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** scc stats: the usage counts per user and day (UTC), as a table or CSV; counts only (docs/adr/0010-usage-counts.md). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Prints the usage counts per user and UTC day from FROM to TO (inclusive): sign-ins with a",
            "password, groups formed (as leader), seconds in groups (counted when a member leaves), and the",
            "actions led and followed that terminals reported. Counts only: no page, no URL, no content."})
final class StatsCommand implements Callable<Integer> {
    static final String HEADER = "day,user,sign_ins,groups_formed,group_seconds,actions_led,actions_followed";

    @ParentCommand
    SccMain parent;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "data directory")
    Path data;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first day (UTC)")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "last day (UTC)")
    LocalDate to;

    @Option(names = "--csv", description = "comma-separated values with a header line")
    boolean csv;

    @Override
    public Integer call() {
        if (to.isBefore(from)) {
            throw new CliException(SccMain.USAGE, "--to is before --from");
        }
        List<UsageDays.Row> rows;
        try (Store store = DataDir.open(data)) {
            rows = UsageDays.all(store.connection(), from, to);
        } catch (SQLException e) {
            throw new CliException(SccMain.FAILURE, "cannot read the usage counts: " + e.getMessage());
        }
        if (csv) {
            parent.out.println(HEADER);
            rows.forEach(r -> parent.out.println(String.join(",", java.util.Arrays.stream(fields(r)).map(StatsCommand::csv)
                    .toList())));
        } else {
            String format = "%-10s  %-20s %8s %7s %10s %8s %9s%n";
            parent.out.printf(format, "day", "user", "sign-ins", "groups", "in groups", "led", "followed");
            rows.forEach(r -> parent.out.printf(format, (Object[]) fields(r)));
            parent.out.println(rows.size() + " row(s), " + from + " to " + to + " (UTC); in groups: seconds");
        }
        return SccMain.OK;
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break (names from before UserNames). */
    static String csv(String field) {
        return field.matches("[^,\"\r\n]*") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }

    /** One row's values. */
    private static String[] fields(UsageDays.Row r) {
        Messages.UsageDay d = r.day();
        return new String[] {d.day(), r.user(), "" + d.signIns(), "" + d.groupsFormed(), "" + d.groupSeconds(),
            "" + d.actionsLed(), "" + d.actionsFollowed()};
    }
}
