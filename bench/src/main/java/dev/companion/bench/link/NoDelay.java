package dev.companion.bench.link;

import dev.companion.p2p.link.LinkManager;
import java.lang.reflect.Field;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.SocketSessionConfig;

/**
 * Experiment only ({@code --tcp-nodelay}): turns Nagle's algorithm off on a LinkManager's sockets
 * (its MINA acceptor and connector, for new and current sessions), which DirectTcpTransport does not
 * do today. Reaches into private fields by reflection: it shows what the change would buy, it is not
 * how the app runs.
 */
final class NoDelay {
    private NoDelay() {
    }

    static void apply(LinkManager links) {
        try {
            Object transport = field(links, "transport");
            for (String name : new String[] {"acceptor", "connector"}) {
                if (field(transport, name) instanceof IoService service) {
                    ((SocketSessionConfig) service.getSessionConfig()).setTcpNoDelay(true);
                    for (IoSession s : service.getManagedSessions().values()) {
                        ((SocketSessionConfig) s.getConfig()).setTcpNoDelay(true);
                    }
                }
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot set TCP_NODELAY on the link's sockets", e);
        }
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
