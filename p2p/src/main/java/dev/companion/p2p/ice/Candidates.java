package dev.companion.p2p.ice;

import dev.companion.p2p.protocol.IceCandidateType;
import dev.companion.p2p.protocol.Messages.IceCandidate;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Which remote candidates this terminal will check, the one place that says so (docs/protocol.md,
 * "The ICE path"). A candidate is an instruction to send packets somewhere, so a member (or anyone
 * who could forge an offer) must not use it to make this terminal probe its own machine or network:
 * refused are malformed addresses (IP literals only, never a name to resolve), loopback, unspecified,
 * multicast, broadcast and link-local addresses, ports below 1024, and host candidates of a member
 * on another site (its server-reflexive addresses share none with ours: its private addresses mean
 * nothing here, and checking them would probe this side's own LAN — coturn also drops a whole
 * allocation asked to reach an address it cannot route).
 */
public final class Candidates {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3}):(\\d{1,5})");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9a-fA-F:.]{2,45})]:(\\d{1,5})");

    private Candidates() {
    }

    /** A remote candidate kept for checks. */
    public record Accepted(IceCandidate candidate, InetSocketAddress address) {
    }

    /**
     * The candidates of remote that this side may check, given this side's own server-reflexive
     * addresses; each refused one is reported to refused with the reason.
     */
    public static List<Accepted> accept(List<IceCandidate> remote, Set<InetAddress> ownReflexive,
                                        BiConsumer<IceCandidate, String> refused) {
        List<Accepted> valid = new ArrayList<>();
        Set<InetAddress> theirReflexive = new HashSet<>();
        for (IceCandidate c : remote) {
            String why;
            InetSocketAddress a = null;
            try {
                a = parse(c.address());
                why = unusable(a);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
            if (why != null) {
                refused.accept(c, why);
                continue;
            }
            if (c.type() == IceCandidateType.SRFLX) {
                theirReflexive.add(a.getAddress());
            }
            valid.add(new Accepted(c, a));
        }
        boolean sameSite = theirReflexive.isEmpty() && ownReflexive.isEmpty()
                || theirReflexive.stream().anyMatch(ownReflexive::contains);
        List<Accepted> kept = new ArrayList<>();
        for (Accepted a : valid) {
            if (a.candidate().type() == IceCandidateType.HOST && !sameSite) {
                refused.accept(a.candidate(), "host candidate of another site (its public addresses "
                        + theirReflexive + " are not ours " + ownReflexive + ")");
            } else {
                kept.add(a);
            }
        }
        return kept;
    }

    /** The wire form of a, "ip:port" ("[v6]:port"). */
    static String format(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    /** "ip:port" with an IPv4 or bracketed IPv6 literal; IllegalArgumentException otherwise. */
    static InetSocketAddress parse(String address) {
        var v4 = IPV4.matcher(address);
        var v6 = IPV6.matcher(address);
        String host;
        String port;
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    throw new IllegalArgumentException("not an IP address: " + address);
                }
            }
            host = address.substring(0, address.lastIndexOf(':'));
            port = v4.group(5);
        } else if (v6.matches()) {
            host = v6.group(1);
            port = v6.group(2);
        } else {
            throw new IllegalArgumentException("not ip:port: " + clip(address));
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("bad port in " + address);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
    }

    /** Why a remote candidate's address must not be checked, or null. */
    static String unusable(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (ip.isLoopbackAddress()) {
            return "loopback address " + ip.getHostAddress() + " (the other side's own machine)";
        }
        if (ip.isAnyLocalAddress()) {
            return "unspecified address";
        }
        if (ip.isMulticastAddress()) {
            return "multicast address " + ip.getHostAddress();
        }
        if (ip.isLinkLocalAddress()) {
            return "link-local address " + ip.getHostAddress();
        }
        if (ip instanceof Inet4Address && ip.getHostAddress().equals("255.255.255.255")) {
            return "broadcast address";
        }
        if (ip instanceof Inet4Address && ip.getAddress()[0] == 0) {
            return "\"this network\" address " + ip.getHostAddress();
        }
        if (a.getPort() < 1024) {
            return "port " + a.getPort() + " below 1024";
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
