package dev.companion.p2p.frame;

import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;

/** One received frame: its payload, or the mark of a frame that was too large and was skipped. */
public record Frame(byte[] payload) {
    private static final Frame TOO_LARGE = new Frame(null);

    public static Frame tooLarge() {
        return TOO_LARGE;
    }

    public boolean isTooLarge() {
        return payload == null;
    }

    /** The message in this frame; {@link ProtocolException} with the code to answer otherwise. */
    public Message decode() {
        if (isTooLarge()) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "frame over " + Protocol.MAX_FRAME_BYTES + " bytes skipped");
        }
        return Codec.decode(payload);
    }

    /** The request id of this frame when a bad frame still has one; else null. */
    public Long requestId() {
        return isTooLarge() ? null : Codec.requestIdOf(payload);
    }
}
