package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text key used in the UI code exists in English and in 简体中文, and the two bundles agree. */
class I18nTest {
    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = I18nTest.class.getResourceAsStream("/dev/companion/app/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyGroupModeValueHasWords() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        for (String key : new String[] {"group.mode.leader-follower", "group.mode.mutual", "group.following.auto",
                "group.following.manual", "group.scope.full", "group.scope.partial"}) {
            assertThat(en.getProperty(key)).as(key).isNotBlank();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void everyActionKindAndMemberStateHasWords() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        Set<String> keys = new TreeSet<>();
        for (dev.companion.p2p.protocol.ActionKind k : dev.companion.p2p.protocol.ActionKind.values()) {
            keys.add("group.kind." + k.wire());
        }
        for (dev.companion.p2p.protocol.MemberState s : dev.companion.p2p.protocol.MemberState.values()) {
            keys.add("group.member.state." + s.wire());
        }
        assertThat(keys).hasSize(11);
        for (String key : keys) {
            assertThat(en.getProperty(key)).as(key).isNotBlank();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void everyPrivacyReasonHasWords() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        for (String reason : dev.companion.app.browser.FocusedField.REASONS) {
            assertThat(en.getProperty("privacy.reason." + reason)).as(reason).isNotBlank();
            assertThat(zh.getProperty("privacy.reason." + reason)).as(reason).isNotBlank();
        }
    }

    @Test
    void everyLinkPathHasWords() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        for (dev.companion.p2p.link.LinkPath p : dev.companion.p2p.link.LinkPath.values()) {
            String key = "group.member.path." + p.word();
            assertThat(en.getProperty(key)).as(key).isNotBlank();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void bundlesHaveTheSameKeys() throws IOException {
        assertThat(load("messages_zh_CN.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        Pattern choice = Pattern.compile("\"((?:login|session|contacts|invitations|group|activity|browser|settings|error|app|privacy|flows)\\.[a-zA-Z0-9.]*[a-zA-Z0-9])\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/companion/app"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                for (Pattern p : new Pattern[] {choice}) {
                    Matcher m = p.matcher(src);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        Set<String> en = load("messages.properties").stringPropertyNames();
        Set<String> zh = load("messages_zh_CN.properties").stringPropertyNames();
        assertThat(en).containsAll(used);
        assertThat(zh).containsAll(used);
    }
}
