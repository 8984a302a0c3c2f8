package db.migration;

import dev.companion.p2p.protocol.LogText;
import dev.companion.scc.auth.UserNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control center schema, version 5 (Java: the keys come from ICU): fills the collision keys of every
 * existing user name ({@link UserNames#keys}) and makes each key UNIQUE. Names registered before
 * these rules may already look alike ({@code alice} and {@code Alice}): the oldest keeps its keys; each
 * later one keeps its account and its exact name for login, but gets keys of its own (its keys, a
 * U+0001 and its name: no name's key has a control character) and a warning in the log, so that the
 * clash stays visible to the operator and blocks no new name beyond the original one.
 */
public class V5__user_name_keys extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V5__user_name_keys.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM users ORDER BY created, name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        Set<String> folds = new HashSet<>();
        Set<String> glyphs = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET key_fold = ?, key_glyph = ? WHERE name = ?")) {
            for (String name : names) {
                UserNames.Keys k = UserNames.keys(name);
                String fold = k.fold();
                String glyph = k.glyph();
                if (folds.contains(fold) || glyphs.contains(glyph)) {
                    LOG.warn("user {} looks like an older user name; it keeps its account, but new names are "
                            + "only compared with the older one", LogText.of(name));
                    fold = fold + '\u0001' + name;
                    glyph = glyph + '\u0001' + name;
                }
                folds.add(fold);
                glyphs.add(glyph);
                ps.setString(1, fold);
                ps.setString(2, glyph);
                ps.setString(3, name);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE UNIQUE INDEX users_key_fold ON users (key_fold)");
            s.execute("CREATE UNIQUE INDEX users_key_glyph ON users (key_glyph)");
        }
    }
}
