package dev.companion.testkit.net;

import dev.companion.app.follow.MemberStatus;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.protocol.Action;
import dev.companion.p2p.protocol.Outcome;
import dev.companion.scc.classroom.Classroom;
import dev.companion.testkit.HeadlessTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The teacher's Companion of {@link ClassroomTest}, in its own JVM inside the teacher's namespace:
 * hosts the classroom (its control center in this process) for the students s01..sNN and signs in
 * to it as "teacher" with a headless terminal. Args: dataDir profile students. Prints "HOSTING code
 * port" (the code as the teacher's screen shows it, its space as "-"), then "LOGGED_IN"; commands on stdin:
 *
 * <pre>
 * INVITE_ALL n ms          → INVITED n        (s01..sNN are in the teacher's group)
 * AWAIT_LINKS n ms         → LINKS n          (the teacher's links to n students are up)
 * SEND from to             → SENT to          (actions input "v"+i, i = from..to)
 * AWAIT_STATES n seq ms    → STATES n seq     (the teacher sees n followers, each at seq, every action applied)
 * QUIT
 * </pre>
 */
public final class ClassroomTeacher {
    /** Open invitations into one group at most (docs/protocol.md, Caps). */
    private static final int BATCH = 10;

    private static final ChildCommands IO = new ChildCommands(true);

    private ClassroomTeacher() {
    }

    static String student(int i) {
        return String.format("s%02d", i);
    }

    public static void main(String[] args) throws Exception {
        int students = Integer.parseInt(args[2]);
        Map<String, String> roster = new LinkedHashMap<>();
        for (int i = 1; i <= students; i++) {
            roster.put(student(i), student(i) + "-pass");
        }
        LanInterfaces.Lan lan = LanInterfaces.of(NatLab.TEACHER);
        try (Classroom room = Classroom.host(new Classroom.Settings("Room 204 · 二年级", lan, Path.of(args[0])),
                "teacher", "teacher-pass", roster)) {
            say("HOSTING " + room.code().replace(' ', '-') + " " + room.address().getPort());
            HeadlessTerminal t = new HeadlessTerminal("teacher", Path.of(args[1]), NatLab.TEACHER, room.address().getPort(),
                    room.fingerprint(), NatLab.TEACHER, new CopyOnWriteArrayList<>());
            try {
                t.login();
                say("LOGGED_IN");
                IO.serve(c -> run(t, c));
            } finally {
                t.close();
            }
        }
        System.exit(0);
    }

    private static void run(HeadlessTerminal t, String[] c) throws Exception {
        switch (c[0]) {
            case "INVITE_ALL" -> {
                int n = Integer.parseInt(c[1]);
                Duration within = Duration.ofMillis(Long.parseLong(c[2]));
                invite(t, 1, 1, within); // the first acceptance makes the group; the others join it
                for (int from = 2; from <= n; from += BATCH) {
                    invite(t, from, Math.min(n, from + BATCH - 1), within);
                }
                say("INVITED " + n);
            }
            case "AWAIT_LINKS" -> {
                int n = Integer.parseInt(c[1]);
                HeadlessTerminal.await(() -> t.linked.size() >= n, n + " links", Duration.ofMillis(Long.parseLong(c[2])));
                say("LINKS " + t.linked.size());
            }
            case "SEND" -> {
                int to = Integer.parseInt(c[2]);
                for (int i = Integer.parseInt(c[1]); i <= to; i++) {
                    t.session.onLocalAction(new Action.Input(null, "", "#q", "v" + i));
                }
                say("SENT " + to);
            }
            case "AWAIT_STATES" -> {
                int n = Integer.parseInt(c[1]);
                long seq = Long.parseLong(c[2]);
                HeadlessTerminal.await(() -> {
                    List<MemberStatus> s = t.session.engine().statuses();
                    return s.size() >= n && s.stream().allMatch(m -> m.seq() >= seq && m.outcome() == Outcome.APPLIED
                            && m.failures() == 0);
                }, n + " followers at " + seq, Duration.ofMillis(Long.parseLong(c[3])));
                List<MemberStatus> s = t.session.engine().statuses();
                for (MemberStatus m : s) {
                    say("STATE " + m.user() + " " + m.seq() + " " + m.outcome().wire());
                }
                say("STATES " + s.size() + " " + s.stream().mapToLong(MemberStatus::seq).min().orElse(0));
            }
            default -> say("FAIL unknown command " + c[0]);
        }
    }

    /** Invites students from..to and waits until they are all members. */
    private static void invite(HeadlessTerminal t, int from, int to, Duration within) throws Exception {
        for (int i = from; i <= to; i++) {
            t.session.invite(student(i)).get(10, TimeUnit.SECONDS);
        }
        HeadlessTerminal.await(() -> {
            var g = t.group;
            return g != null && g.member(student(to)) != null && g.members().size() >= to + 1;
        }, "students up to " + student(to) + " in the group", within);
    }

    private static void say(String line) {
        IO.say(line);
    }
}
