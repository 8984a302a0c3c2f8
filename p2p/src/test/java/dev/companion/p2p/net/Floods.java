package dev.companion.p2p.net;

import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import org.apache.mina.core.buffer.IoBuffer;

/** Many frames in one buffer (a flood costs the flooder little memory); written as is, past the codec. */
public final class Floods {
    private Floods() {
    }

    /** As many frames of m as fit in bytes. */
    public static IoBuffer frames(Message m, int bytes) {
        return raw(Codec.encode(m), bytes);
    }

    /** As many frames with this payload as fit in bytes. */
    public static IoBuffer raw(byte[] payload, int bytes) {
        int n = Math.max(1, bytes / (4 + payload.length));
        IoBuffer buf = IoBuffer.allocate(n * (4 + payload.length));
        for (int i = 0; i < n; i++) {
            buf.putInt(payload.length).put(payload);
        }
        return buf.flip();
    }
}
