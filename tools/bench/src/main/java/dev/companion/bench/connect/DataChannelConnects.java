package dev.companion.bench.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.bench.link.Payload;
import dev.companion.bench.peers.DataChannelPeer;
import dev.companion.p2p.protocol.Codec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The WebRTC DataChannel, fresh for one run: two headless Chromiums (leader's on core 0, follower's
 * on core 1) with their pages loaded and the media permission granted; every connect is a new
 * RTCPeerConnection pair (see {@link DataChannelPeer#connectOnce}), closed after its echo. Connects
 * alternate: even indexes (index 0 is the cold one) send offer and answer as soon as they hold a
 * loopback candidate ({@link Row#DATACHANNEL}), odd ones after full ICE gathering ({@link Row#DATACHANNEL_FULL}).
 */
final class DataChannelConnects implements ConnectSystem {
    private final DataChannelPeer peer;

    private DataChannelConnects(DataChannelPeer peer) {
        this.peer = peer;
    }

    static DataChannelConnects start(Path chromium, Path logs) throws Exception {
        DataChannelPeer peer = DataChannelPeer.launch(chromium, logs);
        try {
            peer.permit();
            return new DataChannelConnects(peer);
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
    }

    /** The row of connect index (first-candidate SDP on even indexes, full gathering on odd ones). */
    static Row rowOf(int index) {
        return index % 2 == 0 ? Row.DATACHANNEL : Row.DATACHANNEL_FULL;
    }

    @Override
    public Sample connect(int index) {
        Row row = rowOf(index);
        try {
            Map<String, Object> r = peer.connectOnce(Payload.seq(index, 0), row == Row.DATACHANNEL);
            String pair = String.valueOf(r.get("pair"));
            if (!pair.contains("127.0.0.1:") || pair.indexOf("127.0.0.1:") == pair.lastIndexOf("127.0.0.1:")) {
                return Sample.failed(row.id(), index, "not the loopback path: " + pair);
            }
            ObjectNode o = Codec.mapper().valueToTree(r);
            o.put("ok", true);
            return Marks.sample(row, index, o);
        } catch (RuntimeException e) {
            return Sample.failed(row.id(), index, e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        } finally {
            try {
                peer.hangUp();
            } catch (RuntimeException e) {
                // the next connect starts from scratch anyway
            }
        }
    }

    @Override
    public List<ProcessHandle> initiatorProcesses() {
        return peer.leaderProcesses();
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return peer.otherProcesses();
    }

    @Override
    public String layout() {
        return peer.layout() + "; a new RTCPeerConnection pair per connect (the selected pair is the last one's); offer"
                + " and answer carry their candidates, sent with the first loopback candidate or after full gathering (alternating)";
    }

    @Override
    public void close() {
        peer.close();
    }
}
