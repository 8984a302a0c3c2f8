package dev.companion.scc.session;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler, on the I/O threads: decodes each frame here and hands the message (or the error
 * answer to a frame that does not decode) and closes to the logic thread, in arrival order. A
 * {@code ping} is answered with {@code pong} here at once, without queueing behind the logic thread's
 * work (heartbeats stay prompt while it is busy; {@code pong} may therefore overtake answers to
 * earlier requests); a {@code pong} is dropped. A connection that sent nothing for the reader-idle
 * time is closed.
 */
public final class SccIoHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SccIoHandler.class);
    private static final AttributeKey CONN = new AttributeKey(SccIoHandler.class, "conn");

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
            logic.post(() -> conn.send(error)); // after the answers to what came before
            return;
        }
        switch (m) {
            case Messages.Ping p -> conn.send(new Messages.Pong(p.t()));
            case Messages.Pong p -> { }
            default -> logic.post(() -> dispatcher.message(conn, m));
        }
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
        } else if (cause instanceof IOException) {
            LOG.debug("{}: {}", session.getAttribute(CONN), cause.toString());
            session.closeNow();
        } else {
            LOG.warn("{}: {}", session.getAttribute(CONN), cause.toString(), cause);
        }
    }
}
