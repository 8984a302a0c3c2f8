package dev.companion.fidelity;

import dev.companion.app.follow.ApplyResult;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.NavigationCause;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The follower's side: the leader's captured actions applied as the follow engine applies them
 * (an element action through the page agent; a navigation the leader's page made is waited for,
 * then loaded; one the leader's browser made is loaded), each after a trip over the wire codec.
 */
final class FollowerSteps {
    /** What applying one step's actions gave: how many there were, and why those not applied were not. */
    record Applied(int actions, List<String> reasons) {
    }

    /** How long a follower gets to arrive by itself where the leader's page went (as FollowEngine.Timing). */
    private static final long ARRIVE_S = 3;

    private final Side side;
    private final String leaderHost;
    private final String leaderUser;
    private final String user;

    FollowerSteps(Side side, String leaderHost, String leaderUser, String user) {
        this.side = side;
        this.leaderHost = leaderHost;
        this.leaderUser = leaderUser;
        this.user = user;
    }

    Applied apply(List<Action> actions) throws Exception {
        List<String> reasons = new ArrayList<>();
        int counted = 0;
        for (Action a : actions) {
            if (a instanceof Action.Navigate n) {
                if (n.frame().isEmpty()) {
                    reach(here(n.url()), n.cause() == NavigationCause.USER);
                }
                continue;
            }
            counted++;
            side.readies.clear();
            ApplyResult r = side.view.apply(overTheWire(a)).get(Side.WAIT_S, TimeUnit.SECONDS);
            if (!r.applied()) {
                reasons.add(r.describe());
            }
        }
        if (counted > 0) {
            side.eval("true"); // what the page does in its handlers is done
        }
        return new Applied(counted, reasons);
    }

    /** Brings the follower to url: by itself within 3 s when the leader's page went there, else loads it. */
    private void reach(String url, boolean load) throws Exception {
        String path = URI.create(url).getPath();
        String now = side.view.urlProperty().get();
        if (!load && now != null && path.equals(pathOf(now))) {
            return;
        }
        if (!load && side.readyWithin(u -> path.equals(pathOf(u)), ARRIVE_S)) {
            return;
        }
        side.readies.clear();
        side.view.load(url);
        side.awaitReady(u -> path.equals(pathOf(u)));
    }

    private static String pathOf(String url) {
        try {
            return URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The leader's URL on the follower's host, as the follower (fid-as). */
    private String here(String url) {
        return url.replace("//" + leaderHost + ":", "//" + side.host + ":").replace("fid-as=" + leaderUser, "fid-as=" + user);
    }

    private static Action overTheWire(Action a) {
        return ((Messages.ActionMsg) Codec.decode(Codec.encode(new Messages.ActionMsg("g", "leader", 1, a)))).action();
    }
}
