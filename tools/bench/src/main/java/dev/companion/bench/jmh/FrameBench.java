package dev.companion.bench.jmh;

import dev.companion.bench.link.Payload;
import dev.companion.p2p.frame.Frame;
import dev.companion.p2p.frame.FrameCodecFactory;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The MINA frame path of an action without sockets or TLS: {@link FrameCodecFactory}'s encoder
 * (Message → JSON → length-prefixed buffer) and decoder (buffer → {@link Frame} → Message), as the
 * link runs them for every frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBench {
    private final ActionMsg action = Payload.action(0, 0);
    private final ArrayDeque<Object> out = new ArrayDeque<>();
    private IoSession session;
    private ProtocolEncoder encoder;
    private ProtocolDecoder decoder;
    private byte[] wire;
    private final ProtocolDecoderOutput decoded = new ProtocolDecoderOutput() {
        @Override
        public void write(Object message) {
            out.add(message);
        }

        @Override
        public void flush(NextFilter nextFilter, IoSession s) {
        }
    };

    @Setup
    public void setUp() throws Exception {
        FrameCodecFactory codec = new FrameCodecFactory();
        session = new DummySession();
        encoder = codec.getEncoder(session);
        decoder = codec.getDecoder(session);
        byte[] payload = Codec.encode(action);
        IoBuffer b = IoBuffer.allocate(4 + payload.length);
        b.putInt(payload.length).put(payload).flip();
        wire = new byte[b.remaining()];
        b.get(wire);
    }

    /** Message to the length-prefixed buffer MINA hands to TLS. */
    @Benchmark
    public Object encodeFrame() throws Exception {
        encoder.encode(session, action, out::add);
        return out.poll();
    }

    /** Bytes off the wire to a Frame, then to the Message (what the link does per frame). */
    @Benchmark
    public Message decodeFrame() throws Exception {
        decoder.decode(session, IoBuffer.wrap(wire), decoded);
        return ((Frame) out.poll()).decode();
    }

    /** Both ends: encode, then decode the encoded buffer. */
    @Benchmark
    public Message roundTrip() throws Exception {
        encoder.encode(session, action, out::add);
        decoder.decode(session, (IoBuffer) out.poll(), decoded);
        return ((Frame) out.poll()).decode();
    }
}
