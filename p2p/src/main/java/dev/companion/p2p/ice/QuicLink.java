package dev.companion.p2p.ice;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.link.LinkHandler;
import dev.companion.p2p.link.LinkPath;
import dev.companion.p2p.link.AbstractLinkSession;
import dev.companion.p2p.link.LinkSession;
import dev.companion.p2p.protocol.Protocol;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;

/**
 * A {@link LinkSession} on one QUIC stream: the same frames as on TCP (a 4-byte length, then the
 * payload; a frame over {@link Protocol#MAX_FRAME_BYTES} is skipped and reported as
 * {@link Frame#tooLarge()}). One reader thread per link makes the handler's calls, in order:
 * opened, received..., closed. QUIC brings order, retransmission, congestion control and TLS 1.3.
 *
 * <p>The limits of a TCP peer link ({@code Endpoint}'s peer output limit), here: sends go to a queue
 * that one writer thread drains into the stream (a member that stops reading blocks only that
 * thread, through QUIC's flow control); past {@value #HIGH_WATER} bytes queued, sends are refused
 * until it drains below {@value #LOW_WATER}, and the link's heartbeat closes a member that takes
 * nothing. {@link #holdReads} parks the reader, so QUIC's flow control stops the member's sending.
 * The admission deadline of TCP links has no part here: an ICE session is bounded by its own timers.
 */
public final class QuicLink extends AbstractLinkSession {
    private static final Logger LOG = LoggerFactory.getLogger(QuicLink.class);
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quic-link-closer");
        t.setDaemon(true);
        return t;
    });

    private final QuicConnection connection;
    private final QuicStream stream;
    private final String remote;
    private final LinkPath path;
    private final Runnable onEnd;
    static final int HIGH_WATER = 16 * 1024 * 1024;
    static final int LOW_WATER = 4 * 1024 * 1024;
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> output = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final Object readGate = new Object();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean open = true;
    private volatile boolean refusing;
    private boolean held; // readGate
    private volatile String closeReason;

    QuicLink(QuicConnection connection, QuicStream stream, boolean dialer, String fingerprint, String remote, LinkPath path,
             Runnable onEnd) {
        super(dialer, fingerprint);
        this.connection = connection;
        this.stream = stream;
        this.remote = remote;
        this.path = path;
        this.onEnd = onEnd;
    }

    /** Starts the reader: handler hears opened now, then every frame, then closed. */
    public void start(LinkHandler handler, String threadName) {
        Thread t = new Thread(() -> read(handler), threadName);
        t.setDaemon(true);
        t.start();
        Thread w = new Thread(this::write, threadName + "-writer");
        w.setDaemon(true);
        w.start();
    }

    private void write() {
        try {
            OutputStream out = stream.getOutputStream();
            while (true) {
                byte[] payload = output.take();
                if (payload == END) {
                    out.close();
                    return;
                }
                int n = payload.length;
                out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                out.write(payload);
                if (queued.addAndGet(-n) <= LOW_WATER) {
                    refusing = false;
                }
                if (output.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            if (open) {
                closeReason = "QUIC write failed: " + e.getMessage();
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parks the reader while held (QUIC's flow control then stops the member's sending). */
    private void waitWhileHeld() throws InterruptedException {
        synchronized (readGate) {
            while (held && open) {
                readGate.wait();
            }
        }
    }

    private void read(LinkHandler handler) {
        String reason = "connection closed";
        try {
            handler.opened(this);
            DataInputStream in = new DataInputStream(stream.getInputStream());
            while (open) {
                waitWhileHeld();
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
    public String remoteAddress() {
        return remote;
    }

    @Override
    public LinkPath path() {
        return path;
    }

    @Override
    public boolean send(byte[] payload) {
        if (!open || refusing) {
            return false;
        }
        if (queued.addAndGet(payload.length) > HIGH_WATER) {
            queued.addAndGet(-payload.length);
            refusing = true;
            LOG.debug("link {}: over {} bytes queued, sends refused", remote, HIGH_WATER);
            return false;
        }
        output.add(payload);
        return true;
    }

    @Override
    public void admitted() {
        // no admission deadline on this transport (see the class comment)
    }

    @Override
    public void holdReads(boolean hold) {
        synchronized (readGate) {
            held = hold;
            readGate.notifyAll();
        }
    }

    /** Sends the end of the stream after what was written; the connection closes when the peer's end arrives (or in 2 s). */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        output.add(END); // the writer ends the stream after what was queued
        synchronized (readGate) {
            readGate.notifyAll();
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
        return (dialer() ? "dialed " : "accepted ") + "quic " + remote + " (" + path + ")";
    }
}
