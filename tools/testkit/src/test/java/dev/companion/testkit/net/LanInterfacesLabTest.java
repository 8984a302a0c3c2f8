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
import org.junit.jupiter.api.Test;

/**
 * Hosting on the right interface: a teacher's computer on two networks (NatLab.twoLans: a namespace
 * with a cable on a network that is not private, made first, and one on the school's private LAN; no
 * route anywhere), its Companion's classroom parts in a child JVM inside it. Both interfaces are
 * listed, the private one is taken by default whatever the order, and the room listens there. Root,
 * ip and nft needed (CI has them); skipped with a message otherwise.
 */
class LanInterfacesLabTest {
    private NatLab lab;
    private ChildJvm teacher;

    @BeforeAll
    static void canBuildALan() {
        String why = NatLab.unavailable();
        if (why != null) {
            System.out.println("LanInterfacesLabTest skipped: cannot build network namespaces here: " + why);
        }
        assumeTrue(why == null, "skipped: cannot build network namespaces here: " + why);
    }

    @AfterEach
    void stop() throws Exception {
        if (teacher != null) {
            teacher.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void withTwoInterfacesThePrivateOneIsTakenAndTheRoomListensThere() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "two-lans").toAbsolutePath());
        lab = NatLab.twoLans();
        teacher = ChildJvm.launch("teacher", lab.in(lab.teacher(), ChildJvm.javaCommand(List.of("-Xmx256m"),
                LanInterfacesChild.class.getName(), List.of(dir.resolve("profile").toString()))))
                .log(dir.resolve("teacher.log")).start();
        String[] lans = teacher.expect("LANS", Duration.ofSeconds(60)).split(" ");
        assertThat(lans).as("both of the computer's LAN interfaces").containsExactlyInAnyOrder(NatLab.OTHER_NET, NatLab.TEACHER);
        System.out.println("LanInterfacesLabTest: the system lists " + String.join(", ", lans) + " (the private one "
                + (lans[0].equals(NatLab.TEACHER) ? "first" : "not first") + ")");
        assertThat(teacher.expect("PREFERRED", Duration.ofSeconds(30))).as("the private one, not simply the first")
                .isEqualTo(NatLab.TEACHER);
        assertThat(teacher.expect("HOSTING", Duration.ofSeconds(60))).startsWith(NatLab.TEACHER + ":");
        teacher.send("QUIT");
    }
}
