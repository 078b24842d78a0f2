package io.vigil.alerts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Review outcomes counted per watchlist and camera. The counts are kept apart from the alerts
 * (they hold no personal data) so that rates cover every alert ever decided, not only the 31 days
 * retention keeps. The false-alert rate is false alerts over all decided alerts.
 */
final class FalseAlertRates {

    private FalseAlertRates() {
    }

    /** The outcomes of one watchlist or one camera. */
    record Row(String key, long confirmed, long falseAlert, long notActionable, long other, long open) {
        long decided() {
            return confirmed + falseAlert + notActionable + other;
        }

        /** NaN when nothing was decided yet. */
        double falseAlertRate() {
            return decided() == 0 ? Double.NaN : (double) falseAlert / decided();
        }

        Row plus(Row o) {
            return new Row(key, confirmed + o.confirmed, falseAlert + o.falseAlert, notActionable + o.notActionable,
                    other + o.other, open + o.open);
        }
    }

    record Report(List<Row> byWatchlist, List<Row> byCamera) {
    }

    /** Counts a final outcome: a confirmation that made the alert CONFIRMED, or a dismissal. */
    static void count(Connection c, String watchlistId, String cameraId, Review.Outcome outcome, DismissReason reason)
            throws SQLException {
        String column = outcome == Review.Outcome.CONFIRMED ? "confirmed" : switch (reason.kind()) {
            case FALSE_ALERT -> "false_alert";
            case NOT_ACTIONABLE -> "not_actionable";
            case OTHER -> "other";
        };
        try (PreparedStatement p = c.prepareStatement("INSERT INTO outcome_tally (watchlist_id, camera_id, " + column
                + ") VALUES (?, ?, 1) ON CONFLICT(watchlist_id, camera_id) DO UPDATE SET " + column + " = " + column + " + 1")) {
            p.setString(1, watchlistId);
            p.setString(2, cameraId);
            p.executeUpdate();
        }
    }

    static Report report(Connection c) throws SQLException {
        Map<String, Row> byWatchlist = new TreeMap<>();
        Map<String, Row> byCamera = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT watchlist_id, camera_id, confirmed, false_alert, not_actionable, other FROM outcome_tally");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                add(byWatchlist, new Row(r.getString(1), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), 0));
                add(byCamera, new Row(r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), 0));
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT watchlist_id, camera_id, count(*) FROM alert"
                + " WHERE state IN ('NEW', 'CONFIRMED_ONCE') GROUP BY watchlist_id, camera_id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                add(byWatchlist, new Row(r.getString(1), 0, 0, 0, 0, r.getLong(3)));
                add(byCamera, new Row(r.getString(2), 0, 0, 0, 0, r.getLong(3)));
            }
        }
        return new Report(new ArrayList<>(byWatchlist.values()), new ArrayList<>(byCamera.values()));
    }

    private static void add(Map<String, Row> rows, Row row) {
        rows.merge(row.key(), row, Row::plus);
    }
}
