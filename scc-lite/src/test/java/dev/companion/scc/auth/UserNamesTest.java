package dev.companion.scc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.scc.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that look alike cannot both be registered; names that hide or mix characters cannot be at all. */
class UserNamesTest {
    @TempDir
    Path dir;

    static final String HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

    @Test
    void lookAlikesOfAnExistingNameAreRefusedWithAClearMessage() throws Exception {
        try (Store store = Store.open(dir)) {
            Users users = new Users(store);
            assertThat(users.add("alice", HASH, 1)).isEmpty();
            assertThat(users.add("bill", HASH, 2)).isEmpty();
            assertThat(users.add("fish", HASH, 3)).isEmpty();
            assertThat(users.add("ace", HASH, 4)).isEmpty();
            for (String like : List.of("Alice", "ALICE", "a1ice", "alıce")) {
                assertThat(users.add(like, HASH, 5)).as(like)
                        .contains("user name " + like + " looks too much like the existing user alice");
            }
            assertThat(users.add("biII", HASH, 5)).as("capital I drawn as l").isPresent();
            assertThat(users.add("ﬁsh", HASH, 5)).as("the fi ligature").isPresent();
            assertThat(users.add("асе", HASH, 5)).as("all Cyrillic, one script, but looks like ace")
                    .contains("user name асе looks too much like the existing user ace");
            assertThat(users.add("alice", HASH, 5)).contains("user already exists: alice");
            assertThat(users.exists("Alice")).isFalse();
            assertThat(users.add("alicia", HASH, 5)).as("a different name").isEmpty();
            assertThat(users.add("李雷", HASH, 5)).as("one script, not Latin").isEmpty();
            assertThat(users.add("Li李雷", HASH, 5)).as("Latin with Han").isEmpty();
        }
    }

    @Test
    void namesThatMixScriptsOrHideCharactersAreRefused() {
        assertThat(UserNames.problem("\u0430lice")).as("Cyrillic а in Latin").contains("mix scripts");
        assertThat(UserNames.problem("p\u0430ypal")).contains("mix scripts");
        assertThat(UserNames.problem("alice\u200b")).as("zero-width space").contains("letters, digits");
        assertThat(UserNames.problem("al\u202eice")).as("right-to-left override").contains("letters, digits");
        assertThat(UserNames.problem("bell\u0007")).contains("letters, digits");
        assertThat(UserNames.problem("two words")).contains("letters, digits");
        assertThat(UserNames.problem("a1\u0661")).as("Latin and Arabic-Indic digits").isNotNull();
        assertThat(UserNames.problem("e\u0301")).as("not NFC").contains("NFC");
        assertThat(UserNames.problem(UserNames.normalize("e\u0301"))).isNull();
        assertThat(UserNames.problem("")).isNotNull();
        assertThat(UserNames.problem("x".repeat(65))).isNotNull();
        assertThat(UserNames.problem("erin.o_neil@example-1")).isNull();
    }
}
