package dev.companion.bench.scc;

import dev.companion.scc.auth.PasswordHasher;
import dev.companion.scc.auth.UserNames;
import dev.companion.scc.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The control center's accounts for the benchmarks (the scc and soak scenarios), written before the server starts, through
 * scc-lite's own {@link Store} (Flyway creates the schema; one transaction; batched INSERTs):
 * <ul>
 *   <li>terminal users u0..u(N-1), all with one encoded Argon2id hash (hashing 50k passwords would take
 *       longer than the benchmark); each is an accepted contact of u(i±1..i±contacts) (a ring);</li>
 *   <li>password users p0..p(M-1), no contacts, with a production-parameter hash (PasswordHasher).</li>
 * </ul>
 * The terminal users' hash uses minimal Argon2id parameters by default (m=8 KiB, t=1): the control
 * center reads the parameters from the stored hash, so the ramp measures TLS + login + presence and
 * not 50k production hashes (those are measured on their own as password logins/s).
 */
public final class SeedData {
    public static final String TERMINAL_PASSWORD = "bench-terminal-password";
    public static final String PASSWORD_USERS_PASSWORD = "bench-password-login";

    private SeedData() {
    }

    /** Writes the accounts into dir/scc.db; returns the encoded hash the terminal users got. */
    public static String write(Path dir, int terminals, int contacts, int passwordUsers, boolean productionTerminalHash)
            throws IOException {
        String terminalHash = productionTerminalHash ? PasswordHasher.hash(TERMINAL_PASSWORD) : cheapHash(TERMINAL_PASSWORD);
        if (!PasswordHasher.verify(TERMINAL_PASSWORD, terminalHash)) {
            throw new IllegalStateException("scc-lite does not accept the seeded hash " + terminalHash);
        }
        String pwHash = PasswordHasher.hash(PASSWORD_USERS_PASSWORD);
        long now = System.currentTimeMillis();
        try (Store store = Store.open(dir)) {
            store.run(() -> {
                try (PreparedStatement users = store.connection().prepareStatement(
                        "INSERT INTO users (name, hash, created, key_fold, key_glyph) VALUES (?, ?, ?, ?, ?)");
                     PreparedStatement pairs = store.connection().prepareStatement(
                             "INSERT OR IGNORE INTO contacts (a, b, state) VALUES (?, ?, 'accepted')")) {
                    for (int i = 0; i < terminals; i++) {
                        user(users, "u" + i, terminalHash, now);
                    }
                    for (int i = 0; i < passwordUsers; i++) {
                        user(users, "p" + i, pwHash, now);
                    }
                    users.executeBatch();
                    for (int i = 0; i < terminals; i++) {
                        for (int d = 1; d <= contacts; d++) {
                            int j = (i + d) % terminals;
                            if (j == i) {
                                continue;
                            }
                            pairs.setString(1, "u" + i);
                            pairs.setString(2, "u" + j);
                            pairs.addBatch();
                        }
                    }
                    pairs.executeBatch();
                }
            });
        }
        return terminalHash;
    }

    /** Adds one users row to the batch, with the name's collision keys as scc-lite's own Users.add writes them. */
    private static void user(PreparedStatement users, String name, String hash, long now) throws SQLException {
        UserNames.Keys keys = UserNames.keys(name);
        users.setString(1, name);
        users.setString(2, hash);
        users.setLong(3, now);
        users.setString(4, keys.fold());
        users.setString(5, keys.glyph());
        users.addBatch();
    }

    /** A valid Argon2id PHC string with the smallest parameters scc-lite accepts (m=8 KiB, t=1, p=1). */
    static String cheapHash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
                .withMemoryAsKB(8).withIterations(1).withParallelism(1).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[32];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=8,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
    }
}
