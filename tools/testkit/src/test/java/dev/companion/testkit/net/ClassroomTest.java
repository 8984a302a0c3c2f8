package dev.companion.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.companion.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The offline classroom: a LAN of two network namespaces with no route anywhere and no control
 * center ({@link NatLab#lan}). The teacher's Companion (a child JVM in one) hosts the classroom; 30
 * students' Companions (headless terminals in one child JVM in the other, each on its own LAN
 * address) find it by its multicast beacon, check the confirmation code against the teacher's,
 * sign in pinned to the announced certificate, accept the teacher's invitation and follow 500
 * actions, each applied once and in order by every student; the teacher sees every follower's state.
 */
class ClassroomTest {
    private static final int STUDENTS = 30;
    private static final int ACTIONS = 500;
    private static final Duration UP = Duration.ofSeconds(90);

    private Path dir;
    private NatLab lab;
    private ChildJvm teacher;
    private ChildJvm students;

    @BeforeAll
    static void canBuildALan() {
        String why = NatLab.unavailable();
        assumeTrue(why == null, "skipped: cannot build network namespaces here: " + why);
    }

    @BeforeEach
    void folder() throws Exception {
        dir = Path.of("target", "classroom").toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {students, teacher, lab}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing: the lab deletes the namespaces whatever happened
            }
        }
    }

    @Test
    void thirtyStudentsFindTheClassroomSignInAndFollowTheTeacher() throws Exception {
        lab = NatLab.lan(STUDENTS);
        teacher = ChildJvm.launch("teacher", lab.in(lab.teacher(), ChildJvm.javaCommand(List.of("-Xmx256m"),
                ClassroomTeacher.class.getName(), List.of(dir.resolve("room").toString(), dir.resolve("teacher").toString(),
                        String.valueOf(STUDENTS))))).log(dir.resolve("teacher.log")).start();
        String[] hosting = teacher.expect("HOSTING", Duration.ofSeconds(60)).split(" ");
        String teachersCode = hosting[0];
        teacher.expect("LOGGED_IN", Duration.ofSeconds(60));

        // ICE (the links' fallback when a direct dial fails, e.g. before the other side expects it)
        // gathers from the namespace's first address only, as one student's machine would: else each
        // ICE session of the 30 terminals binds all 31 addresses of the lab's one interface
        students = ChildJvm.launch("students", lab.in(lab.classroom(), ChildJvm.javaCommand(List.of("-Xmx2g",
                        "-Dorg.ice4j.ice.harvest.ALLOWED_ADDRESSES=" + NatLab.CLASSROOM),
                ClassroomFollowers.class.getName(), List.of(String.valueOf(STUDENTS), dir.resolve("students").toString()))))
                .log(dir.resolve("students.log")).raiseFileLimit().start();
        String[] found = students.expect("FOUND", Duration.ofSeconds(60)).split(" ", 4);
        assertThat(found[0]).as("the code on a student's screen").isEqualTo(teachersCode);
        assertThat(found[1]).as("the classroom's address: the beacon's source").isEqualTo(NatLab.TEACHER);
        assertThat(found[2]).isEqualTo(hosting[1]);
        assertThat(found[3]).isEqualTo("Room 204 · 二年级");

        students.send("SIGN_IN " + teachersCode);
        assertThat(students.expect("SIGNED_IN", UP)).isEqualTo(String.valueOf(STUDENTS));
        teacher.send("INVITE_ALL " + STUDENTS + " " + UP.toMillis());
        teacher.expect("INVITED", UP.plusSeconds(10));
        // every student linked before the lesson starts: one who links later is caught up with the
        // teacher's page (catch_up), not given the actions one by one (docs/protocol.md "Delivery")
        teacher.send("AWAIT_LINKS " + STUDENTS + " " + UP.toMillis());
        long linking = System.nanoTime();
        assertThat(teacher.expect("LINKS", UP.plusSeconds(10))).isEqualTo(String.valueOf(STUDENTS));
        long linked = System.nanoTime() - linking;

        teacher.send("SEND 1 " + ACTIONS);
        teacher.expect("SENT", Duration.ofSeconds(30));
        students.send("AWAIT_APPLIED " + ACTIONS + " " + UP.toMillis());
        assertThat(students.expect("APPLIED", UP.plusSeconds(10))).isEqualTo(ACTIONS + " exact");
        teacher.send("AWAIT_STATES " + STUDENTS + " " + ACTIONS + " " + UP.toMillis());
        assertThat(teacher.expect("STATES", UP.plusSeconds(10))).isEqualTo(STUDENTS + " " + ACTIONS);
        System.out.printf("classroom: %d students followed %d actions; links up %.1f s after the invitations; students' JVM RSS %d MB,"
                + " CPU %.1f s; teacher's RSS %d MB, CPU %.1f s%n", STUDENTS, ACTIONS, linked / 1e9, students.rssKb() / 1024,
                students.cpuSeconds(), teacher.rssKb() / 1024, teacher.cpuSeconds());
    }
}
