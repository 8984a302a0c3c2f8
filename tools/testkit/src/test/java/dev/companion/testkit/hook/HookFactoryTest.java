package dev.companion.testkit.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.TestHookFactory;
import org.junit.jupiter.api.Test;

/** With this module on its class path, the app finds the test hook (META-INF/services). */
class HookFactoryTest {
    @Test
    void theAppFindsTheTestHookOfThisModule() {
        assertThat(TestHookFactory.find()).get().isInstanceOf(HookFactory.class);
    }
}
