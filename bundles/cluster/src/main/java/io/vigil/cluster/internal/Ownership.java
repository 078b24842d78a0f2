package io.vigil.cluster.internal;

import io.vigil.api.cluster.OwnedCamera;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this node owns: the camera partitions Kafka assigned it (each with the member epoch of the assignment) and
 * the latest configuration of each camera read from them. Only the assignment thread changes it; readers get
 * immutable snapshots.
 */
final class Ownership {

    private final Map<Integer, Long> epochs = new HashMap<>();
    private final Map<Integer, Map<String, String>> cameras = new HashMap<>();
    private volatile Map<String, OwnedCamera> snapshot = Map.of();

    /** Partitions newly assigned under {@code epoch}: empty until their records are read. */
    void assigned(Collection<Integer> partitions, long epoch) {
        for (int p : partitions) {
            epochs.put(p, epoch);
            cameras.put(p, new HashMap<>());
        }
    }

    /** Partitions revoked or lost: their cameras are no longer this node's. Returns whether anything changed. */
    boolean removed(Collection<Integer> partitions) {
        for (int p : partitions) {
            epochs.remove(p);
            cameras.remove(p);
        }
        return refresh();
    }

    /** This node leaves the group: it owns nothing. Returns whether it owned anything. */
    boolean clear() {
        epochs.clear();
        cameras.clear();
        return refresh();
    }

    /** A record of an owned partition: a camera's configuration, or its removal (null, a tombstone). */
    void record(int partition, String cameraId, String configuration) {
        Map<String, String> of = cameras.get(partition);
        if (of == null || cameraId == null) {
            return;
        }
        if (configuration == null) {
            of.remove(cameraId);
        } else {
            of.put(cameraId, configuration);
        }
    }

    /** Rebuilds the snapshot; true when it differs from the previous one. */
    boolean refresh() {
        Map<String, OwnedCamera> now = new TreeMap<>();
        cameras.forEach((p, of) -> of.forEach((id, config) -> now.put(id, new OwnedCamera(id, epochs.get(p), config))));
        if (now.equals(snapshot)) {
            return false;
        }
        snapshot = Map.copyOf(now);
        return true;
    }

    Map<String, OwnedCamera> snapshot() {
        return snapshot;
    }

    boolean owns(String cameraId, long epoch) {
        OwnedCamera owned = snapshot.get(cameraId);
        return owned != null && owned.epoch() == epoch;
    }
}
