package dev.companion.bench.soak;

import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Protocol;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A blocking TLS client of the control center for {@link AllocBench}: all its work runs on the calling
 * thread (JDK SSLSocket), so the server's allocation can be told from the client's. Frames are the
 * wire's: a 4-byte length, then the JSON payload.
 */
final class AllocClient implements AutoCloseable {
    private static final String FINGERPRINT = "sha-256:" + "ab".repeat(32);
    private final SSLSocket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private long req = 1;
    private long sentAt = System.nanoTime();
    private static final byte[] PING = Codec.encode(new Messages.Ping(1));

    private AllocClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** A TLS connection to the server on port from source (a loopback address), handshake done. */
    static AllocClient open(SSLSocketFactory tls, int port, String source) throws IOException {
        Socket raw = new Socket();
        raw.bind(new InetSocketAddress(source, 0));
        raw.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return new AllocClient((SSLSocket) tls.createSocket(raw, "127.0.0.1", port, true));
    }

    /**
     * A TCP connection from source, sending nothing: true when the server closed it before any TLS;
     * false when it waited 2 s instead (it was not refused at once: the address's refusals were not
     * recent enough).
     */
    static boolean refusedBeforeTls(int port, String source) throws IOException {
        try (Socket raw = new Socket()) {
            raw.bind(new InetSocketAddress(source, 0));
            raw.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            raw.setSoTimeout(2_000);
            InputStream in = raw.getInputStream();
            try {
                if (in.read() != -1) {
                    throw new IllegalStateException("the server sent bytes to a connection that sent none");
                }
                return true;
            } catch (java.net.SocketTimeoutException waited) {
                return false;
            } catch (SocketException reset) {
                return true; // closed with a reset: refused as well
            }
        }
    }

    void send(byte[] payload) throws IOException {
        byte[] frame = new byte[4 + payload.length];
        frame[0] = (byte) (payload.length >>> 24);
        frame[1] = (byte) (payload.length >>> 16);
        frame[2] = (byte) (payload.length >>> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        out.write(frame);
        sentAt = System.nanoTime();
    }

    /** A ping when this connection sent nothing for 5 s, as a terminal does (the server closes a silent one); pongs are left unread. */
    void keepAlive() throws IOException {
        if (System.nanoTime() - sentAt > 5_000_000_000L) {
            send(PING);
        }
    }

    /** The next message; EOFException when the server closed. */
    Message read() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > Protocol.MAX_FRAME_BYTES) {
            throw new IOException("bad frame length " + n);
        }
        byte[] payload = new byte[n];
        in.readFully(payload);
        return Codec.decode(payload);
    }

    /** The next message, or null when none came within millis (the socket's timeout is then restored). */
    Message readWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return read();
        } catch (java.net.SocketTimeoutException none) {
            return null;
        } finally {
            socket.setSoTimeout(30_000);
        }
    }

    /** Waits for the server to close: null then, else what it sent instead. */
    Message readEnd() throws IOException {
        try {
            return read();
        } catch (EOFException | SocketException closed) {
            return null;
        }
    }

    /** Logs in as user with secret (password or token); returns the token the server gave. */
    String login(String user, String secret) throws IOException {
        long id = req++;
        send(Codec.encode(new Messages.Login(id, Protocol.VERSION, user, secret, "alloc", List.of("127.0.0.1:40000"), FINGERPRINT)));
        while (true) {
            Message m = read();
            if (m instanceof Messages.LoginOk ok) {
                return ok.token();
            }
            if (m instanceof Messages.Error e && Long.valueOf(id).equals(e.req())) {
                throw new IllegalStateException("login of " + user + " refused: " + e.code() + " " + e.message());
            }
        }
    }

    /** Reads until the presence push of user going online (or offline). */
    void awaitPresence(String user, boolean online) throws IOException {
        while (!(read() instanceof Messages.Presence p && p.user().equals(user) && p.online() == online)) {
            // other pushes
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
