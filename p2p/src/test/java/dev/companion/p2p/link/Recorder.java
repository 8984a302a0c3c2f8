package dev.companion.p2p.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.p2p.protocol.Message;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A LinkManager listener that queues what it hears, for tests to wait on. */
final class Recorder implements LinkManager.Listener {
    record Event(String kind, String group, String user, String detail, Message message, ProtocolException error,
                 Thread thread) {
    }

    final BlockingQueue<Event> links = new LinkedBlockingQueue<>();
    final BlockingQueue<Event> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Event> refused = new LinkedBlockingQueue<>();

    @Override
    public void onLinkUp(String group, String user) {
        links.add(new Event("up", group, user, null, null, null, Thread.currentThread()));
    }

    @Override
    public void onLinkDown(String group, String user, String reason) {
        links.add(new Event("down", group, user, reason, null, null, Thread.currentThread()));
    }

    @Override
    public void onMessage(String group, String user, Message m) {
        messages.add(new Event("message", group, user, null, m, null, Thread.currentThread()));
    }

    @Override
    public void onRefused(String group, String user, ProtocolException e) {
        refused.add(new Event("refused", group, user, e.getMessage(), null, e, Thread.currentThread()));
    }

    static Event next(BlockingQueue<Event> q) throws InterruptedException {
        Event e = q.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        return e;
    }

    Event nextLink(String kind, String group, String user) throws InterruptedException {
        Event e = next(links);
        assertThat(e.kind() + " " + e.group() + " " + e.user()).isEqualTo(kind + " " + group + " " + user);
        return e;
    }
}
