package dev.companion.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classrooms joined, in a real SQLite file: new, known, changed; kept across a restart; replaced only when pinned again. */
class ClassroomPinsStoreTest {
    private static final String FP1 = "sha-256:" + "1".repeat(64);
    private static final String FP2 = "sha-256:" + "2".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aPinnedRoomIsKnownAfterARestartAndAnotherCertificateUnderItsNameIsChanged() {
        try (LocalStore store = LocalStore.open(dir)) {
            ClassroomPins pins = store.classroomPins();
            assertThat(pins.check("Room 204", FP1)).isEqualTo(LanPeers.Trust.NEW);
            pins.pin("Room 204", FP1, "192.168.1.20:40001");
            assertThat(pins.check("Room 204", FP1)).isEqualTo(LanPeers.Trust.KNOWN);
        }
        try (LocalStore store = LocalStore.open(dir)) {
            ClassroomPins pins = store.classroomPins();
            assertThat(pins.check("Room 204", FP1)).isEqualTo(LanPeers.Trust.KNOWN);
            assertThat(pins.check("Room 204", FP2)).isEqualTo(LanPeers.Trust.CHANGED);
            assertThat(pins.check("Room 205", FP1)).as("another room with that certificate").isEqualTo(LanPeers.Trust.NEW);
            assertThat(pins.get("Room 204")).hasValueSatisfying(r -> assertThat(r.fingerprint()).isEqualTo(FP1));
            pins.pin("Room 204", FP2, "192.168.1.21:40002"); // the student accepted the warning
            assertThat(pins.check("Room 204", FP1)).isEqualTo(LanPeers.Trust.CHANGED);
            assertThat(pins.get("Room 204")).hasValueSatisfying(r -> assertThat(r.address()).isEqualTo("192.168.1.21:40002"));
        }
    }
}
