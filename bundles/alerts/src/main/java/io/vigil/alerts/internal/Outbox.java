package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Announcements written in the same transaction as the change they announce, so one is never
 * lost between a commit and Event Admin (which keeps nothing). The dispatcher posts them and
 * marks them delivered; a crash between posting and marking posts one twice, which subscribers
 * tolerate since an announcement is only a hint to read the store.
 */
final class Outbox {

    private Outbox() {
    }

    /** One announcement waiting to be posted. */
    record Entry(long id, String topic, String alertId, AlertState state, boolean updated) {
    }

    static void add(Connection c, AlertId alert, String topic, AlertState state, boolean updated, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO outbox (alert_seq, topic, alert_id, state, updated, created)"
                        + " VALUES ((SELECT seq FROM alert WHERE alert_id = ?),?,?,?,?,?)")) {
            p.setString(1, alert.toString());
            p.setString(2, topic);
            p.setString(3, alert.toString());
            p.setString(4, state.name());
            p.setInt(5, updated ? 1 : 0);
            p.setLong(6, now.toEpochMilli());
            p.executeUpdate();
        }
    }

    /** Oldest first, so subscribers see an alert's STORED before its REVIEWED. */
    static List<Entry> undelivered(Connection c, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, topic, alert_id, state, updated FROM outbox WHERE delivered IS NULL ORDER BY id LIMIT ?")) {
            p.setInt(1, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), AlertState.valueOf(r.getString(4)),
                            r.getInt(5) == 1));
                }
            }
            return out;
        }
    }

    static void delivered(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET delivered = ? WHERE id = ?")) {
            p.setLong(1, now.toEpochMilli());
            p.setLong(2, id);
            p.executeUpdate();
        }
    }

    static int undeliveredCount(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM outbox WHERE delivered IS NULL");
             ResultSet r = p.executeQuery()) {
            return r.getInt(1);
        }
    }

    /** Delivered announcements are kept a day for diagnosis, then dropped. */
    static int prune(Connection c, Instant deliveredBefore) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE delivered IS NOT NULL AND delivered < ?")) {
            p.setLong(1, deliveredBefore.toEpochMilli());
            return p.executeUpdate();
        }
    }
}
