package dev.companion.scc;

import dev.companion.p2p.files.PrivateFiles;
import dev.companion.p2p.ice.StunResponder;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import dev.companion.scc.auth.HashPool;
import dev.companion.scc.auth.LoginLimits;
import dev.companion.scc.invite.Invitations;
import dev.companion.scc.ice.IceHandler;
import dev.companion.scc.ice.IceSettings;
import dev.companion.scc.session.Dispatcher;
import dev.companion.scc.session.Hub;
import dev.companion.scc.session.Logic;
import dev.companion.scc.session.SccIoHandler;
import dev.companion.scc.store.Store;
import dev.companion.scc.store.Sweeper;
import dev.companion.scc.usage.UsageDays;
import dev.companion.scc.usage.UsageTally;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control center server: TLS 1.3 (its own self-signed identity, pinned by clients through its
 * fingerprint; no client certificates) → length-prefixed JSON frames → one logic thread that owns
 * the SQLite store. Owns the acceptor, the logic thread, the password-hashing pool and the store;
 * {@link #close()} releases them all and is safe to call twice.
 */
public final class ControlCenter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlCenter.class);
    public static final String IDENTITY_FILE = "scc-identity.p12";
    public static final String FINGERPRINT_FILE = "scc-fingerprint.txt";
    /**
     * How often expired invitations (and usage days older than the retention) are swept, and how long
     * after expiry invitations are kept (answered INVITATION_EXPIRED).
     */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    static final Duration EXPIRED_INVITATIONS_KEPT = Duration.ofDays(1);
    /** How often the time of groups still going is added to the usage counts. */
    static final Duration USAGE_TALLY_EVERY = Duration.ofMinutes(5);

    private final NioSocketAcceptor acceptor;
    private final Logic logic;
    private final HashPool hashing;
    private final Store store;
    private final Sweeper invitationSweeper;
    private final String fingerprint;
    private final int port;
    private final StunResponder stun;
    private final UsageTally tally;
    private boolean closed;

    private ControlCenter(NioSocketAcceptor acceptor, Logic logic, HashPool hashing, Store store, Sweeper invitationSweeper,
                          String fingerprint, int port, StunResponder stun, UsageTally tally) {
        this.stun = stun;
        this.tally = tally;
        this.acceptor = acceptor;
        this.logic = logic;
        this.hashing = hashing;
        this.store = store;
        this.invitationSweeper = invitationSweeper;
        this.fingerprint = fingerprint;
        this.port = port;
    }

    /** Opens the store, binds and starts serving; writes dataDir/scc-fingerprint.txt. No STUN, no relays. */
    public static ControlCenter start(Config cfg) throws IOException {
        return start(cfg, LoginLimits.DEFAULT, IceSettings.NONE);
    }

    /** As {@link #start(Config)}, with other limits on password guessing (tests). */
    public static ControlCenter start(Config cfg, LoginLimits limits) throws IOException {
        return start(cfg, limits, IceSettings.NONE);
    }

    /** As {@link #start(Config)}, also answering STUN and telling terminals about ice's relays. */
    public static ControlCenter start(Config cfg, IceSettings ice) throws IOException {
        return start(cfg, LoginLimits.DEFAULT, ice);
    }

    /** As {@link #start(Config)}, with these limits on password guessing, STUN and relays. */
    public static ControlCenter start(Config cfg, LoginLimits limits, IceSettings ice) throws IOException {
        Path dir = cfg.dataDir();
        PrivateFiles.dir(dir);
        Identity identity = Identity.loadOrCreate(dir.resolve(IDENTITY_FILE), "scc-lite");
        Store store = Store.open(dir);
        Logic logic = new Logic();
        HashPool hashing = new HashPool(limits.hashThreads(), limits.hashQueue());
        NioSocketAcceptor acceptor = null;
        StunResponder stun = null;
        try {
            List<String> away = resetLiveState(store);
            Clock clock = cfg.clock();
            long retentionDays = cfg.usageRetention().toDays();
            Sweeper sweeper = store.sweeper("invitations and usage days", SWEEP_EVERY,
                    c -> Invitations.sweep(c, clock.millis() - EXPIRED_INVITATIONS_KEPT.toMillis())
                            + UsageDays.sweep(c, UsageDays.day(clock.millis()).minusDays(retentionDays)));
            Hub hub = Hub.of(store, cfg.clock(), cfg.invitationTtl(), cfg.localAddresses());
            IceHandler iceHandler = new IceHandler(ice, cfg.clock());
            if (ice.stunPort() >= 0) {
                stun = StunResponder.start(new InetSocketAddress(cfg.bindHost(), ice.stunPort()));
                iceHandler.stunBound(stun.port());
            }
            Dispatcher dispatcher = new Dispatcher(hub, logic, hashing, limits, cfg.awayGrace(), iceHandler);
            dispatcher.restarted(away);
            dispatcher.usageTally().every(USAGE_TALLY_EVERY);
            acceptor = FramedTls.acceptor(cfg.endpoint(), Tls.context(identity, fp -> true),
                    new SccIoHandler(logic, dispatcher));
            acceptor.bind(new InetSocketAddress(cfg.bindHost(), cfg.port()));
            int port = acceptor.getLocalAddress().getPort();
            writeFingerprint(dir, identity.fingerprint());
            LOG.info("control center listening on {}:{} (fingerprint {})", cfg.bindHost(), port, identity.fingerprint());
            return new ControlCenter(acceptor, logic, hashing, store, sweeper, identity.fingerprint(), port, stun,
                    dispatcher.usageTally());
        } catch (IOException | RuntimeException e) {
            if (acceptor != null) {
                acceptor.dispose(true);
            }
            if (stun != null) {
                stun.close();
            }
            logic.close();
            hashing.close();
            store.close();
            throw e;
        }
    }

    /** The port actually bound. */
    public int port() {
        return port;
    }

    /** The UDP port of its STUN server, or -1 when it runs none. */
    public int stunPort() {
        return stun == null ? -1 : stun.port();
    }

    /** The logic thread, for tests that hold it busy. */
    Logic logic() {
        return logic;
    }

    /** Adds the time of groups still going to the usage counts now (tests); completes with how many memberships. */
    java.util.concurrent.CompletableFuture<Integer> usageTallyNow() {
        return tally.now();
    }

    /** Sweeps expired invitations and old usage days now, off the logic thread (tests); completes with how many were deleted. */
    CompletableFuture<Integer> sweepInvitations() {
        return invitationSweeper.sweepNow();
    }

    /** The password-checking threads, for tests that hold them busy or count the checks. */
    HashPool hashing() {
        return hashing;
    }

    /** The acceptor, for tests that look at its sessions and connection counts. */
    NioSocketAcceptor acceptor() {
        return acceptor;
    }

    /** The server certificate's fingerprint ("sha-256:<hex>"), which clients pin. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Stops for good (a classroom its teacher stopped): every connection is sent farewell first, waited
     * for up to wait in all so that it is on its way before the connections close, then {@link #close()}.
     */
    public void closeWith(Message farewell, Duration wait) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        long end = System.nanoTime() + wait.toNanos();
        List<WriteFuture> sent = new ArrayList<>();
        for (IoSession s : acceptor.getManagedSessions().values()) {
            if (s.isConnected() && !s.isClosing()) {
                sent.add(s.write(farewell));
            }
        }
        for (WriteFuture f : sent) {
            f.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        }
        close();
    }

    /** Stops accepting, finishes queued work, closes every connection (without pushing departures), closes the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        acceptor.setCloseOnDeactivation(false); // the connections close below, after the logic thread
        acceptor.unbind();
        if (stun != null) {
            stun.close();
        }
        // Logic first: a shutdown is not every member leaving. Connections closed from here on are
        // not processed as departures, so no group_dissolved is pushed and linked members keep
        // following each other directly (the next start makes every member away for a new grace);
        // pending away-grace timers are dropped with the logic thread. The usage tally queued first
        // counts the time of groups still going up to now.
        tally.now();
        logic.close();
        acceptor.getManagedSessions().values().forEach(s -> s.closeNow());
        acceptor.dispose(true);
        hashing.close();
        store.close();
        LOG.info("control center on port {} stopped", port);
    }

    /**
     * No connection survives a restart: every terminal is offline and every group member away, each
     * given the away grace from this start to come back (returns who).
     */
    private static List<String> resetLiveState(Store store) {
        return store.tx(() -> {
            new dev.companion.scc.presence.Terminals(store).allOffline();
            return new dev.companion.scc.group.Groups(store).allAway();
        });
    }

    private static void writeFingerprint(Path dir, String fp) throws IOException {
        Path file = dir.resolve(FINGERPRINT_FILE);
        Path tmp = dir.resolve(FINGERPRINT_FILE + ".tmp");
        Files.writeString(tmp, fp + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
