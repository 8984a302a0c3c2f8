package dev.companion.scc;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * For tests against a control center with two users, alice and bob, contacts of each other: a fresh
 * {@link Fixture} over a temporary data folder per test, closed after it (after a subclass's own
 * {@code @AfterEach}, which JUnit runs first).
 */
abstract class AliceAndBobTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void startControlCenter() throws Exception {
        f = Fixture.start(dir, List.of("alice", "bob"), "alice:bob");
    }

    @AfterEach
    void stopControlCenter() {
        f.close();
    }
}
