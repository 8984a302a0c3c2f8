package dev.companion.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page agent's parts join into one script, so a name declared at its top level in two parts is a
 * SyntaxError that stops the whole agent on every page (two parts written apart, each with its own
 * {@code const addListener}, did that once). Checked here, without a browser.
 */
class AgentPartsTest {
    private static final Pattern DECLARATION =
            Pattern.compile("(?m)^  (?:const|let|var|class|(?:async )?function\\*?) ([A-Za-z_$][\\w$]*)");

    private static String read(String name) throws IOException {
        try (InputStream in = AgentPartsTest.class.getResourceAsStream(AgentScript.PARTS + name)) {
            assertThat(in).as(name + " listed in ORDER exists").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void noTwoPartsDeclareTheSameTopLevelName() throws IOException {
        List<String> parts = new ArrayList<>();
        for (String line : read("ORDER").split("\n")) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                parts.add(line.strip());
            }
        }
        assertThat(parts).hasSizeGreaterThan(10);
        Map<String, String> declaredIn = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (String part : parts) {
            Matcher m = DECLARATION.matcher(read(part));
            while (m.find()) {
                String before = declaredIn.putIfAbsent(m.group(1), part);
                if (before != null) {
                    twice.add(m.group(1) + " in " + before + " and " + part);
                }
            }
        }
        assertThat(declaredIn).containsKeys("boundingRect", "addListener", "emit");
        assertThat(twice).as("declared twice at the agent's top level").isEmpty();
    }
}
