package dev.companion.bench.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.bench.link.Codecs;
import dev.companion.bench.link.LinkChild;
import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Our peer link, fresh for one run: a dialing terminal ({@link LinkChild} "dialer") in a JVM on core
 * 0 and the terminal it links to ({@link LinkChild} "followers 1") in a JVM on core 1, each with its
 * own certificate, both listening and expecting each other before the first connect.
 *
 * <p>Connects come in pairs, as the app links: even indexes are a first link to a terminal the dialer
 * has never linked to (the cold connect: the terminal the other JVM started with; later ones: a new
 * terminal, new identity and new port, made with {@code FRESH} after the previous pair, outside the
 * clock), so the dial makes that peer's TLS context and a full handshake; odd indexes redial the
 * terminal of the connect before, whose shared TLS context resumes the session.
 */
final class LinkConnects implements ConnectSystem {
    private final ChildJvm dialer;
    private final ChildJvm follower;
    private final boolean acceptorTimed;

    private LinkConnects(ChildJvm dialer, ChildJvm follower, boolean acceptorTimed) {
        this.dialer = dialer;
        this.follower = follower;
        this.acceptorTimed = acceptorTimed;
    }

    static LinkConnects start(List<String> jvmOptions, Path logs, String tag, long ttlSeconds) throws Exception {
        ChildJvm f = ChildJvm.java("connect-link-follower" + tag, 1, jvmOptions, LinkChild.class,
                List.of("followers", "1", Long.toString(ttlSeconds)), logs);
        ChildJvm d = null;
        try {
            d = ChildJvm.java("connect-link-dialer" + tag, 0, jvmOptions, LinkChild.class,
                    List.of("dialer", Long.toString(ttlSeconds)), logs);
            String followerOffer = f.expect("OFFER", Duration.ofSeconds(30));
            String dialerOffer = d.expect("OFFER", Duration.ofSeconds(30));
            f.send("EXPECT " + dialerOffer);
            f.expect("EXPECTED", Duration.ofSeconds(10)); // else the first dial could meet a follower that refuses it
            d.send("EXPECT " + followerOffer);
            f.send("TIMINGS");
            boolean timed = f.expect("TIMINGS", Duration.ofSeconds(10)).equals("on");
            return new LinkConnects(d, f, timed);
        } catch (Exception | Error e) {
            if (d != null) {
                d.close();
            }
            f.close();
            throw e;
        }
    }

    /** The row of connect index: a first link on even indexes, a redial to the same peer on odd ones. */
    static Row rowOf(int index) {
        return index % 2 == 0 ? Row.LINK : Row.LINK_REDIAL;
    }

    /**
     * One connect by the dialer; the accepting side's times (see LinkTimings: System.nanoTime() is the
     * machine's monotonic clock in both JVMs) are set against the dialer's start. After a redial (the
     * clock stopped) the other JVM replaces its terminal by a new one for the next first link.
     */
    @Override
    public Sample connect(int index) throws Exception {
        Row row = rowOf(index);
        dialer.send("CONNECT " + index);
        ObjectNode o = (ObjectNode) Codecs.tree(dialer.expect("CONNECTED", Duration.ofSeconds(30)));
        long tlsCreated = o.path("tlsCreatedMillis").asLong();
        if (acceptorTimed) {
            follower.send("TIMES");
            JsonNode t = Codecs.tree(follower.expect("TIMES", Duration.ofSeconds(10)));
            long t0 = o.path("t0Nanos").asLong();
            for (String mark : new String[] {"accepted", "secured"}) {
                long at = t.path(mark).asLong();
                if (at != 0 && t0 != 0) {
                    o.put(mark, (at - t0 + 500) / 1000);
                }
            }
            if (tlsCreated == 0) {
                tlsCreated = t.path("tlsCreatedMillis").asLong(); // the cold connect: only the acceptor's view
            }
        }
        long t0Millis = o.path("t0Millis").asLong();
        if (tlsCreated != 0 && t0Millis != 0) {
            // a resumed session keeps the creation time of the full handshake that made it, before this connect
            o.put("handshake", tlsCreated < t0Millis ? Row.RESUMED : Row.FULL);
        }
        Sample s = Marks.sample(row, index, o);
        if (row == Row.LINK_REDIAL) {
            nextPeer(index + 1);
        }
        return s;
    }

    /** A new terminal in the other JVM (new identity, new port) for the first link of connect index. */
    private void nextPeer(int index) throws Exception {
        follower.send("FRESH " + index);
        dialer.send("EXPECT " + follower.expect("OFFER", Duration.ofSeconds(30)));
    }

    /**
     * Median µs of n Tls.context calls in the (warm) dialer: what a first dial to a peer pays, inside
     * its tcp mark, to make that peer's TLS context (a redial finds it made).
     */
    long sslContextMicros(int n) throws Exception {
        dialer.send("SSLCONTEXT " + n);
        return Long.parseLong(dialer.expect("SSLCONTEXT", Duration.ofSeconds(60)));
    }

    @Override
    public List<ProcessHandle> initiatorProcesses() {
        return List.of(dialer.handle());
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return List.of(follower.handle());
    }

    @Override
    public String layout() {
        return ChildJvm.layout("dialing terminal's JVM on core 0, the other"
                + " terminal's JVM on core 1; LinkManager over direct TCP + mutual TLS 1.3 (MINA) on 127.0.0.1, then"
                + " peer_hello / peer_welcome; connects alternate a first link to a terminal the dialer never linked to"
                + " (new identity and port, made outside the clock: the dial makes its TLS context, full handshake) and a"
                + " redial to that same terminal (its shared TLS context resumes the session)");
    }

    @Override
    public void close() {
        dialer.close();
        follower.close();
    }
}
