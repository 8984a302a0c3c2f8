package dev.companion.p2p.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Role;
import dev.companion.p2p.protocol.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.net.SocketAddress;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.DefaultTransportMetadata;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The length-prefixed frame codec, driven directly with MINA's ProtocolCodecSession. */
class FrameCodecTest {
    private final FrameCodecFactory factory = new FrameCodecFactory();
    private ProtocolCodecSession session;
    private ProtocolDecoder decoder;

    @BeforeEach
    void setUp() {
        session = new ProtocolCodecSession();
        // A stream transport: without fragmentation the cumulative decoder would not keep partial frames.
        session.setTransportMetadata(new DefaultTransportMetadata("mina", "test-stream", false, true,
                SocketAddress.class, IoSessionConfig.class, Object.class));
        decoder = factory.getDecoder(session);
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    private static byte[] frame(Message m) {
        return frame(Codec.encode(m));
    }

    private void feed(byte[] bytes) throws Exception {
        decoder.decode(session, IoBuffer.wrap(bytes), session.getDecoderOutput());
    }

    private List<Frame> decoded() {
        List<Frame> out = new ArrayList<>();
        Object o;
        while ((o = session.getDecoderOutputQueue().poll()) != null) {
            out.add((Frame) o);
        }
        return out;
    }

    private static Message action(long seq) {
        return new Messages.ActionMsg("g", "alice", seq,
                new Action.Click("https://example.org/", "", "#b" + seq));
    }

    @Test
    void aFrameSplitAcrossReadsIsDecodedOnce() throws Exception {
        byte[] bytes = frame(action(1));
        for (int cut : new int[] {1, 3, 4, 5, bytes.length - 1}) {
            feed(Arrays.copyOfRange(bytes, 0, cut));
            assertThat(decoded()).as("after %d bytes", cut).isEmpty();
            feed(Arrays.copyOfRange(bytes, cut, bytes.length));
            List<Frame> frames = decoded();
            assertThat(frames).hasSize(1);
            assertThat(frames.get(0).decode()).isEqualTo(action(1));
        }
    }

    @Test
    void aFrameFedOneByteAtATime() throws Exception {
        byte[] bytes = frame(action(7));
        for (byte b : bytes) {
            feed(new byte[] {b});
        }
        assertThat(decoded()).extracting(Frame::decode).containsExactly(action(7));
    }

    @Test
    void severalFramesInOneRead() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 1; i <= 5; i++) {
            all.write(frame(action(i)));
        }
        all.write(frame(new Messages.Ping(5)), 0, 6); // and the start of a sixth
        feed(all.toByteArray());
        assertThat(decoded()).extracting(Frame::decode).containsExactly(action(1), action(2), action(3), action(4), action(5));
        byte[] ping = frame(new Messages.Ping(5));
        feed(Arrays.copyOfRange(ping, 6, ping.length));
        assertThat(decoded()).extracting(Frame::decode).containsExactly(new Messages.Ping(5));
    }

    @Test
    void anOversizedFrameIsSkippedAndTheNextOneStillDecoded() throws Exception {
        byte[] big = new byte[Protocol.MAX_FRAME_BYTES + 1000];
        Arrays.fill(big, (byte) 'x');
        byte[] bigFrame = frame(big);
        byte[] next = frame(action(2));
        // the big frame's header and part of its body, then the rest along with the next frame
        feed(Arrays.copyOfRange(bigFrame, 0, 1000));
        List<Frame> first = decoded();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).isTooLarge()).isTrue();
        assertThatThrownBy(() -> first.get(0).decode()).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
        assertThat(first.get(0).requestId()).isNull();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(bigFrame, 1000, bigFrame.length - 1000);
        rest.write(next);
        feed(rest.toByteArray());
        assertThat(decoded()).extracting(Frame::decode).containsExactly(action(2));
    }

    @Test
    void aNegativeLengthIsTreatedAsTooLarge() throws Exception {
        feed(new byte[] {(byte) 0x80, 0, 0, 0});
        List<Frame> frames = decoded();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).isTooLarge()).isTrue();
    }

    @Test
    void aBadPayloadKeepsItsRequestId() throws Exception {
        feed(frame("{\"type\":\"contact_add\",\"req\":12}".getBytes()));
        Frame f = decoded().get(0);
        assertThat(f.requestId()).isEqualTo(12L);
        assertThatThrownBy(f::decode).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
    }

    @Test
    void theEncoderWritesLengthThenJsonAndRefusesOversizedMessages() throws Exception {
        ProtocolEncoder encoder = factory.getEncoder(session);
        encoder.encode(session, action(3), session.getEncoderOutput());
        IoBuffer buf = (IoBuffer) session.getEncoderOutputQueue().poll();
        byte[] payload = Codec.encode(action(3));
        assertThat(buf.remaining()).isEqualTo(4 + payload.length);
        assertThat(buf.getInt()).isEqualTo(payload.length);
        byte[] body = new byte[payload.length];
        buf.get(body);
        assertThat(body).isEqualTo(payload);

        String huge = "x".repeat(Action.MAX_VALUE);
        Messages.GroupState tooBig = new Messages.GroupState("g", "alice", Mode.MUTUAL, Following.AUTO, Scope.FULL,
                java.util.stream.IntStream.range(0, 2000)
                        .mapToObj(i -> new Messages.Member("user" + i, "terminal-" + i + huge.substring(0, 40), Role.FOLLOWER))
                        .toList());
        assertThat(Codec.encode(tooBig).length).isGreaterThan(Protocol.MAX_FRAME_BYTES);
        assertThatThrownBy(() -> encoder.encode(session, tooBig, session.getEncoderOutput()))
                .isInstanceOf(IllegalArgumentException.class);
        encoder.encode(session, new byte[] {1, 2, 3}, session.getEncoderOutput()); // raw bytes pass as they are
        IoBuffer raw = (IoBuffer) session.getEncoderOutputQueue().poll();
        assertThat(raw.getInt()).isEqualTo(3);
    }
}
