package io.vigil.alerts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The reviews this node asked the cluster for, and how the log's order decided each: a review
 * command appends its request, then waits here for the outcome every node reaches alike.
 */
final class ReviewRequests {

    private ReviewRequests() {
    }

    /** How a request was decided: applied, or refused with the rule it broke. */
    record Outcome(boolean applied, String message) {
    }

    static void add(Connection c, String requestId, AlertId alert, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO review_request (request_id, alert_id, requested) VALUES (?,?,?)")) {
            p.setString(1, requestId);
            p.setString(2, alert.toString());
            p.setLong(3, now.toEpochMilli());
            p.executeUpdate();
        }
    }

    /** Records the outcome if the request is this node's (another node's request has no row here). */
    static void decided(Connection c, String requestId, boolean applied, String message, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE review_request SET applied = ?, message = ?, decided = ? WHERE request_id = ? AND decided IS NULL")) {
            p.setInt(1, applied ? 1 : 0);
            p.setString(2, message);
            p.setLong(3, now.toEpochMilli());
            p.setString(4, requestId);
            p.executeUpdate();
        }
    }

    static Optional<Outcome> outcome(Connection c, String requestId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT applied, message FROM review_request WHERE request_id = ? AND decided IS NOT NULL")) {
            p.setString(1, requestId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Outcome(r.getInt(1) == 1, r.getString(2))) : Optional.empty();
            }
        }
    }

    /** Decided requests are kept a day for diagnosis. */
    static int prune(Connection c, Instant decidedBefore) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM review_request WHERE decided IS NOT NULL AND decided < ?")) {
            p.setLong(1, decidedBefore.toEpochMilli());
            return p.executeUpdate();
        }
    }
}
