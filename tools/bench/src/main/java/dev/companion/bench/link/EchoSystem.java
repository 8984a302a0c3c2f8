package dev.companion.bench.link;

import java.util.List;

/**
 * One system measured with the echo protocol: a leader sends 300-byte actions on a fixed schedule,
 * every follower answers each with an ack carrying its seq, and the leader times the round trip.
 * Our peer link, the WebRTC DataChannel and the WebSocket relay each implement it.
 */
public interface EchoSystem extends AutoCloseable {
    /** Short name used in the results: link, datachannel, relay. */
    String name();

    /** Group size (leader + followers). */
    int group();

    /** One run: rate actions/s for seconds; run numbers the seqs (see {@link Payload#seq}). */
    RunResult run(int run, double rate, double seconds) throws Exception;

    /** The processes on the generator's (leader's) core, for CPU accounting. */
    List<ProcessHandle> leaderProcesses();

    /** The other processes of the system (followers, relay). */
    List<ProcessHandle> otherProcesses();

    /** Where everything runs: cores, processes, path. */
    String layout();

    @Override
    void close();
}
