package io.vigil.cluster.internal;

import java.util.regex.Pattern;

/**
 * A cluster member's settings ({@code conf/io.vigil.cluster.cfg}), checked: what is wrong is said in the
 * administrator's words before anything connects. Secrets appear only as aliases of the secret store.
 *
 * @param bootstrapServers  Kafka's {@code host:port,...}
 * @param nodeId            this node's name in the cluster (Kafka's client id; shown by vigil cluster status)
 * @param topicPrefix       prefix of every topic and group Vigil uses (several Vigil systems may share a Kafka)
 * @param replicationFactor replicas of each topic Vigil creates ({@code min.insync.replicas} is 2 when it is 3 or more)
 * @param cameraPartitions  partitions of the camera topic: the most nodes that can share the cameras
 * @param sessionTimeoutMs  how long a silent node keeps its cameras (the group's {@code consumer.session.timeout.ms})
 * @param heartbeatMs       how often a node tells Kafka it is alive (the group's {@code consumer.heartbeat.interval.ms})
 * @param tls               TLS to Kafka, or null for plain text
 * @param sasl              SASL/SCRAM login, or null for none
 */
public record ClusterOptions(String bootstrapServers, String nodeId, String topicPrefix, int replicationFactor,
        int cameraPartitions, int sessionTimeoutMs, int heartbeatMs, Tls tls, Sasl sasl) {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,100}");

    /** TLS: the truststore (PKCS12 or JKS) that holds Kafka's CA; a keystore when brokers ask for client certificates. */
    public record Tls(String truststorePath, String truststorePasswordAlias, String keystorePath,
            String keystorePasswordAlias) {
    }

    /** SASL/SCRAM-SHA-512: the user, and the alias of its password in the secret store. */
    public record Sasl(String username, String passwordAlias) {
    }

    public ClusterOptions {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers is not set: Kafka's host:port list");
        }
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node.id '" + nodeId + "' is not a node name (1-64 of A-Z a-z 0-9 . _ -)");
        }
        if (topicPrefix == null || !PREFIX.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException("topic.prefix '" + topicPrefix + "' has characters a Kafka topic cannot have");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication.factor must be 1 or more (3 for a production cluster)");
        }
        if (cameraPartitions < 1 || cameraPartitions > 10_000) {
            throw new IllegalArgumentException("camera.partitions must be 1 to 10000");
        }
        if (heartbeatMs < 1 || sessionTimeoutMs <= heartbeatMs) {
            throw new IllegalArgumentException("failover.session.timeout.ms (" + sessionTimeoutMs
                    + ") must be longer than failover.heartbeat.interval.ms (" + heartbeatMs + ")");
        }
    }

    static ClusterOptions from(KafkaCameraAssignment.Config c) {
        Tls tls = c.tls_truststore_path().isBlank() ? null : new Tls(c.tls_truststore_path(),
                c.tls_truststore_password_alias(), c.tls_keystore_path(), c.tls_keystore_password_alias());
        if (tls == null && !c.tls_keystore_path().isBlank()) {
            throw new IllegalArgumentException("tls.keystore.path is set without tls.truststore.path");
        }
        Sasl sasl = c.sasl_username().isBlank() ? null : new Sasl(c.sasl_username(), c.sasl_password_alias());
        if (sasl != null && sasl.passwordAlias().isBlank()) {
            throw new IllegalArgumentException("sasl.username is set without sasl.password.alias (the secret store alias of its password)");
        }
        return new ClusterOptions(c.bootstrap_servers().trim(), c.node_id().trim(), c.topic_prefix().trim(),
                c.replication_factor(), c.camera_partitions(), c.failover_session_timeout_ms(),
                c.failover_heartbeat_interval_ms(), tls, sasl);
    }

    /** The compacted topic of camera configurations, keyed by camera id. */
    public String cameraTopic() {
        return topicPrefix + "cameras";
    }

    /** The consumer group whose members share the cameras. */
    public String assignmentGroup() {
        return topicPrefix + "camera-assignment";
    }

    /**
     * How long a node keeps acting on its assignment without an answer from Kafka: one heartbeat less than the
     * session, so it stops before the group can hand its cameras to another node.
     */
    public long leaseMs() {
        return sessionTimeoutMs - (long) heartbeatMs;
    }

    /**
     * The failover bound this configuration gives: the dead node's session runs out, the group coordinator
     * reassigns at its next heartbeat of a survivor, who then reads the camera partition (well under a second).
     */
    public long failoverBoundMs() {
        return sessionTimeoutMs + 2L * heartbeatMs + 1000;
    }
}
