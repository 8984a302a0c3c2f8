package dev.companion.p2p.link;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** "host:port" addresses: what a listening terminal advertises and how a dialer reads them. */
final class Routes {
    /** A LinkOffer carries at most 16 addresses. */
    static final int MAX = 16;

    private Routes() {
    }

    /**
     * The addresses to advertise for a socket bound to bindHost:port: for a wildcard bind, every
     * non-loopback, non-link-local IPv4 address of the interfaces that are up, then 127.0.0.1.
     */
    static List<String> of(String bindHost, int port) throws IOException {
        if (!isWildcard(bindHost)) {
            return List.of(format(bindHost, port));
        }
        List<String> route = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()
                        && route.size() < MAX - 1) {
                    route.add(format(a.getHostAddress(), port));
                }
            }
        }
        route.add(format("127.0.0.1", port));
        return List.copyOf(route);
    }

    static boolean isWildcard(String host) {
        return host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    static String format(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Parses "host:port" or "[v6]:port" ({@link HostPort#parse}) and resolves it; IllegalArgumentException when it is not one. */
    static InetSocketAddress parse(String hostPort) {
        HostPort hp = HostPort.parse(hostPort);
        InetSocketAddress addr = new InetSocketAddress(hp.host(), hp.port());
        if (addr.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve " + hp.host());
        }
        return addr;
    }
}
