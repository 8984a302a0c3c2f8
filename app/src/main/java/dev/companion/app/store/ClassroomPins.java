package dev.companion.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The classrooms this profile joined (table classroom_pins): each room's control-center certificate
 * fingerprint, by the name its beacon announces, as the student accepted it after comparing the
 * confirmation code. {@link #check} says whether a room is new, known with that certificate, or known
 * with another one ({@link LanPeers.Trust#CHANGED}: the teacher's new install, or someone else
 * announcing the room's name), which the window shows as a warning that must be accepted. Under the
 * store's lock, off the FX thread.
 */
public final class ClassroomPins {
    /** A remembered room: its name, the certificate accepted, where it was last joined. */
    public record Room(String room, String fingerprint, String address, long pinnedAt) {
    }

    private final LocalStore store;

    ClassroomPins(LocalStore store) {
        this.store = store;
    }

    /** The remembered room with this name. */
    public Optional<Room> get(String room) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT room, fingerprint, address, pinned_at FROM classroom_pins WHERE room = ?")) {
                ps.setString(1, room);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Room(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                            : Optional.empty();
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the classrooms joined", e);
            }
        }
    }

    /** Whether the room called room, presenting fingerprint, is new, known, or known with another certificate. */
    public LanPeers.Trust check(String room, String fingerprint) {
        return get(room).map(r -> r.fingerprint().equals(fingerprint) ? LanPeers.Trust.KNOWN : LanPeers.Trust.CHANGED)
                .orElse(LanPeers.Trust.NEW);
    }

    /** Pins (or, after the accepted warning, replaces) the room's certificate; address is "host:port". */
    public void pin(String room, String fingerprint, String address) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "INSERT OR REPLACE INTO classroom_pins(room, fingerprint, address, pinned_at) VALUES(?, ?, ?, ?)")) {
                ps.setString(1, room);
                ps.setString(2, fingerprint);
                ps.setString(3, address);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot pin a classroom's certificate", e);
            }
        }
    }

    /** Every pinned room: name → fingerprint. */
    public Map<String, String> all() {
        synchronized (store) {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = store.db().prepareStatement("SELECT room, fingerprint FROM classroom_pins ORDER BY room");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the classrooms joined", e);
            }
            return out;
        }
    }
}
