package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.support.sqlite.SqliteDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Deletes alerts stored more than the retention period ago and not on legal hold: the row, its
 * encrypted evidence, reviews and announcements, each deletion recorded in the audit trail in
 * the same transaction (recorded first: if the trail refuses, the alert stays). It compares
 * stored times with the clock rather than counting timer ticks, so a run after downtime deletes
 * everything that fell due meanwhile. Freed pages are zeroed by {@code secure_delete} and the
 * write-ahead log is checkpointed and truncated so no older copy of a page survives there. Then
 * the evidence keys no remaining evidence needs are destroyed, so what a backup of the database
 * holds of the deleted alerts' evidence can no longer be decrypted.
 */
final class RetentionJob {

    static final String ACTOR = "alert-retention";
    static final String EVIDENCE_KEY_DESTROYED = "alert.evidence-key-destroyed";

    /** What a run did. {@code waitingForAudit}: nothing was deleted because the trail is absent. */
    record Result(int deleted, boolean waitingForAudit) {
    }

    private final SqliteDatabase<AlertStoreException> database;
    private final Supplier<AuditTrail> trail;
    private final AuditBacklog backlog;
    private final Clock clock;
    private final IntSupplier retentionDays;
    private final EvidenceKeys evidenceKeys;
    private final AlertCluster cluster;

    RetentionJob(SqliteDatabase<AlertStoreException> database, Supplier<AuditTrail> trail, AuditBacklog backlog, Clock clock,
                 IntSupplier retentionDays, EvidenceKeys evidenceKeys, AlertCluster cluster) {
        this.cluster = cluster;
        this.database = database;
        this.trail = trail;
        this.backlog = backlog;
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.evidenceKeys = evidenceKeys;
    }

    Result run() throws AlertStoreException {
        Instant now = clock.instant();
        int days = retentionDays.getAsInt();
        Instant cutoff = now.minus(Duration.ofDays(days));
        evidenceKeys.prepare(now);
        // the matches of the alerts about to go must be in the trail before their deletions
        if (trail.get() == null || !backlog.forward()) {
            return new Result(0, true);
        }
        int deleted = 0;
        while (true) {
            List<StoredAlert> due = database.read(c -> AlertRecords.due(c, cutoff, 100));
            if (due.isEmpty()) {
                break;
            }
            for (StoredAlert a : due) {
                AuditTrail t = trail.get();
                if (t == null) {
                    return finish(deleted, true);
                }
                database.transaction(c -> {
                    AlertRecords.delete(c, a.id());
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("alert", a.id().toString());
                    details.put("deployment", a.deploymentId());
                    details.put("camera", a.cameraId());
                    details.put("watchlist", a.watchlistId());
                    details.put("subject", a.subjectPseudonym());
                    details.put("state", a.state().name());
                    details.put("stored", a.storedAt().toString());
                    details.put("reason", "retention: older than " + days + " days");
                    try {
                        t.record(AuditActions.ALERT_DELETED, ACTOR, details);
                    } catch (AuditException e) {
                        throw new AlertStoreException("alert " + a.id() + " was not deleted: the audit trail refused"
                                + " the deletion's record (" + e.getMessage() + ")", e);
                    }
                    return null;
                });
                deleted++;
            }
        }
        database.transaction(c -> Outbox.prune(c, now.minus(Duration.ofDays(1))));
        database.transaction(c -> ReviewRequests.prune(c, now.minus(Duration.ofDays(1))));
        return finish(deleted, false);
    }

    private Result finish(int deleted, boolean waiting) throws AlertStoreException {
        try {
            if (deleted > 0) {
                database.checkpointAndTruncateLog();
            }
        } finally {
            // even when the log could not be emptied yet: destroying the key is what erases
            destroyUnusedEvidenceKeys();
        }
        return new Result(deleted, waiting);
    }

    /**
     * Destroys the evidence keys of periods that are over and whose evidence is all gone, under the
     * database's lock (no evidence is sealed meanwhile), and records each in the audit trail.
     */
    private void destroyUnusedEvidenceKeys() throws AlertStoreException {
        Instant now = clock.instant();
        List<String> destroyed = database.transaction(c ->
                evidenceKeys.destroyUnused(AlertRecords.evidenceKeyPeriods(c), now));
        // in a cluster the other nodes destroy their copies when the tombstones reach them
        cluster.keysDestroyed(destroyed);
        AuditTrail t = trail.get();
        for (String alias : destroyed) {
            if (t != null) {
                try {
                    t.record(EVIDENCE_KEY_DESTROYED, ACTOR, Map.of("key", alias,
                            "reason", "no stored evidence is sealed under it any more"));
                } catch (AuditException e) {
                    // the key is gone either way; the alerts' deletions are in the trail already
                }
            }
        }
    }
}
