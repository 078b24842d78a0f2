package io.vigil.cluster.internal;

import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.LogTopic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates each shared log's topic the first time this node uses it, with the cluster's replication: a log is
 * declared in code (the same on every node), so no administrator has to create topics by hand. A topic that already
 * exists is left as it is (its partitions are never changed here: that would move keys between partitions and break
 * the order of a key's records).
 */
final class LogTopics {

    private static final long BOUND_SECONDS = 15;

    private final ClusterOptions options;
    private final Admin admin;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    LogTopics(ClusterOptions options, Admin admin) {
        this.options = options;
        this.admin = admin;
    }

    /** The Kafka topic of {@code log}, created if missing. */
    String ensure(LogTopic log) throws ClusterException {
        String topic = topicOf(options, log);
        if (ready.contains(topic)) {
            return topic;
        }
        int replicas = options.replicationFactor();
        NewTopic spec = new NewTopic(topic, log.partitions(), (short) replicas).configs(Map.of(
                "cleanup.policy", log.compacted() ? "compact" : "delete",
                // kept for good: what a log holds is removed by its owners' own rules (retention, erasure), not by age
                "retention.ms", log.compacted() ? Long.toString(7L * 24 * 3600 * 1000) : "-1",
                "min.insync.replicas", Integer.toString(Math.min(2, replicas))));
        try {
            admin.createTopics(List.of(spec)).all().get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ClusterException("cannot create the cluster log " + topic + " at " + options.bootstrapServers()
                        + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new ClusterException("Kafka at " + options.bootstrapServers() + " did not answer within "
                    + BOUND_SECONDS + " s (creating the cluster log " + topic + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while creating the cluster log " + topic, e);
        }
        ready.add(topic);
        return topic;
    }

    static String topicOf(ClusterOptions options, LogTopic log) {
        return options.topicPrefix() + "log." + log.name();
    }
}
