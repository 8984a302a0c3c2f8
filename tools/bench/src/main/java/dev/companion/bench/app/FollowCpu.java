package dev.companion.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.companion.testkit.AppProcess;
import dev.companion.testkit.HookClient;
import java.time.Duration;
import java.util.Map;

/**
 * CPU of a following terminal: leader and follower apps (each its own process, pinned to its own
 * core), a group of two, the leader opens a page and the follower follows; then the CPU time of
 * each process tree (JVM + Chromium processes) over fixed windows, with the follower page's frame
 * rate (requestAnimationFrame callbacks counted by the page) and the follower's memory.
 */
final class FollowCpu implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final AppProcess leader;
    private final AppProcess follower;
    private final HookClient lead;
    private final HookClient follow;

    private FollowCpu(AppProcess leader, AppProcess follower) throws InterruptedException {
        this.leader = leader;
        this.follower = follower;
        this.lead = leader.hook(WAIT);
        this.follow = follower.hook(WAIT);
    }

    static FollowCpu start(AppProcess.Spec leaderSpec, AppProcess.Spec followerSpec) throws Exception {
        AppProcess l = AppProcess.start(leaderSpec);
        AppProcess f;
        try {
            f = AppProcess.start(followerSpec);
        } catch (Exception e) {
            l.close();
            throw e;
        }
        try {
            FollowCpu c = new FollowCpu(l, f);
            Groups.signIn(c.lead, leaderSpec.user());
            Groups.signIn(c.follow, followerSpec.user());
            Groups.form(c.lead, leaderSpec.user(), c.follow, followerSpec.user());
            return c;
        } catch (Exception | Error e) {
            f.close();
            l.close();
            throw e;
        }
    }

    /** The leader opens url (as from the address bar); returns once the follower shows it. */
    void open(String url, String readyJs) {
        lead.load(url);
        String path = java.net.URI.create(url).getPath();
        Await.until(() -> follow.eval("location.pathname === '" + path + "' && document.readyState === 'complete' && (" + readyJs + ")"),
                JsonNode::asBoolean, WAIT, "the follower on " + path);
    }

    /** One measuring window: CPU seconds of each tree, as a share of one core, and the follower's frames per second. */
    ObjectNode window(Duration length, boolean countFrames) throws InterruptedException {
        var l0 = ProcessTree.cpuTicks(leader.pid());
        var f0 = ProcessTree.cpuTicks(follower.pid());
        long[][] c0 = ProcessTree.coreTicks();
        double frames0 = countFrames ? follow.eval("window.__frames").asDouble() : 0;
        long t0 = System.nanoTime();
        Thread.sleep(length.toMillis()); // the measuring window
        double frames1 = countFrames ? follow.eval("window.__frames").asDouble() : 0;
        Map<Long, Long> f1 = ProcessTree.cpuTicks(follower.pid());
        Map<Long, Long> l1 = ProcessTree.cpuTicks(leader.pid());
        double wall = (System.nanoTime() - t0) / 1e9;
        double[] busy = ProcessTree.coreBusy(c0, ProcessTree.coreTicks());
        ObjectNode o = JSON.createObjectNode();
        o.put("seconds", ColdStart.round(wall));
        o.put("followerCpuPercentOfOneCore", ColdStart.round(100 * ProcessTree.cpuSecondsBetween(f0, f1) / wall));
        o.put("leaderCpuPercentOfOneCore", ColdStart.round(100 * ProcessTree.cpuSecondsBetween(l0, l1) / wall));
        o.put("followerProcesses", f1.size());
        if (countFrames) {
            o.put("followerFramesPerSecond", ColdStart.round((frames1 - frames0) / wall));
        }
        var cores = o.putArray("coreBusyPercent");
        for (double b : busy) {
            cores.add(ColdStart.round(100 * b));
        }
        ProcessTree.Memory m = ProcessTree.memory(follower.pid());
        o.put("followerRssMiB", ColdStart.round(m.rssMiB()));
        o.put("followerPssMiB", ColdStart.round(m.pssMiB()));
        o.put("followerJvmPssMiB", ColdStart.round(m.rootPssKb() / 1024.0));
        return o;
    }

    @Override
    public void close() {
        follower.close();
        leader.close();
    }
}
