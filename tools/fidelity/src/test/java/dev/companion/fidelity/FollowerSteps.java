package dev.companion.fidelity;

import dev.companion.app.follow.ApplyResult;
import dev.companion.app.similar.SimilarUrls;
import dev.companion.app.similar.SiteRules;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Codec;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.NavigationCause;
import dev.companion.p2p.protocol.UrlRuleKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The follower's side: the leader's captured actions applied as the follow engine applies them
 * (an element action through the page agent; a navigation the leader's page made is waited for,
 * then loaded; one the leader's browser made is loaded; a per-user URL never verbatim: its own
 * equivalent, or refused), each after a trip over the wire codec.
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

    private final SimilarUrls similar;

    /** rules: the follower's similar-action rules for its own host. */
    FollowerSteps(Side side, String leaderHost, String leaderUser, String user, List<Scenario.Rule> rules) {
        this.side = side;
        this.leaderHost = leaderHost;
        this.leaderUser = leaderUser;
        this.user = user;
        SiteRules siteRules = SiteRules.inMemory();
        if (!rules.isEmpty()) {
            siteRules.set(side.host, rules.stream().map(r -> new UrlRule(UrlRuleKind.of(r.kind()), r.value())).toList());
        }
        this.similar = new SimilarUrls(siteRules);
    }

    Applied apply(List<Action> actions) throws Exception {
        List<String> reasons = new ArrayList<>();
        int counted = 0;
        for (Action a : actions) {
            if (a instanceof Action.Navigate n) {
                if (n.frame().isEmpty()) {
                    String why = reach(here(n.url()), n.cause() == NavigationCause.USER);
                    if (why != null) {
                        reasons.add(why);
                    }
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

    /**
     * Brings the follower to url as the follow engine does: by itself within 3 s when the leader's
     * page went there (the same page, or its own equivalent that its own click led to), else loads
     * it — its own equivalent when url is per-user (SimilarUrls). Returns why not, or null.
     */
    private String reach(String url, boolean load) throws Exception {
        String path = URI.create(url).getPath();
        String now = side.view.urlProperty().get();
        similar.remember(now);
        // arrived by repeating the leader's action: its own page, path for path or per-user parts aside
        java.util.function.Predicate<String> there = u -> u != null
                && (path.equals(pathOf(u)) || similar.samePage(url, u) || similar.learn(url, u));
        if (!load && there.test(now)) {
            return null;
        }
        if (!load && side.readyWithin(there, ARRIVE_S)) {
            return null;
        }
        String target = url;
        if (similar.perUser(url)) {
            SimilarUrls.Own own = similar.own(url, now, side.view.links().get(Side.WAIT_S, TimeUnit.SECONDS));
            if (own.url() == null) {
                return own.describe();
            }
            target = own.url();
        }
        String go = target;
        side.readies.clear();
        side.view.load(go);
        side.awaitReady(u -> pathOf(go).equals(pathOf(u)));
        return null;
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
