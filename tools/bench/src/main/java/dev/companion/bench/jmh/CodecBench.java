package dev.companion.bench.jmh;

import dev.companion.bench.link.Payload;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages.ActionMsg;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** JSON encode and decode of the link benchmark's 300-byte action through {@link Codec}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {
    private final ActionMsg action = Payload.action(0, 0);
    private final byte[] encoded = Codec.encode(action);

    @Benchmark
    public byte[] encodeAction() {
        return Codec.encode(action);
    }

    @Benchmark
    public Message decodeAction() {
        return Codec.decode(encoded);
    }
}
