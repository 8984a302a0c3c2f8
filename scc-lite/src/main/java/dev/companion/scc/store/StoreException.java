package dev.companion.scc.store;

import java.sql.SQLException;

/** A database failure; the transaction it happened in was rolled back. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
