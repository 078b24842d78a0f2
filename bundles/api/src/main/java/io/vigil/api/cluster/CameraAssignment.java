package io.vigil.api.cluster;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which cameras this node analyses in a cluster. Camera configurations live on a compacted Kafka topic keyed by
 * camera id; the topic's partitions are split among the live nodes by Kafka's consumer-group assignment (the
 * KIP-848 consumer protocol), so each camera is analysed by exactly one live node, and a node that dies or is cut
 * off loses its cameras to the survivors once its session times out.
 *
 * <p>Before work for a camera commits (an alert stored), check {@link #owns(String, long)} with the epoch the work
 * started under: a node that stalled and was replaced must not store what it no longer owns.
 */
@ProviderType
public interface CameraAssignment {

    /** The cameras this node owns now, by id (an immutable snapshot). */
    Map<String, OwnedCamera> owned();

    /** Whether this node owns {@code cameraId} now under the same {@code epoch} (not lost and regained since). */
    boolean owns(String cameraId, long epoch);

    /**
     * Publishes a camera's configuration to the cluster (replacing any earlier one); one node will own it. Waits
     * until Kafka acknowledged the write on every in-sync replica.
     */
    void publish(String cameraId, String configuration) throws ClusterException;

    /** Removes a camera from the cluster (a tombstone on the camera topic); its owner stops it. */
    void withdraw(String cameraId) throws ClusterException;

    /**
     * Registers a listener, told at once of the current cameras and then of every change, until the returned
     * handle is closed.
     */
    AutoCloseable subscribe(CameraAssignmentListener listener);
}
