package io.vigil.cluster.internal;

import io.vigil.api.cluster.CameraAssignment;
import io.vigil.api.cluster.CameraAssignmentListener;
import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.OwnedCamera;
import java.util.Map;
import java.util.Optional;

/**
 * For other modules' tests (in the test-jar): a real cluster member on a test broker, as the
 * {@link CameraAssignment} that {@link KafkaCameraAssignment} provides in a container, without a
 * framework, TLS or SASL, and with the short session a test needs. {@link #close()} leaves the group.
 */
public final class TestMember implements CameraAssignment, AutoCloseable {

    private final AssignmentMember member;

    private TestMember(AssignmentMember member) {
        this.member = member;
    }

    /** Joins at once; {@link #state()} starts with "member" once Kafka assigned this node its share. */
    public static TestMember join(String bootstrapServers, String nodeId, String topicPrefix, int partitions,
            int sessionMs, int heartbeatMs) {
        ClusterOptions options = new ClusterOptions(bootstrapServers, nodeId, topicPrefix, 1, partitions, sessionMs,
                heartbeatMs, null, null);
        AssignmentMember member = new AssignmentMember(new KafkaClientSettings(options, alias -> Optional.empty()),
                System.err::println);
        member.start();
        return new TestMember(member);
    }

    public String state() {
        return member.state();
    }

    @Override
    public Map<String, OwnedCamera> owned() {
        return member.owned();
    }

    @Override
    public boolean owns(String cameraId, long epoch) {
        return member.owns(cameraId, epoch);
    }

    @Override
    public void publish(String cameraId, String configuration) throws ClusterException {
        member.publish(cameraId, configuration);
    }

    @Override
    public void withdraw(String cameraId) throws ClusterException {
        member.withdraw(cameraId);
    }

    @Override
    public AutoCloseable subscribe(CameraAssignmentListener listener) {
        return member.subscribe(listener);
    }

    @Override
    public void close() {
        member.close();
    }
}
