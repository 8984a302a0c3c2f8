package dev.companion.app.instance;

import dev.companion.app.session.Joining;
import dev.companion.app.thread.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Companion per profile. The first start claims the profile (a lock on {@code instance.lock})
 * and listens on a loopback port; a later start with the same profile (the OS opening a
 * {@code companion://join/} link, or the person starting the app twice) hands its link -- or
 * nothing, meaning "show the window" -- to the running one and ends, instead of a second Chromium
 * and a second writer on the same profile.
 *
 * <p>The port and a random 128-bit token are in {@code instance.port}, readable by the owner only; a
 * hand-over without the token, with a line over {@value #MAX_LINE} bytes, with something that is not
 * a join link, or slower than {@link #READ_TIMEOUT} is answered {@code refused} and changes nothing.
 * One hand-over is read at a time, on a thread of its own (never the FX thread).
 */
public final class OneInstance implements AutoCloseable {
    /** The hand-over's longest line: the token, a space, a link (codes are short). */
    static final int MAX_LINE = 300;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** How long a later start waits for a first one that is still starting to write its port. */
    private static final Duration PORT_WAIT = Duration.ofSeconds(10);
    private static final String SHOW = "-";
    private static final Logger log = LoggerFactory.getLogger(OneInstance.class);

    /** What {@link #claim} found. */
    public sealed interface Claim permits Claimed, HandedOver {
    }

    /** This start owns the profile: keep the instance open while the app runs. */
    public record Claimed(OneInstance instance) implements Claim {
    }

    /** Another start owns the profile and took the link (or the "show the window"): end this one. */
    public record HandedOver() implements Claim {
    }

    /** The profile is owned by another start that did not take the hand-over: why. */
    public static final class NotHandedOver extends IOException {
        NotHandedOver(String why) {
            super(why);
        }
    }

    private final FileChannel lockFile;
    private final FileLock lock;
    private final ServerSocket server;
    private final byte[] token;
    private final Object sync = new Object();
    private Consumer<String> listener; // guarded by sync
    private String early; // guarded by sync: the latest hand-over before a listener was set
    private volatile boolean closed;

    private OneInstance(FileChannel lockFile, FileLock lock, ServerSocket server, byte[] token) {
        this.lockFile = lockFile;
        this.lock = lock;
        this.server = server;
        this.token = token;
    }

    /**
     * Claims profile, or hands link (null: only "show the window") to the start that owns it.
     * Throws {@link NotHandedOver} when another start owns it but could not be reached.
     */
    public static Claim claim(Path profile, String link) throws IOException {
        if (link != null && !isLink(link)) {
            throw new IllegalArgumentException("not a " + Joining.LINK + " link: " + link);
        }
        Files.createDirectories(profile);
        FileChannel ch = FileChannel.open(profile.resolve("instance.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM already owns the profile (tests start twice in one JVM)
        }
        if (lock == null) {
            ch.close();
            handOver(profile.resolve("instance.port"), link);
            return new HandedOver();
        }
        try {
            byte[] token = new byte[16];
            new SecureRandom().nextBytes(token);
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            writePrivately(profile.resolve("instance.port"), server.getLocalPort() + " " + HexFormat.of().formatHex(token));
            OneInstance one = new OneInstance(ch, lock, server, token);
            Threads.start("one-instance", one::serve);
            return new Claimed(one);
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    /**
     * Who hears hand-overs: the link, or "" for "show the window" (on this instance's own thread). A
     * hand-over that came before is given to it at once.
     */
    public void onHandOver(Consumer<String> l) {
        String pending;
        synchronized (sync) {
            listener = Objects.requireNonNull(l);
            pending = early;
            early = null;
        }
        if (pending != null) {
            l.accept(pending);
        }
    }

    /**
     * A link the OS gave this running instance itself (macOS's open-URI event): told like a hand-over
     * from a later start. Returns false (nothing told) when it is not a join link.
     */
    public boolean offer(String link) {
        return link != null && isLink(link) && tell(link);
    }

    /** The loopback port hand-overs come to. */
    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!closed) {
            try (Socket s = server.accept()) {
                s.setSoTimeout((int) READ_TIMEOUT.toMillis());
                String answer = take(readLine(s.getInputStream())) ? "ok\n" : "refused\n";
                s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
            } catch (SocketTimeoutException e) {
                log.info("a hand-over that took too long was dropped");
            } catch (IOException e) {
                if (!closed) {
                    log.info("a hand-over failed: {}", e.toString());
                }
            }
        }
    }

    /** Whether line is this instance's token and a link (or "-"); if so it is told. */
    private boolean take(String line) {
        int space = line == null ? -1 : line.indexOf(' ');
        if (space < 0) {
            return false;
        }
        byte[] got;
        try {
            got = HexFormat.of().parseHex(line.substring(0, space));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String rest = line.substring(space + 1);
        if (!MessageDigest.isEqual(got, token) || !(rest.equals(SHOW) || isLink(rest))) {
            return false;
        }
        return tell(rest.equals(SHOW) ? "" : rest);
    }

    private boolean tell(String what) {
        Consumer<String> l;
        synchronized (sync) {
            l = listener;
            if (l == null) {
                early = what;
            }
        }
        if (l != null) {
            l.accept(what);
        }
        return true;
    }

    private static boolean isLink(String s) {
        return s.length() <= 200 && s.regionMatches(true, 0, Joining.LINK, 0, Joining.LINK.length())
                && s.chars().allMatch(c -> c > ' ' && c < 127);
    }

    /** One line of at most MAX_LINE bytes, without its newline; null when longer or not ended. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                return null;
            }
            line.write(b);
        }
        return b == '\n' ? line.toString(StandardCharsets.US_ASCII) : null;
    }

    private static void handOver(Path portFile, String link) throws IOException {
        long end = System.nanoTime() + PORT_WAIT.toNanos();
        IOException last = null;
        do {
            try {
                String[] parts = Files.readString(portFile).trim().split(" ");
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(parts[0])), 2_000);
                    s.setSoTimeout((int) READ_TIMEOUT.toMillis() * 2);
                    s.getOutputStream().write((parts[1] + " " + (link == null ? SHOW : link) + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String answer = readLine(s.getInputStream());
                    if ("ok".equals(answer)) {
                        return;
                    }
                    throw new NotHandedOver("the running Companion refused the hand-over");
                }
            } catch (NotHandedOver e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // the owner is still starting (no port written yet), or just ended: try again shortly
                last = e instanceof IOException io ? io : new IOException(e.toString());
            }
            try {
                Thread.sleep(100); // the start's own thread, before any window: waiting for the owner's port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotHandedOver("interrupted while handing over");
            }
        } while (System.nanoTime() < end);
        throw new NotHandedOver("another Companion uses this profile and does not answer ("
                + (last == null ? "no port" : last.getMessage()) + ")");
    }

    private static void writePrivately(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not POSIX (Windows): the profile folder is the user's own
        }
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            // closing
        }
    }
}
