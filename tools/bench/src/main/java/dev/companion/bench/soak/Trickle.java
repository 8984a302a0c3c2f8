package dev.companion.bench.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw TCP connections that trickle a TLS ClientHello, one byte per second, and never finish it
 * (slowloris): each is reopened when the control center closes it. One thread drives them all.
 */
final class Trickle implements Runnable {
    private static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};

    private final InetSocketAddress server;
    private final List<String> sources;
    private final int count;
    private final Tally tally;
    private volatile boolean stopped;

    Trickle(InetSocketAddress server, List<String> sources, int count, Tally tally) {
        this.server = server;
        this.sources = sources;
        this.count = count;
        this.tally = tally;
    }

    private final class Conn {
        final String source;
        Socket socket;
        int sent;

        Conn(String source) {
            this.source = source;
        }

        void open() {
            close();
            try {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(source, 0));
                s.connect(server, 5_000);
                socket = s;
                sent = 0;
                tally.add("trickle.opened");
            } catch (IOException e) {
                tally.add("trickle.connectFailed");
            }
        }

        /** One more byte; false when the connection is gone. */
        boolean drip() {
            if (socket == null) {
                return false;
            }
            try {
                socket.getOutputStream().write(CLIENT_HELLO_START[sent % CLIENT_HELLO_START.length]);
                sent++;
                return true;
            } catch (IOException e) {
                tally.add("trickle.closedByServer");
                return false;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // gone anyway
                }
                socket = null;
            }
        }
    }

    @Override
    public void run() {
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < count && !stopped; i++) {
            Conn c = new Conn(sources.get(i % sources.size()));
            c.open();
            conns.add(c);
        }
        while (!stopped) {
            long t0 = System.nanoTime();
            for (Conn c : conns) {
                if (stopped) {
                    break;
                }
                if (!c.drip()) {
                    c.open();
                }
            }
            long left = 1_000_000_000L - (System.nanoTime() - t0);
            if (left > 0) {
                try {
                    Thread.sleep(left / 1_000_000);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        conns.forEach(Conn::close);
    }

    void stop() {
        stopped = true;
    }
}
