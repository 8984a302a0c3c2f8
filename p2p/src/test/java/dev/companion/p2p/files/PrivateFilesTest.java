package dev.companion.p2p.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.companion.p2p.tls.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files 0600 and their folders 0700, on creation and when found looser (POSIX file systems). */
class PrivateFilesTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void posixOnly() throws Exception {
        assumeTrue(PrivateFiles.posix(tmp), "not a POSIX file system");
    }

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createdFilesAndFoldersAreOwnerOnly() throws Exception {
        Path dir = PrivateFiles.dir(tmp.resolve("a/b"));
        Path file = PrivateFiles.file(dir.resolve("data.db"));
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void looserOnesAreTightenedWithTheirContentKept() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path db = Files.writeString(dir.resolve("x.db"), "data");
        Path wal = Files.writeString(dir.resolve("x.db-wal"), "log");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.dir(dir);
        PrivateFiles.database(db);
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(mode(wal)).isEqualTo("rw-------");
        assertThat(Files.readString(db)).isEqualTo("data");
        assertThat(dir.resolve("x.db-shm")).doesNotExist();
    }

    @Test
    void anIdentityFileIsOwnerOnlyWhenWrittenAndWhenLoaded() throws Exception {
        Path file = tmp.resolve("identity.p12");
        String fp = Identity.loadOrCreate(file, "t").fingerprint();
        assertThat(mode(file)).isEqualTo("rw-------");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Identity.loadOrCreate(file, "t").fingerprint()).isEqualTo(fp);
        assertThat(mode(file)).isEqualTo("rw-------");
    }
}
