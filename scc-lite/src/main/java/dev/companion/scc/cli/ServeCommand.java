package dev.companion.scc.cli;

import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the control center until SIGTERM or Ctrl-C.",
            "Writes DIR/scc-fingerprint.txt (clients pin it) and prints the port and fingerprint."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    SccMain main;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "data directory (created if missing)")
    Path data;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = Config.DEFAULT_BIND,
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7700",
            description = "TCP port, 0 for any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--local-addresses",
            description = "groups formed here follow pages on local addresses (loopback, private ranges, localhost) "
                    + "from the start, as a LAN classroom or the demo needs; their leader can still turn it off. "
                    + "Without it a group follows only public pages until its leader allows local ones.")
    boolean localAddresses;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CliException(SccMain.USAGE, "--port must be 0..65535");
        }
        ControlCenter cc;
        try {
            cc = ControlCenter.start(new Config(bind, port, data, null, null).withLocalAddresses(localAddresses));
        } catch (IOException e) {
            throw new CliException(SccMain.FAILURE, "cannot start: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cc.close();
            stopped.countDown();
        }, "scc-shutdown"));
        main.out.println("scc-lite listening on " + bind + ":" + cc.port() + " fingerprint " + cc.fingerprint());
        main.out.flush();
        stopped.await();
        return SccMain.OK;
    }
}
