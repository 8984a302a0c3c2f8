package dev.companion.p2p.net;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Hands what was read from the socket to TLS in slices of at most {@value #SLICE} bytes. MINA 2.2's
 * TLS handler ({@code SSLHandlerG0}) answers each record that asks for an answer after the
 * handshake (a TLS 1.3 KeyUpdate) by recursing, receive → write_handshake → finish_handshake →
 * receive, once per such record still in what it was given: 60,000 KeyUpdates of 26 bytes (a JDK
 * client calling {@code startHandshake()} in a loop, no login needed) overflowed the I/O thread's
 * stack, and the StackOverflowError killed that MINA I/O processor thread with every connection on
 * it (a third of the control center's signed-in clients and sign-ins got no answer any more). A
 * slice holds at most ~80 records, so the recursion stays a few hundred frames deep.
 */
final class RecordSlicer extends IoFilterAdapter {
    static final int SLICE = 2048;

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) {
        if (!(message instanceof IoBuffer buf) || buf.remaining() <= SLICE) {
            next.messageReceived(session, message);
            return;
        }
        while (buf.hasRemaining() && !session.isClosing()) {
            int n = Math.min(SLICE, buf.remaining());
            IoBuffer slice = buf.getSlice(buf.position(), n);
            buf.skip(n);
            next.messageReceived(session, slice);
        }
    }
}
