package io.vigil.alerts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What this node still has to append to the cluster's logs, written in the same transaction as the
 * change it shares, so a commit is never lost between the database and Kafka: an entry leaves only
 * once Kafka acknowledged it ({@link ClusterPublisher}). Kinds: {@code alert} and {@code review}
 * (their bytes are made at the commit), {@code key} (a period key, wrapped only when sent, so no
 * wrapped key waits in the database) and {@code key-destroyed} (the key's tombstone).
 */
final class ClusterOutbox {

    static final String KEY = "key";
    static final String KEY_DESTROYED = "key-destroyed";

    private ClusterOutbox() {
    }

    /** One record waiting. */
    record Entry(long id, String log, String key, String kind, byte[] value, int attempts) {
    }

    static void add(Connection c, String log, String key, String kind, byte[] value, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO cluster_outbox (log, record_key, kind, value, created) VALUES (?,?,?,?,?)")) {
            p.setString(1, log);
            p.setString(2, key);
            p.setString(3, kind);
            if (value == null) {
                p.setNull(4, Types.BLOB);
            } else {
                p.setBytes(4, value);
            }
            p.setLong(5, now.toEpochMilli());
            p.executeUpdate();
        }
    }

    /** Oldest first: records of one key reach the log in the order they were committed. */
    static List<Entry> next(Connection c, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, log, record_key, kind, value, attempts FROM cluster_outbox ORDER BY id LIMIT ?")) {
            p.setInt(1, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getBytes(5), r.getInt(6)));
                }
            }
            return out;
        }
    }

    static void sent(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM cluster_outbox WHERE id = ?")) {
            p.setLong(1, id);
            p.executeUpdate();
        }
    }

    static void failed(Connection c, long id, String why) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE cluster_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            p.setString(1, why);
            p.setLong(2, id);
            p.executeUpdate();
        }
    }

    static int waiting(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM cluster_outbox"); ResultSet r = p.executeQuery()) {
            return r.getInt(1);
        }
    }

    /** True the first time a period is named: its key is then queued for the cluster. */
    static boolean firstShare(Connection c, String period, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO shared_key_period (period, shared) VALUES (?, ?) ON CONFLICT(period) DO NOTHING")) {
            p.setString(1, period);
            p.setLong(2, now.toEpochMilli());
            return p.executeUpdate() == 1;
        }
    }

    /** Where a followed log resumes: the next offset of each partition applied here. */
    static java.util.Map<Integer, Long> positions(Connection c, String log) throws SQLException {
        java.util.Map<Integer, Long> out = new java.util.HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT partition, next_offset FROM log_position WHERE log = ?")) {
            p.setString(1, log);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        return out;
    }

    /** Stored in the transaction that applied the record, so a restart applies nothing twice. */
    static void applied(Connection c, String log, int partition, long offset) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO log_position (log, partition, next_offset) VALUES (?,?,?)"
                + " ON CONFLICT(log, partition) DO UPDATE SET next_offset = excluded.next_offset")) {
            p.setString(1, log);
            p.setInt(2, partition);
            p.setLong(3, offset + 1);
            p.executeUpdate();
        }
    }
}
