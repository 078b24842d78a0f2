package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.SharedLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.service.log.Logger;

/**
 * On a cluster member, sends this node's audit trail to the cluster's audit log ({@link SharedAuditRecords}): its
 * checkpoint key, then every entry and signed checkpoint in order, from where the last acknowledged one left off
 * ({@link PublishedPosition}). The trail is the outbox: while Kafka is away the entries wait in it and go when it
 * answers again; the node's own chain, checkpoints and {@code vigil audit verify} are unchanged.
 *
 * <p>One runs while a {@link SharedLog} is bound ({@link ClusterAuditPublication}, a cluster member only). Leaving
 * the cluster or an update of the cluster bundle closes it; the next one continues from the stored position.
 */
final class AuditPublisher implements AutoCloseable {

    /** Entries read from the trail per round trip; the position is stored after each batch. */
    static final int BATCH = 200;
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final AuditTrailService trail;
    private final SharedLog log;
    private final Logger logger;
    private final Path positionFile;
    private final Thread worker;
    private volatile boolean running = true;
    private volatile String problem;

    /** Starts publishing on a thread of its own. */
    AuditPublisher(AuditTrailService trail, SharedLog log, Logger logger) {
        this.trail = trail;
        this.log = log;
        this.logger = logger;
        this.positionFile = PublishedPosition.beside(trail.options().database());
        this.worker = new Thread(this::run, "vigil-audit-publisher");
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        while (running) {
            Duration pause = IDLE;
            try {
                publishPending();
                if (problem != null) {
                    logger.info("Audit trail: publishing to the cluster's audit log again");
                    problem = null;
                }
            } catch (ClusterException | AuditException e) {
                if (!e.getMessage().equals(problem)) {
                    // once per kind of trouble: Kafka away for an hour must not fill the log
                    logger.warn("Audit trail: entries wait on this node until the cluster's audit log takes them: {}",
                            e.getMessage());
                }
                problem = e.getMessage();
                pause = RETRY;
            } catch (RuntimeException e) {
                logger.error("Audit trail: publishing to the cluster's audit log failed", e);
                problem = String.valueOf(e.getMessage());
                pause = RETRY;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Sends what the cluster's audit log does not have yet and returns how many records went.
     *
     * @throws ClusterException Kafka did not acknowledge a record: the rest waits, the position stays at the last
     *                          acknowledged one
     */
    synchronized int publishPending() throws ClusterException, AuditException {
        String node = log.nodeId();
        PublishedPosition at = PublishedPosition.read(positionFile);
        int sent = 0;
        byte[] key = trail.publicKey();
        String keyId = CheckpointSigner.keyId(key);
        if (!keyId.equals(at.keyId())) {
            log.append(SharedAuditRecords.LOG, node, SharedAuditRecords.key(node, key));
            at = at.withKey(keyId);
            at.write(positionFile);
            sent++;
        }
        long anchor = trail.anchorSequence();
        if (at.entry() < anchor) {
            if (at.entry() > 0) {
                // pruning removed entries that never reached the log: the verifier shows the gap, this says why
                logger.warn("Audit trail: entries {}..{} were pruned before they were published; the cluster's audit log"
                        + " lacks them", at.entry() + 1, anchor);
            }
            // the anchor's checkpoint vouches for where the published chain starts; older ones seal nothing published
            at = at.withEntry(anchor).withCheckpoint(Math.max(at.checkpoint(), anchor - 1));
        }
        while (running) {
            List<AuditEntry> batch = trail.entriesAfter(at.entry(), BATCH);
            for (AuditEntry e : batch) {
                log.append(SharedAuditRecords.LOG, node, SharedAuditRecords.entry(node, e));
                at = at.withEntry(e.sequence());
                sent++;
            }
            // a checkpoint goes after the entry it seals; the anchor's (a trail pruned before it joined) goes first
            for (Checkpoint c : trail.checkpointsAfter(at.checkpoint(), at.entry())) {
                log.append(SharedAuditRecords.LOG, node, SharedAuditRecords.checkpoint(node, c));
                at = at.withCheckpoint(c.sequence());
                sent++;
            }
            if (!batch.isEmpty() || sent > 0) {
                at.write(positionFile);
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        return sent;
    }

    /** Why entries are waiting, while they are. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Stops publishing; what is not acknowledged yet goes with the next publisher. */
    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            logger.warn("Audit publisher did not stop within 10 s (waiting for Kafka's acknowledgement)");
        }
    }
}
