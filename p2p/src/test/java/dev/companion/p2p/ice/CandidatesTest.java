package dev.companion.p2p.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.IceCandidateType;
import dev.companion.p2p.protocol.Messages.IceCandidate;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Remote candidates that would make this terminal probe its own machine or network are refused, each with a reason. */
class CandidatesTest {
    private static IceCandidate c(IceCandidateType type, String address) {
        return new IceCandidate(type, address, 100, "1");
    }

    @Test
    void badAddressesAreRefusedWithAReason() throws Exception {
        List<String> reasons = new ArrayList<>();
        List<Candidates.Accepted> kept = Candidates.accept(List.of(
                c(IceCandidateType.SRFLX, "127.0.0.1:5000"),
                c(IceCandidateType.RELAY, "0.0.0.0:5000"),
                c(IceCandidateType.SRFLX, "224.0.0.251:5353"),
                c(IceCandidateType.SRFLX, "169.254.10.1:5000"),
                c(IceCandidateType.RELAY, "255.255.255.255:5000"),
                c(IceCandidateType.SRFLX, "203.0.113.9:53"),
                c(IceCandidateType.SRFLX, "evil.example:5000"),
                c(IceCandidateType.SRFLX, "300.1.1.1:5000"),
                c(IceCandidateType.SRFLX, "[::1]:5000"),
                c(IceCandidateType.SRFLX, "203.0.113.9:70000"),
                c(IceCandidateType.SRFLX, "203.0.113.9:40000"),
                c(IceCandidateType.RELAY, "198.51.100.3:49170")),
                Set.of(), (cand, why) -> reasons.add(cand.address() + " " + why));
        assertThat(kept).extracting(a -> a.candidate().address()).containsExactly("203.0.113.9:40000", "198.51.100.3:49170");
        assertThat(reasons).hasSize(10);
        assertThat(String.join("\n", reasons)).contains("loopback", "unspecified", "multicast", "link-local",
                "broadcast", "below 1024", "not ip:port", "not an IP address", "bad port");
    }

    @Test
    void hostCandidatesOfAnotherSiteAreRefusedAndOfTheSameSiteKept() throws Exception {
        List<IceCandidate> remote = List.of(c(IceCandidateType.HOST, "10.0.2.2:40000"),
                c(IceCandidateType.SRFLX, "100.64.2.2:40000"));
        List<String> reasons = new ArrayList<>();
        assertThat(Candidates.accept(remote, Set.of(InetAddress.getByName("100.64.1.2")), (x, why) -> reasons.add(why)))
                .extracting(a -> a.candidate().type()).containsExactly(IceCandidateType.SRFLX);
        assertThat(reasons).singleElement().asString().contains("another site");
        // behind the same router: the host candidate is the better path and is kept
        assertThat(Candidates.accept(remote, Set.of(InetAddress.getByName("100.64.2.2")), (x, why) -> reasons.add(why)))
                .hasSize(2);
        // no STUN on either side (one LAN without a control center's STUN): host candidates are all there is
        assertThat(Candidates.accept(List.of(c(IceCandidateType.HOST, "192.168.1.4:40000")), Set.of(), (x, why) -> reasons.add(why)))
                .hasSize(1);
    }
}
