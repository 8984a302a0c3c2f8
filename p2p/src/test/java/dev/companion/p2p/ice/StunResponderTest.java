package dev.companion.p2p.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.junit.jupiter.api.Test;

/** The control center's STUN server on loopback: binding requests answered, everything else from strangers ignored. */
class StunResponderTest {
    @Test
    void answersABindingRequestWithTheSendersAddressAndShrugsOffEverythingElse() throws Exception {
        try (StunResponder stun = StunResponder.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(5000);
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), stun.port());
            // a stranger's junk: not STUN at all, a truncated STUN header, a STUN request of another kind
            byte[] junk = "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(junk, junk.length, server));
            byte[] half = new byte[] {0, 1, 0, 0, 0x21, 0x12};
            client.send(new DatagramPacket(half, half.length, server));
            Request allocate = MessageFactory.createAllocateRequest();
            allocate.setTransactionID(txid());
            byte[] alloc = allocate.encode(null);
            client.send(new DatagramPacket(alloc, alloc.length, server));

            Request binding = MessageFactory.createBindingRequest();
            byte[] id = txid();
            binding.setTransactionID(id);
            byte[] req = binding.encode(null);
            client.send(new DatagramPacket(req, req.length, server));

            byte[] buf = new byte[1500];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            client.receive(p); // the first answer is the binding response: nothing else is answered
            Message resp = Message.decode(buf, 0, p.getLength());
            assertThat((int) resp.getMessageType()).isEqualTo((int) Message.BINDING_SUCCESS_RESPONSE);
            assertThat(resp.getTransactionID()).isEqualTo(id);
            XorMappedAddressAttribute mapped = (XorMappedAddressAttribute) resp.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
            assertThat(mapped.getAddress(id).getPort()).isEqualTo(client.getLocalPort());
            assertThat(p.getLength()).isLessThanOrEqualTo(req.length + 12); // no amplification to speak of
            // counted once sent: the answer can reach the client a moment before the count moves
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (stun.answered() < 1 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertThat(stun.answered()).isEqualTo(1);

            client.setSoTimeout(300);
            try {
                client.receive(p);
                throw new AssertionError("nothing else should be answered");
            } catch (SocketTimeoutException expected) {
                // the junk and the allocate request got no answer
            }
        }
    }

    private static byte[] txid() {
        byte[] id = new byte[12];
        new SecureRandom().nextBytes(id);
        return id;
    }
}
