package dev.companion.p2p.ice;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.link.LinkHandler;
import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.link.LinkSession;
import dev.companion.p2p.protocol.Protocol;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;

/**
 * A {@link LinkSession} on one QUIC stream: the same frames as on TCP (a 4-byte length, then the
 * payload; a frame over {@link Protocol#MAX_FRAME_BYTES} is skipped and reported as
 * {@link Frame#tooLarge()}). One reader thread per link makes the handler's calls, in order:
 * opened, received..., closed. QUIC brings order, retransmission, congestion control and TLS 1.3.
 */
public final class QuicLink implements LinkSession {
    private static final Logger LOG = LoggerFactory.getLogger(QuicLink.class);
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quic-link-closer");
        t.setDaemon(true);
        return t;
    });

    private final QuicConnection connection;
    private final QuicStream stream;
    private final boolean dialer;
    private final String fingerprint;
    private final String remote;
    private final LinkPath path;
    private final Runnable onEnd;
    private final Object writeLock = new Object();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean open = true;
    private volatile String closeReason;

    QuicLink(QuicConnection connection, QuicStream stream, boolean dialer, String fingerprint, String remote, LinkPath path,
             Runnable onEnd) {
        this.connection = connection;
        this.stream = stream;
        this.dialer = dialer;
        this.fingerprint = fingerprint;
        this.remote = remote;
        this.path = path;
        this.onEnd = onEnd;
    }

    /** Starts the reader: handler hears opened now, then every frame, then closed. */
    public void start(LinkHandler handler, String threadName) {
        Thread t = new Thread(() -> read(handler), threadName);
        t.setDaemon(true);
        t.start();
    }

    private void read(LinkHandler handler) {
        String reason = "connection closed";
        try {
            handler.opened(this);
            DataInputStream in = new DataInputStream(stream.getInputStream());
            while (open) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                if (length < 0 || length > Protocol.MAX_FRAME_BYTES) {
                    in.skipNBytes(Integer.toUnsignedLong(length));
                    handler.received(this, Frame.tooLarge());
                    continue;
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                handler.received(this, new Frame(payload));
            }
        } catch (IOException | RuntimeException e) {
            reason = open ? "QUIC stream failed: " + e.getMessage() : reason;
            LOG.debug("link {}: {}", remote, e.toString());
        } finally {
            open = false;
            end();
            handler.closed(this, closeReason != null ? closeReason : reason);
        }
    }

    @Override
    public boolean dialer() {
        return dialer;
    }

    @Override
    public String peerFingerprint() {
        return fingerprint;
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public LinkPath path() {
        return path;
    }

    @Override
    public void send(byte[] payload) {
        if (!open) {
            return;
        }
        try {
            synchronized (writeLock) {
                OutputStream out = stream.getOutputStream();
                int n = payload.length;
                out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                out.write(payload);
                out.flush();
            }
        } catch (IOException e) {
            closeReason = "QUIC write failed: " + e.getMessage();
            close();
        }
    }

    /** Sends the end of the stream after what was written; the connection closes when the peer's end arrives (or in 2 s). */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            synchronized (writeLock) {
                stream.getOutputStream().close();
            }
        } catch (IOException e) {
            LOG.debug("closing {}: {}", remote, e.toString());
        }
        CLOSER.schedule(this::end, 2, TimeUnit.SECONDS);
    }

    /** Closes the QUIC connection and tells the owner (the ICE session) once. */
    private void end() {
        if (ended.compareAndSet(false, true)) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.debug("closing QUIC connection to {}: {}", remote, e.toString());
            }
            onEnd.run();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String toString() {
        return (dialer ? "dialed " : "accepted ") + "quic " + remote + " (" + path + ")";
    }
}
