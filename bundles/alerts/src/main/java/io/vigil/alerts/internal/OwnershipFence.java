package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertFencedException;
import io.vigil.api.cluster.CameraAssignment;
import io.vigil.api.face.FaceObservation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.log.Logger;

/**
 * On a cluster member, the last check before an alert commits: the camera must still be this node's under the epoch
 * the work started under (the epoch its stream started under, carried from the frame by the observation). A node
 * that stalled and resumed, or was cut off, may have lost the camera to another node, which makes that camera's
 * alerts now: what this node still had in flight is refused, counted and logged once per camera and epoch, never
 * stored. Without a camera assignment (a single node, or the cluster configuration removed) everything passes.
 */
final class OwnershipFence {

    private final Logger logger;
    private volatile CameraAssignment assignment;
    private final LongAdder refused = new LongAdder();
    /** The epoch each camera was last refused under, so a stall is logged once, not once per face. */
    private final Map<String, Long> reported = new ConcurrentHashMap<>();

    OwnershipFence(Logger logger) {
        this.logger = logger;
    }

    void follow(CameraAssignment bound) {
        assignment = bound;
    }

    void leave(CameraAssignment unbound) {
        if (assignment == unbound) {
            assignment = null;
        }
    }

    /** @throws AlertFencedException the camera is not this node's under the observation's epoch: do not store */
    void check(FaceObservation observation) throws AlertFencedException {
        CameraAssignment a = assignment;
        if (a == null || a.owns(observation.cameraId(), observation.epoch())) {
            return;
        }
        refused.increment();
        Long before = reported.put(observation.cameraId(), observation.epoch());
        if (before == null || before != observation.epoch()) {
            logger.warn("Camera {} is no longer this node's under epoch {} (it stalled or was cut off, and the camera may"
                    + " run elsewhere): its recognitions made under that epoch are not stored", observation.cameraId(),
                    observation.epoch());
        }
        throw new AlertFencedException("camera " + observation.cameraId() + " is no longer this node's under epoch "
                + observation.epoch() + ": not stored");
    }

    /** Recognitions refused since start. */
    long refused() {
        return refused.sum();
    }
}
