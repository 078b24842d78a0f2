package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertState;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.watchlist.Recognition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of alerts, their evidence and reviews; each call runs on the connection it is given. */
final class AlertRecords {

    private static final String COLUMNS = "seq, tag, deployment_id, camera_id, vms_camera_id, capture_time, track_id,"
            + " watchlist_id, category, subject_pseudonym, score, threshold, quality, box_x, box_y, box_width, box_height,"
            + " model_id, model_version, state, stored_at, updated_at, last_seen, faces, legal_hold, hold_by, hold_since,"
            + " frame_width, frame_height, alert_id, origin_node";

    private AlertRecords() {
    }

    /** The sealed evidence of one alert and the period of its key (null: the single key used before periods). */
    record SealedEvidence(String keyPeriod, byte[] faceCrop, byte[] frameRegion) {
    }

    /** Filters for listing. */
    record Filter(Optional<AlertState> state, Optional<String> cameraId, int limit) {
    }

    static AlertId insert(Connection c, Recognition r, Optional<String> vmsCameraId, String tag, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO alert (tag, deployment_id, camera_id, vms_camera_id,"
                + " capture_time, track_id, watchlist_id, category, subject_pseudonym, score, threshold, quality, box_x, box_y,"
                + " box_width, box_height, model_id, model_version, state, stored_at, updated_at, last_seen, faces,"
                + " frame_width, frame_height)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            var o = r.observation();
            p.setString(1, tag);
            p.setString(2, r.deploymentId());
            p.setString(3, o.cameraId());
            if (vmsCameraId.isPresent()) {
                p.setString(4, vmsCameraId.get());
            } else {
                p.setNull(4, Types.VARCHAR);
            }
            p.setLong(5, o.captureTime().toEpochMilli());
            p.setLong(6, o.trackId());
            p.setString(7, r.watchlistId());
            p.setString(8, r.category().name());
            p.setString(9, r.subjectPseudonym());
            p.setFloat(10, r.score());
            p.setFloat(11, r.threshold());
            p.setFloat(12, o.quality().score());
            p.setFloat(13, o.box().x());
            p.setFloat(14, o.box().y());
            p.setFloat(15, o.box().width());
            p.setFloat(16, o.box().height());
            p.setString(17, o.embedding().modelId());
            p.setString(18, o.embedding().modelVersion());
            p.setString(19, AlertState.NEW.name());
            p.setLong(20, now.toEpochMilli());
            p.setLong(21, now.toEpochMilli());
            p.setLong(22, o.captureTime().toEpochMilli());
            p.setInt(23, o.frameWidth());
            p.setInt(24, o.frameHeight());
            p.executeUpdate();
            AlertId id;
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                id = new AlertId(keys.getLong(1), tag);
            }
            try (PreparedStatement u = c.prepareStatement("UPDATE alert SET alert_id = ? WHERE seq = ?")) {
                u.setString(1, id.toString());
                u.setLong(2, id.seq());
                u.executeUpdate();
            }
            return id;
        }
    }

    /**
     * The newest alert of this track, camera, deployment and subject whose last face was seen
     * at most {@code windowMillis} before this one: track ids restart with the tracker, so an
     * old alert with the same track id is another pass, not this one.
     */
    static Optional<StoredAlert> trackAlert(Connection c, Recognition r, long windowMillis) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE camera_id = ? AND track_id = ?"
                + " AND deployment_id = ? AND subject_pseudonym = ? AND last_seen >= ? ORDER BY seq DESC LIMIT 1")) {
            var o = r.observation();
            p.setString(1, o.cameraId());
            p.setLong(2, o.trackId());
            p.setString(3, r.deploymentId());
            p.setString(4, r.subjectPseudonym());
            p.setLong(5, o.captureTime().toEpochMilli() - windowMillis);
            return one(p);
        }
    }

    /** A better face of the track: its score, box, quality and capture time replace the old ones. */
    static void improve(Connection c, AlertId id, Recognition r, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE alert SET capture_time = ?, score = ?, threshold = ?,"
                + " quality = ?, box_x = ?, box_y = ?, box_width = ?, box_height = ?, model_id = ?, model_version = ?,"
                + " updated_at = ?, frame_width = ?, frame_height = ? WHERE alert_id = ?")) {
            var o = r.observation();
            p.setLong(1, o.captureTime().toEpochMilli());
            p.setFloat(2, r.score());
            p.setFloat(3, r.threshold());
            p.setFloat(4, o.quality().score());
            p.setFloat(5, o.box().x());
            p.setFloat(6, o.box().y());
            p.setFloat(7, o.box().width());
            p.setFloat(8, o.box().height());
            p.setString(9, o.embedding().modelId());
            p.setString(10, o.embedding().modelVersion());
            p.setLong(11, now.toEpochMilli());
            p.setInt(12, o.frameWidth());
            p.setInt(13, o.frameHeight());
            p.setString(14, id.toString());
            p.executeUpdate();
        }
    }

    /** Another face of the track was seen (better or not): it keeps the track's alert open. */
    static void seen(Connection c, AlertId id, Instant captureTime) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE alert SET last_seen = max(last_seen, ?), faces = faces + 1 WHERE alert_id = ?")) {
            p.setLong(1, captureTime.toEpochMilli());
            p.setString(2, id.toString());
            p.executeUpdate();
        }
    }

    static void putEvidence(Connection c, AlertId id, String keyPeriod, byte[] sealedFace, byte[] sealedRegion)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO evidence (alert_seq, sealed_face_crop, sealed_frame_region,"
                + " key_period) VALUES ((SELECT seq FROM alert WHERE alert_id = ?),?,?,?) ON CONFLICT(alert_seq) DO UPDATE SET sealed_face_crop = excluded.sealed_face_crop,"
                + " sealed_frame_region = excluded.sealed_frame_region, key_period = excluded.key_period")) {
            p.setString(1, id.toString());
            p.setBytes(2, sealedFace);
            p.setBytes(3, sealedRegion);
            p.setString(4, keyPeriod);
            p.executeUpdate();
        }
    }

    static Optional<SealedEvidence> evidence(Connection c, AlertId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT key_period, sealed_face_crop, sealed_frame_region FROM evidence WHERE alert_seq ="
                        + " (SELECT seq FROM alert WHERE alert_id = ?)")) {
            p.setString(1, id.toString());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new SealedEvidence(r.getString(1), r.getBytes(2), r.getBytes(3)))
                        : Optional.empty();
            }
        }
    }

    /** The periods whose keys stored evidence is sealed under; null for evidence sealed before periods. */
    static java.util.Set<String> evidenceKeyPeriods(Connection c) throws SQLException {
        java.util.Set<String> periods = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT DISTINCT key_period FROM evidence")) {
            while (r.next()) {
                periods.add(r.getString(1));
            }
        }
        return periods;
    }

    static Optional<StoredAlert> find(Connection c, AlertId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE alert_id = ?")) {
            p.setString(1, id.toString());
            return one(p);
        }
    }

    /** Where an alert stands in this database's order (its local seq), if it is here. */
    static java.util.OptionalLong localSeq(Connection c, AlertId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT seq FROM alert WHERE alert_id = ?")) {
            p.setString(1, id.toString());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? java.util.OptionalLong.of(r.getLong(1)) : java.util.OptionalLong.empty();
            }
        }
    }

    /**
     * An alert another node stored, as that node published it: its id, times and state NEW; this
     * database gives it a seq of its own. The caller puts its evidence.
     */
    static void insertMaterialised(Connection c, StoredAlert a) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO alert (tag, deployment_id, camera_id, vms_camera_id,"
                + " capture_time, track_id, watchlist_id, category, subject_pseudonym, score, threshold, quality, box_x, box_y,"
                + " box_width, box_height, model_id, model_version, state, stored_at, updated_at, last_seen, faces,"
                + " frame_width, frame_height, alert_id, origin_node)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            p.setString(1, a.id().tag());
            p.setString(2, a.deploymentId());
            p.setString(3, a.cameraId());
            if (a.vmsCameraId().isPresent()) {
                p.setString(4, a.vmsCameraId().get());
            } else {
                p.setNull(4, Types.VARCHAR);
            }
            p.setLong(5, a.captureTime().toEpochMilli());
            p.setLong(6, a.trackId());
            p.setString(7, a.watchlistId());
            p.setString(8, a.category());
            p.setString(9, a.subjectPseudonym());
            p.setFloat(10, a.score());
            p.setFloat(11, a.threshold());
            p.setFloat(12, a.quality());
            p.setFloat(13, a.box().x());
            p.setFloat(14, a.box().y());
            p.setFloat(15, a.box().width());
            p.setFloat(16, a.box().height());
            p.setString(17, a.modelId());
            p.setString(18, a.modelVersion());
            p.setString(19, AlertState.NEW.name());
            p.setLong(20, a.storedAt().toEpochMilli());
            p.setLong(21, a.updatedAt().toEpochMilli());
            p.setLong(22, a.lastSeen().toEpochMilli());
            p.setInt(23, a.faces());
            p.setInt(24, a.frameWidth());
            p.setInt(25, a.frameHeight());
            p.setString(26, a.id().toString());
            p.setString(27, a.originNode().orElseThrow());
            p.executeUpdate();
        }
    }

    /** A better face of a materialised alert, as its node published it. */
    static void improveMaterialised(Connection c, StoredAlert a) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE alert SET capture_time = ?, score = ?, threshold = ?,"
                + " quality = ?, box_x = ?, box_y = ?, box_width = ?, box_height = ?, model_id = ?, model_version = ?,"
                + " updated_at = ?, last_seen = max(last_seen, ?), faces = max(faces, ?), frame_width = ?, frame_height = ?"
                + " WHERE alert_id = ?")) {
            p.setLong(1, a.captureTime().toEpochMilli());
            p.setFloat(2, a.score());
            p.setFloat(3, a.threshold());
            p.setFloat(4, a.quality());
            p.setFloat(5, a.box().x());
            p.setFloat(6, a.box().y());
            p.setFloat(7, a.box().width());
            p.setFloat(8, a.box().height());
            p.setString(9, a.modelId());
            p.setString(10, a.modelVersion());
            p.setLong(11, a.updatedAt().toEpochMilli());
            p.setLong(12, a.lastSeen().toEpochMilli());
            p.setInt(13, a.faces());
            p.setInt(14, a.frameWidth());
            p.setInt(15, a.frameHeight());
            p.setString(16, a.id().toString());
            p.executeUpdate();
        }
    }

    static List<StoredAlert> after(Connection c, long afterSeq, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE seq > ? ORDER BY seq LIMIT ?")) {
            p.setLong(1, afterSeq);
            p.setInt(2, limit);
            return all(p);
        }
    }

    /** Newest first. */
    static List<StoredAlert> list(Connection c, Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE 1 = 1");
        f.state().ifPresent(s -> sql.append(" AND state = ?"));
        f.cameraId().ifPresent(s -> sql.append(" AND camera_id = ?"));
        sql.append(" ORDER BY seq DESC LIMIT ?");
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (f.state().isPresent()) {
                p.setString(i++, f.state().get().name());
            }
            if (f.cameraId().isPresent()) {
                p.setString(i++, f.cameraId().get());
            }
            p.setInt(i, f.limit());
            return all(p);
        }
    }

    /** Alerts stored before {@code cutoff} and not on legal hold: what retention deletes. */
    static List<StoredAlert> due(Connection c, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE stored_at < ?"
                + " AND legal_hold = 0 ORDER BY seq LIMIT ?")) {
            p.setLong(1, cutoff.toEpochMilli());
            p.setInt(2, limit);
            return all(p);
        }
    }

    /** The alert with its evidence, reviews and announcements (foreign keys cascade). */
    static boolean delete(Connection c, AlertId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM alert WHERE alert_id = ?")) {
            p.setString(1, id.toString());
            return p.executeUpdate() == 1;
        }
    }

    static void setState(Connection c, AlertId id, AlertState state, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE alert SET state = ?, updated_at = ? WHERE alert_id = ?")) {
            p.setString(1, state.name());
            p.setLong(2, now.toEpochMilli());
            p.setString(3, id.toString());
            p.executeUpdate();
        }
    }

    static void setHold(Connection c, AlertId id, boolean on, String by, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE alert SET legal_hold = ?, hold_by = ?, hold_since = ? WHERE alert_id = ?")) {
            p.setInt(1, on ? 1 : 0);
            if (on) {
                p.setString(2, by);
                p.setLong(3, now.toEpochMilli());
            } else {
                p.setNull(2, Types.VARCHAR);
                p.setNull(3, Types.INTEGER);
            }
            p.setString(4, id.toString());
            p.executeUpdate();
        }
    }

    static void addReview(Connection c, AlertId id, Review review) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO review (alert_seq, reviewer, outcome, reason, at)"
                        + " VALUES ((SELECT seq FROM alert WHERE alert_id = ?),?,?,?,?)")) {
            p.setString(1, id.toString());
            p.setString(2, review.reviewer());
            p.setString(3, review.outcome().name());
            if (review.reason().isPresent()) {
                p.setString(4, review.reason().get().text());
            } else {
                p.setNull(4, Types.VARCHAR);
            }
            p.setLong(5, review.at().toEpochMilli());
            p.executeUpdate();
        }
    }

    static List<Review> reviews(Connection c, AlertId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT reviewer, outcome, reason, at FROM review WHERE alert_seq = (SELECT seq FROM alert WHERE alert_id = ?)"
                        + " ORDER BY id")) {
            p.setString(1, id.toString());
            List<Review> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String reason = r.getString(3);
                    out.add(new Review(r.getString(1), Review.Outcome.valueOf(r.getString(2)),
                            Optional.ofNullable(reason).map(DismissReason::parse), Instant.ofEpochMilli(r.getLong(4))));
                }
            }
            return out;
        }
    }

    private static Optional<StoredAlert> one(PreparedStatement p) throws SQLException {
        try (ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(row(r)) : Optional.empty();
        }
    }

    private static List<StoredAlert> all(PreparedStatement p) throws SQLException {
        List<StoredAlert> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(row(r));
            }
        }
        return out;
    }

    private static StoredAlert row(ResultSet r) throws SQLException {
        long holdSince = r.getLong(27);
        boolean holdSinceNull = r.wasNull();
        // the alert's cluster-wide id; before step 4 filled it, seq and tag were the id
        String globalId = r.getString(30);
        AlertId id = globalId == null ? new AlertId(r.getLong(1), r.getString(2)) : AlertId.parse(globalId).orElseThrow();
        return new StoredAlert(
                id,
                r.getString(3),
                r.getString(4),
                Optional.ofNullable(r.getString(5)),
                Instant.ofEpochMilli(r.getLong(6)),
                r.getLong(7),
                r.getString(8),
                r.getString(9),
                r.getString(10),
                r.getFloat(11),
                r.getFloat(12),
                r.getFloat(13),
                new BoundingBox(r.getFloat(14), r.getFloat(15), r.getFloat(16), r.getFloat(17)),
                r.getString(18),
                r.getString(19),
                AlertState.valueOf(r.getString(20)),
                Instant.ofEpochMilli(r.getLong(21)),
                Instant.ofEpochMilli(r.getLong(22)),
                Instant.ofEpochMilli(r.getLong(23)),
                r.getInt(24),
                r.getInt(25) == 1,
                Optional.ofNullable(r.getString(26)),
                holdSinceNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(holdSince)),
                r.getInt(28),
                r.getInt(29),
                Optional.ofNullable(r.getString(31)));
    }
}
