package dev.companion.app.follow;

import dev.companion.p2p.protocol.LocalAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where a page's host name leads: a follower looks it up before it loads a page for someone else,
 * so that a public-looking name pointing at a local address (the router, a printer, the NAS) is
 * refused like a local address written in the URL ({@link LocalAddresses}). Blocks for the lookup:
 * only on the follow-apply thread. A name that does not resolve is left to the browser (it will not
 * load either). Chromium resolves again when it loads, so a name that changes its answer in between
 * (DNS rebinding) is not caught here: the browser's own private-network rules are the next line.
 */
final class HostCheck {
    private HostCheck() {
    }

    /** True when url's host is local by its text or resolves to at least one local address. */
    static boolean local(String url) {
        if (LocalAddresses.isLocal(url)) {
            return true;
        }
        String host;
        try {
            host = LocalAddresses.host(url); // the host Chromium will load, not java.net.URI's reading
        } catch (IllegalArgumentException e) {
            return true; // isLocal already said so; refused rather than guessed
        }
        if (host == null) {
            return false;
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).anyMatch(LocalAddresses::isLocal);
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
