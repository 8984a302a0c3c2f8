package dev.companion.scc;

import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.protocol.Protocol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a control center.
 *
 * @param bindHost      address to listen on; null means {@link #DEFAULT_BIND} (loopback only)
 * @param port          TCP port; 0 picks a free one (see {@link ControlCenter#port()})
 * @param dataDir       holds scc.db, scc-identity.p12 and scc-fingerprint.txt; created if missing
 * @param clock         time source for invitations, lead proposals, tokens and records; null means the
 *                      UTC system clock
 * @param invitationTtl how long an invitation can be answered; null means {@link Protocol#INVITATION_TTL_SECONDS}
 * @param awayGrace     how long a member whose connection closed stays in its groups (away) before it
 *                      leaves them; null means {@link Protocol#AWAY_GRACE_SECONDS}; zero leaves at once.
 *                      Measured in real time (a timer on the logic thread), not by clock.
 * @param localAddresses whether the groups formed here follow pages on local addresses (loopback,
 *                      private ranges, localhost...) from the start: a LAN classroom or the demo, where
 *                      the pages are on this network; the leader can change it per group
 * @param endpoint      the acceptor's socket settings and connection limits; null means
 *                      {@link Endpoint#CONTROL_CENTER} (tests make the limits small)
 * @param usageRetention how long usage statistics are kept: days that ended longer ago are deleted;
 *                      null means {@link #DEFAULT_USAGE_RETENTION}
 */
public record Config(String bindHost, int port, Path dataDir, Clock clock, Duration invitationTtl, Duration awayGrace,
                     boolean localAddresses, Endpoint endpoint, Duration usageRetention) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final Duration DEFAULT_USAGE_RETENTION = Duration.ofDays(400);

    public Config {
        bindHost = bindHost == null || bindHost.isBlank() ? DEFAULT_BIND : bindHost;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        clock = clock == null ? Clock.systemUTC() : clock;
        invitationTtl = invitationTtl == null ? Duration.ofSeconds(Protocol.INVITATION_TTL_SECONDS) : invitationTtl;
        if (invitationTtl.isNegative() || invitationTtl.isZero()) {
            throw new IllegalArgumentException("invitationTtl must be positive");
        }
        awayGrace = awayGrace == null ? Duration.ofSeconds(Protocol.AWAY_GRACE_SECONDS) : awayGrace;
        if (awayGrace.isNegative()) {
            throw new IllegalArgumentException("awayGrace must not be negative");
        }
        endpoint = endpoint == null ? Endpoint.CONTROL_CENTER : endpoint;
        usageRetention = usageRetention == null ? DEFAULT_USAGE_RETENTION : usageRetention;
        if (usageRetention.toDays() < 1) {
            throw new IllegalArgumentException("usageRetention must be a day or more");
        }
    }

    /** The product's endpoint. */
    public Config(String bindHost, int port, Path dataDir, Clock clock, Duration invitationTtl, Duration awayGrace,
                  boolean localAddresses) {
        this(bindHost, port, dataDir, clock, invitationTtl, awayGrace, localAddresses, null, null);
    }

    /** Groups that follow no page on a local address until their leader allows it. */
    public Config(String bindHost, int port, Path dataDir, Clock clock, Duration invitationTtl, Duration awayGrace) {
        this(bindHost, port, dataDir, clock, invitationTtl, awayGrace, false);
    }

    /** The defaults for clock, invitation lifetime and away grace where null. */
    public Config(String bindHost, int port, Path dataDir, Clock clock, Duration invitationTtl) {
        this(bindHost, port, dataDir, clock, invitationTtl, null);
    }

    /** Loopback, any free port, system clock, default invitation lifetime and away grace. */
    public static Config of(Path dataDir) {
        return new Config(null, 0, dataDir, null, null, null);
    }

    public Config withBind(String host, int newPort) {
        return new Config(host, newPort, dataDir, clock, invitationTtl, awayGrace, localAddresses, endpoint, usageRetention);
    }

    public Config withClock(Clock newClock) {
        return new Config(bindHost, port, dataDir, newClock, invitationTtl, awayGrace, localAddresses, endpoint, usageRetention);
    }

    public Config withInvitationTtl(Duration ttl) {
        return new Config(bindHost, port, dataDir, clock, ttl, awayGrace, localAddresses, endpoint, usageRetention);
    }

    public Config withAwayGrace(Duration grace) {
        return new Config(bindHost, port, dataDir, clock, invitationTtl, grace, localAddresses, endpoint, usageRetention);
    }

    public Config withLocalAddresses(boolean allowed) {
        return new Config(bindHost, port, dataDir, clock, invitationTtl, awayGrace, allowed, endpoint, usageRetention);
    }

    public Config withEndpoint(Endpoint newEndpoint) {
        return new Config(bindHost, port, dataDir, clock, invitationTtl, awayGrace, localAddresses, newEndpoint, usageRetention);
    }

    public Config withUsageRetention(Duration retention) {
        return new Config(bindHost, port, dataDir, clock, invitationTtl, awayGrace, localAddresses, endpoint, retention);
    }
}
