package dev.companion.p2p.lan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The LAN interfaces discovery binds to, each explicitly (a multicast socket left to the default
 * route would pick one interface, or none on a machine without a default route: an offline LAN).
 */
public final class LanInterfaces {
    /** One LAN interface and its IPv4 address. */
    public record Lan(NetworkInterface nif, Inet4Address address) {
    }

    private LanInterfaces() {
    }

    /** Every interface that is up, not loopback, multicast-capable, with a non-link-local IPv4 address. */
    public static List<Lan> all() throws IOException {
        List<Lan> out = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback() || !ni.supportsMulticast()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address v4 && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                    out.add(new Lan(ni, v4));
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /** The LAN interface that has address; IOException when none has. */
    public static Lan of(String address) throws IOException {
        for (Lan lan : all()) {
            if (lan.address().getHostAddress().equals(address)) {
                return lan;
            }
        }
        throw new IOException("no LAN interface has the address " + address);
    }
}
