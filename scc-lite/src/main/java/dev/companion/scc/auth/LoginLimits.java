package dev.companion.scc.auth;

import java.time.Duration;

/**
 * How hard password guessing is made ({@link LoginThrottle}, {@link HashPool}).
 *
 * @param accountFreeFailures failed logins of one account before it waits ({@link #firstDelay} after the
 *                            next, then twice as long after each further one, at most {@link #maxDelay})
 * @param addressFreeFailures the same for one source address (an IPv4 address, an IPv6 /64): more, since a
 *                            classroom or office may share one
 * @param firstDelay          the first wait
 * @param maxDelay            the longest wait
 * @param forgetAfter         failures are forgotten this long after the last one (a success forgets the
 *                            account's at once)
 * @param maxTracked          accounts and addresses remembered, each; beyond, the least recently seen is dropped
 * @param hashThreads         threads checking passwords (Argon2id)
 * @param hashQueue           password checks waiting for a thread; a login beyond is refused BUSY at once
 * @param addressInFlight     password checks under way or waiting for one source address (one per account)
 */
public record LoginLimits(int accountFreeFailures, int addressFreeFailures, Duration firstDelay, Duration maxDelay,
                          Duration forgetAfter, int maxTracked, int hashThreads, int hashQueue, int addressInFlight) {
    /** 5 per account and 20 per address, then 1 s doubling up to 15 min; forgotten after 1 h; 2 threads, 32 waiting. */
    public static final LoginLimits DEFAULT = new LoginLimits(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15),
            Duration.ofHours(1), 10_000, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 32, 4);

    public LoginLimits {
        if (accountFreeFailures < 1 || addressFreeFailures < 1 || maxTracked < 1 || hashThreads < 1 || hashQueue < 1
                || addressInFlight < 1) {
            throw new IllegalArgumentException("login limits must be positive");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
                || forgetAfter.compareTo(maxDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay <= forgetAfter");
        }
    }

    public LoginLimits withHashing(int threads, int queue) {
        return new LoginLimits(accountFreeFailures, addressFreeFailures, firstDelay, maxDelay, forgetAfter, maxTracked,
                threads, queue, addressInFlight);
    }

    public LoginLimits withMaxTracked(int max) {
        return new LoginLimits(accountFreeFailures, addressFreeFailures, firstDelay, maxDelay, forgetAfter, max,
                hashThreads, hashQueue, addressInFlight);
    }
}
