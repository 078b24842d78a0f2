package io.vigil.cluster.internal;

import io.vigil.api.cluster.SharedLog;
import io.vigil.testing.RecordingLogger;
import java.time.Duration;
import java.util.Optional;

/**
 * The real {@link KafkaSharedLog} for other modules' tests (in the test-jar, like {@link TestMember}): made and stopped as
 * DS would, with a delivery bound of the test's choosing (the alert store's ClusterAlertsTest: two stores sharing alerts
 * and reviews through a real broker).
 */
public final class TestSharedLogs {

    private TestSharedLogs() {
    }

    /** A member's shared log on a plain-text test broker, Kafka's acknowledgement awaited at most {@code delivery}. */
    public static SharedLog open(String bootstrap, String nodeId, String prefix, Duration delivery) throws Exception {
        ClusterOptions options = new ClusterOptions(bootstrap, nodeId, prefix, 1, 3, 3000, 500, null, null);
        return new KafkaSharedLog(new KafkaClientSettings(options, alias -> Optional.empty()), RecordingLogger.quiet(), delivery);
    }

    /** What DS does when the member's configuration goes. */
    public static void close(SharedLog log) {
        ((KafkaSharedLog) log).deactivate();
    }
}
