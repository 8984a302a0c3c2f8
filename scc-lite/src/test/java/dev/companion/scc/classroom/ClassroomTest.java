package dev.companion.scc.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.companion.p2p.lan.ConfirmCode;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.tls.Identity;
import dev.companion.scc.client.ControlCenterClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classroom hosted on a LAN interface of this machine: its beacon is found, its code matches
 * the teacher's, a student signs in to the control center pinned to the announced certificate and
 * is the teacher's contact; a client that trusted another certificate (a forged beacon's) is refused.
 * tools/testkit's ClassroomTest runs a whole class between two network namespaces.
 */
class ClassroomTest {
    @TempDir
    Path dir;
    private LanInterfaces.Lan lan;

    @BeforeEach
    void lan() throws Exception {
        List<LanInterfaces.Lan> lans = LanInterfaces.all();
        assumeFalse(lans.isEmpty(), "skipped: this machine has no LAN interface (tools/testkit's ClassroomTest makes one)");
        lan = lans.get(0);
    }

    private Classroom host(String name) throws Exception {
        return Classroom.host(new Classroom.Settings(name, lan, 0, dir.resolve("room"), Duration.ofMillis(200), 0),
                "teacher", "teacher-pass", Map.of("ann", "ann-pass", "ben", "ben-pass"));
    }

    @Test
    void aStudentFindsTheClassroomComparesTheCodeAndSignsIn() throws Exception {
        BlockingQueue<LanDiscovery.Found> heard = new ArrayBlockingQueue<>(16);
        try (LanDiscovery d = LanDiscovery.start(List.of(lan), 0, System::nanoTime, LanDiscovery.EXPIRY)) {
            d.addListener(heard::add);
            try (Classroom room = Classroom.host(new Classroom.Settings("Room 204", lan, 0, dir.resolve("room"),
                    Duration.ofMillis(200), d.port()), "teacher", "teacher-pass", Map.of("ann", "ann-pass"))) {
                LanDiscovery.Found f = heard.poll(10, TimeUnit.SECONDS);
                assertThat(f).isNotNull();
                assertThat(f.beacon().name()).isEqualTo("Room 204");
                assertThat(f.beacon().teacher()).as("the teacher's name in the beacon").isEqualTo("teacher");
                assertThat(f.address()).isEqualTo(room.address());
                assertThat(ConfirmCode.of(f.beacon().fingerprint())).isEqualTo(room.code());
                BlockingQueue<Message> pushes = new ArrayBlockingQueue<>(16);
                try (ControlCenterClient ann = client(f, f.beacon().fingerprint(), pushes)) {
                    Messages.LoginOk ok = ann.connect("ann", "ann-pass", "t-ann", List.of(),
                            Identity.create("ann").fingerprint()).get(20, TimeUnit.SECONDS);
                    assertThat(ok.contacts()).extracting(Messages.Contact::user).containsExactly("teacher");
                }
            }
        }
    }

    @Test
    void stoppingTheClassroomTellsEverySignedInStudentItEndedBeforeClosing() throws Exception {
        BlockingQueue<Message> pushes = new ArrayBlockingQueue<>(16);
        Classroom room = host("Room 204");
        try (ControlCenterClient ann = new ControlCenterClient(room.address().getHostString(), room.address().getPort(),
                room.fingerprint(), new Quiet(pushes))) {
            ann.connect("ann", "ann-pass", "t-ann", List.of(), Identity.create("ann").fingerprint()).get(20, TimeUnit.SECONDS);
            room.close();
            Message m = pushes.poll(10, TimeUnit.SECONDS);
            while (m != null && !(m instanceof Messages.ClassroomEnded)) {
                m = pushes.poll(10, TimeUnit.SECONDS);
            }
            assertThat(m).as("told before the connection closed").isEqualTo(new Messages.ClassroomEnded("Room 204"));
            room.close(); // safe twice
        }
    }

    @Test
    void aClientThatTrustedAForgedBeaconsCertificateIsRefusedAndSendsNoPassword() throws Exception {
        String forged = Identity.create("forger").fingerprint();
        try (Classroom room = host("Room 204")) {
            assertThat(ConfirmCode.of(forged)).isNotEqualTo(room.code()); // what the student's screen would show
            try (ControlCenterClient ann = new ControlCenterClient(room.address().getHostString(), room.address().getPort(),
                    forged, new Quiet(new ArrayBlockingQueue<>(1)))) {
                assertThatThrownBy(() -> ann.connect("ann", "ann-pass", "t-ann", List.of(), forged).get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
        }
    }

    @Test
    void hostingAgainKeepsTheCertificateAndTheAccounts() throws Exception {
        String fp;
        try (Classroom room = host("Room 204")) {
            fp = room.fingerprint();
            room.close();
        }
        try (Classroom again = host("Room 204")) {
            assertThat(again.fingerprint()).isEqualTo(fp);
        }
    }

    @Test
    void aBadNameInTheRosterStartsNothing() throws Exception {
        Path data = dir.resolve("bad");
        assertThatThrownBy(() -> Classroom.host(new Classroom.Settings("Room", lan, data), "teacher", "teacher-pass",
                Map.of("bad name!", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(data.resolve("scc-fingerprint.txt"))).isFalse();
        assertThatThrownBy(() -> new Classroom.Settings("Room\u202e", lan, data)).isInstanceOf(ProtocolException.class);
    }

    private static ControlCenterClient client(LanDiscovery.Found f, String pinned, BlockingQueue<Message> pushes) {
        return new ControlCenterClient(f.host(), f.beacon().port(), pinned, new Quiet(pushes));
    }

    private record Quiet(BlockingQueue<Message> pushes) implements ControlCenterClient.Listener {
        @Override
        public void onPush(Message m) {
            pushes.offer(m);
        }

        @Override
        public void onClosed(String reason) {
        }
    }
}
