package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.cluster.SharedLog;
import io.vigil.api.cluster.SharedLogListener;
import io.vigil.api.cluster.SharedRecord;
import io.vigil.support.sqlite.SqliteDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.log.Logger;

/**
 * The alert store as a cluster member: present while a {@link SharedLog} is bound (a node with
 * {@code conf/io.vigil.cluster.cfg}), absent on a single node, which then runs exactly as before.
 * It queues what the node shares (its alerts with their sealed evidence, reviews, its evidence
 * keys) in the cluster outbox of the change's own transaction, has them appended by
 * {@link ClusterPublisher}, and follows the logs into this database ({@link AlertMaterialiser})
 * and the secret store (other nodes' evidence keys).
 */
final class AlertCluster implements AutoCloseable {

    /** How long a review command waits for the log's decision before it answers "queued". */
    static final Duration DECISION_WAIT = Duration.ofSeconds(20);

    private final SqliteDatabase<AlertStoreException> database;
    private final EvidenceKeys keys;
    private final EvidenceKeyShare share;
    private final Clock clock;
    private final Runnable announce;
    private final Logger logger;
    private final ClusterPublisher publisher;
    private final BackgroundLoop publishLoop;
    private volatile SharedLog log;
    private volatile AlertMaterialiser materialiser;
    private final List<AutoCloseable> following = new ArrayList<>();

    AlertCluster(SqliteDatabase<AlertStoreException> database, EvidenceKeys keys, EvidenceKeyShare share, Clock clock,
                 Duration retryInterval, Runnable announce, Logger logger) {
        this.database = database;
        this.keys = keys;
        this.share = share;
        this.clock = clock;
        this.announce = announce;
        this.logger = logger;
        this.publisher = new ClusterPublisher(database, () -> log, keys, share);
        Duration interval = retryInterval.compareTo(Duration.ofSeconds(1)) < 0 ? retryInterval : Duration.ofSeconds(1);
        this.publishLoop = new BackgroundLoop("vigil-alerts-cluster", interval, publisher::deliver,
                e -> logger.error("Alert records for the cluster wait: {}", e.getMessage())).start();
    }

    boolean member() {
        return log != null;
    }

    String nodeId() {
        SharedLog l = log;
        if (l == null) {
            throw new IllegalStateException("not a cluster member");
        }
        return l.nodeId();
    }

    /** Becomes a member: follows the logs from where this database left them, and sends what waits. */
    synchronized void join(SharedLog shared) throws AlertStoreException {
        leave();
        log = shared;
        AlertMaterialiser m = new AlertMaterialiser(database, shared.nodeId(), clock, announce, logger);
        materialiser = m;
        Map<Integer, Long> alerts = database.read(c -> ClusterOutbox.positions(c, AlertLogRecords.ALERTS.name()));
        Map<Integer, Long> evidenceKeys = database.read(c -> ClusterOutbox.positions(c, AlertLogRecords.EVIDENCE_KEYS.name()));
        following.add(shared.follow(AlertLogRecords.EVIDENCE_KEYS, evidenceKeys, new KeyFollower(shared.nodeId())));
        following.add(shared.follow(AlertLogRecords.ALERTS, alerts, m));
        publishLoop.wake();
    }

    /** No longer a member (the cluster bundle went, or the configuration): stops following; the outbox keeps what waits. */
    synchronized void leave() {
        for (AutoCloseable f : following) {
            try {
                f.close();
            } catch (Exception e) {
                logger.warn("Stopping to follow a cluster log failed: {}", e.getMessage());
            }
        }
        following.clear();
        log = null;
        materialiser = null;
    }

    boolean caughtUp() {
        AlertMaterialiser m = materialiser;
        return m != null && m.isCaughtUp();
    }

