package dev.companion.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app's class data sharing archive (AppCDS): the classes a start loads -- the JDK's, JavaFX's,
 * JCEF's, the libraries' and the app's own, listed in {@value #CLASS_LIST} (a recorded start, see
 * app/README.md, "Class data sharing") -- parsed and verified once, then mapped into every start
 * with {@code -XX:SharedArchiveFile}. It roughly halves the JVM's share of a cold start.
 *
 * <p>The archive belongs to one JVM build and one class path (the jars, by name, size and time), so
 * it is made where the app runs, with {@link #main} run by that JVM on that class path: by
 * ./companion after each build (app/target/companion.jsa) and by the .deb's and .rpm's post-install
 * step (packaging/linux/companion-cds); the app benchmark calls {@link #build} for its own class path. A
 * stale archive is not an error -- the JVM then starts without sharing -- but it is slower, which is
 * why each of them rebuilds it when a jar changes.
 */
public final class ClassDataArchive {
    /** The recorded class list in the app jar (source: app/src/main/resources/dev/companion/app/cds.classlist). */
    public static final String CLASS_LIST = "/dev/companion/app/cds.classlist";

    private ClassDataArchive() {
    }

    /**
     * Dumps the archive for classPath (jars only: the JVM does not archive classes from folders) with
     * the given JVM and options (the shipped ones: the archive must match how the app is started).
     * Returns the JVM option that uses it. Takes ~7 s of one core.
     */
    public static String build(Path java, List<String> jvmOptions, String classPath, Path archive)
            throws IOException, InterruptedException {
        Files.createDirectories(archive.toAbsolutePath().getParent());
        Path list = archive.resolveSibling(archive.getFileName() + ".classlist");
        try (InputStream in = ClassDataArchive.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                throw new IOException("no " + CLASS_LIST + " in the app jar (an older build)");
            }
            Files.copy(in, list, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = archive.resolveSibling(archive.getFileName() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
                "-cp", classPath));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dumping the class data sharing archive took over 120 s; see " + log);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IOException("dumping the class data sharing archive failed (exit " + p.exitValue() + "); see " + log);
        }
        return option(archive);
    }

    /**
     * {@code java -cp <the app's class path> dev.companion.app.ClassDataArchive ARCHIVE}: dumps ARCHIVE
     * for the class path and JVM running this, with the shipped JVM options ({@link JvmOptions}).
     * Exit 0 when it was made, 1 (with the reason) when not.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: java -cp APP_CLASS_PATH dev.companion.app.ClassDataArchive ARCHIVE");
            System.exit(2);
        }
        try {
            build(Path.of(ProcessHandle.current().info().command().orElseThrow()), JvmOptions.shipped(),
                    System.getProperty("java.class.path"), Path.of(args[0]));
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** The JVM option that maps archive into a start. */
    public static String option(Path archive) {
        return "-XX:SharedArchiveFile=" + archive;
    }
}
