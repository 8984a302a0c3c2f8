package dev.companion.bench.connect;

import dev.companion.bench.link.ChildIo;
import dev.companion.scc.Config;
import dev.companion.scc.ControlCenter;
import dev.companion.scc.auth.PasswordHasher;
import dev.companion.scc.auth.Users;
import dev.companion.scc.store.Store;
import java.nio.file.Path;

/**
 * Child JVM of {@code bench connect}: the real control center (scc-lite's {@link ControlCenter}, what
 * {@code scc serve} runs) on 127.0.0.1, any free port, in a fresh data directory with one account
 * whose password has a production Argon2id hash (as {@code scc user add} makes). Prints
 * {@code LISTENING port fingerprint}; QUIT or end of input stops it.
 * Arguments: dataDir user password ttlSeconds.
 */
public final class SccServerChild {
    private SccServerChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildIo io = new ChildIo(Long.parseLong(args[3]));
        try {
            Path data = Path.of(args[0]);
            try (Store store = Store.open(data)) {
                new Users(store).add(args[1], PasswordHasher.hash(args[2]), System.currentTimeMillis()).ifPresent(why -> {
                    throw new IllegalStateException(why + " in " + data);
                });
            }
            try (ControlCenter cc = ControlCenter.start(Config.of(data))) {
                ChildIo.reply("LISTENING " + cc.port() + " " + cc.fingerprint());
                for (String cmd; (cmd = io.next()) != null; ) {
                    ChildIo.reply("FAIL unknown command " + cmd);
                }
            }
        } catch (Exception | Error e) {
            ChildIo.fail(e);
        }
        System.exit(0);
    }
}
