package dev.companion.scc.client;

import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.net.Endpoint;
import dev.companion.p2p.net.FramedTls;
import dev.companion.p2p.protocol.ContactState;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.tls.Identity;
import dev.companion.p2p.tls.Tls;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * A small stand-in control center for the client's tests, for what the real one never does (stay
 * silent, leave a request unanswered, drop a connection on cue): real TLS 1.3 and frames on
 * 127.0.0.1, with scripted answers. Password "secret" logs in;
 * contact_add "nobody" is UNKNOWN_USER, contact_add "silent" is never answered; after login it
 * pushes a presence. With silent set it answers nothing at all, not even pings. Records, for each
 * login, when its TLS session was created (a resumed session keeps the time of the full handshake
 * that made it).
 */
final class ScriptedControlCenter implements AutoCloseable {
    final Identity identity = Identity.create("control-center");
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    final List<Long> loginSessionCreated = new CopyOnWriteArrayList<>();
    volatile boolean silent;
    private final NioSocketAcceptor acceptor;
    private volatile IoSession last;

    ScriptedControlCenter() throws Exception {
        acceptor = FramedTls.acceptor(Endpoint.DEFAULT.withReuseAddress(true), Tls.context(identity, fp -> true), new Script());
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    int port() {
        return acceptor.getLocalAddress().getPort();
    }

    void push(Message m) {
        last.write(m);
    }

    void dropConnection() {
        last.closeNow();
    }

    private void answer(IoSession s, Message m) {
        switch (m) {
            case Messages.Login l when l.protocol() != Protocol.VERSION -> {
                s.write(new Messages.Error(l.req(), ErrorCode.VERSION_MISMATCH, "speak " + Protocol.VERSION));
                s.closeOnFlush();
            }
            case Messages.Login l when l.password().equals("guessing") -> {
                s.write(new Messages.Error(l.req(), ErrorCode.TOO_MANY_ATTEMPTS, "try again in 3 s", 3000L));
                s.closeOnFlush();
            }
            case Messages.Login l when !l.password().equals("secret") -> {
                s.write(new Messages.Error(l.req(), ErrorCode.BAD_CREDENTIALS, "bad user or password"));
                s.closeOnFlush();
            }
            case Messages.Login l -> {
                s.write(new Messages.LoginOk(l.req(), l.user(), l.terminal(), "tok-1",
                        List.of(new Messages.Contact("bob", true, ContactState.CONTACT))));
                s.write(new Messages.Presence("bob", true));
            }
            case Messages.Ping p -> s.write(new Messages.Pong(p.t()));
            case Messages.ContactAdd c when c.user().equals("nobody") ->
                    s.write(new Messages.Error(c.req(), ErrorCode.UNKNOWN_USER, "no such user"));
            case Messages.ContactAdd c when c.user().equals("silent") -> { }
            case Messages.ContactAdd c -> {
                s.write(new Messages.ContactUpdate(new Messages.Contact(c.user(), false, ContactState.PENDING_OUT)));
                s.write(new Messages.Ok(c.req()));
            }
            case Messages.Invite i -> s.write(new Messages.InviteSent(i.req(), "inv-1", i.to(),
                    i.group() == null ? "g-new" : i.group(), System.currentTimeMillis() + 600_000));
            case Messages.ContactAccept c -> s.write(new Messages.Ok(c.req()));
            case Messages.InviteAnswer a -> s.write(new Messages.Ok(a.req()));
            case Messages.GroupLeave l -> s.write(new Messages.Ok(l.req()));
            case Messages.Signal sig -> s.write(new Messages.Ok(sig.req()));
            default -> { }
        }
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }

    /** Records what arrives and answers it by the script. */
    private final class Script extends IoHandlerAdapter {
        @Override
        public void messageReceived(IoSession session, Object message) {
            Message m = ((Frame) message).decode();
            if (m instanceof Messages.Login && session.getAttribute(SslFilter.SSL_SECURED) instanceof SSLSession ssl) {
                loginSessionCreated.add(ssl.getCreationTime());
            }
            received.add(m);
            last = session;
            if (!silent) {
                answer(session, m);
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            session.closeNow();
        }
    }
}