    /**
     * In the transaction that stored or improved an alert: queues it, with the sealed evidence as
     * stored, for the cluster; and the period's key the first time a period is used.
     */
    void queueAlert(Connection c, AlertId id, Instant now) throws SQLException {
        SharedLog l = log;
        if (l == null) {
            return;
        }
        StoredAlert a = AlertRecords.find(c, id).orElseThrow();
        AlertRecords.SealedEvidence evidence = AlertRecords.evidence(c, id).orElseThrow();
        if (evidence.keyPeriod() != null && ClusterOutbox.firstShare(c, evidence.keyPeriod(), now)) {
            ClusterOutbox.add(c, AlertLogRecords.EVIDENCE_KEYS.name(), EvidenceKeyShare.recordKey(l.nodeId(),
                    evidence.keyPeriod()), ClusterOutbox.KEY, null, now);
        }
        ClusterOutbox.add(c, AlertLogRecords.ALERTS.name(), id.toString(), AlertLogRecords.ALERT,
                AlertLogRecords.alert(l.nodeId(), a, evidence), now);
    }

    void queueReview(Connection c, AlertLogRecords.ReviewEntry review, Instant now) throws SQLException {
        ClusterOutbox.add(c, AlertLogRecords.ALERTS.name(), review.alert().toString(), AlertLogRecords.REVIEW,
                AlertLogRecords.review(review), now);
    }

    /** Retention destroyed these keys of this node: their tombstones go to the cluster (the others destroy their copies). */
    void keysDestroyed(List<String> aliases) throws AlertStoreException {
        SharedLog l = log;
        if (l == null) {
            return;
        }
        Instant now = clock.instant();
        database.transaction(c -> {
            for (String alias : aliases) {
                String period = alias.startsWith(EvidenceKeys.ALIAS_PREFIX) ? alias.substring(EvidenceKeys.ALIAS_PREFIX.length()) : null;
                if (period != null && !EvidenceKeys.isPeer(period)) {
                    ClusterOutbox.add(c, AlertLogRecords.EVIDENCE_KEYS.name(), EvidenceKeyShare.recordKey(l.nodeId(), period),
                            ClusterOutbox.KEY_DESTROYED, null, now);
                }
            }
            return null;
        });
        publishLoop.wake();
    }

    void wake() {
        publishLoop.wake();
    }

    /** The decision of this node's review request once applied here; null if it did not come within the wait. */
    ReviewRequests.Outcome awaitDecision(String request) throws AlertStoreException {
        publishLoop.wake();
        long until = System.nanoTime() + DECISION_WAIT.toNanos();
        while (true) {
            java.util.Optional<ReviewRequests.Outcome> o = database.read(c -> ReviewRequests.outcome(c, request));
            if (o.isPresent()) {
                return o.get();
            }
            if (System.nanoTime() > until) {
                return null;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    int waiting() throws AlertStoreException {
        return publisher.waiting();
    }

    java.util.Optional<String> problem() {
        return publisher.problem().or(share::problem);
    }

    /** Appends what waits now (tests; the loop does it by itself). */
    int publish() throws AlertStoreException {
        return publisher.deliver();
    }

    @Override
    public void close() {
        leave();
        publishLoop.close();
    }

    /** Other nodes' evidence keys into this node's secret store; their tombstones out of it. */
    private final class KeyFollower implements SharedLogListener {
        private final String self;

        KeyFollower(String self) {
            this.self = self;
        }

        @Override
        public void record(SharedRecord r) throws AlertStoreException {
            int slash = r.key().indexOf('/');
            String node = slash > 0 ? r.key().substring(0, slash) : "";
            String period = r.key().substring(slash + 1);
            if (slash > 0 && !node.equals(self) && EvidenceKeyPeriod.kindOf(period).isPresent()) {
                String peer = EvidenceKeyShare.peerPeriod(period, node);
                if (r.value() == null) {
                    keys.removePeer(peer);
                } else {
                    // throws while this node has no (or another) cluster KEK: the follower retries after a pause
                    keys.putPeer(peer, share.unwrap(node, period, r.value()));
                }
            }
            // the secret store is not in the transaction: applying a key twice after a crash is harmless
            database.transaction(c -> {
                ClusterOutbox.applied(c, AlertLogRecords.EVIDENCE_KEYS.name(), r.partition(), r.offset());
                return null;
            });
        }
    }
}
