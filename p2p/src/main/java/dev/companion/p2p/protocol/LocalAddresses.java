package dev.companion.p2p.protocol;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which URLs point into someone's own network: loopback, link-local, private and shared ranges
 * (RFC 1918, RFC 6598, IPv6 unique-local), unspecified, multicast and reserved addresses, and names
 * that only mean something locally (localhost, *.local, *.internal, *.lan, *.home.arpa, names
 * without a dot). A group follows such pages only when it allows local addresses (a LAN classroom,
 * the demo): otherwise a leader could make a follower's browser open the follower's router, printer
 * or NAS. The check reads the URL only; the follower also checks where a name resolves to before it
 * loads a page (the app's follow engine).
 *
 * <p>IPv4 is read the way browsers read a host: {@code 2130706433}, {@code 0x7f.1} and {@code 127.1}
 * are all 127.0.0.1.
 */
public final class LocalAddresses {
    private LocalAddresses() {
    }

    /**
     * True when url's host is a local address or a local-only name; false for anything else (also
     * what has no host). A host that a browser would read but this cannot decode (a bad percent
     * escape, a name IDNA refuses) counts as local: refused rather than guessed.
     */
    public static boolean isLocal(String url) {
        String host;
        try {
            host = host(url);
        } catch (IllegalArgumentException e) {
            return true;
        }
        return host != null && isLocalHost(host);
    }

    /**
     * The host a browser reads in url, lower case, as ASCII (IDNA), without IPv6 brackets or a
     * trailing dot; null when there is none. Read as the WHATWG URL standard reads http and https
     * URLs (what Chromium loads), not as {@link java.net.URI} does: tabs and line breaks anywhere
     * are dropped, leading and trailing spaces and controls too, any run of {@code /} and {@code \}
     * after the scheme is skipped, the authority ends at {@code / \ ? #}, the user part ends at its
     * last {@code @}, and the host is percent-decoded and mapped by IDNA ({@code １９２。１６８。１。１}
     * is 192.168.1.1). Other schemes: java.net.URI's reading. Throws IllegalArgumentException when
     * there is a host that cannot be decoded.
     */
    public static String host(String url) {
        if (url == null) {
            return null;
        }
        String u = url.replaceAll("[\\t\\n\\r]", "").replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "");
        String lower = u.toLowerCase(Locale.ROOT);
        int colon = lower.startsWith("http:") ? 5 : lower.startsWith("https:") ? 6 : -1;
        if (colon < 0) {
            return otherSchemeHost(u);
        }
        int start = colon;
        while (start < u.length() && (u.charAt(start) == '/' || u.charAt(start) == '\\')) {
            start++;
        }
        int end = start;
        while (end < u.length() && "/\\?#".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        String hostPort = u.substring(u.lastIndexOf('@', end - 1) < start ? start : u.lastIndexOf('@', end - 1) + 1, end);
        String h;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            h = close < 0 ? hostPort : hostPort.substring(0, close + 1);
        } else {
            int port = hostPort.indexOf(':');
            h = port < 0 ? hostPort : hostPort.substring(0, port);
        }
        if (h.isEmpty()) {
            return null;
        }
        h = URLDecoder.decode(h.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (h.indexOf('\ufffd') >= 0) {
            throw new IllegalArgumentException("host is not UTF-8 after percent-decoding");
        }
        if (!h.startsWith("[")) {
            h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED); // maps full-width digits and dots, drops soft hyphens
        }
        return trimmed(h.toLowerCase(Locale.ROOT));
    }

    private static String otherSchemeHost(String url) {
        try {
            URI u = new URI(url);
            String h = u.getHost();
            if (h == null) {
                String auth = u.getRawAuthority();
                if (auth == null) {
                    return null;
                }
                h = auth.replaceFirst("^[^@]*@", "").replaceFirst(":\\d*$", "");
            }
            return trimmed(h.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String trimmed(String h) {
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? null : h;
    }

    /** True for a host name or address literal that is local (see the class comment). */
    public static boolean isLocalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":")) {
            return isLocal(literal(h));
        }
        long v4 = ipv4(h);
        if (v4 >= 0) {
            return isLocalV4(v4);
        }
        return !h.contains(".") || h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local")
                || h.endsWith(".internal") || h.endsWith(".lan") || h.endsWith(".home.arpa") || h.endsWith(".intranet");
    }

    /** True for an address that is not on the public internet. */
    public static boolean isLocal(InetAddress a) {
        if (a == null) {
            return true; // not an address a browser could use: refuse rather than guess
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return isLocalV4(((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL));
        }
        boolean mapped = true; // ::ffff:a.b.c.d and the NAT64 prefix 64:ff9b::/96 carry an IPv4 address
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff
                || (b[0] & 0xff) == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isLocalV4(((b[12] & 0xffL) << 24) | ((b[13] & 0xffL) << 16) | ((b[14] & 0xffL) << 8) | (b[15] & 0xffL));
        }
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || (b[0] & 0xfe) == 0xfc; // fc00::/7 unique-local
    }

    private static boolean isLocalV4(long a) {
        int first = (int) (a >>> 24);
        int second = (int) ((a >>> 16) & 0xff);
        return first == 0 || first == 10 || first == 127 || first >= 224 // this network, private, loopback, multicast, reserved
                || first == 100 && second >= 64 && second < 128 // shared (carrier-grade NAT)
                || first == 169 && second == 254 // link-local
                || first == 172 && second >= 16 && second < 32
                || first == 192 && second == 168
                || first == 192 && second == 0 && ((a >>> 8) & 0xff) == 0 // IETF protocol assignments
                || first == 198 && (second == 18 || second == 19); // benchmarking
    }

    private static InetAddress literal(String v6) {
        try {
            return InetAddress.getByName(v6.contains("%") ? v6.substring(0, v6.indexOf('%')) : v6); // a literal: no lookup
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** The IPv4 address a browser reads host as (WHATWG URL: 1 to 4 parts, decimal, octal or hex), or -1. */
    static long ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long[] n = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            n[i] = number(parts[i]);
            if (n[i] < 0) {
                return -1;
            }
        }
        long value = 0;
        for (int i = 0; i < n.length - 1; i++) {
            if (n[i] > 255) {
                return -1;
            }
            value = value * 256 + n[i];
        }
        long last = n[n.length - 1];
        int room = 5 - n.length; // bytes the last part fills
        if (last >= 1L << (8 * room)) {
            return -1;
        }
        return (value << (8 * room)) | last;
    }

    private static long number(String p) {
        if (p.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = p;
        if (p.startsWith("0x") || p.startsWith("0X")) {
            radix = 16;
            digits = p.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (p.length() > 1 && p.startsWith("0")) {
            radix = 8;
            digits = p.substring(1);
        }
        if (digits.length() > 12) {
            return -1;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
