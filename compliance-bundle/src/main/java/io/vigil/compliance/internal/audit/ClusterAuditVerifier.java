package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import io.vigil.api.cluster.SharedLog;
import io.vigil.api.cluster.SharedLogListener;
import io.vigil.api.cluster.SharedRecord;
import io.vigil.compliance.internal.audit.SharedAuditRecords.Published;
import io.vigil.compliance.internal.audit.SharedAuditRecords.PublishedCheckpoint;
import io.vigil.compliance.internal.audit.SharedAuditRecords.PublishedEntry;
import io.vigil.compliance.internal.audit.SharedAuditRecords.PublishedKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil audit verify --cluster}: reads the cluster's audit log from its beginning until it has every record
 * that was there when it started, and checks each node's chain ({@link PublishedChain}). Needs nothing from the nodes
 * themselves, so a dead node's chain is verified as well as a live one's.
 */
final class ClusterAuditVerifier {

    /** Every node's chain as read, and how many records that took. */
    record Report(String readBy, long records, List<NodeAudit> nodes) {

        Report {
            nodes = List.copyOf(nodes);
        }

        boolean intact() {
            return nodes.stream().allMatch(NodeAudit::intact);
        }
    }

    private final SharedLog log;
    private final Duration bound;

    /** @param bound how long reading the whole log may take before verification gives up */
    ClusterAuditVerifier(SharedLog log, Duration bound) {
        this.log = log;
        this.bound = bound;
    }

    Report verify() throws AuditException {
        Reading reading = new Reading();
        try (AutoCloseable following = log.follow(SharedAuditRecords.LOG, Map.of(), reading)) {
            if (!reading.caughtUp.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AuditException("the cluster's audit log was not read to its end within " + bound.toSeconds()
                        + " s (" + reading.records() + " records read): is Kafka reachable? vigil cluster status tells");
            }
            return reading.finish(log.nodeId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while reading the cluster's audit log", e);
        } catch (AuditException e) {
            throw e;
        } catch (Exception e) {
            throw new AuditException("cannot read the cluster's audit log: " + e.getMessage(), e);
        }
    }

    /** What the follower's thread hands over; closed for more once the report is made. */
    private static final class Reading implements SharedLogListener {
        final CountDownLatch caughtUp = new CountDownLatch(1);
        private final Map<String, PublishedChain> chains = new TreeMap<>();
        private long records;
        private boolean finished;

        @Override
        public synchronized void record(SharedRecord r) {
            if (finished) {
                return;
            }
            records++;
            PublishedChain chain = chains.computeIfAbsent(r.key(), PublishedChain::new);
            Published p;
            try {
                p = SharedAuditRecords.read(r.key(), r.value());
            } catch (IllegalArgumentException e) {
                chain.malformed("the record at partition " + r.partition() + " offset " + r.offset(), e.getMessage());
                return;
            }
            if (p instanceof PublishedEntry e) {
                chain.entry(e.entry());
            } else if (p instanceof PublishedCheckpoint c) {
                chain.checkpoint(c.checkpoint());
            } else if (p instanceof PublishedKey k) {
                chain.key(k);
            }
        }

        @Override
        public void caughtUp() {
            caughtUp.countDown();
        }

        synchronized long records() {
            return records;
        }

        synchronized Report finish(String readBy) {
            finished = true;
            List<NodeAudit> nodes = new ArrayList<>();
            chains.values().forEach(c -> nodes.add(c.finish()));
            return new Report(readBy, records, nodes);
        }
    }
}
