package dev.companion.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.companion.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A member that floods a terminal with ICE offers (restarts) cannot make it open socket after
 * socket: at most 4 ICE sessions per member exist at once (IceTransport.MAX_SESSIONS_PER_PEER), the
 * oldest unlinked one giving way. Runs in a home of a {@link NatLab}, so the checks it sends go only
 * to the lab's own router.
 */
class IceFloodTest {
    @Test
    void aFloodOfIceOffersFromOneMemberHoldsAtMostFourSessions() throws Exception {
        String why = NatLab.unavailable();
        assumeTrue(why == null, "skipped: cannot build network namespaces here: " + why);
        Path logs = Path.of("target", "ice-flood").toAbsolutePath();
        try (NatLab lab = NatLab.create(NatLab.Nat.CONE, NatLab.Nat.CONE);
             ChildJvm bob = ChildJvm.launch("flood-bob", lab.in(lab.home('b'), ChildJvm.javaCommand(List.of(),
                     IceFloodChild.class.getName(), List.of("100.64.1.2")))).log(logs.resolve("flood-bob.log")).start()) {
            int sockets = Integer.parseInt(bob.expect("SOCKETS", Duration.ofSeconds(60)));
            int answered = Integer.parseInt(bob.expect("SIGNALLED", Duration.ofSeconds(10)));
            assertThat(sockets).as("UDP sockets at most, 20 offers").isBetween(1, 4);
            assertThat(answered).as("sessions answered").isPositive();
        }
    }
}
