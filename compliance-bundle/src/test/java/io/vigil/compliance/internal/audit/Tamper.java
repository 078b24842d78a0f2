package io.vigil.compliance.internal.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteDataSource;

/**
 * What someone with write access to the audit database file can do: a connection of their own,
 * the append-only triggers dropped, any row changed.
 */
final class Tamper implements AutoCloseable {

    private final Connection c;

    Tamper(Path database) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + database);
        c = source.getConnection();
        sql("DROP TRIGGER IF EXISTS entry_append_only", "DROP TRIGGER IF EXISTS entry_pruned_only",
                "DROP TRIGGER IF EXISTS checkpoint_append_only");
    }

    void sql(String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    AuditEntry entry(long sequence) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT sequence, time, actor, action, details, previous_hash, hash FROM entry WHERE sequence = ?")) {
            p.setLong(1, sequence);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no entry " + sequence);
                }
                return new AuditEntry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7));
            }
        }
    }

    void put(AuditEntry e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO entry (sequence, time, actor, action, details,"
                + " previous_hash, hash) VALUES (?,?,?,?,?,?,?)")) {
            p.setLong(1, e.sequence());
            p.setString(2, e.time());
            p.setString(3, e.actor());
            p.setString(4, e.action());
            p.setString(5, e.details());
            p.setString(6, e.previousHash());
            p.setString(7, e.hash());
            p.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
