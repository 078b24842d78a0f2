package io.vigil.api.cluster;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Records every node of the cluster shares, in order: stored alerts and their reviews, audit entries and checkpoints,
 * and whatever else one node writes and all must see. Each log is a Kafka topic (prefixed with the cluster's topic
 * prefix, created on first use with the cluster's replication factor and {@code min.insync.replicas} 2 when it has 3
 * replicas or more). Records with the same key keep their order and land in the same partition.
 *
 * <p>Present only on a node configured as a cluster member ({@code conf/io.vigil.cluster.cfg}); consumers bind it
 * optionally and behave as a single node without it. Values are opaque bytes: what identifies a person travels only
 * sealed or as a pseudonymous id, exactly as it is stored.
 */
@ProviderType
public interface SharedLog {

    /** This node's name in the cluster ({@code node.id}): unique among the members, stable across restarts. */
    String nodeId();

    /**
     * Appends one record and returns once Kafka acknowledged it on every in-sync replica (idempotent producer,
     * {@code acks=all}), so an acknowledged record survives the loss of a broker. A {@code null} value on a
     * {@linkplain LogTopic#compacted() compacted} log is a tombstone: the key's earlier records go at compaction.
     *
     * @throws ClusterException Kafka did not acknowledge within the bound (unreachable, too few in-sync replicas):
     *                          the caller keeps the record (its outbox) and tries again later
     */
    void append(LogTopic log, String key, byte[] value) throws ClusterException;

    /**
     * Follows a log on a thread of its own from {@code from} (the next offset to read per partition; a partition
     * missing from the map is read from its beginning), calling the listener for each record in offset order per
     * partition, until the returned handle is closed. Delivery is at least once: a listener that stores the position
     * of each record it applied, in the same transaction, and passes those positions here when it starts again,
     * applies each record exactly once. A listener that throws is called again with the same record after a pause;
     * nothing is skipped.
     */
    AutoCloseable follow(LogTopic log, Map<Integer, Long> from, SharedLogListener listener);
}
