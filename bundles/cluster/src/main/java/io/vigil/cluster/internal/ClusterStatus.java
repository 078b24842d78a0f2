package io.vigil.cluster.internal;

import java.util.List;

/**
 * The cluster as Kafka sees it: the members of the camera-assignment group, their cameras and how far each is
 * behind on the camera topic, and the owner of every camera.
 *
 * @param group      the camera-assignment group
 * @param groupState Kafka's state of the group (STABLE, RECONCILING, EMPTY, ...)
 * @param nodes      the live members, by node id
 * @param cameras    every camera on the camera topic, by id
 */
record ClusterStatus(String group, String groupState, List<Node> nodes, List<Camera> cameras) {

    /** A member: its node id, the host Kafka sees it from, its partitions and cameras, and its lag in records. */
    record Node(String node, String host, List<Integer> partitions, List<String> cameras, long lag) {
    }

    /** A camera, the partition its record is on, and the node that owns it (null while nobody does). */
    record Camera(String camera, int partition, String owner) {
    }
}
