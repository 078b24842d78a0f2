package io.vigil.cluster.internal;

import io.vigil.api.cluster.CameraAssignment;
import io.vigil.api.cluster.CameraAssignmentListener;
import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.OwnedCamera;
import io.vigil.api.secret.SecretStore;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * This node's share of the cluster's cameras. Exists only with {@code conf/io.vigil.cluster.cfg}
 * (configuration required): without it a node connects to no Kafka and runs as a single node.
 */
// immediate: a member joins as soon as it is configured, not when a bundle first asks for its service
@Component(configurationPid = KafkaCameraAssignment.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = KafkaCameraAssignment.Config.class)
public class KafkaCameraAssignment implements CameraAssignment {

    static final String PID = "io.vigil.cluster";

    @ObjectClassDefinition(name = "Vigil cluster",
            description = "Makes this node a member of a Vigil cluster on Apache Kafka (conf/io.vigil.cluster.cfg).")
    public @interface Config {

        @AttributeDefinition(description = "Kafka's bootstrap servers, host:port,...")
        String bootstrap_servers() default "";

        @AttributeDefinition(description = "This node's name in the cluster: unique, 1-64 of A-Z a-z 0-9 . _ -")
        String node_id() default "";

        @AttributeDefinition(description = "Prefix of Vigil's topics and groups, so several systems can share a Kafka")
        String topic_prefix() default "vigil.";

        @AttributeDefinition(description = "Replicas of each topic Vigil creates (3 in production; min.insync.replicas is 2)")
        int replication_factor() default 3;

        @AttributeDefinition(description = "Partitions of the camera topic: the most nodes that can share the cameras")
        int camera_partitions() default 60;

        @AttributeDefinition(description = "How long a silent node keeps its cameras before the others take them (ms);"
                + " must lie within the brokers' group.consumer.min/max.session.timeout.ms")
        int failover_session_timeout_ms() default 20_000;

        @AttributeDefinition(description = "How often a node tells Kafka it is alive (ms); within the brokers'"
                + " group.consumer.min/max.heartbeat.interval.ms")
        int failover_heartbeat_interval_ms() default 2_000;

        @AttributeDefinition(description = "TLS to Kafka: the truststore with Kafka's CA (PKCS12 or JKS); empty for plain text")
        String tls_truststore_path() default "";

        @AttributeDefinition(description = "Secret store alias of the truststore's password")
        String tls_truststore_password_alias() default "";

        @AttributeDefinition(description = "This node's keystore, when the brokers ask for client certificates")
        String tls_keystore_path() default "";

        @AttributeDefinition(description = "Secret store alias of the keystore's password")
        String tls_keystore_password_alias() default "";

        @AttributeDefinition(description = "SASL/SCRAM-SHA-512 user; empty for none")
        String sasl_username() default "";

        @AttributeDefinition(description = "Secret store alias of the SASL user's password")
        String sasl_password_alias() default "";
    }

    /** Framework property the launcher sets: {@value #ONE_SHOT} for a container made for one command. */
    static final String MODE_PROPERTY = "vigil.mode";
    static final String ONE_SHOT = "one-shot";

    private final AssignmentMember member;

    @Activate
    public KafkaCameraAssignment(@Reference SecretStore secrets, @Reference(service = LoggerFactory.class) Logger log,
            Config config, BundleContext context) {
        ClusterOptions options = ClusterOptions.from(config);
        this.member = new AssignmentMember(new KafkaClientSettings(options, secrets::password), log::warn);
        if (ONE_SHOT.equals(context.getProperty(MODE_PROPERTY))) {
            // a container made for one command (vigil status, vigil alerts ...) runs no camera: joining the group
            // would take cameras from the running nodes for the seconds it lives
            log.info("cluster: one-shot container, not joining {}", options.assignmentGroup());
            return;
        }
        log.info("cluster: node {} joining {} at {} (failover within about {} s)", options.nodeId(),
                options.assignmentGroup(), options.bootstrapServers(), (options.failoverBoundMs() + 999) / 1000);
        member.start();
    }

    @Deactivate
    void deactivate() {
        member.close();
    }

    /** "member of ...", "waiting for Kafka ...", or "failed: ...". */
    String state() {
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
}
