package dev.companion.app.follow;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's listeners: each is told in turn; one that throws does not keep the others from hearing. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final CopyOnWriteArrayList<FollowListener> all = new CopyOnWriteArrayList<>();

    void add(FollowListener l) {
        all.add(l);
    }

    void remove(FollowListener l) {
        all.remove(l);
    }

    void tell(Consumer<FollowListener> call) {
        for (FollowListener l : all) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("follow listener failed", e);
            }
        }
    }
}
