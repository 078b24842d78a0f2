package io.vigil.api.cluster;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/** Told each time the set of cameras this node owns changes (or a configuration of one of them). */
@ConsumerType
@FunctionalInterface
public interface CameraAssignmentListener {

    /**
     * Called on the cluster's own thread, which also keeps this node's membership alive: return quickly (hand
     * the work to a thread of your own). Cameras missing from {@code owned} are no longer this node's: stop them.
     *
     * @param owned every camera this node owns now, by id
     */
    void assignmentChanged(Map<String, OwnedCamera> owned);
}
