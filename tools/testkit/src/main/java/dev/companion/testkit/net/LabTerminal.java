package dev.companion.testkit.net;

import dev.companion.app.session.SessionListener;
import dev.companion.p2p.link.LinkManager;
import dev.companion.p2p.protocol.Action;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HeadlessTerminal} in its own JVM, for a test that starts it inside a network namespace
 * (a home of a {@link NatLab}) and drives it by lines on stdin; answers on stdout, "FAIL ..." when a
 * command fails. Args: user profile sccHost sccPort sccFingerprint pingMs idleMs upgradeMs.
 *
 * <pre>
 * LOGIN                      → LOGGED_IN
 * INVITE user                → INVITED            (into this terminal's group, or a new one)
 * ACCEPT                     → ACCEPTED           (the first invitation that arrives)
 * SEND from to               → SENT to            (actions input "v"+i, i = from..to, as this terminal's own)
 * AWAIT_PATH peer path ms    → PATH peer path rtt (once the link to peer is up on that path)
 * AWAIT_APPLIED n ms         → APPLIED n exact    (n actions applied; "exact" when they are v1..vn in order, once each)
 * QUIT                       → (exits)
 * </pre>
 * Also prints "LINK peer up|down" as links come and go.
 */
public final class LabTerminal {
    private static final ChildCommands IO = new ChildCommands(false);

    private LabTerminal() {
    }

    public static void main(String[] args) throws Exception {
        String user = args[0];
        LinkManager.Timing timing = new LinkManager.Timing(Duration.ofMillis(Long.parseLong(args[5])),
                Duration.ofMillis(Long.parseLong(args[6])), Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMillis(Long.parseLong(args[7])), Duration.ofSeconds(10));
        List<Action> applied = new CopyOnWriteArrayList<>();
        HeadlessTerminal t = new HeadlessTerminal(user, Path.of(args[1]), args[2], Integer.parseInt(args[3]), args[4], "0.0.0.0",
                applied);
        t.session.setLinkTiming(timing);
        t.session.addListener(new SessionListener() {
            @Override
            public void onLink(String peer, boolean up) {
                say("LINK " + peer + " " + (up ? "up" : "down"));
            }
        });
        try {
            IO.serve(c -> run(t, c));
        } finally {
            t.close();
        }
        System.exit(0);
    }

    private static void run(HeadlessTerminal t, String[] c) throws Exception {
        switch (c[0]) {
            case "LOGIN" -> {
                t.login();
                say("LOGGED_IN");
            }
            case "INVITE" -> {
                t.session.invite(c[1]).get(10, TimeUnit.SECONDS);
                say("INVITED");
            }
            case "ACCEPT" -> {
                HeadlessTerminal.await(() -> !t.invitations.isEmpty(), "an invitation");
                t.session.answer(t.invitations.remove(0).id(), true).get(10, TimeUnit.SECONDS);
                say("ACCEPTED");
            }
            case "SEND" -> {
                int to = Integer.parseInt(c[2]);
                for (int i = Integer.parseInt(c[1]); i <= to; i++) {
                    t.session.onLocalAction(new Action.Input(null, "", "#q", "v" + i));
                }
                say("SENT " + to);
            }
            case "AWAIT_PATH" -> {
                String peer = c[1];
                String path = c[2];
                HeadlessTerminal.await(() -> {
                    var s = t.session.linkStatus(peer);
                    return s != null && s.path().word().equals(path);
                }, "the link to " + peer + " on " + path, Duration.ofMillis(Long.parseLong(c[3])));
                var s = t.session.linkStatus(peer);
                say("PATH " + peer + " " + s.path().word() + " " + s.rttMillis());
            }
            case "AWAIT_APPLIED" -> {
                int n = Integer.parseInt(c[1]);
                HeadlessTerminal.await(() -> t.applied.size() >= n, n + " actions applied", Duration.ofMillis(Long.parseLong(c[2])));
                say("APPLIED " + t.applied.size() + " " + check(t.applied, n));
            }
            default -> say("FAIL unknown command " + c[0]);
        }
    }

    /** "exact" when applied is exactly v1..vn, else what is wrong. */
    static String check(List<Action> applied, int n) {
        List<String> values = new ArrayList<>();
        for (Action a : applied) {
            values.add(a instanceof Action.Input i ? i.value() : String.valueOf(a));
        }
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).equals("v" + (i + 1))) {
                return "wrong-at-" + (i + 1) + ":" + values.get(i);
            }
        }
        return values.size() == n ? "exact" : "count-" + values.size();
    }

    private static void say(String line) {
        IO.say(line);
    }
}
