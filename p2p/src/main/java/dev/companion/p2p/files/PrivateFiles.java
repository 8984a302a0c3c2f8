package dev.companion.p2p.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only their owner may read: a control center's database and identity, a terminal's profile
 * (its database, identity, cookies). On a POSIX file system a data file is {@code rw-------} (0600)
 * and its folder {@code rwx------} (0700): set when created, whatever the umask, and tightened when
 * found looser (a file made by an older version, or by hand), with a warning naming it. Elsewhere
 * (Windows) nothing is changed: the user's profile folder's ACLs apply.
 */
public final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates dir (and missing parents) if needed; dir itself ends up 0700. The parents are left as they are. */
    public static Path dir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix(parent)) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        }
        restrict(dir, DIR);
        return dir;
    }

    /** Creates file empty if missing; file ends up 0600 (its folder is not touched). */
    public static Path file(Path file) throws IOException {
        try {
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // kept; its mode is checked below
        }
        restrict(file, FILE);
        return file;
    }

    /** If file exists, makes it 0600 when it is not already; a missing file is fine. */
    public static void ifExists(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            restrict(file, FILE);
        }
    }

    /** The SQLite database at db (created empty if missing) and its -wal, -shm and -journal files if present: 0600. */
    public static void database(Path db) throws IOException {
        file(db);
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            ifExists(db.resolveSibling(db.getFileName() + suffix));
        }
    }

    /** True when path's file system has POSIX permissions (path or, if missing, its nearest existing parent). */
    public static boolean posix(Path path) throws IOException {
        Path p = path == null ? Path.of("").toAbsolutePath() : path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!now.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            if (!wanted.containsAll(now)) { // looser than wanted (not just a umask that took the owner's bits)
                LOG.warn("{} was open to others ({}); now {}", path, PosixFilePermissions.toString(now),
                        PosixFilePermissions.toString(wanted));
            }
        }
    }
}
