package dev.companion.scc.auth;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.ProtocolException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HexFormat;

/**
 * Password guessing, slowed down per account and per source address, whatever the connection: the
 * state lives here (in the control center, not in a connection), so reconnecting or opening more
 * connections gains nothing. A login that must wait is refused TOO_MANY_ATTEMPTS with the wait
 * ({@code retryAfter}) before anything is hashed; so is a second password check of an account while
 * one is under way, and more than {@link LoginLimits#addressInFlight()} of one address. Unknown user
 * names are counted like accounts, so the answers never tell whether an account exists. A success
 * forgets the account's failures (not the address's: a guesser's own account must not wipe them).
 * A terminal's session token is checked before this and still logs in while its account is throttled.
 * Logic thread only; memory bounded by {@link LoginLimits#maxTracked()} (see {@link Attempts}).
 */
public final class LoginThrottle {
    private final LoginLimits limits;
    private final Attempts accounts;
    private final Attempts addresses;

    public LoginThrottle(LoginLimits limits) {
        this.limits = limits;
        long first = limits.firstDelay().toMillis();
        long max = limits.maxDelay().toMillis();
        long forget = limits.forgetAfter().toMillis();
        this.accounts = new Attempts(limits.accountFreeFailures(), first, max, forget, limits.maxTracked());
        this.addresses = new Attempts(limits.addressFreeFailures(), first, max, forget, limits.maxTracked());
    }

    /** Throws TOO_MANY_ATTEMPTS unless a password check of user from address may start at now. */
    public void check(String user, String address, long now) {
        long wait = Math.max(accounts.wait(user, now), addresses.wait(address, now));
        if (wait == 0 && (accounts.inFlight(user, now) > 0 || addresses.inFlight(address, now) >= limits.addressInFlight())) {
            wait = 1000; // about one check's time on a busy machine
        }
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            throw new ProtocolException(ErrorCode.TOO_MANY_ATTEMPTS,
                    "too many login attempts; try again in " + seconds + " s", wait);
        }
    }

    /** A password check of user from address starts (after {@link #check}). */
    public void started(String user, String address) {
        accounts.started(user);
        addresses.started(address);
    }

    /** The check ended: ok, or a failure counted for both; ran false: it never ran (refused BUSY), nothing counted. */
    public void finished(String user, String address, boolean ok, boolean ran, long now) {
        accounts.finished(user, ran && !ok, ok, now);
        addresses.finished(address, ran && !ok, false, now);
    }

    /** Accounts and addresses remembered (tests). */
    int tracked() {
        return accounts.size() + addresses.size();
    }

    /**
     * The key of a client's address: an IPv4 address as is, an IPv6 address by its /64 (one site or
     * machine gets a whole /64 and could otherwise rotate through it), anything else by its text.
     */
    public static String addressKey(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress isa) || isa.getAddress() == null) {
            return String.valueOf(remote);
        }
        InetAddress a = isa.getAddress();
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            return HexFormat.of().formatHex(b, 0, 8) + "::/64";
        }
        return a.getHostAddress();
    }
}
