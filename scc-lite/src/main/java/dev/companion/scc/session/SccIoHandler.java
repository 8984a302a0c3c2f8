package dev.companion.scc.session;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler, on the I/O threads: decodes each frame here and hands the message (or the error
 * answer to a frame that does not decode) and closes to the logic thread, in arrival order. A
 * {@code ping} is answered with {@code pong} here at once, without queueing behind the logic thread's
 * work (heartbeats stay prompt while it is busy; {@code pong} may therefore overtake answers to
 * earlier requests); a {@code pong} is dropped. A connection that sent nothing for the reader-idle
 * time is closed.
 *
 * <p>The logic thread's queue is bounded: a connection with {@link Conn#WORK_HIGH} tasks waiting
 * there stops being read until they are down to {@link Conn#WORK_LOW}, and while {@value #BUSY}
 * tasks wait in all, new messages are answered BUSY here, unprocessed. (The connection caps
 * and the rate limit of {@code Endpoint.CONTROL_CENTER} bound what each connection brings.)
 */
public final class SccIoHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SccIoHandler.class);
    private static final AttributeKey CONN = new AttributeKey(SccIoHandler.class, "conn");
    /** Tasks waiting for the logic thread in all, past which new messages are answered BUSY. */
    static final int BUSY = 50_000;
    /** The retryAfter of that answer, in milliseconds. */
    static final long BUSY_RETRY_MS = 1_000;

    private final Logic logic;
    private final Dispatcher dispatcher;

    public SccIoHandler(Logic logic, Dispatcher dispatcher) {
        this.logic = logic;
        this.dispatcher = dispatcher;
    }

    @Override
    public void sessionCreated(IoSession session) {
        session.setAttribute(CONN, new Conn(session));
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        Conn conn = (Conn) session.getAttribute(CONN);
        if (!(message instanceof Frame frame)) {
            return;
        }
        Message m;
        try {
            m = frame.decode();
        } catch (ProtocolException e) {
            Message error = e.toMessage(frame.requestId());
            work(conn, error.req(), () -> conn.send(error)); // after the answers to what came before
            return;
        }
        switch (m) {
            case Messages.Ping p -> conn.send(new Messages.Pong(p.t()));
            case Messages.Pong p -> { }
            default -> work(conn, m.req(), () -> dispatcher.message(conn, m));
        }
    }

    /** Queues conn's task for the logic thread, or answers req BUSY when the logic thread is too far behind. */
    private void work(Conn conn, Long req, Runnable task) {
        if (logic.queued() >= BUSY) {
            conn.send(new Messages.Error(req, ErrorCode.BUSY, "the control center is busy; send it again in 1 s", BUSY_RETRY_MS));
            return;
        }
        conn.workQueued();
        logic.post(() -> {
            try {
                task.run();
            } finally {
                conn.workDone();
            }
        });
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        if (status == IdleStatus.READER_IDLE) {
            LOG.info("{}: idle, closing", session.getAttribute(CONN));
            session.closeNow();
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        Conn conn = (Conn) session.getAttribute(CONN);
        if (conn != null) {
            logic.post(() -> dispatcher.closed(conn));
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (!session.isConnected() || session.isClosing()) {
            // a write raced with the close (MINA's SslFilter may throw once its handler is gone)
            LOG.debug("{}: after close: {}", session.getAttribute(CONN), cause.toString());
        } else if (cause instanceof WriteTimeoutException) {
            LOG.info("{}: closing: it took none of its output for {} s", session.getAttribute(CONN),
                    session.getConfig().getWriteTimeout());
            session.closeNow();
        } else if (cause instanceof IOException) {
            LOG.debug("{}: {}", session.getAttribute(CONN), cause.toString());
            session.closeNow();
        } else {
            LOG.warn("{}: {}", session.getAttribute(CONN), cause.toString(), cause);
        }
    }
}
