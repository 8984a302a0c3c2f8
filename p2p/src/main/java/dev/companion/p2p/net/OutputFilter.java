package dev.companion.p2p.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteException;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.core.write.WriteToClosedSessionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds one session's queued output ({@link OutputLimit}); sits between TLS and the frame codec, so
 * it sees each frame's bytes. It hands at most {@value #IN_FLIGHT} writes at a time to TLS and holds
 * the rest in order; when a write has gone to the socket it hands down the next ones, small frames
 * merged into one write of up to {@value #BATCH_BYTES} bytes (one TLS record).
 *
 * <p>Why not pass every write straight to TLS: MINA's SslFilter encrypts a small write at once into
 * a buffer of a whole TLS packet (~17 KB, whatever the frame's size) and queues it without limit,
 * while a large write waits in a queue of at most 64 and the 65th fails with a
 * BufferOverflowException. A peer that does not read thus cost ~17 KB of heap per ping answered, and
 * a burst of large frames to a slow reader was lost. Here what waits is the frames' own bytes,
 * bounded, and TLS never holds more than a few writes. MINA's WriteRequestFilter bounds a queue by
 * blocking the writing thread, which must never be an I/O thread or the control center's logic thread.
 *
 * <p>Nothing is called below (TLS) while this filter's per-session lock is held: MINA calls into the
 * chain holding a TLS handler's lock, so that order could deadlock. One thread at a time hands
 * writes down (the "drainer"), which keeps them in order. Reading is stopped and resumed under the
 * lock ({@link ReadGate} only flags the session for its I/O processor), so the two cannot cross.
 */
final class OutputFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFilter.class);
    /** Writes handed to TLS and not yet written to the socket, per session. */
    static final int IN_FLIGHT = 4;
    /** Small frames held back are merged into writes of up to this many bytes. */
    static final int BATCH_BYTES = 16 * 1024;
    private static final AttributeKey STATE = new AttributeKey(OutputFilter.class, "state");

    private final OutputLimit limit;

    OutputFilter(OutputLimit limit) {
        this.limit = limit;
    }

    /** A write this filter refused: the session's output is past the high-water mark. */
    static final class Refused extends WriteException {
        Refused(WriteRequest request, String message) {
            super(request, message);
        }
    }

    /** One frame held here or handed down. */
    private record Part(WriteRequest request, int bytes) {
    }

    /** What was handed to TLS as one write: one frame (with its own future), or several merged. */
    private static final class Unit extends DefaultWriteRequest {
        final List<Part> parts;
        final int bytes;

        Unit(Object message, WriteFuture future, WriteRequest first, List<Part> parts, int bytes) {
            super(message, future, first.getDestination());
            this.parts = parts;
            this.bytes = bytes;
        }
    }

    /** One session's output; guarded by itself. */
    static final class State {
        private final ArrayDeque<Part> held = new ArrayDeque<>();
        private long queued;
        private long peak;
        private int inFlight;
        private long refused;
        private int refusedNow;
        private boolean high;
        private boolean draining;
        private boolean closeWhenDrained;

        synchronized FramedTls.OutputStats stats() {
            return new FramedTls.OutputStats(queued, peak, held.size(), inFlight, refused);
        }
    }

    static State state(IoSession session) {
        return (State) session.getAttribute(STATE);
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        session.setAttributeIfAbsent(STATE, new State());
        next.sessionCreated(session);
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) {
        State s = state(session);
        if (s == null || !(request.getMessage() instanceof IoBuffer buf)) {
            next.filterWrite(session, request);
            return;
        }
        if (session.isClosing()) { // e.g. the rest of a read's frames answered after a close: not worth encrypting
            request.getFuture().setException(new WriteToClosedSessionException(request));
            return;
        }
        int n = buf.remaining();
        boolean drain = false;
        boolean stopReading = false;
        boolean refuse = false;
        boolean firstRefusal = false;
        long queued;
        synchronized (s) {
            queued = s.queued + n;
            if (limit.whenHigh() == OutputLimit.WhenHigh.REFUSE_WRITES && s.high) {
                refuse = true;
                firstRefusal = s.refusedNow++ == 0;
                s.refused++;
            } else if (queued <= limit.hardCap()) {
                s.queued = queued;
                s.peak = Math.max(s.peak, queued);
                s.held.add(new Part(request, n));
                if (!s.high && queued > limit.highWater()) {
                    s.high = true;
                    stopReading = limit.whenHigh() == OutputLimit.WhenHigh.STOP_READING;
                    if (stopReading) { // under the lock, so that a drain on another thread cannot let go first
                        ReadGate.hold(session, ReadGate.Reason.OUTPUT);
                    }
                }
                if (!s.draining && s.inFlight < IN_FLIGHT) {
                    s.draining = true;
                    drain = true;
                }
            }
        }
        if (refuse) {
            if (firstRefusal) {
                LOG.warn("{}: refusing writes: {} bytes of output queued, over {} (the peer does not read fast enough)",
                        session.getRemoteAddress(), queued - n, limit.highWater());
            }
            request.getFuture().setException(new Refused(request, "output over " + limit.highWater() + " bytes"));
        } else if (queued > limit.hardCap()) {
            String why = queued + " bytes of output queued, over the cap of " + limit.hardCap() + " (the peer does not read)";
            LOG.warn("{}: closing: {}", session.getRemoteAddress(), why);
            request.getFuture().setException(new WriteException(request, why));
            session.closeNow();
        } else {
            if (stopReading) {
                LOG.debug("{}: over {} bytes of output queued: reading stops", session.getRemoteAddress(), limit.highWater());
            }
            if (drain) {
                drain(next, session, s);
            }
        }
    }

    /** Hands held writes to TLS while fewer than {@link #IN_FLIGHT} are there; only the thread that set draining. */
    private void drain(NextFilter next, IoSession session, State s) {
        while (true) {
            Unit u;
            synchronized (s) {
                if (s.held.isEmpty() || s.inFlight >= IN_FLIGHT || session.isClosing()) {
                    s.draining = false;
                    return;
                }
                u = take(session, s.held);
                s.inFlight++;
            }
            next.filterWrite(session, u);
        }
    }

    /** The next write to hand down: the first held frame, with the small ones after it merged in. */
    private static Unit take(IoSession session, ArrayDeque<Part> held) {
        Part first = held.poll();
        Part second = held.peek();
        if (second == null || first.bytes() + second.bytes() > BATCH_BYTES) {
            return new Unit(first.request().getMessage(), first.request().getFuture(), first.request(), List.of(first),
                    first.bytes());
        }
        List<Part> parts = new ArrayList<>();
        parts.add(first);
        int total = first.bytes();
        while (held.peek() != null && total + held.peek().bytes() <= BATCH_BYTES) {
            Part p = held.poll();
            parts.add(p);
            total += p.bytes();
        }
        IoBuffer merged = IoBuffer.allocate(total);
        for (Part p : parts) {
            merged.put(((IoBuffer) p.request().getMessage()).duplicate());
        }
        merged.flip();
        Unit u = new Unit(merged, new DefaultWriteFuture(session), first.request(), List.copyOf(parts), total);
        u.getFuture().addListener(f -> {
            WriteFuture wf = (WriteFuture) f;
            if (!wf.isWritten()) {
                Throwable cause = wf.getException();
                for (Part p : u.parts) {
                    p.request().getFuture().setException(cause != null ? cause : new WriteToClosedSessionException(p.request()));
                }
            }
        });
        return u;
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) {
        State s = state(session);
        if (!(request instanceof Unit u) || s == null) {
            next.messageSent(session, request);
            return;
        }
        boolean resumeReading = false;
        boolean drain = false;
        boolean close = false;
        synchronized (s) {
            s.inFlight--;
            s.queued -= u.bytes;
            if (s.high && s.queued <= limit.lowWater()) {
                s.high = false;
                s.refusedNow = 0;
                resumeReading = limit.whenHigh() == OutputLimit.WhenHigh.STOP_READING;
                if (resumeReading) {
                    ReadGate.release(session, ReadGate.Reason.OUTPUT);
                }
            }
            if (!s.draining && !s.held.isEmpty()) {
                s.draining = true;
                drain = true;
            }
            if (s.closeWhenDrained && s.queued == 0) {
                s.closeWhenDrained = false;
                close = true;
            }
        }
        if (resumeReading) {
            LOG.debug("{}: output back to {} bytes: reading again", session.getRemoteAddress(), limit.lowWater());
        }
        if (u.parts.size() == 1) {
            next.messageSent(session, u.parts.get(0).request());
        } else {
            for (Part p : u.parts) {
                p.request().getFuture().setWritten();
                next.messageSent(session, p.request());
            }
        }
        if (drain) {
            drain(next, session, s);
        }
        if (close) {
            session.closeOnFlush();
        }
    }

    /** Closes session once all its output (held here too) has gone to the socket. */
    static void closeOnFlush(IoSession session) {
        State s = state(session);
        if (s != null) {
            synchronized (s) {
                if (s.queued > 0) {
                    s.closeWhenDrained = true;
                    return;
                }
            }
        }
        session.closeOnFlush();
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        State s = state(session);
        List<Part> dropped = List.of();
        if (s != null) {
            synchronized (s) {
                dropped = List.copyOf(s.held);
                s.held.clear();
            }
        }
        for (Part p : dropped) {
            p.request().getFuture().setException(new WriteToClosedSessionException(p.request()));
        }
        next.sessionClosed(session);
    }
}
