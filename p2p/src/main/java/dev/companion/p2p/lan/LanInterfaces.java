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
        /** "eth0 · 192.168.1.20", as a person picks one. */
        public String describe() {
            return nif.getName() + " · " + address.getHostAddress();
        }
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

    /**
     * The interface a classroom is hosted on unless the person picks another: the first with a private
     * address (10/8, 172.16/12, 192.168/16: a school's LAN), else the first; null when there is none.
     * Not simply the first: a machine on a school's Wi-Fi and a cable, a VPN or a virtual bridge lists
     * them in no useful order.
     */
    public static Lan preferred(List<Lan> lans) {
        return lans.stream().filter(l -> l.address().isSiteLocalAddress()).findFirst()
                .orElse(lans.isEmpty() ? null : lans.get(0));
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
