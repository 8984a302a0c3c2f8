package dev.companion.app.store;

import dev.companion.app.similar.SiteRules;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.UrlRuleKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The similar-action rules per site in the profile's SQLite file (table similar_rules): loaded once
 * at start, then a site's rules replaced as a whole when they change, in one transaction.
 */
final class SqliteSiteRules implements SiteRules.Store {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSiteRules.class);
    private final LocalStore store;

    SqliteSiteRules(LocalStore store) {
        this.store = store;
    }

    Map<String, List<UrlRule>> load() {
        synchronized (store) {
            Map<String, List<UrlRule>> out = new TreeMap<>();
            try (PreparedStatement ps = store.db().prepareStatement(
                    "SELECT site, kind, value FROM similar_rules ORDER BY site, position");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.computeIfAbsent(rs.getString(1), s -> new ArrayList<>())
                                .add(new UrlRule(UrlRuleKind.of(rs.getString(2)), rs.getString(3)));
                    } catch (ProtocolException e) {
                        LOG.warn("left out a similar-action rule of {}: {}", rs.getString(1), e.getMessage());
                    }
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot read the similar-action rules", e);
            }
            return out;
        }
    }

    @Override
    public void save(String site, List<UrlRule> rules) {
        synchronized (store) {
            try {
                store.db().setAutoCommit(false);
                try (PreparedStatement del = store.db().prepareStatement("DELETE FROM similar_rules WHERE site = ?");
                     PreparedStatement ins = store.db().prepareStatement(
                             "INSERT OR IGNORE INTO similar_rules(site, kind, value, position) VALUES(?, ?, ?, ?)")) {
                    del.setString(1, site);
                    del.executeUpdate();
                    for (int i = 0; i < rules.size(); i++) {
                        ins.setString(1, site);
                        ins.setString(2, rules.get(i).kind().wire());
                        ins.setString(3, rules.get(i).value());
                        ins.setInt(4, i);
                        ins.executeUpdate();
                    }
                    store.db().commit();
                } catch (SQLException e) {
                    store.db().rollback();
                    throw e;
                } finally {
                    store.db().setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new LocalStore.StoreException("cannot save the similar-action rules of " + site, e);
            }
        }
    }
}
