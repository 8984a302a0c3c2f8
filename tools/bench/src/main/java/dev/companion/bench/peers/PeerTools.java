package dev.companion.bench.peers;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the peers' tools are (the Chromium for the DataChannel, the folder of the node relay): one
 * picocli mixin shared by {@code bench link}, {@code bench peers} and {@code bench connect}.
 */
public final class PeerTools {
    @Option(names = "--chromium", defaultValue = "/usr/bin/chromium", description = "Chromium for the DataChannel peer (default: ${DEFAULT-VALUE}).")
    Path chromium;

    @Option(names = "--peers-dir", description = "Folder with relay.js and package.json (default: tools/bench/peers).")
    Path peersDir;

    /** Checks that the named peers can run here (see {@link Peers#check}). */
    public Peers.Setup check(java.util.List<String> peerNames) throws Peers.Missing {
        return Peers.check(peerNames, chromium, peersDir);
    }
}
