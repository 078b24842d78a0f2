package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.support.sqlite.SqliteDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Audit entries written in the same transaction as what they record, for the machine's own
 * actions (a match stored, a configuration applied) which must not wait for, or be lost
 * without, the audit trail: it lives in another bundle and may be absent or restarting. They are
 * forwarded to the trail in order and removed once it has made them durable. People's actions
 * (review, view, export, hold) and deletions are recorded directly instead, and refused while
 * the trail is absent.
 */
final class AuditBacklog {

    /** The detail that says when the action happened; the trail's own time is when it heard of it. */
    static final String OCCURRED = "occurred";

    private final SqliteDatabase<AlertStoreException> database;
    private final Supplier<AuditTrail> trail;

    AuditBacklog(SqliteDatabase<AlertStoreException> database, Supplier<AuditTrail> trail) {
        this.database = database;
        this.trail = trail;
    }

    record Entry(long id, String action, String actor, Map<String, String> details, Instant occurred) {
    }

    static void add(Connection c, String action, String actor, Map<String, String> details, Instant occurred)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO pending_audit (action, actor, details, occurred) VALUES (?,?,?,?)")) {
            p.setString(1, action);
            p.setString(2, actor);
            p.setString(3, encode(details));
            p.setLong(4, occurred.toEpochMilli());
            p.executeUpdate();
        }
    }

    /**
     * Forwards every waiting entry. True when none is left; false when the trail is absent or
     * refused one (that one and those after it wait, so the trail keeps their order).
     */
    synchronized boolean forward() throws AlertStoreException {
        while (true) {
            AuditTrail t = trail.get();
            if (t == null) {
                return waiting() == 0;
            }
            List<Entry> batch = database.read(c -> pending(c, 100));
            if (batch.isEmpty()) {
                return true;
            }
            for (Entry e : batch) {
                Map<String, String> details = new LinkedHashMap<>(e.details());
                details.put(OCCURRED, e.occurred().toString());
                try {
                    t.record(e.action(), e.actor(), details);
                } catch (AuditException | RuntimeException failure) {
                    return false;
                }
                database.transaction(c -> {
                    try (PreparedStatement p = c.prepareStatement("DELETE FROM pending_audit WHERE id = ?")) {
                        p.setLong(1, e.id());
                        p.executeUpdate();
                    }
                    return null;
                });
            }
        }
    }

    int waiting() throws AlertStoreException {
        return database.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pending_audit"); ResultSet r = p.executeQuery()) {
                return r.getInt(1);
            }
        });
    }

    private static List<Entry> pending(Connection c, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, action, actor, details, occurred FROM pending_audit ORDER BY id LIMIT ?")) {
            p.setInt(1, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), decode(r.getString(4)),
                            Instant.ofEpochMilli(r.getLong(5))));
                }
            }
            return out;
        }
    }

    /** key=value lines; details are ids, numbers and times, so line breaks are flattened. */
    static String encode(Map<String, String> details) {
        StringBuilder b = new StringBuilder();
        details.forEach((k, v) -> b.append(flat(k).replace('=', '_')).append('=').append(flat(v)).append('\n'));
        return b.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static String flat(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
