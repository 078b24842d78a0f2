package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.support.sqlite.SqliteDatabase;
import io.vigil.support.sqlite.SqliteDatabase.Feature;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * The alert database schema as numbered steps, each applied in its own transaction with the
 * version it reaches ({@code PRAGMA user_version}); released steps are never edited, only added.
 * Times are epoch milliseconds (UTC).
 */
final class AlertSchema {

    private AlertSchema() {
    }

    static final List<List<String>> STEPS = List.of(
            // 1: alerts with their sealed evidence, reviews, the announcement outbox, audit entries
            // waiting for the audit trail, and review outcomes counted per watchlist and camera
            // (the counts outlive the alerts retention deletes, so rates cover more than 31 days)
            List.of(
                    """
                    CREATE TABLE alert (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      tag TEXT NOT NULL,
                      deployment_id TEXT NOT NULL,
                      camera_id TEXT NOT NULL,
                      vms_camera_id TEXT,
                      capture_time INTEGER NOT NULL,
                      track_id INTEGER NOT NULL,
                      watchlist_id TEXT NOT NULL,
                      category TEXT NOT NULL,
                      subject_pseudonym TEXT NOT NULL,
                      score REAL NOT NULL,
                      threshold REAL NOT NULL,
                      quality REAL NOT NULL,
                      box_x REAL NOT NULL,
                      box_y REAL NOT NULL,
                      box_width REAL NOT NULL,
                      box_height REAL NOT NULL,
                      model_id TEXT NOT NULL,
                      model_version TEXT NOT NULL,
                      state TEXT NOT NULL,
                      stored_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      last_seen INTEGER NOT NULL,
                      faces INTEGER NOT NULL,
                      legal_hold INTEGER NOT NULL DEFAULT 0,
                      hold_by TEXT,
                      hold_since INTEGER)""",
                    "CREATE INDEX alert_track ON alert(camera_id, track_id, deployment_id, subject_pseudonym)",
                    "CREATE INDEX alert_stored ON alert(stored_at)",
                    """
                    CREATE TABLE evidence (
                      alert_seq INTEGER PRIMARY KEY REFERENCES alert(seq) ON DELETE CASCADE,
                      sealed_face_crop BLOB NOT NULL,
                      sealed_frame_region BLOB NOT NULL)""",
                    """
                    CREATE TABLE review (
                      id INTEGER PRIMARY KEY,
                      alert_seq INTEGER NOT NULL REFERENCES alert(seq) ON DELETE CASCADE,
                      reviewer TEXT NOT NULL,
                      outcome TEXT NOT NULL,
                      reason TEXT,
                      at INTEGER NOT NULL)""",
                    "CREATE INDEX review_alert ON review(alert_seq)",
                    """
                    CREATE TABLE outbox (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      alert_seq INTEGER NOT NULL REFERENCES alert(seq) ON DELETE CASCADE,
                      topic TEXT NOT NULL,
                      alert_id TEXT NOT NULL,
                      state TEXT NOT NULL,
                      updated INTEGER NOT NULL,
                      created INTEGER NOT NULL,
                      delivered INTEGER)""",
                    "CREATE INDEX outbox_undelivered ON outbox(delivered, id)",
                    "CREATE INDEX outbox_alert ON outbox(alert_seq)",
                    """
                    CREATE TABLE pending_audit (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      action TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      details TEXT NOT NULL,
                      occurred INTEGER NOT NULL)""",
                    """
                    CREATE TABLE outcome_tally (
                      watchlist_id TEXT NOT NULL,
                      camera_id TEXT NOT NULL,
                      confirmed INTEGER NOT NULL DEFAULT 0,
                      false_alert INTEGER NOT NULL DEFAULT 0,
                      not_actionable INTEGER NOT NULL DEFAULT 0,
                      other INTEGER NOT NULL DEFAULT 0,
                      PRIMARY KEY (watchlist_id, camera_id))"""),
            // 2: the frame's size beside the face box, so the box can be normalised for the VMS
            List.of(
                    "ALTER TABLE alert ADD COLUMN frame_width INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE alert ADD COLUMN frame_height INTEGER NOT NULL DEFAULT 0"),
            // 3: evidence sealed under one key per period (alerts.evidence.<period> in the secret
            // store, destroyed once retention has deleted the period's alerts); NULL: sealed under
            // the single key alerts.key used before, kept until its last alert is deleted
            List.of(
                    "ALTER TABLE evidence ADD COLUMN key_period TEXT",
                    "CREATE INDEX evidence_key_period ON evidence(key_period)"),
            // 4: the cluster (issue 21). An alert's id is unique across nodes (alert_id; the local
            // seq orders this database only, so an alert materialised from another node gets its
            // own); origin_node names the node that stored it (NULL: this one). cluster_outbox holds
            // what this node still has to append to the cluster's logs, written in the same
            // transaction as the change; log_position where each followed log resumes, written in
            // the same transaction as the record it applied; review_request the outcome of this
            // node's reviews once the log's order decided them; shared_key_period the evidence key
            // periods this node has shared with the cluster
            List.of(
                    "ALTER TABLE alert ADD COLUMN alert_id TEXT",
                    "UPDATE alert SET alert_id = 'A-' || seq || '-' || tag",
                    "CREATE UNIQUE INDEX alert_global_id ON alert(alert_id)",
                    "ALTER TABLE alert ADD COLUMN origin_node TEXT",
                    """
                    CREATE TABLE cluster_outbox (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      log TEXT NOT NULL,
                      record_key TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      value BLOB,
                      created INTEGER NOT NULL,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      last_error TEXT)""",
                    """
                    CREATE TABLE log_position (
                      log TEXT NOT NULL,
                      partition INTEGER NOT NULL,
                      next_offset INTEGER NOT NULL,
                      PRIMARY KEY (log, partition))""",
                    """
                    CREATE TABLE review_request (
                      request_id TEXT PRIMARY KEY,
                      alert_id TEXT NOT NULL,
                      requested INTEGER NOT NULL,
                      applied INTEGER,
                      message TEXT,
                      decided INTEGER)""",
                    "CREATE TABLE shared_key_period (period TEXT PRIMARY KEY, shared INTEGER NOT NULL)"));

    static int latest() {
        return STEPS.size();
    }

    /**
     * The SQLite file of the alerts: write-ahead log with full sync (a stored alert survives a power
     * cut), {@code secure_delete} so pages freed by retention are zeroed, foreign keys so an alert's
     * evidence, reviews and announcements go with it. A file that is not Vigil's alert database, or
     * one from a newer Vigil, is refused and left untouched.
     */
    static SqliteDatabase<AlertStoreException> open(Path file) throws AlertStoreException {
        return SqliteDatabase.open(file, new SqliteDatabase.Schema("alert database", STEPS,
                EnumSet.of(Feature.FOREIGN_KEYS, Feature.SECURE_DELETE)), AlertStoreException::new);
    }
}
