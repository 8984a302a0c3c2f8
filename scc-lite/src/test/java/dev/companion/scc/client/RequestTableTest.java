package dev.companion.scc.client;

import static dev.companion.scc.client.ControlCenterClientTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request table on its own: ids, answers, error answers, pushes, timeouts, failing all. */
class RequestTableTest {
    final EventThread events = new EventThread("test-events");

    @AfterEach
    void stop() {
        events.shutdown();
    }

    @Test
    void answersCompleteOnTheEventThreadAndErrorsFail() throws Exception {
        RequestTable table = new RequestTable(events, Duration.ofSeconds(10));
        long a = table.nextId();
        long b = table.nextId();
        assertThat(b).isEqualTo(a + 1);
        CompletableFuture<Message> fa = table.open(a, "ContactAdd");
        CompletableFuture<Message> fb = table.open(b, "Invite");
        CompletableFuture<Thread> on = fa.thenApply(m -> Thread.currentThread());

        assertThat(table.complete(new Messages.Ok(a))).isTrue();
        assertThat(fa.get(10, TimeUnit.SECONDS)).isEqualTo(new Messages.Ok(a));
        assertThat(on.get(10, TimeUnit.SECONDS).getName()).isEqualTo("test-events");
        assertThat(table.complete(new Messages.Ok(a))).as("answered once").isFalse();
        assertThat(table.complete(new Messages.Presence("bob", true))).as("a push").isFalse();

        assertThat(table.complete(new Messages.Error(b, ErrorCode.NOT_CONTACT, "not a contact"))).isTrue();
        assertThat(failure(fb)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_CONTACT));
    }

    @Test
    void anUnansweredRequestTimesOutAndFailAllFailsTheRest() {
        RequestTable table = new RequestTable(events, Duration.ofMillis(200));
        CompletableFuture<Message> late = table.open(table.nextId(), "ContactAdd");
        assertThat(failure(late)).isInstanceOf(TimeoutException.class).hasMessageContaining("ContactAdd");

        RequestTable slow = new RequestTable(events, Duration.ofSeconds(10));
        CompletableFuture<Message> one = slow.open(slow.nextId(), "Invite");
        CompletableFuture<Message> two = slow.open(slow.nextId(), "Signal");
        slow.failAll(new IOException("lost"));
        assertThat(failure(one)).isInstanceOf(IOException.class);
        assertThat(failure(two)).isInstanceOf(IOException.class);

        events.shutdown();
        assertThatThrownBy(() -> slow.open(slow.nextId(), "Invite")).isInstanceOf(RejectedExecutionException.class);
    }
}
