package dev.companion.scc.cli;

import dev.companion.p2p.link.HostPort;
import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import dev.companion.scc.ice.IceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--stun-port", paramLabel = "N", defaultValue = "" + IceSettings.DEFAULT_STUN_PORT,
            description = "UDP port of the STUN server on the bind address, 0 for any free port, -1 for none (default: ${DEFAULT-VALUE})")
    int stunPort;

    @Option(names = "--ice-host", paramLabel = "HOST",
            description = "the address terminals reach the STUN server at (default: the address each reached the control center at)")
    String iceHost;

    @Option(names = "--turn", paramLabel = "HOST:PORT", split = ",", converter = HostPortConverter.class,
            description = "TURN relays (coturn with use-auth-secret) to tell terminals about")
    List<HostPort> turn = List.of();

    @Option(names = "--turn-secret-file", paramLabel = "FILE",
            description = "file holding the secret shared with the relays (coturn's static-auth-secret)")
    Path turnSecretFile;

    @Option(names = "--turn-ttl", paramLabel = "SECONDS", defaultValue = "86400",
            description = "how long TURN credentials are valid (default: ${DEFAULT-VALUE})")
    long turnTtl;

    @Option(names = "--usage-retention-days", paramLabel = "DAYS", defaultValue = "400",
            description = "usage statistics older than this many days are deleted (default: ${DEFAULT-VALUE})")
    int usageRetentionDays;

    @Override
    public Integer call() throws InterruptedException {
        if (usageRetentionDays < 1) {
            throw new CliException(SccMain.USAGE, "--usage-retention-days must be 1 or more");
        }
        if (port < 0 || port > 65535) {
            throw new CliException(SccMain.USAGE, "--port must be 0..65535");
        }
        ControlCenter cc;
        try {
            cc = ControlCenter.start(new Config(bind, port, data, null, null).withLocalAddresses(localAddresses)
                    .withUsageRetention(Duration.ofDays(usageRetentionDays)), ice());
        } catch (IOException e) {
            throw new CliException(SccMain.FAILURE, "cannot start: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cc.close();
            stopped.countDown();
        }, "scc-shutdown"));
        main.out.println("scc-lite listening on " + bind + ":" + cc.port() + " fingerprint " + cc.fingerprint()
                + (cc.stunPort() > 0 ? " stun " + cc.stunPort() : ""));
        main.out.flush();
        stopped.await();
        return SccMain.OK;
    }

    private IceSettings ice() {
        if (stunPort < -1 || stunPort > 65535) {
            throw new CliException(SccMain.USAGE, "--stun-port must be -1..65535");
        }
        String secret = null;
        if (!turn.isEmpty()) {
            if (turnSecretFile == null) {
                throw new CliException(SccMain.USAGE, "--turn needs --turn-secret-file");
            }
            try {
                secret = Files.readString(turnSecretFile).strip();
            } catch (IOException e) {
                throw new CliException(SccMain.FAILURE, "cannot read " + turnSecretFile + ": " + e.getMessage());
            }
        }
        if (turnTtl <= 0) {
            throw new CliException(SccMain.USAGE, "--turn-ttl must be positive");
        }
        try {
            return new IceSettings(stunPort, iceHost, turn.stream().map(HostPort::toString).toList(), secret, Duration.ofSeconds(turnTtl));
        } catch (IllegalArgumentException e) {
            throw new CliException(SccMain.USAGE, e.getMessage());
        }
    }
}
