package dev.companion.p2p.frame;

import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Protocol;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Length-prefixed frames: a 4-byte big-endian payload length, then that many bytes of UTF-8 JSON.
 * The decoder hands the handler a {@link Frame}: the raw payload, or {@link Frame#tooLarge()} for a
 * frame over {@link Protocol#MAX_FRAME_BYTES}, whose bytes it then skips so the connection carries on.
 * JSON is decoded by the handler (see {@link Frame#decode()}) so that it can answer bad input itself.
 */
public final class FrameCodecFactory implements ProtocolCodecFactory {
    private final ProtocolEncoder encoder = new Encoder();

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return new Decoder();
    }

    /** Encodes {@link Message}s, and payloads already encoded ({@code byte[]}: answers encoded once, and tests' bad input). */
    private static final class Encoder extends ProtocolEncoderAdapter {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            byte[] payload = message instanceof byte[] raw ? raw : Codec.encode((Message) message);
            if (!(message instanceof byte[]) && payload.length > Protocol.MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("frame over " + Protocol.MAX_FRAME_BYTES + " bytes");
            }
            IoBuffer buf = IoBuffer.allocate(4 + payload.length);
            buf.putInt(payload.length).put(payload).flip();
            out.write(buf);
        }
    }

    private static final class Decoder extends CumulativeProtocolDecoder {
        private static final AttributeKey SKIP = new AttributeKey(Decoder.class, "skip");

        @Override
        protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
            Long skip = (Long) session.getAttribute(SKIP);
            if (skip != null) {
                int n = (int) Math.min(skip, in.remaining());
                in.skip(n);
                long left = skip - n;
                if (left > 0) {
                    session.setAttribute(SKIP, left);
                    return false;
                }
                session.removeAttribute(SKIP);
            }
            if (in.remaining() < 4) {
                return false;
            }
            int length = in.getInt(in.position());
            if (length < 0 || length > Protocol.MAX_FRAME_BYTES) {
                in.skip(4);
                session.setAttribute(SKIP, Integer.toUnsignedLong(length));
                out.write(Frame.tooLarge());
                return true;
            }
            if (in.remaining() < 4 + length) {
                return false;
            }
            in.skip(4);
            byte[] payload = new byte[length];
            in.get(payload);
            out.write(new Frame(payload));
            return true;
        }
    }
}
