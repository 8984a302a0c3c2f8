package dev.companion.bench.link;

import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Our peer link: the leader terminal in one JVM pinned to core 0, the followers (one
 * {@link dev.companion.p2p.link.LinkManager} each) in another JVM pinned to core 1, linked over
 * direct TCP + mutual TLS 1.3 on 127.0.0.1 as the app links them (the leader has a link to every follower).
 */
public final class LinkSystem implements EchoSystem {
    private final int group;
    private final ChildJvm leader;
    private final ChildJvm followers;

    private LinkSystem(int group, ChildJvm leader, ChildJvm followers) {
        this.group = group;
        this.leader = leader;
        this.followers = followers;
    }

    /**
     * Starts both JVMs and links the leader to group - 1 followers, the link as shipped.
     */
    public static LinkSystem start(int group, List<String> jvmOptions, Path logDir, long ttlSeconds)
            throws Exception {
        int k = group - 1;
        String tag = "-g" + group;
        ChildJvm f = ChildJvm.java("link-followers" + tag, 1, jvmOptions, LinkChild.class,
                List.of("followers", Integer.toString(k), Long.toString(ttlSeconds)), logDir);
        ChildJvm l = null;
        try {
            l = ChildJvm.java("link-leader" + tag, 0, jvmOptions, LinkChild.class,
                    List.of("leader", Long.toString(ttlSeconds)), logDir);
            List<String> offers = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                offers.add(f.expect("OFFER", Duration.ofSeconds(30)));
            }
            String leaderOffer = l.expect("OFFER", Duration.ofSeconds(30));
            for (String o : offers) {
                l.send("EXPECT " + o);
            }
            f.send("EXPECT " + leaderOffer);
            l.send("WAITUP " + k);
            l.expect("UP", Duration.ofSeconds(40));
            return new LinkSystem(group, l, f);
        } catch (Exception | Error e) {
            if (l != null) {
                l.close();
            }
            f.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "link";
    }

    @Override
    public int group() {
        return group;
    }

    @Override
    public RunResult run(int run, double rate, double seconds) throws Exception {
        leader.send(String.format(Locale.ROOT, "RUN %d %s %s %d", run, rate, seconds, group - 1));
        return RunResult.fromJson(Codecs.tree(leader.expect("RESULT", Duration.ofMillis(Math.round(seconds * 1000) + 30_000))));
    }

    @Override
    public List<ProcessHandle> leaderProcesses() {
        return List.of(leader.handle());
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return List.of(followers.handle());
    }

    @Override
    public String layout() {
        return ChildJvm.layout("leader JVM on core 0, " + (group - 1) + " follower terminal(s) in one JVM on core 1; "
                + "direct TCP + mutual TLS 1.3 over 127.0.0.1 (LinkManager, MINA)");
    }

    @Override
    public void close() {
        leader.close();
        followers.close();
    }
}
