package dev.companion.p2p.link;

/**
 * A network address as people and routes write it: {@code host:port} or {@code [v6]:port}. The one
 * parser of such text: the command lines' HOST:PORT options (through scc-lite's
 * {@code HostPortConverter}) and the routes a peer advertises ({@link Routes#parse}) both use it.
 *
 * @param host a name or an address, without brackets
 * @param port 1..65535
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be 1..65535, got " + port);
        }
    }

    /**
     * Reads {@code host:port} or {@code [v6]:port}; an IllegalArgumentException that says what is
     * wrong (one line, the text quoted) when it is not one.
     */
    public static HostPort parse(String text) {
        if (text == null || text.isEmpty()) {
            throw bad(text, "it is empty");
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw bad(text, "no port");
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw bad(text, "an IPv6 address goes between [ and ]");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("]")) {
            throw bad(text, "an IPv6 address goes between [ and ]");
        }
        if (host.isBlank()) {
            throw bad(text, "no host");
        }
        if (port.isEmpty()) {
            throw bad(text, "no port");
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(text, "the port must be a number 1..65535");
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw bad(text, "the port must be 1..65535");
        }
        return new HostPort(host, p);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("HOST:PORT expected, got \"" + (text == null ? "" : text) + "\": " + why);
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
