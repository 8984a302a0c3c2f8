package dev.companion.scc.cli;

import dev.companion.scc.store.Store;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the store of a data directory for a CLI command, with a clear error when it cannot. */
final class DataDir {
    private DataDir() {
    }

    static Store open(Path dir) {
        try {
            return Store.open(dir);
        } catch (IOException e) {
            throw new CliException(SccMain.FAILURE, e.getMessage());
        }
    }
}
