package dev.companion.app.store;

import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The user's privacy choices per site in the profile's SQLite file (tables site_privacy and
 * shared_fields): loaded once at start, then written one change at a time, under the store's lock.
 */
final class SqliteSitePrivacy implements SitePrivacy.Store {
    private final LocalStore store;

    SqliteSitePrivacy(LocalStore store) {
        this.store = store;
    }

    SitePrivacy.Rules load() {
        synchronized (store) {
            Map<String, SitePolicy> policies = new HashMap<>();
            Map<String, Set<String>> shared = new HashMap<>();
            try (PreparedStatement ps = store.db().prepareStatement("SELECT site, policy FROM site_privacy");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    policies.put(rs.getString(1), SitePolicy.fromWire(rs.getString(2)));
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the sites' privacy", e);
            }
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT site, selector FROM shared_fields ORDER BY site, shared_at, selector");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shared.computeIfAbsent(rs.getString(1), s -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the shared fields", e);
            }
            return new SitePrivacy.Rules(policies, shared);
        }
    }

    @Override
    public void savePolicy(String site, SitePolicy policy) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(
                    "INSERT INTO site_privacy(site, policy) VALUES(?, ?) ON CONFLICT(site) DO UPDATE SET policy = excluded.policy")) {
                ps.setString(1, site);
                ps.setString(2, policy.wire());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot save the privacy of " + site, e);
            }
        }
    }

    @Override
    public void saveShared(String site, String selector, boolean shared) {
        synchronized (store) {
            try (PreparedStatement ps = store.db().prepareStatement(shared
                    ? "INSERT OR IGNORE INTO shared_fields(site, selector, shared_at) VALUES(?, ?, ?)"
                    : "DELETE FROM shared_fields WHERE site = ? AND selector = ?")) {
                ps.setString(1, site);
                ps.setString(2, selector);
                if (shared) {
                    ps.setLong(3, System.currentTimeMillis());
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot save a shared field of " + site, e);
            }
        }
    }
}
