package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.companion.p2p.files.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control center's data (password hashes, token digests, its private key) is its owner's only. */
class DataFilesTest {
    @TempDir
    Path tmp;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDatabaseItsLogAndTheIdentityAreOwnerOnlyAndLooserOnesAreTightenedAtStart() throws Exception {
        assumeTrue(PrivateFiles.posix(tmp), "not a POSIX file system");
        Path dir = tmp.resolve("scc");
        try (Fixture f = Fixture.start(dir, List.of("alice"))) {
            TestClient.loggedIn(f.cc, "alice", "alice-pw").close(); // a write: the WAL is in use
            assertThat(mode(dir)).isEqualTo("rwx------");
            for (String name : new String[] {"scc.db", "scc.db-wal", "scc.db-shm", ControlCenter.IDENTITY_FILE}) {
                assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("scc.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir.resolve(ControlCenter.IDENTITY_FILE), PosixFilePermissions.fromString("rw-rw-rw-"));
        try (ControlCenter cc = ControlCenter.start(Config.of(dir))) {
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("scc.db"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve(ControlCenter.IDENTITY_FILE))).isEqualTo("rw-------");
            TestClient.loggedIn(cc, "alice", "alice-pw").close();
        }
    }
}
