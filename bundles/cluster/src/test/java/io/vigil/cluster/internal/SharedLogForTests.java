package io.vigil.cluster.internal;

import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.LogTopic;
import io.vigil.api.cluster.SharedLog;
import io.vigil.api.cluster.SharedLogListener;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.testing.RecordingLogger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@link KafkaSharedLog} for other modules' tests (from this test-jar), opened on a test broker without a
 * framework: plaintext, replication factor 1, and a short delivery bound so a test of Kafka's absence takes seconds.
 */
public final class SharedLogForTests implements SharedLog, AutoCloseable {

    private final KafkaSharedLog log;

    private SharedLogForTests(KafkaSharedLog log) {
        this.log = log;
    }

    /**
     * @param prefix        the topic prefix, one per test to keep tests apart
     * @param deliveryBound how long an append waits for Kafka's acknowledgement before it refuses
     */
    public static SharedLogForTests open(String bootstrapServers, String nodeId, String prefix, Duration deliveryBound)
            throws SecretStoreException {
        ClusterOptions options = new ClusterOptions(bootstrapServers, nodeId, prefix, 1, 4, 3000, 500, null, null);
        return new SharedLogForTests(new KafkaSharedLog(new KafkaClientSettings(options, alias -> Optional.empty()),
                RecordingLogger.quiet(), deliveryBound));
    }

    @Override
    public String nodeId() {
        return log.nodeId();
    }

    @Override
    public void append(LogTopic topic, String key, byte[] value) throws ClusterException {
        log.append(topic, key, value);
    }

    @Override
    public AutoCloseable follow(LogTopic topic, Map<Integer, Long> from, SharedLogListener listener) {
        return log.follow(topic, from, listener);
    }

    @Override
    public void close() {
        log.deactivate();
    }
}
