package dev.companion.testkit.net;

import dev.companion.app.session.SessionListener;
import dev.companion.p2p.lan.ConfirmCode;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.protocol.Messages;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The students' Companions of {@link ClassroomTest}: one JVM inside the classroom's namespace
 * with N headless terminals (s01..sNN, each on its own LAN address, its own profile under dir).
 * Args: students dir. Looks for a classroom on the LAN at once and prints "FOUND code host port name"
 * (the code as a student's screen shows it, its space as "-"); commands on stdin:
 *
 * <pre>
 * SIGN_IN code       → SIGNED_IN n     (only when code, the teacher's screen, is the code found; each
 *                                       terminal pins the announced certificate; every invitation accepted)
 * AWAIT_APPLIED n ms → APPLIED n exact (every student applied v1..vn once each, in order; else the first problem)
 * QUIT
 * </pre>
 */
public final class ClassroomFollowers {
    private static final ChildCommands IO = new ChildCommands(true);

    private ClassroomFollowers() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        BlockingQueue<LanDiscovery.Found> heard = new ArrayBlockingQueue<>(LanDiscovery.MAX_KEPT);
        List<HeadlessTerminal> students = new ArrayList<>();
        try (LanDiscovery discovery = LanDiscovery.start()) {
            discovery.addListener(f -> {
                if (f.beacon().isClassroom()) { // terminals that can be paired with announce themselves too
                    heard.offer(f);
                }
            });
            LanDiscovery.Found found = heard.poll(30, TimeUnit.SECONDS);
            if (found == null) {
                say("FAIL no classroom heard in 30 s");
                return;
            }
            String code = ConfirmCode.of(found.beacon().fingerprint());
            say("FOUND " + code.replace(' ', '-') + " " + found.host() + " " + found.beacon().port() + " " + found.beacon().name());
            IO.serve(c -> {
                switch (c[0]) {
                    case "SIGN_IN" -> {
                        if (!c[1].equals(code.replace(' ', '-'))) {
                            say("FAIL the codes differ: not signing in");
                            return;
                        }
                        for (int i = 1; i <= n; i++) {
                            students.add(signIn(i, found, dir));
                        }
                        say("SIGNED_IN " + students.size());
                    }
                    case "AWAIT_APPLIED" -> {
                        int count = Integer.parseInt(c[1]);
                        try {
                            HeadlessTerminal.await(() -> students.stream().allMatch(s -> s.applied.size() >= count),
                                    "every student applied " + count, Duration.ofMillis(Long.parseLong(c[2])));
                        } catch (AssertionError e) {
                            for (HeadlessTerminal s : students) { // where each one is, for the log
                                say("STUDENT " + s.user + " applied " + s.applied.size() + " linked " + s.linked.size()
                                        + (s.linked.contains("teacher") ? " with the teacher" : " not with the teacher"));
                            }
                            throw e;
                        }
                        String problem = null;
                        for (HeadlessTerminal s : students) {
                            String check = LabTerminal.check(s.applied, count);
                            if (!check.equals("exact") && problem == null) {
                                problem = s.user + ":" + check;
                            }
                        }
                        say("APPLIED " + count + " " + (problem == null ? "exact" : problem));
                    }
                    default -> say("FAIL unknown command " + c[0]);
                }
            });
        } finally {
            students.forEach(HeadlessTerminal::close);
        }
        System.exit(0);
    }

    /** Student i signs in to the classroom found, pinned to its certificate, and accepts every invitation. */
    private static HeadlessTerminal signIn(int i, LanDiscovery.Found found, Path dir) throws Exception {
        String user = ClassroomTeacher.student(i);
        HeadlessTerminal t = new HeadlessTerminal(user, dir.resolve(user), found.host(), found.beacon().port(),
                found.beacon().fingerprint(), NatLab.lanAddress(i - 1), new CopyOnWriteArrayList<>());
        t.session.addListener(new SessionListener() {
            @Override
            public void onInvitation(Messages.Invitation invitation) {
                t.session.answer(invitation.id(), true);
            }
        });
        t.login();
        return t;
    }

    private static void say(String line) {
        IO.say(line);
    }
}
