package dev.companion.bench.connect;

import dev.companion.bench.link.ChildIo;
import dev.companion.bench.link.Codecs;
import dev.companion.scc.client.ControlCenterClient;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.tls.Identity;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * Child JVM of {@code bench connect}: a terminal signing in to the control center with the app's
 * {@link ControlCenterClient}, one new client per sign-in as the app makes one per sign-in (its
 * reconnects reuse it), made with the constructor the app uses for the case (the session's
 * ControlCenterConnector): before the control center is pinned, the predicate one (trust on first use: the client has a TLS context of its own, a full
 * handshake); once pinned, the pinned one (every client with the pin shares one TLS context, so a
 * sign-in resumes the TLS session of the previous pinned one). The terminal's link identity (whose
 * fingerprint and a route go into the login) exists and the message codec is loaded before the clock
 * starts.
 *
 * <p>Lines: prints {@code READY}; {@code SIGNIN k password|token tofu|pinned} → {@code SIGNED json}
 * (loginOk: µs from just before {@code new ControlCenterClient} to login_ok; handshake: "full" or "resumed",
 * the handshake the connection made; the client is closed after the clock stopped); {@code PIN} → one
 * unmeasured pinned sign-in with the password, {@code PINNED json} (what the app's first pinned sign-in
 * of a process is: a full handshake that puts a session into the pin's context); QUIT.
 * Arguments: host port serverFingerprint user password ttlSeconds.
 */
public final class SignInChild {
    private SignInChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildIo io = new ChildIo(Long.parseLong(args[5]));
        try {
            String host = args[0];
            int port = Integer.parseInt(args[1]);
            String serverFp = args[2];
            String user = args[3];
            String password = args[4];
            Identity terminal = Identity.create("bench-terminal");
            Codecs.warmUp();
            List<String> route = List.of("127.0.0.1:40000");
            String token = null;
            ChildIo.reply("READY");
            for (String cmd; (cmd = io.next()) != null; ) {
                String[] f = cmd.split(" ");
                switch (f[0]) {
                    case "SIGNIN", "PIN" -> {
                        boolean pin = f[0].equals("PIN");
                        boolean withToken = !pin && f[2].equals("token");
                        boolean pinned = pin || f[3].equals("pinned");
                        if (withToken && token == null) {
                            ChildIo.reply("FAIL no token yet: sign in with the password first");
                            continue;
                        }
                        var o = Codec.mapper().createObjectNode();
                        AtomicReference<String> seen = new AtomicReference<>();
                        long t0Millis = System.currentTimeMillis();
                        long t0 = System.nanoTime();
                        ControlCenterClient c = pinned
                                ? new ControlCenterClient(host, port, serverFp, new Quiet())
                                : new ControlCenterClient(host, port, fp -> {
                                    seen.set(fp); // trust on first use, as the app before it has pinned
                                    return true;
                                }, new Quiet());
                        try {
                            long[] at = new long[1];
                            CompletableFuture<Messages.LoginOk> ok = c.connect(user, withToken ? token : password, "t-bench",
                                    route, terminal.fingerprint()).whenComplete((m, e) -> at[0] = System.nanoTime());
                            token = ok.get(20, TimeUnit.SECONDS).token();
                            if (!pinned && !serverFp.equals(seen.get())) {
                                o.put("ok", false).put("why", "trust on first use saw " + seen.get() + ", not the control center");
                            } else {
                                o.put("ok", true).put("loginOk", (at[0] - t0 + 500) / 1000);
                                String tls = handshake(c, t0Millis);
                                if (tls != null) {
                                    o.put("handshake", tls);
                                }
                            }
                        } catch (Exception e) {
                            o.put("ok", false).put("why", String.valueOf(e));
                        } finally {
                            c.close();
                        }
                        ChildIo.reply((pin ? "PINNED " : "SIGNED ") + o);
                    }
                    default -> ChildIo.reply("FAIL unknown command " + f[0]);
                }
            }
        } catch (Exception | Error e) {
            ChildIo.fail(e);
        }
        System.exit(0);
    }

    /**
     * Measurement aid (by reflection: the client does not expose its connection): "resumed" when the TLS
     * session of the client's logged-in connection was made before the sign-in started (a resumed
     * session keeps the creation time of the full handshake that made it), "full" when not, null when
     * it cannot be seen.
     */
    private static String handshake(ControlCenterClient c, long t0Millis) {
        try {
            Object conn = field(field(c, "connection"), "current");
            if (conn != null && field(conn, "session") instanceof IoSession s
                    && s.getAttribute(SslFilter.SSL_SECURED) instanceof SSLSession ssl) {
                return ssl.getCreationTime() < t0Millis ? Row.RESUMED : Row.FULL;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("cannot tell the sign-in's TLS handshake: " + e);
        }
        return null;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** Pushes and closes are not measured here. */
    private static final class Quiet implements ControlCenterClient.Listener {
        @Override
        public void onPush(Message m) {
        }

        @Override
        public void onClosed(String reason) {
        }
    }
}
