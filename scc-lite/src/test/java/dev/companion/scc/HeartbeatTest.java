package dev.companion.scc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Messages;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ping is answered on the I/O thread: a busy logic thread does not delay pong. */
class HeartbeatTest extends AliceAndBobTest {
    @Test
    void pongArrivesWhileTheLogicThreadIsBusy() throws Exception {
        TestClient alice = f.login("alice");
        TestClient fresh = f.connect();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.cc.logic().post(() -> {
            busy.countDown();
            try {
                release.await(TestClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long req = TestClient.nextReq();
        long before = TestClient.nextReq();
        try {
            assertThat(busy.await(TestClient.TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
            alice.send(new Messages.ContactAdd(req, "bob")); // queued behind the busy task
            fresh.send(new Messages.ContactAdd(before, "bob"));
            alice.ping(41);
            fresh.ping(42); // before login too
            assertThat(alice.pendingAnswers()).isEmpty(); // the requests sent first wait for the logic thread
            assertThat(fresh.pendingAnswers()).isEmpty();
        } finally {
            release.countDown();
        }
        assertThat(alice.answer(req)).isInstanceOf(Messages.Ok.class);
        assertThat(((Messages.Error) fresh.answer(before)).code()).isEqualTo(ErrorCode.NOT_LOGGED_IN);
    }
}
