package dev.companion.bench.app;

import dev.companion.testkit.Terminal;
import java.time.Duration;

/** Sign-in and group forming through the windows' own controls (the way the e2e test does it). */
public final class Groups {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Groups() {
    }

    /** Signs a terminal in to the control center with the password NAME-pass (its user is prefilled by --user). */
    public static void signIn(Terminal t, String user) {
        t.setText("loginPassword", user + "-pass");
        t.fire("loginButton");
    }

    /** Both signed in already: the leader invites, the follower accepts, both see the direct link. */
    public static void form(Terminal leader, String leaderName, Terminal follower, String followerName) {
        Await.until(leader::state, s -> s.path("contacts").toString().contains(followerName + ":contact:online"), WAIT,
                leaderName + " sees " + followerName + " online");
        Await.until(() -> {
            leader.fire("invite-" + followerName);
            return true;
        }, ok -> ok, WAIT, "an enabled Invite button for " + followerName);
        Await.until(follower::state, s -> s.path("invitations").toString().contains(leaderName), WAIT,
                followerName + " sees the invitation");
        follower.fire("acceptInvitation-" + leaderName);
        Await.until(follower::state, s -> leaderName.equals(s.path("leader").asText())
                && s.path("linked").toString().contains(leaderName), WAIT, followerName + " follows " + leaderName + " over the link");
        Await.until(leader::state, s -> s.path("linked").toString().contains(followerName), WAIT,
                leaderName + " is linked to " + followerName);
    }
}
