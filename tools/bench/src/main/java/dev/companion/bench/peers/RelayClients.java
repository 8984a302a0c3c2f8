package dev.companion.bench.peers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.companion.bench.link.ChildIo;
import dev.companion.bench.link.Codecs;
import dev.companion.bench.link.EchoRun;
import dev.companion.bench.link.Payload;
import dev.companion.bench.link.RunResult;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Child JVM of the relay peer: the leader and its followers as java.net.http WebSocket clients of
 * relay.js. The leader sends the same encoded actions as the link leader, each follower answers with
 * an ok carrying the seq; the leader times the acks exactly as over the link (see {@link EchoRun}).
 * Lines: prints {@code READY}; {@code RUN run rate seconds followers} → {@code RESULT json}; QUIT.
 *
 * <p>With 0 followers it is the relay side of {@code bench connect}: no standing clients;
 * {@code CONNECT k} opens a leader and a follower client at once (fresh connections, room c&lt;k&gt;),
 * waits for both to be open, sends the action {@code Payload.action(k, 0)}, waits for its ack, closes
 * both and answers {@code CONNECTED json} (µs from the start to both opens and to the ack).
 */
public final class RelayClients {
    private RelayClients() {
    }

    public static void main(String[] args) throws Exception {
        ChildIo io = new ChildIo(Long.parseLong(args[2]));
        List<Client> clients = new ArrayList<>();
        try {
            int port = Integer.parseInt(args[0]);
            int k = Integer.parseInt(args[1]);
            if (k == 0) {
                connects(io, port);
                System.exit(0);
            }
            AtomicReference<EchoRun> current = new AtomicReference<>();
            Client leader = Client.connect(port, "leader", text -> {
                Message m = Codec.decode(text);
                long now = System.nanoTime();
                EchoRun run = current.get();
                if (m instanceof Messages.Ok ok && run != null) {
                    run.ack(ok.req(), now);
                }
            });
            clients.add(leader);
            for (int i = 0; i < k; i++) {
                Client[] self = new Client[1];
                self[0] = Client.connect(port, "follower", text -> {
                    if (Codec.decode(text) instanceof Messages.ActionMsg a) {
                        self[0].send(Codec.encodeToString(new Messages.Ok(a.seq())));
                    }
                });
                clients.add(self[0]);
            }
            ChildIo.reply("READY");
            for (String cmd; (cmd = io.next()) != null; ) {
                String[] r = cmd.split(" ");
                if (!r[0].equals("RUN")) {
                    ChildIo.reply("FAIL unknown command " + r[0]);
                    continue;
                }
                EchoRun run = new EchoRun(Integer.parseInt(r[1]), Double.parseDouble(r[2]), Double.parseDouble(r[3]),
                        Integer.parseInt(r[4]));
                current.set(run);
                RunResult result = run.drive(i -> leader.send(Codec.encodeToString(Payload.action(run.run(), i))),
                        Duration.ofSeconds(3));
                ChildIo.reply("RESULT " + result.toJson());
            }
        } catch (Exception | Error e) {
            ChildIo.fail(e);
        } finally {
            clients.forEach(Client::close);
        }
        System.exit(0);
    }

    /**
     * The connect scenario. The two HttpClients exist and the message codec is loaded before the clock
     * starts (as in a running app); each connect opens two new WebSocket connections (TCP + HTTP
     * upgrade) at the same time.
     */
    private static void connects(ChildIo io, int port) throws Exception {
        try (HttpClient leaderHttp = HttpClient.newHttpClient(); HttpClient followerHttp = HttpClient.newHttpClient()) {
            Codecs.warmUp();
            ChildIo.reply("READY");
            for (String cmd; (cmd = io.next()) != null; ) {
                String[] r = cmd.split(" ");
                if (!r[0].equals("CONNECT")) {
                    ChildIo.reply("FAIL unknown command " + r[0]);
                    continue;
                }
                ChildIo.reply("CONNECTED " + connectOnce(leaderHttp, followerHttp, port, Integer.parseInt(r[1])));
            }
        }
    }

    private static String connectOnce(HttpClient leaderHttp, HttpClient followerHttp, int port, int k) {
        long seq = Payload.seq(k, 0);
        String room = "c" + k;
        CompletableFuture<Long> acked = new CompletableFuture<>();
        Client[] follower = new Client[1];
        Client leader = null;
        long t0 = System.nanoTime();
        try {
            CompletableFuture<Client> l = Client.open(leaderHttp, port, room, "leader", text -> {
                long now = System.nanoTime();
                if (Codec.decode(text) instanceof Messages.Ok ok && ok.req() == seq) {
                    acked.complete(now);
                }
            });
            CompletableFuture<Client> f = Client.open(followerHttp, port, room, "follower", text -> {
                if (Codec.decode(text) instanceof Messages.ActionMsg a) {
                    follower[0].send(Codec.encodeToString(new Messages.Ok(a.seq())));
                }
            });
            follower[0] = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            leader = l.get(10, java.util.concurrent.TimeUnit.SECONDS);
            long open = System.nanoTime();
            leader.send(Codec.encodeToString(Payload.action(k, 0)));
            long ack = acked.get(10, java.util.concurrent.TimeUnit.SECONDS);
            return JsonNodeFactory.instance.objectNode().put("ok", true).put("leaderOpen", us(leader.openedAt - t0))
                    .put("followerOpen", us(follower[0].openedAt - t0)).put("open", us(open - t0)).put("echo", us(ack - t0))
                    .toString();
        } catch (Exception e) {
            e.printStackTrace();
            return JsonNodeFactory.instance.objectNode().put("ok", false).put("why", e.toString()).toString();
        } finally {
            if (leader != null) {
                leader.close();
            }
            if (follower[0] != null) {
                follower[0].close();
            }
        }
    }

    private static long us(long nanos) {
        return (nanos + 500) / 1000;
    }

    /** One WebSocket client: whole text messages to onText; sends queued one after the other. */
    private static final class Client implements WebSocket.Listener {
        private final Consumer<String> onText;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;
        private CompletableFuture<WebSocket> sending;
        /** When the WebSocket handshake completed (System.nanoTime()). */
        volatile long openedAt;

        private Client(Consumer<String> onText) {
            this.onText = onText;
        }

        static Client connect(int port, String role, Consumer<String> onText) throws Exception {
            Client c = new Client(onText);
            URI uri = URI.create(String.format(Locale.ROOT, "ws://127.0.0.1:%d/?room=bench&role=%s", port, role));
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, c).get();
            c.sending = CompletableFuture.completedFuture(c.ws);
            return c;
        }

        /** Opens a connection to the relay with http (connect scenario); completes once it is open. */
        static CompletableFuture<Client> open(HttpClient http, int port, String room, String role, Consumer<String> onText) {
            Client c = new Client(onText);
            URI uri = URI.create(String.format(Locale.ROOT, "ws://127.0.0.1:%d/?room=%s&role=%s", port, room, role));
            return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, c).thenApply(w -> {
                synchronized (c) {
                    c.ws = w;
                    c.sending = CompletableFuture.completedFuture(w);
                }
                return c;
            });
        }

        synchronized void send(String text) {
            sending = sending.thenCompose(w -> w.sendText(text, true));
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            openedAt = System.nanoTime();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onText.accept(text);
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            System.err.println("websocket error: " + error);
        }

        void close() {
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
