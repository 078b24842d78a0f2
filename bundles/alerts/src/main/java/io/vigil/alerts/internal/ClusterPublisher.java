package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.LogTopic;
import io.vigil.api.cluster.SharedLog;
import io.vigil.support.sqlite.SqliteDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Appends the cluster outbox to the shared logs, oldest first, and removes each entry only once
 * Kafka acknowledged it on every in-sync replica. While Kafka is out of reach the entries stay
 * (nothing is lost; a crash between the acknowledgement and the removal appends one twice, which
 * the followers' stored positions and the alert's unique id absorb) and the publisher retries with
 * a back-off doubling from 1 s to at most 30 s. An evidence key is wrapped only as it is sent; one
 * that cannot be wrapped (no cluster KEK here) waits without holding up the alerts.
 */
final class ClusterPublisher {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SqliteDatabase<AlertStoreException> database;
    private final Supplier<SharedLog> log;
    private final EvidenceKeys keys;
    private final EvidenceKeyShare share;
    private int failures;
    /** System.nanoTime() before which no append is tried: monotonic, as a wall clock set back would stall the outbox. */
    private long notBefore;
    private volatile String lastProblem;

    ClusterPublisher(SqliteDatabase<AlertStoreException> database, Supplier<SharedLog> log, EvidenceKeys keys,
                     EvidenceKeyShare share) {
        this.database = database;
        this.log = log;
        this.keys = keys;
        this.share = share;
    }

    /** One pass; returns how many records were appended. */
    synchronized int deliver() throws AlertStoreException {
        SharedLog shared = log.get();
        if (shared == null || (failures > 0 && System.nanoTime() - notBefore < 0)) {
            return 0;
        }
        int sent = 0;
        Set<String> held = new HashSet<>();
        while (true) {
            List<ClusterOutbox.Entry> batch = database.read(c -> ClusterOutbox.next(c, 100));
            boolean progressed = false;
            for (ClusterOutbox.Entry e : batch) {
                if (held.contains(e.log() + "/" + e.key())) {
                    continue;
                }
                byte[] value;
                try {
                    value = value(e, shared.nodeId());
                } catch (AlertStoreException notNow) {
                    // this key's records keep their order: later ones of the same key wait with it
                    held.add(e.log() + "/" + e.key());
                    lastProblem = notNow.getMessage();
                    database.transaction(c -> {
                        ClusterOutbox.failed(c, e.id(), notNow.getMessage());
                        return null;
                    });
                    continue;
                }
                try {
                    shared.append(topic(e.log()), e.key(), value);
                } catch (ClusterException | RuntimeException unreachable) {
                    failures++;
                    long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 5));
                    notBefore = System.nanoTime() + backoff * 1_000_000L;
                    lastProblem = "Kafka did not take the record: " + unreachable.getMessage();
                    database.transaction(c -> {
                        ClusterOutbox.failed(c, e.id(), unreachable.getMessage());
                        return null;
                    });
                    return sent;
                }
                database.transaction(c -> {
                    ClusterOutbox.sent(c, e.id());
                    return null;
                });
                failures = 0;
                lastProblem = null;
                sent++;
                progressed = true;
            }
            if (!progressed || batch.size() < 100) {
                return sent;
            }
        }
    }

    private byte[] value(ClusterOutbox.Entry e, String nodeId) throws AlertStoreException {
        if (ClusterOutbox.KEY.equals(e.kind())) {
            String period = e.key().substring(e.key().indexOf('/') + 1);
            Optional<byte[]> key = keys.ownKey(period);
            if (key.isEmpty()) {
                return null; // destroyed meanwhile: its tombstone, then
            }
            try {
                return share.wrap(nodeId, period, key.get());
            } finally {
                java.util.Arrays.fill(key.get(), (byte) 0);
            }
        }
        return ClusterOutbox.KEY_DESTROYED.equals(e.kind()) ? null : e.value();
    }

    private static LogTopic topic(String name) {
        return name.equals(AlertLogRecords.EVIDENCE_KEYS.name()) ? AlertLogRecords.EVIDENCE_KEYS : AlertLogRecords.ALERTS;
    }

    int waiting() throws AlertStoreException {
        return database.read(ClusterOutbox::waiting);
    }

    /** Why records wait, if they do for a reason other than no cluster. */
    Optional<String> problem() {
        return Optional.ofNullable(lastProblem);
    }
}
