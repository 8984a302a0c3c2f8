package dev.companion.p2p.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.ice4j.socket.DelegatingDatagramSocket;

/**
 * The ICE pair's UDP socket as QUIC sees it: datagrams from any address but the selected remote are
 * dropped (a stranger cannot even start a QUIC handshake), and closing it does nothing, since the
 * socket belongs to the ICE agent, which closes it when it is freed (Kwik closes the socket it was
 * given when its connection ends).
 */
final class PairSocket extends DelegatingDatagramSocket {
    private final InetSocketAddress remote;
    private volatile boolean closed;

    PairSocket(DatagramSocket pair, InetSocketAddress remote) throws SocketException {
        super(pair);
        this.remote = remote;
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        byte[] buf = p.getData();
        int offset = p.getOffset();
        int length = p.getLength();
        while (true) {
            if (closed) {
                throw new SocketException("socket closed");
            }
            p.setData(buf, offset, length);
            super.receive(p);
            if (remote.equals(p.getSocketAddress())) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed || super.isClosed();
    }
}
