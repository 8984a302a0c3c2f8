package dev.companion.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminals paired on a LAN in a real SQLite file: new, known, changed; kept across a restart. */
class LanPeersStoreTest {
    private static final String FP1 = "sha-256:" + "1".repeat(64);
    private static final String FP2 = "sha-256:" + "2".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aPairedCertificateIsKnownAfterARestartAndAnotherOneForThatTerminalIsChanged() {
        try (LocalStore store = LocalStore.open(dir)) {
            LanPeers peers = store.lanPeers();
            assertThat(peers.check("t-bob", FP1)).isEqualTo(LanPeers.Trust.NEW);
            peers.remember("t-bob", "bob", FP1);
            assertThat(peers.check("t-bob", FP1)).isEqualTo(LanPeers.Trust.KNOWN);
        }
        try (LocalStore store = LocalStore.open(dir)) {
            LanPeers peers = store.lanPeers();
            assertThat(peers.check("t-bob", FP1)).isEqualTo(LanPeers.Trust.KNOWN);
            assertThat(peers.check("t-bob", FP2)).isEqualTo(LanPeers.Trust.CHANGED);
            assertThat(peers.check("t-carol", FP1)).as("another terminal with bob's certificate").isEqualTo(LanPeers.Trust.NEW);
            peers.remember("t-bob", "bob", FP2); // the person accepted the warning
            assertThat(peers.check("t-bob", FP1)).isEqualTo(LanPeers.Trust.CHANGED);
            assertThat(peers.all()).singleElement().satisfies(p -> {
                assertThat(p.fingerprint()).isEqualTo(FP2);
                assertThat(p.name()).isEqualTo("bob");
            });
        }
    }
}
