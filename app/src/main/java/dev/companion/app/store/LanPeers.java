package dev.companion.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The terminals this profile paired with on a LAN without a control center (table lan_peers): each
 * one's certificate fingerprint as both people confirmed it. {@link #check} says whether a terminal
 * is new, known with that certificate, or known with another one (the warning case: a new install
 * on the other side, or someone else using its terminal id). Under the store's lock, off the FX thread.
 */
public final class LanPeers {
    /** What this profile knows of a terminal that presents a certificate. */
    public enum Trust {
        /** Never paired: compare the code. */
        NEW,
        /** Paired before with this very certificate. */
        KNOWN,
        /** Paired before with another certificate: warn, compare the code, and replace only if the person says so. */
        CHANGED
    }

    /** A remembered terminal. */
    public record Peer(String terminal, String name, String fingerprint, long pairedAt) {
    }

    private final LocalStore store;

    LanPeers(LocalStore store) {
        this.store = store;
    }

    /** The remembered terminal with this id. */
    public Optional<Peer> get(String terminal) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT terminal, name, fingerprint, paired_at FROM lan_peers WHERE terminal = ?")) {
                ps.setString(1, terminal);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(peer(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the paired terminals", e);
            }
        }
    }

    /** Whether terminal, presenting fingerprint, is new, known, or known with another certificate. */
    public Trust check(String terminal, String fingerprint) {
        return get(terminal).map(p -> p.fingerprint().equals(fingerprint) ? Trust.KNOWN : Trust.CHANGED).orElse(Trust.NEW);
    }

    /** Remembers (or replaces) terminal's certificate once both people confirmed the code. */
    public void remember(String terminal, String name, String fingerprint) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "INSERT OR REPLACE INTO lan_peers(terminal, name, fingerprint, paired_at) VALUES(?, ?, ?, ?)")) {
                ps.setString(1, terminal);
                ps.setString(2, name);
                ps.setString(3, fingerprint);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot remember a paired terminal", e);
            }
        }
    }

    /** Every remembered terminal, most recently paired first. */
    public List<Peer> all() {
        synchronized (store) {
            List<Peer> out = new ArrayList<>();
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT terminal, name, fingerprint, paired_at FROM lan_peers ORDER BY paired_at DESC, terminal");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(peer(rs));
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the paired terminals", e);
            }
            return out;
        }
    }

    private static Peer peer(ResultSet rs) throws SQLException {
        return new Peer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
