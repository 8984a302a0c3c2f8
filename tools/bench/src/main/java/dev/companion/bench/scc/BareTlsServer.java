package dev.companion.bench.scc;

import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The floor for the control center's per-connection memory: a MINA acceptor with the same TLS
 * filter and frame codec as scc-lite ({@code FramedTls}: TLS 1.3, a fresh self-signed identity) and
 * a handler that does nothing. Run in its own JVM: {@code BareTlsServer HOST PORT}; it
 * prints {@code bare listening on HOST:PORT fingerprint FP} and runs until killed.
 */
public final class BareTlsServer {
    private BareTlsServer() {
    }

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Identity identity = Identity.create("bare");
        NioSocketAcceptor acceptor = FramedTls.acceptor(Endpoint.DEFAULT.withReuseAddress(true),
                Tls.context(identity, fp -> true), new IoHandlerAdapter() {
                    @Override
                    public void exceptionCaught(IoSession session, Throwable cause) {
                        session.closeNow();
                    }
                });
        acceptor.bind(new InetSocketAddress(host, port));
        System.out.println("bare listening on " + host + ":" + acceptor.getLocalAddress().getPort()
                + " fingerprint " + identity.fingerprint());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
