package dev.companion.p2p.ice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.ice4j.StunException;
import org.ice4j.StunMessageEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.stack.StunStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STUN server that answers binding requests only (RFC 5389: the address the request came from, as
 * XOR-MAPPED-ADDRESS), on one UDP socket, with ice4j's {@link StunStack}. Other STUN requests are
 * ignored and anything that is not STUN never gets past the stack's parser; a binding response is no
 * larger than its request, so it cannot amplify a forged sender's traffic. The control center runs
 * one (docs/network.md); the network tests run one in their "internet". {@link #close()} is safe twice.
 */
public final class StunResponder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StunResponder.class);

    private final StunStack stack;
    private final TransportAddress local;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private boolean closed;

    private StunResponder(StunStack stack, TransportAddress local) {
        this.stack = stack;
        this.local = local;
    }

    /** Binds bind (port 0: any free one) and answers from there. */
    public static StunResponder start(InetSocketAddress bind) throws IOException {
        DatagramSocket socket = new DatagramSocket(bind);
        TransportAddress local = new TransportAddress((InetSocketAddress) socket.getLocalSocketAddress(), Transport.UDP);
        StunStack stack = new StunStack();
        StunResponder r = new StunResponder(stack, local);
        stack.addSocket(new IceUdpSocketWrapper(socket));
        stack.addRequestListener(local, r::onRequest);
        LOG.info("STUN server answering binding requests on udp {}", local);
        return r;
    }

    private void onRequest(StunMessageEvent e) {
        Message m = e.getMessage();
        if (!(m instanceof Request req) || req.getMessageType() != Message.BINDING_REQUEST) {
            ignored.incrementAndGet();
            LOG.debug("STUN: ignored message type {} from {}", m == null ? null : (int) m.getMessageType(), e.getRemoteAddress());
            return;
        }
        try {
            Response resp = MessageFactory.createBindingResponse(req, e.getRemoteAddress());
            stack.sendResponse(e.getTransactionID().getBytes(), resp, local, e.getRemoteAddress());
            answered.incrementAndGet();
        } catch (StunException | IOException | IllegalArgumentException ex) {
            LOG.debug("STUN: cannot answer {}: {}", e.getRemoteAddress(), ex.toString());
        }
    }

    /** The UDP port it answers on. */
    public int port() {
        return local.getPort();
    }

    /** Binding requests answered so far. */
    public long answered() {
        return answered.get();
    }

    /** STUN messages received that were not binding requests. */
    public long ignored() {
        return ignored.get();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stack.shutDown();
    }
}
